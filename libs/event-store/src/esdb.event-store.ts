/**
 * The production event store: EventStoreDB / KurrentDB through `@eventstore/db-client` 6.x.
 * Positions are the commit positions of `$all` (opaque, increasing, with gaps); revisions are the
 * server's own stream revisions.
 *
 * Needs EventStoreDB 23.10 or later (KurrentDB 24.x and 25.x included): older servers never send
 * `caught_up` to a catch-up subscription, so a projector would wait for it forever. The version the
 * server states through ServerFeatures is checked before the first call, and an older server (or
 * one too old to state it, before 21.10) is refused with UnsupportedServer.
 */
import {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  ANY,
  BACKWARDS,
  CancelledError,
  DeadlineExceededError,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  NotLeaderError,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamDeletedError,
  TimeoutError,
  StreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type RecordedEvent as ClientRecordedEvent,
  type ResolvedEvent,
  type Position as ClientPosition,
} from '@eventstore/db-client';
import {
  AppendResult,
  assertAppendFits,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  InvalidPosition,
  isSystemEvent,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreCannotWrite,
  StoreSubscription,
  WriteHealth,
  StreamRead,
  SubscribeToAllOptions,
  WrongExpectedVersion,
} from './event-store.port';

export interface EsdbEventStoreOptions {
  /** First wait before resubscribing after a drop; doubles on each failed attempt. */
  resubscribeMinDelayMs?: number;
  resubscribeMaxDelayMs?: number;
  /** Where a dropped subscription's error and the wait before the next attempt are reported. */
  logger?: { log(message: string): void; error(message: string): void };
}

/** The oldest server that sends `caught_up` to catch-up subscriptions. */
export const MINIMUM_SERVER_VERSION = '23.10';

export class UnsupportedServer extends Error {
  constructor(readonly serverVersion: string) {
    super(
      serverVersion === 'unknown'
        ? 'the EventStoreDB server does not state its version (servers before 21.10 do not); ' +
            `this service needs ${MINIMUM_SERVER_VERSION} or later`
        : `the EventStoreDB server is version ${serverVersion}; ` +
            `this service needs ${MINIMUM_SERVER_VERSION} or later (older servers never say a subscription caught up)`,
    );
    this.name = 'UnsupportedServer';
  }
}

/** The client's URI schemes; `kurrentdb://` arrived with @kurrent/kurrentdb-client, which this adapter does not use. */
export const SUPPORTED_CONNECTION_STRING = /^esdb(\+discover)?:\/\//;

export function isSupportedServerVersion(version: string): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  const [minMajor, minMinor] = MINIMUM_SERVER_VERSION.split('.').map(Number);
  return major > minMajor || (major === minMajor && minor >= minMinor);
}

interface ServerFeaturesLike {
  serverVersion: string;
}

const consoleLogger = { log: (m: string) => console.log(m), error: (m: string) => console.error(m) };

export class EsdbEventStore implements EventStore {
  private readonly resubscribeMinDelayMs: number;
  private readonly resubscribeMaxDelayMs: number;
  private readonly subscriptions = new Set<StoreSubscription>();
  private readonly logger: { log(message: string): void; error(message: string): void };
  /** Server feature sets (one per channel the client opened) whose version was checked. */
  private readonly checked = new WeakSet<object>();

  constructor(
    private readonly client: EventStoreDBClient,
    options: EsdbEventStoreOptions = {},
  ) {
    this.resubscribeMinDelayMs = options.resubscribeMinDelayMs ?? 100;
    this.resubscribeMaxDelayMs = options.resubscribeMaxDelayMs ?? 5_000;
    this.logger = options.logger ?? consoleLogger;
  }

  /**
   * e.g. `esdb://127.0.0.1:2113?tls=false`, or `esdb+discover://…` for a cluster. The server's
   * version is checked before the first call; `open` checks it at once.
   */
  static connect(connectionString: string, options?: EsdbEventStoreOptions): EsdbEventStore {
    if (!SUPPORTED_CONNECTION_STRING.test(connectionString))
      throw new Error(
        'the EventStoreDB connection string must start with esdb:// or esdb+discover:// ' +
          '(@eventstore/db-client 6 knows no other scheme)',
      );
    return new EsdbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  /**
   * Connects and checks the server's version, refusing a server older than MINIMUM_SERVER_VERSION.
   * A server that cannot be reached yet is not refused: the service starts (its /health says the
   * store is down) and the version is checked before the first call that reaches it.
   */
  static async open(connectionString: string, options?: EsdbEventStoreOptions): Promise<EsdbEventStore> {
    const store = EsdbEventStore.connect(connectionString, options);
    try {
      await whenReachable(() => store.supported());
    } catch (error) {
      if (error instanceof UnavailableError) {
        store.logger.error(`EventStoreDB is not reachable yet (${error.message}); its version is checked once it is`);
        return store;
      }
      await store.client.dispose();
      throw error;
    }
    return store;
  }

  /**
   * Refuses a server too old for this adapter. The client fetches ServerFeatures once per channel
   * (again after a reconnect, say to a new leader); each answer is checked once.
   */
  async supported(): Promise<void> {
    // `capabilities` is the client's own cached ServerFeatures call (protected in its typings).
    const features = await (this.client as unknown as { capabilities: Promise<ServerFeaturesLike> }).capabilities.catch(
      (error: Error & { code?: number }) => {
        // The features call rejects with the raw gRPC error; the client drops the broken channel
        // (and the cached answer) by itself, so an unreachable server is worth another try.
        throw error.code === GRPC_UNAVAILABLE ? new UnavailableError(error as never) : error;
      },
    );
    if (this.checked.has(features)) return;
    if (!isSupportedServerVersion(features.serverVersion)) throw new UnsupportedServer(features.serverVersion);
    this.checked.add(features);
  }

  async append(
    streamId: string,
    events: NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    assertAppendFits(streamId, events);
    try {
      // Retrying is safe at an exact expected revision: the server finds the ids below its current
      // revision. With `any` it relies on a bounded cache a restart empties, which is why system
      // writes (ReminderSent) expect an exact revision. Appends go to the leader: a follower would
      // answer from a stale copy.
      const result = await whenReachable(async () => {
        await this.supported();
        return this.client.appendToStream(
          streamId,
          events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
          { expectedRevision: toClientRevision(expected), requiresLeader: true },
        );
      });
      return { nextExpectedRevision: result.nextExpectedRevision, position: result.position?.commit ?? 0n };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        throw new WrongExpectedVersion(
          streamId,
          expected,
          error.actualVersion === 'no_stream' ? 'no_stream' : BigInt(error.actualVersion),
        );
      }
      throw asStoreUnavailable(error);
    }
  }

  /**
   * /health's write probe: an append of no events, which only the leader takes (`requiresLeader`) and
   * which writes nothing. Reads that work say nothing about writes: a cluster without a leader, or too
   * busy to take an append, still serves them. Asked once, without the retries a command gets.
   */
  async writable(): Promise<WriteHealth> {
    try {
      await this.supported();
      await this.client.appendToStream(WRITE_PROBE_STREAM, [], { expectedRevision: ANY, requiresLeader: true });
      return { writable: true };
    } catch (error) {
      const refused = asStoreUnavailable(error);
      return { writable: false, reason: refused instanceof Error ? refused.message : String(refused) };
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StreamRead> {
    const backwards = options.direction === 'backwards';
    // Commands decide on what they read: the leader's copy, never a follower's that may lag behind
    // (a stale revision would turn into a spurious 409, or worse, a decision on old state).
    const read = () =>
      this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision ?? (backwards ? END : START),
        maxCount: options.maxCount,
        requiresLeader: true,
      });
    try {
      return {
        exists: true,
        events: await whenReachable(async () => {
          await this.supported();
          return collect(read());
        }),
      };
    } catch (error) {
      // A tombstoned stream has no events a caller could read either.
      if (error instanceof StreamNotFoundError || error instanceof StreamDeletedError)
        return { exists: false, events: [] };
      throw asStoreUnavailable(error);
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    try {
      await whenReachable(() => this.supported());
      return await this.readAllUnchecked(options);
    } catch (error) {
      // The server refuses a position that is not an event boundary with INVALID_ARGUMENT.
      if (
        options.fromPosition !== undefined &&
        error instanceof UnknownError &&
        Number(error.code) === GRPC_INVALID_ARGUMENT
      )
        throw new InvalidPosition(options.fromPosition);
      throw asStoreUnavailable(error);
    }
  }

  private async readAllUnchecked(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const { fromPosition, maxCount } = options;
    if (options.direction !== 'backwards') {
      return whenReachable(() =>
        collect(
          this.client.readAll({
            direction: FORWARDS,
            fromPosition: fromPosition === undefined ? START : at(fromPosition),
            maxCount,
          }),
        ),
      );
    }
    if (fromPosition === undefined)
      return whenReachable(() => collect(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount })));
    // The server reads $all backwards from *before* the given position; the port promises the
    // event at that position too. Positions admit no arithmetic, so fetch that event separately.
    const [atPosition] = await collect(
      this.client.readAll({ direction: FORWARDS, fromPosition: at(fromPosition), maxCount: 1 }),
    );
    const first = atPosition?.position === fromPosition ? [atPosition] : [];
    const remaining = (maxCount ?? Number.MAX_SAFE_INTEGER) - first.length;
    if (remaining <= 0) return first;
    const before = await collect(
      this.client.readAll({ direction: BACKWARDS, fromPosition: at(fromPosition), maxCount: remaining }),
    );
    return [...first, ...before];
  }

  /**
   * One forward read of `$all` per position, a bounded number at a time: the server has no read of
   * several positions at once, and reading by stream and revision would need both kept.
   */
  async readAt(positions: readonly Position[]): Promise<RecordedEvent[]> {
    const found: RecordedEvent[] = [];
    for (let i = 0; i < positions.length; i += READ_AT_CONCURRENCY) {
      const slice = positions.slice(i, i + READ_AT_CONCURRENCY);
      const reads = await Promise.all(slice.map((position) => this.readAll({ fromPosition: position, maxCount: 1 })));
      reads.forEach(([event], j) => {
        if (event?.position !== slice[j]) throw new InvalidPosition(slice[j]);
        found.push(event);
      });
    }
    return found;
  }

  subscribeToAll(options: SubscribeToAllOptions): StoreSubscription {
    const catchUp = new CatchUpToAll(
      this.client,
      options,
      { minDelayMs: this.resubscribeMinDelayMs, maxDelayMs: this.resubscribeMaxDelayMs },
      this.logger,
      () => this.supported(),
    );
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
    private readonly logger: { log(message: string): void; error(message: string): void },
    private readonly supported: () => Promise<void>,
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
      let failure: unknown;
      try {
        await this.supported();
        const progressed = await this.follow();
        if (progressed) failedAttempts = 0;
      } catch (error) {
        if (error instanceof HandlerFailed || error instanceof UnsupportedServer) {
          const cause = error instanceof HandlerFailed ? (error.cause as Error) : error;
          if (!this.stopped) this.options.onError?.(cause);
          await this.current?.unsubscribe().catch(() => undefined);
          return;
        }
        failure = error;
        failedAttempts += 1;
      }
      if (this.stopped) return;
      const delay = Math.min(this.backoff.maxDelayMs, this.backoff.minDelayMs * 2 ** Math.max(0, failedAttempts - 1));
      // Every drop is told, with the wait before the next attempt: no silent retry loop.
      const reason = failure instanceof Error ? failure.message : 'the server ended the subscription';
      this.logger.error(
        `subscription to $all dropped: ${reason}; ` +
          `resubscribing after the last event handled in ${delay} ms (attempt ${failedAttempts + 1})`,
      );
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
    // Progress is an event or a catch-up delivered: a server that confirms and then drops at once
    // is failing, and must see the wait grow.
    let progressed = false;
    for await (const item of inOrder(
      subscription,
      () => this.stopped,
      (wake) => (this.wake = wake),
    )) {
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

const GRPC_INVALID_ARGUMENT = 3;
/** Reads of single positions in flight at once (an audit page asks for up to a few hundred). */
const READ_AT_CONCURRENCY = 32;
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;
/** Never holds an event: the probe appends none. */
const WRITE_PROBE_STREAM = 'goal-sheet-write-probe';

/**
 * The server takes a (commit, prepare) pair but the port keeps one number: the commit position,
 * which is what orders `$all`. Sending it as both halves is how the gRPC clients' own docs resume.
 */
function at(position: Position): ClientPosition {
  return { commit: position, prepare: position };
}

/**
 * After a node restarts, the client's first call on its old channel fails with UNAVAILABLE, and
 * only that failure makes the client open a new channel; an append on the BatchAppend stream of the
 * old channel fails with CANCELLED instead. A few quick retries hide the blip from callers; a server
 * that stays down still surfaces as UnavailableError. Retrying an append whose answer was lost is
 * safe at an exact expected revision (the server compares the ids below its current revision); with
 * `any` it relies on the server's id cache, which a restart empties — so every append the service
 * makes expects an exact revision (the hash chain pins one).
 */
async function whenReachable<T>(call: () => Promise<T>, delaysMs = [50, 200, 800]): Promise<T> {
  for (const delay of delaysMs) {
    try {
      return await call();
    } catch (error) {
      if (!retriable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  return call();
}

/**
 * What a cluster answers for a while and then no more, worth another try after a pause:
 * - unavailable, or cancelled on a channel the client is replacing (a node restarted);
 * - NotLeader after a leader election: the client has already pointed its next channel at the
 *   leader the error names, so the retry goes there;
 * - "Server Is Too Busy" / "Server Is Not Ready", which BatchAppend reports in a status the 6.x
 *   client does not recognise (UnknownError "Could not recognize …").
 */
function retriable(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError ||
    (error instanceof UnknownError && BUSY.test(error.message))
  );
}

const BUSY = /Server Is (Too )?Busy|Server Is Not Ready|Not Ready/i;

/**
 * After the retries, what is the cluster's state and not the request's answers 503 with Retry-After
 * (StoreCannotWrite 'busy', as SQLite's locked file does): still unavailable, no leader, too busy,
 * too slow (deadline exceeded), or a commit the cluster did not confirm in time. Nothing is written
 * by an append that fails so: retried later at the same expected revision, it writes once.
 */
function asStoreUnavailable(error: unknown): unknown {
  const grpcCode = Number((error as { code?: unknown }).code);
  const unavailable =
    retriable(error) ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    (error instanceof UnknownError && grpcCode === GRPC_DEADLINE_EXCEEDED);
  if (!unavailable) return error;
  const what =
    error instanceof NotLeaderError
      ? 'no leader answered'
      : error instanceof DeadlineExceededError || error instanceof TimeoutError
        ? 'the cluster did not answer or commit in time'
        : 'the cluster is unavailable or busy';
  return new StoreCannotWrite('busy', 'ESDB_UNAVAILABLE', `EventStoreDB: ${what} (${(error as Error).message})`);
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
    data: event.isJson ? (event.data as Record<string, unknown>) : { raw: Buffer.from(event.data).toString('base64') },
    metadata: (event.metadata ?? {}) as EventMetadata,
    recordedAt: event.created.toISOString(),
  };
}
