/**
 * The production event store: EventStoreDB / KurrentDB through `@eventstore/db-client` 6.x.
 * Positions are the commit positions of `$all` (opaque, increasing, with gaps); revisions are the
 * server's own stream revisions.
 */
import {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type RecordedEvent as ClientRecordedEvent,
  type ResolvedEvent,
  type Position as ClientPosition,
} from '@eventstore/db-client';
import {
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  isSystemEvent,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreSubscription,
  StreamRead,
  SubscribeToAllOptions,
  WrongExpectedVersion,
} from './event-store.port';

export interface EsdbEventStoreOptions {
  /** First wait before resubscribing after a drop; doubles on each failed attempt. */
  resubscribeMinDelayMs?: number;
  resubscribeMaxDelayMs?: number;
}

export class EsdbEventStore implements EventStore {
  private readonly resubscribeMinDelayMs: number;
  private readonly resubscribeMaxDelayMs: number;
  private readonly subscriptions = new Set<StoreSubscription>();

  constructor(
    private readonly client: EventStoreDBClient,
    options: EsdbEventStoreOptions = {},
  ) {
    this.resubscribeMinDelayMs = options.resubscribeMinDelayMs ?? 100;
    this.resubscribeMaxDelayMs = options.resubscribeMaxDelayMs ?? 5_000;
  }

  /** e.g. `esdb://127.0.0.1:2113?tls=false`, or `esdb+discover://…` for a cluster. */
  static connect(connectionString: string, options?: EsdbEventStoreOptions): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  async append(
    streamId: string,
    events: NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    try {
      // Retrying is safe: the same event ids at the same expected revision are written once.
      const result = await whenReachable(() =>
        this.client.appendToStream(
          streamId,
          events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
          { expectedRevision: toClientRevision(expected) },
        ),
      );
      return { nextExpectedRevision: result.nextExpectedRevision, position: result.position?.commit ?? 0n };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new WrongExpectedVersion(streamId, expected, error.actualVersion === 'no_stream' ? 'no_stream' : BigInt(error.actualVersion));
      }
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StreamRead> {
    const backwards = options.direction === 'backwards';
    const read = () =>
      this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision ?? (backwards ? END : START),
        maxCount: options.maxCount,
      });
    try {
      return { exists: true, events: await whenReachable(() => collect(read())) };
    } catch (error) {
      // A tombstoned stream has no events a caller could read either.
      if (error instanceof StreamNotFoundError || error instanceof StreamDeletedError) return { exists: false, events: [] };
      throw error;
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const { fromPosition, maxCount } = options;
    if (options.direction !== 'backwards') {
      return whenReachable(() =>
        collect(this.client.readAll({ direction: FORWARDS, fromPosition: fromPosition === undefined ? START : at(fromPosition), maxCount })),
      );
    }
    if (fromPosition === undefined) return whenReachable(() => collect(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount })));
    // The server reads $all backwards from *before* the given position; the port promises the
    // event at that position too. Positions admit no arithmetic, so fetch that event separately.
    const [atPosition] = await collect(this.client.readAll({ direction: FORWARDS, fromPosition: at(fromPosition), maxCount: 1 }));
    const first = atPosition?.position === fromPosition ? [atPosition] : [];
    const remaining = (maxCount ?? Number.MAX_SAFE_INTEGER) - first.length;
    if (remaining <= 0) return first;
    const before = await collect(this.client.readAll({ direction: BACKWARDS, fromPosition: at(fromPosition), maxCount: remaining }));
    return [...first, ...before];
  }

  subscribeToAll(options: SubscribeToAllOptions): StoreSubscription {
    const catchUp = new CatchUpToAll(this.client, options, {
      minDelayMs: this.resubscribeMinDelayMs,
      maxDelayMs: this.resubscribeMaxDelayMs,
    });
    const subscription: StoreSubscription = {
      stop: async () => {
        this.subscriptions.delete(subscription);
        await catchUp.stop();
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }
}

/**
 * A catch-up subscription to `$all` that survives a dropped connection: the 6.x client ends or
 * errors the subscription and never resubscribes, so this resubscribes from the last position it
 * saw, waiting longer after each failed attempt.
 */
class CatchUpToAll {
  private stopped = false;
  private current?: AllStreamSubscription;
  private wake?: () => void;
  private readonly done: Promise<void>;
  private checkpoint?: Position;
  private caughtUpReported = false;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeToAllOptions,
    private readonly backoff: { minDelayMs: number; maxDelayMs: number },
  ) {
    this.checkpoint = options.fromPosition;
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.current?.unsubscribe().catch(() => undefined);
    await this.done;
  }

  private async run(): Promise<void> {
    let failedAttempts = 0;
    while (!this.stopped) {
      try {
        const progressed = await this.follow();
        if (progressed) failedAttempts = 0;
      } catch (error) {
        if (error instanceof HandlerFailed) {
          if (!this.stopped) this.options.onError?.(error.cause as Error);
          await this.current?.unsubscribe().catch(() => undefined);
          return;
        }
        failedAttempts += 1;
      }
      if (this.stopped) return;
      const delay = Math.min(this.backoff.maxDelayMs, this.backoff.minDelayMs * 2 ** Math.max(0, failedAttempts - 1));
      await this.pause(delay);
    }
  }

  /** Follows one server subscription until it drops; resolves true if it delivered anything. */
  private async follow(): Promise<boolean> {
    const subscription = this.client.subscribeToAll({
      fromPosition: this.checkpoint === undefined ? START : at(this.checkpoint),
      filter: excludeSystemEvents(),
    });
    this.current = subscription;
    let progressed = false;
    subscription.on('confirmation', () => {
      progressed = true;
    });
    for await (const item of inOrder(subscription, () => this.stopped, (wake) => (this.wake = wake))) {
      if (this.stopped) break;
      progressed = true;
      if (item === CAUGHT_UP) {
        if (!this.caughtUpReported) {
          this.caughtUpReported = true;
          this.options.onCaughtUp?.();
        }
        continue;
      }
      if (!item.event) continue;
      const event = toRecorded(item.event);
      if (!isSystemEvent(event)) {
        try {
          await this.options.onEvent(event);
        } catch (error) {
          throw new HandlerFailed(error);
        }
      }
      this.checkpoint = event.position;
    }
    return progressed;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

class HandlerFailed extends Error {
  constructor(cause: unknown) {
    super('subscription handler failed', { cause });
  }
}

const CAUGHT_UP = Symbol('caught up');

/**
 * The client emits `caughtUp` as soon as the server says so, while events before it may still sit
 * unread in the subscription's buffer. Reading the buffer by hand puts the marker back in its
 * place, so "caught up" is reported only after the history before it has been handled.
 */
async function* inOrder(
  subscription: AllStreamSubscription,
  stopped: () => boolean,
  setWake: (wake: () => void) => void,
): AsyncGenerator<AllStreamResolvedEvent | typeof CAUGHT_UP> {
  let taken = 0;
  const caughtUpAfter: number[] = [];
  let failure: Error | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = () => wake?.();
  subscription.on('caughtUp', () => {
    caughtUpAfter.push(taken + subscription.readableLength);
    notify();
  });
  subscription.on('readable', notify);
  subscription.on('end', () => {
    ended = true;
    notify();
  });
  subscription.on('close', () => {
    ended = true;
    notify();
  });
  subscription.on('error', (error: Error) => {
    failure = error;
    notify();
  });
  while (!stopped()) {
    if (caughtUpAfter[0] === taken) {
      caughtUpAfter.shift();
      yield CAUGHT_UP;
      continue;
    }
    const resolved = subscription.read() as AllStreamResolvedEvent | null;
    if (resolved !== null) {
      taken += 1;
      yield resolved;
      continue;
    }
    if (failure) throw failure;
    if (ended) throw new Error('subscription ended by the server');
    await new Promise<void>((resolve) => {
      wake = resolve;
      setWake(resolve);
    });
    wake = undefined;
  }
}

function toClientRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

/**
 * The server takes a (commit, prepare) pair but the port keeps one number: the commit position,
 * which is what orders `$all`. Sending it as both halves is how the gRPC clients' own docs resume.
 */
function at(position: Position): ClientPosition {
  return { commit: position, prepare: position };
}

/**
 * After a node restarts, the client's first call on its old channel fails with UNAVAILABLE, and
 * only that failure makes the client open a new channel. A few quick retries hide the blip from
 * callers; a server that stays down still surfaces as UnavailableError.
 */
async function whenReachable<T>(call: () => Promise<T>, delaysMs = [50, 200, 800]): Promise<T> {
  for (const delay of delaysMs) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof UnavailableError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  return call();
}

async function collect(read: AsyncIterable<ResolvedEvent | AllStreamResolvedEvent>): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const resolved of read) if (resolved.event) events.push(toRecorded(resolved.event));
  return events;
}

function toRecorded(event: ClientRecordedEvent): RecordedEvent {
  return {
    id: event.id,
    streamId: event.streamId,
    revision: event.revision,
    // Every server this adapter supports sends positions on stream reads too.
    position: event.position?.commit ?? -1n,
    type: event.type,
    data: event.isJson ? (event.data as Record<string, unknown>) : { raw: Buffer.from(event.data as Uint8Array).toString('base64') },
    metadata: (event.metadata ?? {}) as EventMetadata,
    recordedAt: event.created.toISOString(),
  };
}
