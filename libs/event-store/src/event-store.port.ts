/**
 * The event store, as the service needs it. Two adapters implement it — the embedded SQLite file
 * and EventStoreDB — and one contract suite (test/contract) holds both to the same semantics.
 */

/** What a stream must look like for an append to go through (optimistic concurrency). */
export type ExpectedRevision =
  | 'any'
  /** the stream must not exist yet */
  | 'no_stream'
  /** the stream must exist, at whatever revision */
  | 'stream_exists'
  /** the stream's last event must have exactly this revision (revisions count from 0) */
  | bigint;

/** Who did it, when, and in answer to what. Every event carries it. */
export interface EventMetadata {
  /** Since the event-sourced directory: the person's id and the post they acted in that day. */
  actor: {
    userId: string;
    role: string;
    personId?: string;
    name?: string;
    post?: { kind: string; title: string; departmentId?: string; sectionIds?: string[] };
  };
  /** ISO-8601 instant, from the injected clock. */
  occurredAt: string;
  correlationId: string;
  causationId: string;
  schemaVersion: number;
  /** The reason a person gave, where one is part of the command (return, amend). */
  reason?: string;
  idempotencyKey?: string;
  [extra: string]: unknown;
}

export interface NewEvent {
  /** UUID; appending the same id again is a retry, not a new event. */
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/**
 * Opaque, increasing with every event in the store, with possible gaps. Keep it as a checkpoint;
 * never compute with it.
 */
export type Position = bigint;

export interface RecordedEvent extends NewEvent {
  streamId: string;
  /** 0 for a stream's first event. */
  revision: bigint;
  position: Position;
  /** When the store wrote it (ISO-8601). */
  recordedAt: string;
}

/**
 * What reading one stream found. A stream nothing was ever written to is an ordinary answer, not an
 * error: `exists` tells it apart from a stream read past its end (a `fromRevision` beyond the last).
 */
export interface StreamRead {
  exists: boolean;
  events: RecordedEvent[];
}

export interface AppendResult {
  /** The revision of the last event now in the stream. */
  nextExpectedRevision: bigint;
  position: Position;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: Direction;
  /** Inclusive. Default: the start (forwards) or the end (backwards). */
  fromRevision?: bigint;
  maxCount?: number;
}

export interface ReadAllOptions {
  direction?: Direction;
  /** Inclusive. Default: the start (forwards) or the end (backwards). */
  fromPosition?: Position;
  maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Exclusive: the first event delivered is the one after this position. Default: the start. */
  fromPosition?: Position;
  /** Awaited before the next event is delivered, so a slow handler slows delivery, never reorders it. */
  onEvent(event: RecordedEvent): Promise<void> | void;
  /** Called once history has been delivered and the subscription is live. */
  onCaughtUp?(): void;
  /** The subscription stopped because of this error (a handler error stops it too). */
  onError?(error: Error): void;
}

export interface StoreSubscription {
  stop(): Promise<void>;
}

export interface EventStore {
  append(
    streamId: string,
    events: NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;
  /** A stream never written (or deleted) reads as `{ exists: false, events: [] }`. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StreamRead>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * The events at these positions, in the order asked (a position asked twice answers twice). A
   * position no event has is an InvalidPosition, as for readAll: positions come from the store, so
   * one that names nothing is a caller's mistake, never an empty answer. For indexes that keep
   * positions and read the events themselves back (the audit trail).
   */
  readAt(positions: readonly Position[]): Promise<RecordedEvent[]>;
  /** History from the position, then live events; system events are never delivered. */
  subscribeToAll(options: SubscribeToAllOptions): StoreSubscription;
  /** Whether an append would be accepted now (disk space, last write); adapters that cannot tell leave it out. */
  writable?(): Promise<WriteHealth>;
  close(): Promise<void>;
}

export interface WriteHealth {
  writable: boolean;
  /** Why not, in words an operator can act on. */
  reason?: string;
}

/**
 * The store refused a write for a reason of its own, not the caller's: a full disk, an I/O error, a
 * read-only file, a lock held too long. The write was rolled back whole: nothing of it is stored.
 */
export class StoreCannotWrite extends Error {
  constructor(
    readonly reason: 'full' | 'io' | 'readonly' | 'busy',
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreCannotWrite';
  }
}

export const EVENT_STORE = Symbol('EventStore');

/** The expected revision did not hold: someone else wrote to the stream first. */
export class WrongExpectedVersion extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or 'no_stream'. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${streamId}: expected ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedVersion';
  }
}

/**
 * A read of `$all` from a position no event has. EventStoreDB answers INVALID_ARGUMENT for anything
 * but a position it handed out; the SQLite store holds itself to the same rule, so a caller that
 * passes a position along (an auditor's `from=`) learns the same thing on every store.
 */
export class InvalidPosition extends Error {
  constructor(readonly position: Position) {
    super(`${position} is not the position of an event`);
    this.name = 'InvalidPosition';
  }
}

/**
 * EventStoreDB refuses one append larger than this by default (MaxAppendSize, 1 MiB): every store
 * refuses it up front, so a write that works on the embedded default also works in production.
 */
export const MAX_APPEND_BYTES = 1_048_576;

export class AppendTooLarge extends Error {
  constructor(
    readonly streamId: string,
    readonly bytes: number,
  ) {
    super(
      `one write to ${streamId} would be ${bytes} bytes; ` +
        `the store takes at most ${MAX_APPEND_BYTES} bytes (1 MiB) at once`,
    );
    this.name = 'AppendTooLarge';
  }
}

/** What an append weighs as EventStoreDB counts it: data, metadata, type and id of each event. */
export function appendSize(events: readonly NewEvent[]): number {
  let bytes = 0;
  for (const e of events) bytes += encodedEventSize(e.type, JSON.stringify(e.data), JSON.stringify(e.metadata));
  return bytes;
}

/** An event's size from its type and its data and metadata already as JSON text. */
export function encodedEventSize(type: string, data: string, metadata: string): number {
  return Buffer.byteLength(data) + Buffer.byteLength(metadata) + Buffer.byteLength(type) + 16;
}

export function assertAppendFits(streamId: string, events: readonly NewEvent[]): void {
  assertAppendSize(streamId, appendSize(events));
}

export function assertAppendSize(streamId: string, bytes: number): void {
  if (bytes > MAX_APPEND_BYTES) throw new AppendTooLarge(streamId, bytes);
}

/** Streams and event types beginning with '$' belong to the store itself (EventStoreDB's convention). */
export function isSystemEvent(event: { streamId: string; type: string }): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

/**
 * Every event of the store from `from` (inclusive; default the start), in order, page by page,
 * system events left out. Each further page starts at the last position read (inclusive) and drops
 * it: positions are opaque, and EventStoreDB refuses a read of `$all` from anything but a position
 * it handed out (`position + 1` is not an event boundary).
 */
export async function* readAllForwards(
  store: EventStore,
  { pageSize = 1000, from }: { pageSize?: number; from?: Position } = {},
): AsyncGenerator<RecordedEvent> {
  let position = from;
  let skipFirst = false;
  for (;;) {
    const wanted = pageSize + (skipFirst ? 1 : 0);
    const page = await store.readAll({ fromPosition: position, maxCount: wanted });
    const fresh = skipFirst ? page.slice(1) : page;
    for (const event of fresh) if (!isSystemEvent(event)) yield event;
    if (fresh.length === 0 || page.length < wanted) return;
    position = page[page.length - 1].position;
    skipFirst = true;
  }
}

/**
 * Position of the newest event that is not the store's own (EventStoreDB writes `$epoch-information`
 * and others to `$all` at every start): what a follower that never sees system events can reach.
 */
export async function lastEventPosition(store: EventStore): Promise<Position | undefined> {
  let from: Position | undefined;
  for (let page = 10; ; page *= 4) {
    const events = await store.readAll({ direction: 'backwards', fromPosition: from, maxCount: page });
    const found = events.find((e) => !isSystemEvent(e));
    if (found) return found.position;
    if (events.length < page) return undefined;
    from = events[events.length - 1].position;
  }
}
