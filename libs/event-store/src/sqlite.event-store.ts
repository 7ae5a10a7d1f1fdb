/**
 * The embedded event store: one SQLite file (better-sqlite3, WAL), for a department that runs the
 * service on one machine with nothing to install. Positions are the rowids of one append-only
 * table, so they order every event in the store.
 */
import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  AppendResult,
  assertAppendFits,
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

/**
 * A row as the event statements return it: an array in the order of EVENT_COLUMNS, not an object.
 * better-sqlite3 builds an object by setting each column by name; a replay reads a million rows,
 * and arrays took a fifth less of the read's CPU (bench/README.md, rebuild).
 */
type EventRow = [
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
  streamId: string;
  events: NewEvent[];
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
  private lastWriteFailure?: { error: StoreCannotWrite; at: number };

  constructor(options: SqliteEventStoreOptions) {
    this.file = options.file;
    mkdirSync(dirname(options.file), { recursive: true });
    ownerOnlyFile(options.file);
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
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
      byId: this.db.prepare('SELECT revision, position FROM events WHERE stream_id = ? AND event_id = ?'),
      insert: this.db.prepare(
        'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
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

  /** A statement returning whole events, each row as an EventRow array. */
  private rows(sql: string): Database.Statement<unknown[], EventRow> {
    return this.db.prepare<unknown[], EventRow>(sql).raw(true);
  }

  /**
   * Group commit: appends that arrive while the event loop is busy are written in one transaction,
   * each inside its own savepoint (so a refused one, a wrong expected revision say, leaves the
   * others), and each caller is answered only after the shared COMMIT — synced to disk with
   * synchronous=FULL — so an acknowledged event is as durable as before. One fsync then serves
   * every command that came in together instead of one each.
   */
  async append(
    streamId: string,
    events: NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    assertAppendFits(streamId, events);
    return new Promise((resolve, reject) => {
      this.pending.push({ streamId, events, expected, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.pending.length && this.commitPending());
    });
  }

  private pending: PendingAppend[] = [];

  private commitPending(): void {
    const batch = this.pending;
    this.pending = [];
    const outcomes: Array<{ result?: { result: AppendResult; appended: boolean }; error?: unknown }> = [];
    try {
      this.db
        .transaction(() => {
          for (const p of batch) {
            try {
              // A nested transaction is a savepoint: a refusal undoes this append only.
              outcomes.push({
                result: this.db.transaction(() => this.appendInTransaction(p.streamId, p.events, p.expected))(),
              });
            } catch (error) {
              if (cannotWrite(error, this.file)) throw error; // the disk: nothing in the batch can be kept
              outcomes.push({ error });
            }
          }
        })
        .immediate();
    } catch (error) {
      const refusal = cannotWrite(error, this.file);
      if (refusal) this.lastWriteFailure = { error: refusal, at: Date.now() };
      for (const p of batch) p.reject(refusal ?? error);
      return;
    }
    this.lastWriteFailure = undefined;
    let appended = false;
    batch.forEach((p, i) => {
      const outcome = outcomes[i];
      if (outcome.result) {
        appended ||= outcome.result.appended;
        p.resolve(outcome.result.result);
      } else p.reject(outcome.error);
    });
    if (appended) this.appended.emit('append');
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

  private appendInTransaction(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): { result: AppendResult; appended: boolean } {
    const retried = this.previousAppend(streamId, events);
    if (retried) return { result: retried, appended: false };

    const last = this.statements.lastRevision.get(streamId) as { revision: number | null };
    const actual = last.revision === null ? ('no_stream' as const) : BigInt(last.revision);
    const holds =
      expected === 'any' ||
      (expected === 'no_stream' && actual === 'no_stream') ||
      (expected === 'stream_exists' && actual !== 'no_stream') ||
      (typeof expected === 'bigint' && actual === expected);
    if (!holds) throw new WrongExpectedVersion(streamId, expected, actual);

    let revision = actual === 'no_stream' ? -1 : Number(actual);
    let position = 0;
    const recordedAt = this.now().toISOString();
    for (const event of events) {
      revision += 1;
      const info = this.statements.insert.run(
        event.id,
        streamId,
        revision,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        recordedAt,
      );
      position = Number(info.lastInsertRowid);
    }
    if (events.length === 0) {
      // An empty append only checks the expectation, as EventStoreDB does.
      return { result: { nextExpectedRevision: BigInt(revision), position: 0n }, appended: false };
    }
    return { result: { nextExpectedRevision: BigInt(revision), position: BigInt(position) }, appended: true };
  }

  /**
   * A retry of an append that already went through — the same event ids, consecutive in the
   * stream — answers as the first one did and writes nothing.
   */
  private previousAppend(streamId: string, events: NewEvent[]): AppendResult | undefined {
    if (events.length === 0) return undefined;
    const found = events.map(
      (e) => this.statements.byId.get(streamId, e.id) as { revision: number; position: number } | undefined,
    );
    if (found.every((f) => f === undefined)) return undefined;
    const consecutive = found.every((f, i) => f !== undefined && f.revision === found[0]!.revision + i);
    if (!consecutive) {
      throw new WrongExpectedVersion(
        streamId,
        'any',
        BigInt((this.statements.lastRevision.get(streamId) as { revision: number }).revision),
      );
    }
    const lastFound = found[found.length - 1]!;
    return { nextExpectedRevision: BigInt(lastFound.revision), position: BigInt(lastFound.position) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StreamRead> {
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const rows =
      options.direction === 'backwards'
        ? this.statements.streamBackwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, max)
        : this.statements.streamForwards.all(streamId, options.fromRevision ?? 0, max);
    if (
      rows.length === 0 &&
      (this.statements.lastRevision.get(streamId) as { revision: number | null }).revision === null
    )
      return { exists: false, events: [] };
    return { exists: true, events: rows.map(toRecorded) };
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
    if (this.pending.length) this.commitPending(); // appends already asked for are written, not dropped
    this.appended.removeAllListeners();
    this.db.close();
  }
}

/** Below this much free space the store reports itself as not accepting writes. */
const MIN_FREE_BYTES = 1024 * 1024;

/** SQLite's refusals that are no fault of the caller's, each rolled back whole by SQLite. */
function cannotWrite(error: unknown, file: string): StoreCannotWrite | undefined {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_FULL')
    return new StoreCannotWrite('full', code, `the disk holding the event file ${file} is full`);
  if (code.startsWith('SQLITE_IOERR'))
    return new StoreCannotWrite('io', code, `the event file ${file} could not be written (${code})`);
  if (code.startsWith('SQLITE_READONLY'))
    return new StoreCannotWrite('readonly', code, `the event file ${file} is read-only (${code})`);
  if (code.startsWith('SQLITE_BUSY'))
    return new StoreCannotWrite('busy', code, `the event file ${file} stayed locked by another process (${code})`);
  return undefined;
}

function toRecorded(row: EventRow): RecordedEvent {
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
