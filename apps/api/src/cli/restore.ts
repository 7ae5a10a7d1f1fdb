/**
 * `npm run restore -- <file>`: puts a backup made by `npm run backup` back as the embedded event
 * file, then rebuilds the read models from it. Refused while the service runs on DATA_DIR (its
 * lock). The event file it replaces is kept beside it (events.sqlite.before-restore-<time>), never
 * deleted. The reminder schedule follows at the next start (it is rebuilt from the events).
 */
import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { HashChainedEventStore, SqliteEventStore, verifyStore } from '@goals/event-store';
import { DataDirLock, ensureDataDir, OperatorError } from '@goals/platform';
import { loadConfig, exitOnStartFailure } from '@goals/infrastructure';
import { rebuildAllReadModels, withReadModelRedis } from './offline-redis';

/** Store positions are 64-bit (bigint): printed as their digits, as the API prints them. */
const positionsAsText = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.eventStore.kind !== 'sqlite')
    throw new OperatorError(
      'npm run restore restores the embedded SQLite event file; restore EventStoreDB with its own tools',
    );
  const source = process.argv[2] ? resolve(process.argv[2]) : undefined;
  if (!source) throw new OperatorError('usage: npm run restore -- <backup file>');
  if (!existsSync(source)) throw new OperatorError(`no backup at ${source}`);
  ensureDataDir(config.dataDir);
  // Refused, naming the pid, while the service runs on this folder.
  const lock = DataDirLock.acquire(config.dataDir);
  try {
    const checked = new HashChainedEventStore(new SqliteEventStore({ file: source }));
    try {
      const verified = await verifyStore(checked);
      if (!verified.ok)
        throw new OperatorError(`the backup ${source} does not verify: ${JSON.stringify(verified, positionsAsText)}`);
    } finally {
      await checked.close();
    }

    const target = config.eventStore.file;
    let keptAside: string | undefined;
    if (existsSync(target)) {
      // Fold the WAL into the file first, so the file set aside is whole on its own.
      const current = new Database(target);
      current.pragma('wal_checkpoint(TRUNCATE)');
      current.close();
      keptAside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(target, keptAside);
      for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
    }
    const backup = new Database(source, { readonly: true });
    try {
      await backup.backup(target);
    } finally {
      backup.close();
    }

    const rebuilt = await withReadModelRedis(config, (redis, url) => rebuildAllReadModels(config, redis, url));
    process.stdout.write(`${JSON.stringify({ restored: source, into: target, keptAside, readModels: rebuilt })}\n`);
  } finally {
    lock.release();
  }
}

main().catch(exitOnStartFailure);
