/**
 * `npm run backup -- <file>`: a consistent copy of the embedded event file, taken while the service
 * runs (SQLite's online backup, page by page, restarted if a write lands meanwhile). The events are
 * all there is to keep: read models and the reminder schedule are rebuilt from them on restore.
 * The copy is checked (integrity, hash chain) before the command says it is done.
 */
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { HashChainedEventStore, SqliteEventStore, verifyStore } from '@goals/event-store';
import { OperatorError } from '@goals/platform';
import { loadConfig, exitOnStartFailure } from '@goals/infrastructure';

/** Store positions are 64-bit (bigint): printed as their digits, as the API prints them. */
const positionsAsText = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.eventStore.kind !== 'sqlite')
    throw new OperatorError(
      'npm run backup copies the embedded SQLite event file; back EventStoreDB up with its own tools',
    );
  const target = process.argv[2] ? resolve(process.argv[2]) : undefined;
  if (!target) throw new OperatorError('usage: npm run backup -- <file>');
  if (existsSync(target)) throw new OperatorError(`${target} exists already; name a new file`);
  if (!existsSync(config.eventStore.file))
    throw new OperatorError(`no event file at ${config.eventStore.file} (DATA_DIR ${config.dataDir})`);

  const source = new Database(config.eventStore.file, { readonly: true, fileMustExist: true });
  source.pragma('busy_timeout = 5000');
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  const copy = new Database(target, { readonly: true });
  const integrity = copy.pragma('integrity_check', { simple: true });
  copy.close();
  if (integrity !== 'ok')
    throw new OperatorError(`the copy ${target} failed SQLite's integrity check: ${String(integrity)}`);
  const store = new HashChainedEventStore(new SqliteEventStore({ file: target }));
  try {
    const verified = await verifyStore(store);
    if (!verified.ok)
      throw new OperatorError(`the copy ${target} does not verify: ${JSON.stringify(verified, positionsAsText)}`);
    process.stdout.write(
      `${JSON.stringify({ file: target, bytes: statSync(target).size, ...verified }, positionsAsText)}\n`,
    );
  } finally {
    await store.close();
  }
}

main().catch(exitOnStartFailure);
