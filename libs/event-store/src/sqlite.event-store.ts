/**
 * The embedded event store: one SQLite file (better-sqlite3, WAL), for a department that runs the
 * service on one machine with nothing to install. Positions are the rowids of one append-only
 * table, so they order every event in the store.
 */
import type Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  AppendResult,
  assertAppendSize,
  encodedEventSize,
  EventStore,
  InvalidPosition,
  ExpectedRevision,
  isSystemEvent,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoreCannotWrite,
  StoreSubscription,
  StreamRead,
  SubscribeToAllOptions,
  WriteHealth,
  WrongExpectedVersion,
} from './event-store.port';
import { AppendRequest, BatchOutcome, openEventFile, SqliteFailure, storageFailure } from './sqlite-writer';
import { WriterThread } from './sqlite-writer-thread';

/**
 * A row as the event statements return it: an array in the order of EVENT_COLUMNS, not an object.
 * better-sqlite3 builds an object by setting each column by name; a replay reads a million rows,
 * and arrays took a fifth less of the read's CPU (bench/README.md, rebuild).
 */
export type StoredEventRow = [
  position: number,
  eventId: string,
  streamId: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];
const EVENT_COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';

export interface SqliteEventStoreOptions {
  /** Path of the database file; ':memory:' is refused (subscribers in other processes could not see it). */
  file: string;
  /** How often a subscription looks for events written by another process. */
  pollIntervalMs?: number;
  /**
   * FULL (the default) syncs the WAL at every commit, so an acknowledged event survives a power
   * loss; NORMAL may lose the last commits then (an audit trail must not). bench/README.md has
   * the cost of each.
   */
  synchronous?: 'FULL' | 'NORMAL';
  now?: () => Date;
}

const SUBSCRIPTION_BATCH = 500;

/**
 * The events (names, posts, who decided what) are readable by this user only: the file is created
 * 0600, SQLite gives its -wal and -shm files the same mode, and files of an older release are
 * tightened. A file this user does not own (a backup opened read-only) is left as it is.
 */
function ownerOnlyFile(file: string): void {
  if (file === ':memory:') return;
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if (existsSync(f)) chmodSync(f, 0o600);
    } catch {
      // not ours to change
    }
  }
}

interface PendingAppend {
  request: AppendRequest;
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private readonly pollIntervalMs: number;
  private readonly now: () => Date;
  private readonly statements;
  private readonly file: string;
  private readonly synchronous: 'FULL' | 'NORMAL';
  private lastWriteFailure?: { error: StoreCannotWrite; at: number };

  constructor(options: SqliteEventStoreOptions) {
    this.file = options.file;
    mkdirSync(dirname(options.file), { recursive: true });
    ownerOnlyFile(options.file);
    this.synchronous = options.synchronous ?? 'FULL';
    this.db = openEventFile(options.file, this.synchronous);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS events (
        position    INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id    TEXT    NOT NULL,
        stream_id   TEXT    NOT NULL,
        revision    INTEGER NOT NULL,
        type        TEXT    NOT NULL,
        data        TEXT    NOT NULL,
        metadata    TEXT    NOT NULL,
        recorded_at TEXT    NOT NULL,
        UNIQUE (stream_id, revision)
      );
      CREATE UNIQUE INDEX IF NOT EXISTS events_by_id ON events (stream_id, event_id);
    `);
    this.appended.setMaxListeners(0);
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.now = options.now ?? (() => new Date());
    this.statements = {
      lastRevision: this.db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?'),
      streamForwards: this.rows(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
      ),
      streamBackwards: this.rows(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      ),
      allForwards: this.rows(`SELECT ${EVENT_COLUMNS} FROM events WHERE position >= ? ORDER BY position ASC LIMIT ?`),
      allBackwards: this.rows(`SELECT ${EVENT_COLUMNS} FROM events WHERE position <= ? ORDER BY position DESC LIMIT ?`),
      atPosition: this.db.prepare('SELECT position FROM events WHERE position = ?'),
      after: this.rows(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`),
      // One statement for any number of positions: they come as a JSON array of integers.
      atPositions: this.rows(`SELECT ${EVENT_COLUMNS} FROM events WHERE position IN (SELECT value FROM json_each(?))`),
    };
  }

  /** A statement returning whole events, each row as a StoredEventRow array. */
  private rows(sql: string): Database.Statement<unknown[], StoredEventRow> {
    return this.db.prepare<unknown[], StoredEventRow>(sql).raw(true);
  }

  /**
   * Group commit: appends that arrive while a batch is being written go together in the next one,
   * one transaction with each append in its own savepoint (so a refused one, a wrong expected
   * revision say, leaves the others), and each caller is answered only after the shared COMMIT —
   * synced to disk with synchronous=FULL — so an acknowledged event is as durable as with one
   * commit each. One fsync then serves every command that came in together.
   *
   * The writing is done by a thread of its own (sqlite-writer.ts): better-sqlite3 is synchronous,
   * and on the api's thread every COMMIT stopped the event loop for the length of an fsync (a sixth
   * of the command path's time, and most of its slowest answers: bench/README.md).
   */
  async append(
    streamId: string,
    events: NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    // Encoded once: the size check and the writer take the same text.
    const request: AppendRequest = {
      streamId,
      events: events.map((e) => [e.id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)]),
      expected: String(expected),
    };
    let bytes = 0;
    for (const [, type, data, metadata] of request.events) bytes += encodedEventSize(type, data, metadata);
    assertAppendSize(streamId, bytes);
    return new Promise((resolve, reject) => {
      this.pending.push({ request, expected, resolve, reject });
      // The appends of one turn of the event loop go together; later ones wait for the batch under way.
      if (this.pending.length === 1 && !this.writing) setImmediate(() => this.writeNext());
    });
  }

  private pending: PendingAppend[] = [];
  private writing?: Promise<void>;
  private writer?: WriterThread;
  private closed = false;

  /** Sends what is pending as one batch, unless a batch is being written: then it goes when that one is done. */
  private writeNext(): void {
    if (this.writing || this.pending.length === 0) return;
    if (this.closed) {
      for (const p of this.pending.splice(0)) p.reject(new Error(`the event store ${this.file} is closed`));
      return;
    }
    const batch = this.pending;
    this.pending = [];
    if (this.writer?.broken) this.writer = undefined;
    this.writer ??= new WriterThread({ file: this.file, synchronous: this.synchronous });
    this.writing = this.writer
      .commit({ appends: batch.map((p) => p.request), recordedAt: this.now().toISOString() })
      .then(
        (outcome) => this.settle(batch, outcome),
        (error: unknown) => batch.forEach((p) => p.reject(error)),
      )
      .finally(() => {
        this.writing = undefined;
        this.writeNext();
      });
  }

  private settle(batch: PendingAppend[], outcome: BatchOutcome): void {
    if ('failed' in outcome) {
      const refusal = cannotWrite(outcome.failed, this.file);
      if (refusal) this.lastWriteFailure = { error: refusal, at: Date.now() };
      for (const p of batch) p.reject(refusal ?? sqliteError(outcome.failed));
      return;
    }
    this.lastWriteFailure = undefined;
    let appended = false;
    batch.forEach((p, i) => {
      const result = outcome.appends[i];
      if ('written' in result) {
        appended ||= result.written.appended;
        p.resolve({
          nextExpectedRevision: BigInt(result.written.revision),
          position: BigInt(result.written.position),
        });
      } else if ('wrongExpected' in result) {
        const { actual, expected } = result.wrongExpected;
        p.reject(
          new WrongExpectedVersion(
            p.request.streamId,
            expected === 'any' ? 'any' : p.expected,
            actual === null ? 'no_stream' : BigInt(actual),
          ),
        );
      } else p.reject(sqliteError(result.failed));
    });
    if (appended) this.appended.emit('append');
  }

  /**
   * Fault drills only: caps the event file at its present size (or lifts the cap), so writes fail
   * as on a full disk. Applies to the writer's connection, and to this one, which writable() asks.
   */
  async limitPages(pages: number | 'present size' | undefined): Promise<void> {
    const limit = pages === 'present size' ? (this.db.pragma('page_count', { simple: true }) as number) : pages;
    this.db.pragma(`max_page_count = ${limit ?? 1073741823}`);
    this.writer ??= new WriterThread({ file: this.file, synchronous: this.synchronous });
    await this.writer.limitPages(limit);
  }

  /**
   * Whether an append would go through now: the last one did not fail for want of space or an
   * I/O error, the file is below its page limit and its disk has room left.
   */
  async writable(): Promise<WriteHealth> {
    const pages = this.db.pragma('page_count', { simple: true }) as number;
    const maxPages = this.db.pragma('max_page_count', { simple: true }) as number;
    if (pages >= maxPages) return { writable: false, reason: `the event file ${this.file} has reached its size limit` };
    try {
      const disk = statfsSync(dirname(this.file));
      if (disk.bavail * disk.bsize < MIN_FREE_BYTES)
        return {
          writable: false,
          reason: `the disk holding ${this.file} is full (${disk.bavail * disk.bsize} bytes free)`,
        };
    } catch {
      // statfs is not everywhere: the last write's outcome still tells
    }
    // A failure is remembered for a while only: with no write since, the checks above are what is known.
    if (this.lastWriteFailure && Date.now() - this.lastWriteFailure.at < 30_000)
      return { writable: false, reason: this.lastWriteFailure.error.message };
    return { writable: true };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StreamRead> {
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const rows =
      options.direction === 'backwards'
        ? this.statements.streamBackwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, max)
        : this.statements.streamForwards.all(streamId, options.fromRevision ?? 0, max);
    if (rows.length === 0 && !this.streamExists(streamId, options, max)) return { exists: false, events: [] };
    return { exists: true, events: rows.map(toRecorded) };
  }

  /**
   * After a read that found nothing. A stream's revisions start at 0, so a forward read from its start
   * that found nothing has its answer without asking again: a command reads a few such streams that
   * do not exist yet (a sheet's 年度締め, a year's 達成度の区分), each a statement fewer.
   */
  private streamExists(streamId: string, options: ReadStreamOptions, max: number): boolean {
    if (options.direction !== 'backwards' && !options.fromRevision && max > 0) return false;
    return (this.statements.lastRevision.get(streamId) as { revision: number | null }).revision !== null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromPosition;
    if (from !== undefined && from !== 0n && this.statements.atPosition.get(from) === undefined)
      throw new InvalidPosition(from);
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const rows =
      options.direction === 'backwards'
        ? this.statements.allBackwards.all(options.fromPosition ?? Number.MAX_SAFE_INTEGER, max)
        : this.statements.allForwards.all(options.fromPosition ?? 0, max);
    return rows.map(toRecorded);
  }

  /**
   * The stored rows after `position`, as they are (data and metadata unparsed): what the full
   * verification walks (sqlite-chain-links.ts).
   */
  storedRowsAfter(position: Position, max: number): StoredEventRow[] {
    return this.statements.after.all(position, max);
  }

  /** Refuses a position that is not an event's, as readAll does. */
  assertEventAt(position: Position): void {
    if (position !== 0n && this.statements.atPosition.get(position) === undefined) throw new InvalidPosition(position);
  }

  async readAt(positions: readonly Position[]): Promise<RecordedEvent[]> {
    if (positions.length === 0) return [];
    const rows = this.statements.atPositions.all(`[${positions.join(',')}]`);
    const found = new Map(rows.map((row) => [BigInt(row[0]), row]));
    return positions.map((position) => {
      const row = found.get(position);
      if (!row) throw new InvalidPosition(position);
      return toRecorded(row);
    });
  }

  subscribeToAll(options: SubscribeToAllOptions): StoreSubscription {
    let stopped = false;
    let wake: (() => void) | undefined;
    const onAppend = () => wake?.();
    this.appended.on('append', onAppend);
    const pause = () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollIntervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });

    const run = async () => {
      let position = options.fromPosition ?? -1n;
      let caughtUp = false;
      while (!stopped) {
        const rows = this.statements.after.all(position, SUBSCRIPTION_BATCH);
        if (rows.length === 0) {
          if (!caughtUp) {
            caughtUp = true;
            options.onCaughtUp?.();
          }
          await pause();
          continue;
        }
        for (const row of rows) {
          if (stopped) return;
          const event = toRecorded(row);
          position = event.position;
          if (isSystemEvent(event)) continue;
          const handled = options.onEvent(event);
          if (handled) await handled;
        }
      }
    };
    const done = run().catch((error: Error) => {
      if (!stopped) options.onError?.(error);
    });
    return {
      stop: async () => {
        stopped = true;
        this.appended.off('append', onAppend);
        wake?.();
        await done;
      },
    };
  }

  async close(): Promise<void> {
    // Appends already asked for are written, not dropped.
    this.writeNext();
    while (this.writing) await this.writing;
    this.closed = true;
    await this.writer?.close();
    this.writer = undefined;
    this.appended.removeAllListeners();
    this.db.close();
  }
}

/** Below this much free space the store reports itself as not accepting writes. */
const MIN_FREE_BYTES = 1024 * 1024;

/** SQLite's refusals that are no fault of the caller's, each rolled back whole by SQLite. */
function cannotWrite({ code }: SqliteFailure, file: string): StoreCannotWrite | undefined {
  const kind = storageFailure(code);
  if (kind === undefined) return undefined;
  const says = {
    full: `the disk holding the event file ${file} is full`,
    io: `the event file ${file} could not be written (${code})`,
    readonly: `the event file ${file} is read-only (${code})`,
    busy: `the event file ${file} stayed locked by another process (${code})`,
  };
  return new StoreCannotWrite(kind, code!, says[kind]);
}

/** An error SQLite gave in the writer thread, with its code, as better-sqlite3 gives it. */
function sqliteError(failure: SqliteFailure): Error {
  return Object.assign(new Error(failure.message), failure.code ? { code: failure.code } : {});
}

/** An event as the port gives it, from its stored row. */
export function toRecorded(row: StoredEventRow): RecordedEvent {
  return {
    id: row[1],
    streamId: row[2],
    revision: BigInt(row[3]),
    position: BigInt(row[0]),
    type: row[4],
    data: JSON.parse(row[5]) as RecordedEvent['data'],
    metadata: JSON.parse(row[6]) as RecordedEvent['metadata'],
    recordedAt: row[7],
  };
}
