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
  actor: { userId: string; role: string };
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
  append(streamId: string, events: NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;
  /** Throws StreamNotFound when the stream has no events. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
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

export class StreamNotFound extends Error {
  constructor(readonly streamId: string) {
    super(`stream ${streamId} not found`);
    this.name = 'StreamNotFound';
  }
}

/** Streams and event types beginning with '$' belong to the store itself (EventStoreDB's convention). */
export function isSystemEvent(event: { streamId: string; type: string }): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}
