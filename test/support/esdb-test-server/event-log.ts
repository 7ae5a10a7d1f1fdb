/**
 * The storage side of the EventStoreDB test double: one transaction log with positions, streams
 * with revisions, metadata streams, soft delete and tombstones. It knows nothing of gRPC, and it
 * outlives the gRPC server, so a restarted server serves the same data.
 */
import { EventEmitter } from 'node:events';

export type Expectation =
  | { kind: 'any' }
  | { kind: 'no_stream' }
  | { kind: 'stream_exists' }
  | { kind: 'revision'; revision: bigint };

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

export interface LoggedEvent extends ProposedEvent {
  streamId: string;
  revision: bigint;
  /** Commit and prepare position: equal, as for any write that is not an explicit transaction. */
  position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends in the `created` metadata. */
  created: bigint;
}

export type AppendOutcome =
  | { kind: 'success'; currentRevision: bigint | 'no_stream'; position?: bigint }
  | { kind: 'wrong_expected_version'; current: bigint | 'no_stream'; expected: Expectation }
  | { kind: 'stream_deleted' };

/** The event number ESDB uses for "deleted": `$tb` of a soft-deleted stream, revision of `$streamDeleted`. */
export const DELETED_STREAM = 9_223_372_036_854_775_807n;

interface StreamState {
  events: LoggedEvent[];
  tombstoned: boolean;
}

export interface EventLogOptions {
  /**
   * How many recently written event ids the server remembers for `any` / `stream_exists` appends
   * (a bounded in-memory cache, emptied by a restart, as EventStoreDB's is).
   */
  idCacheSize?: number;
}

export class EventLog {
  private readonly all: LoggedEvent[] = [];
  private readonly streams = new Map<string, StreamState>();
  private readonly positions = new Set<bigint>();
  /** Real positions are byte offsets in the transaction file: increasing, never 0, 1, 2 … */
  private nextPosition = 1_536n;
  private epoch = 0;
  /** Recently written event ids and where they went, oldest first. */
  private readonly recentIds = new Map<string, { streamId: string; revision: bigint }>();
  private readonly idCacheSize: number;
  readonly appended = new EventEmitter();

  constructor(options: EventLogOptions = {}) {
    this.appended.setMaxListeners(0);
    this.idCacheSize = options.idCacheSize ?? 1000;
  }

  /**
   * What a node does as it starts (also after a crash or a leader election): it writes
   * `$epoch-information` to `$all`, and its cache of recent event ids starts empty.
   */
  startEpoch(): void {
    this.recentIds.clear();
    this.write('$epoch-information', [json('$epoch-information', { epochNumber: this.epoch++ })]);
  }

  /** A position a read of `$all` may start from: one the server handed out, or the start or end of the log. */
  isBoundary(position: bigint): boolean {
    return position === 0n || position === this.nextPosition || this.positions.has(position);
  }

  get events(): readonly LoggedEvent[] {
    return this.all;
  }

  /** The highest revision written to the stream (also when soft-deleted), or 'no_stream'. */
  lastRevision(streamId: string): bigint | 'no_stream' {
    const stream = this.streams.get(streamId);
    const last = stream?.events[stream.events.length - 1];
    return last ? last.revision : 'no_stream';
  }

  isTombstoned(streamId: string): boolean {
    return this.streams.get(streamId)?.tombstoned ?? false;
  }

  append(streamId: string, expected: Expectation, proposed: ProposedEvent[]): AppendOutcome {
    if (this.isTombstoned(streamId)) return { kind: 'stream_deleted' };
    const last = this.lastRevision(streamId);
    const softDeleted = this.isSoftDeleted(streamId);

    const retried = this.retriedAppend(streamId, expected, proposed);
    if (retried) return retried;

    // A soft-deleted stream counts as absent for no_stream, and can be continued from its last revision.
    const current = softDeleted ? 'no_stream' : last;
    const holds =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current === 'no_stream') ||
      (expected.kind === 'stream_exists' && current !== 'no_stream') ||
      (expected.kind === 'revision' && last === expected.revision);
    if (!holds) return { kind: 'wrong_expected_version', current, expected };
    if (proposed.length === 0) return { kind: 'success', currentRevision: last };

    if (softDeleted) {
      // ESDB "undeletes" by truncating before the first new event, so only new events are readable.
      const firstNew = last === 'no_stream' ? 0n : last + 1n;
      this.write(metastreamOf(streamId), [json('$metadata', { ...this.streamMetadata(streamId), $tb: Number(firstNew) })]);
    }
    const written = this.write(streamId, proposed);
    const lastWritten = written[written.length - 1];
    return { kind: 'success', currentRevision: lastWritten.revision, position: lastWritten.position };
  }

  /**
   * EventStoreDB's idempotent write check, as its source has it (KurrentDB 24.10, the index
   * writer's commit check):
   * - an exact expected revision (or no_stream, i.e. -1) *below* the stream's current revision: the
   *   events after it are compared with the proposed ids — all the same answers as the first write
   *   did, any other answers wrong expected version;
   * - an expected revision *equal* to the current one: written, ids not looked at (a retry at the
   *   revision just re-read is a new write);
   * - `any` / `stream_exists`: only the bounded cache of recent ids is asked, and a restart empties it.
   */
  private retriedAppend(streamId: string, expected: Expectation, proposed: ProposedEvent[]): AppendOutcome | undefined {
    const stream = this.streams.get(streamId);
    if (!stream || proposed.length === 0) return undefined;
    const current = this.lastRevision(streamId);
    // A soft-deleted stream is written again from scratch (see append).
    if (current === 'no_stream' || this.isSoftDeleted(streamId)) return undefined;
    if (expected.kind === 'revision' || expected.kind === 'no_stream') {
      const after = expected.kind === 'revision' ? expected.revision : -1n;
      if (after >= current) return undefined;
      const firstIndex = stream.events.findIndex((e) => e.revision === after + 1n);
      const same = proposed.every((p, i) => stream.events[firstIndex + i]?.id === p.id);
      if (!same) return { kind: 'wrong_expected_version', current, expected };
      const last = stream.events[firstIndex + proposed.length - 1];
      return { kind: 'success', currentRevision: last.revision, position: last.position };
    }
    const cached = proposed.map((p) => this.recentIds.get(p.id));
    const consecutive = cached.every(
      (c, i) => c?.streamId === streamId && c.revision === cached[0]!.revision + BigInt(i),
    );
    if (!consecutive) return undefined;
    const last = stream.events.find((e) => e.revision === cached[cached.length - 1]!.revision)!;
    return { kind: 'success', currentRevision: last.revision, position: last.position };
  }

  /** Soft delete: the events stay in `$all` but the stream reads as absent until written again. */
  softDelete(streamId: string, expected: Expectation): AppendOutcome {
    const check = this.checkDelete(streamId, expected);
    if (check) return check;
    const [metadata] = this.write(metastreamOf(streamId), [
      json('$metadata', { ...this.streamMetadata(streamId), $tb: DELETED_STREAM.toString() }),
    ]);
    return { kind: 'success', currentRevision: this.lastRevision(streamId), position: metadata.position };
  }

  /** Hard delete: the stream can never be read or written again. */
  tombstone(streamId: string, expected: Expectation): AppendOutcome {
    const check = this.checkDelete(streamId, expected);
    if (check) return check;
    const stream = this.stream(streamId);
    stream.tombstoned = true;
    const marker = this.logged(streamId, DELETED_STREAM, json('$streamDeleted', {}));
    stream.events.push(marker);
    this.all.push(marker);
    this.appended.emit('append');
    return { kind: 'success', currentRevision: DELETED_STREAM, position: marker.position };
  }

  private checkDelete(streamId: string, expected: Expectation): AppendOutcome | undefined {
    if (this.isTombstoned(streamId)) return { kind: 'stream_deleted' };
    const current = this.lastRevision(streamId);
    const holds =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current === 'no_stream') ||
      (expected.kind === 'stream_exists' && current !== 'no_stream') ||
      (expected.kind === 'revision' && current === expected.revision);
    return holds ? undefined : { kind: 'wrong_expected_version', current, expected };
  }

  /** The events a reader may see: after `$tb` of the stream's metadata, or none at all. */
  readable(streamId: string): LoggedEvent[] | 'not_found' | 'deleted' {
    if (this.isTombstoned(streamId)) return 'deleted';
    const stream = this.streams.get(streamId);
    if (!stream || stream.events.length === 0) return 'not_found';
    const truncateBefore = this.truncateBefore(streamId);
    const visible = stream.events.filter((e) => e.revision >= truncateBefore);
    if (visible.length === 0 && truncateBefore === DELETED_STREAM) return 'not_found';
    return visible;
  }

  private isSoftDeleted(streamId: string): boolean {
    return this.truncateBefore(streamId) === DELETED_STREAM;
  }

  private truncateBefore(streamId: string): bigint {
    const tb = this.streamMetadata(streamId).$tb;
    return tb === undefined ? 0n : BigInt(tb as string | number);
  }

  private streamMetadata(streamId: string): Record<string, unknown> {
    if (streamId.startsWith('$$')) return {};
    const meta = this.streams.get(metastreamOf(streamId))?.events;
    const latest = meta?.[meta.length - 1];
    if (!latest) return {};
    try {
      return JSON.parse(Buffer.from(latest.data).toString('utf8')) as Record<string, unknown>;
    } catch {
      return {};
    }
  }

  private stream(streamId: string): StreamState {
    let stream = this.streams.get(streamId);
    if (!stream) {
      stream = { events: [], tombstoned: false };
      this.streams.set(streamId, stream);
    }
    return stream;
  }

  private write(streamId: string, proposed: ProposedEvent[]): LoggedEvent[] {
    const stream = this.stream(streamId);
    const last = this.lastRevision(streamId);
    let revision = last === 'no_stream' ? -1n : last;
    const written = proposed.map((p) => this.logged(streamId, (revision += 1n), p));
    stream.events.push(...written);
    this.all.push(...written);
    for (const e of written) {
      this.recentIds.set(e.id, { streamId, revision: e.revision });
      if (this.recentIds.size > this.idCacheSize) this.recentIds.delete(this.recentIds.keys().next().value!);
    }
    this.appended.emit('append');
    return written;
  }

  private logged(streamId: string, revision: bigint, proposed: ProposedEvent): LoggedEvent {
    const position = this.nextPosition;
    this.positions.add(position);
    // A record's size in the log: a header plus its payload, so consecutive positions have gaps.
    this.nextPosition += 96n + BigInt(proposed.data.length + proposed.customMetadata.length + proposed.type.length + streamId.length);
    return { ...proposed, streamId, revision, position, created: BigInt(Date.now()) * 10_000n };
  }
}

export function metastreamOf(streamId: string): string {
  return `$$${streamId}`;
}

function json(type: string, data: unknown): ProposedEvent {
  return {
    id: crypto.randomUUID(),
    type,
    contentType: 'application/json',
    data: Buffer.from(JSON.stringify(data)),
    customMetadata: new Uint8Array(),
  };
}
