/**
 * The SQLite store's writes, as its writer thread runs them (sqlite-writer.worker.ts): one
 * connection, one transaction per batch of appends, each append in its own savepoint. Only plain
 * data goes in and out, since a batch and its outcomes cross between threads; the store turns an
 * outcome back into its answer or its error.
 */
import Database from 'better-sqlite3';

/** An expected revision as it crosses threads: 'any', 'no_stream', 'stream_exists' or the revision's digits. */
export type ExpectedText = string;

export interface AppendRequest {
  streamId: string;
  /** Event id, type, and data and metadata already as JSON text. */
  events: Array<[id: string, type: string, data: string, metadata: string]>;
  expected: ExpectedText;
}

export interface WriteBatch {
  appends: AppendRequest[];
  recordedAt: string;
}

export type AppendOutcome =
  | { written: { revision: number; position: number; appended: boolean } }
  | { wrongExpected: { expected: ExpectedText; actual: number | null } }
  | { failed: SqliteFailure };

export type BatchOutcome = { appends: AppendOutcome[] } | { failed: SqliteFailure };

export interface SqliteFailure {
  message: string;
  /** SQLite's code (SQLITE_FULL, SQLITE_IOERR_…), when SQLite refused. */
  code?: string;
}

export interface WriterSettings {
  file: string;
  synchronous: 'FULL' | 'NORMAL';
}

/** The pragmas every connection to the event file runs with, the writer's and the readers'. */
export function openEventFile(file: string, synchronous: 'FULL' | 'NORMAL'): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * What a SQLite code says of the disk or the file, when it refuses the whole batch (no fault of any
 * one append): undefined for every other code.
 */
export function storageFailure(code: string | undefined): 'full' | 'io' | 'readonly' | 'busy' | undefined {
  if (code === undefined) return undefined;
  if (code === 'SQLITE_FULL') return 'full';
  if (code.startsWith('SQLITE_IOERR')) return 'io';
  if (code.startsWith('SQLITE_READONLY')) return 'readonly';
  if (code.startsWith('SQLITE_BUSY')) return 'busy';
  return undefined;
}

/** Refuses one append of a batch; the store answers it as WrongExpectedVersion. */
class WrongExpected extends Error {
  constructor(
    readonly expected: ExpectedText,
    readonly actual: number | null,
  ) {
    super(`expected ${expected}, actual ${actual ?? 'no_stream'}`);
  }
}

export class SqliteWriter {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(settings: WriterSettings) {
    this.db = openEventFile(settings.file, settings.synchronous);
    this.statements = {
      lastRevision: this.db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?').pluck(),
      byId: this.db.prepare('SELECT revision, position FROM events WHERE stream_id = ? AND event_id = ?'),
      insert: this.db.prepare(
        'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  /** Fault drills only: caps the file at this many pages (undefined: SQLite's own limit), as a full disk would. */
  limitPages(pages: number | undefined): void {
    this.db.pragma(`max_page_count = ${pages ?? 1073741823}`);
  }

  commit(batch: WriteBatch): BatchOutcome {
    const outcomes: AppendOutcome[] = [];
    try {
      this.db
        .transaction(() => {
          for (const append of batch.appends) {
            try {
              // A nested transaction is a savepoint: a refusal undoes this append only.
              outcomes.push({ written: this.db.transaction(() => this.appendOne(append, batch.recordedAt))() });
            } catch (error) {
              if (storageFailure(codeOf(error))) throw error; // nothing in the batch can be kept
              outcomes.push(
                error instanceof WrongExpected
                  ? { wrongExpected: { expected: error.expected, actual: error.actual } }
                  : { failed: failureOf(error) },
              );
            }
          }
        })
        .immediate();
    } catch (error) {
      return { failed: failureOf(error) };
    }
    return { appends: outcomes };
  }

  close(): void {
    this.db.close();
  }

  private appendOne(
    append: AppendRequest,
    recordedAt: string,
  ): { revision: number; position: number; appended: boolean } {
    const { streamId, events, expected } = append;
    const retried = this.previousAppend(append);
    if (retried) return { ...retried, appended: false };

    const actual = this.statements.lastRevision.get(streamId) as number | null;
    const holds =
      expected === 'any' ||
      (expected === 'no_stream' && actual === null) ||
      (expected === 'stream_exists' && actual !== null) ||
      (actual !== null && expected === String(actual));
    if (!holds) throw new WrongExpected(expected, actual);

    let revision = actual ?? -1;
    let position = 0;
    for (const [id, type, data, metadata] of events) {
      revision += 1;
      position = Number(
        this.statements.insert.run(id, streamId, revision, type, data, metadata, recordedAt).lastInsertRowid,
      );
    }
    // An empty append only checks the expectation, as EventStoreDB does.
    return { revision, position, appended: events.length > 0 };
  }

  /**
   * A retry of an append that already went through — the same event ids, consecutive in the
   * stream — answers as the first one did and writes nothing.
   */
  private previousAppend({ streamId, events }: AppendRequest): { revision: number; position: number } | undefined {
    if (events.length === 0) return undefined;
    const found = events.map(
      ([id]) => this.statements.byId.get(streamId, id) as { revision: number; position: number } | undefined,
    );
    if (found.every((f) => f === undefined)) return undefined;
    const consecutive = found.every((f, i) => f !== undefined && f.revision === found[0]!.revision + i);
    if (!consecutive) throw new WrongExpected('any', this.statements.lastRevision.get(streamId) as number | null);
    return found[found.length - 1]!;
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}

function failureOf(error: unknown): SqliteFailure {
  return { message: error instanceof Error ? error.message : String(error), code: codeOf(error) };
}
