/**
 * Redis for a command-line tool that rewrites read models (rebuild, restore). On the embedded
 * default the service must be stopped: the tool takes the DATA_DIR lock (refused, naming the pid,
 * while the service runs) and starts the folder's own redis-server. With REDIS_URL, the projector
 * lease is paused for the duration, so no projector of a running worker writes at the same time.
 */
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { dataFolderIdentity, DataDirLock } from '@goals/platform';
import { LocalRedisServer, withLeasePaused } from '@goals/redis';
import { rebuildReadModels, RebuildResult, rebuildSqliteInWorker } from '@goals/read-models';
import { projectorLeaseKey, AppConfig, openEventStore, READ_MODEL_KEY_PREFIX } from '@goals/infrastructure';

export async function withReadModelRedis<T>(
  config: AppConfig,
  work: (redis: Redis, url: string) => Promise<T>,
): Promise<T> {
  if (config.redisUrl) {
    const url = config.redisUrl;
    const redis = new Redis(url, { maxRetriesPerRequest: 3 });
    try {
      return await withLeasePaused(redis, projectorLeaseKey(READ_MODEL_KEY_PREFIX), () => work(redis, url), {
        ttlMs: config.leaseTtlMs,
        timeoutMs: config.leaseTtlMs * 3,
      });
    } finally {
      redis.disconnect();
    }
  }
  const lock = DataDirLock.acquire(config.dataDir);
  const local = new LocalRedisServer({
    dataDir: join(config.dataDir, 'redis'),
    // Nobody but this tool talks to it (the service is stopped): any free port, so a service of another
    // DATA_DIR on EMBEDDED_REDIS_PORT does not stand in the way.
    port: 0,
    identity: dataFolderIdentity(config.dataDir),
  });
  try {
    await local.start();
    const redis = new Redis(local.url, { maxRetriesPerRequest: 3 });
    try {
      return await work(redis, local.url);
    } finally {
      redis.disconnect();
    }
  } finally {
    await local.stop();
    lock.release();
  }
}

/**
 * Drops the read models and replays every event into them, as the api's rebuild does: over a SQLite
 * file in a worker thread whose young generation is sized for the replay (no flag for this process to
 * carry), from EventStoreDB on this thread.
 */
export function rebuildAllReadModels(config: AppConfig, redis: Redis, url: string): Promise<RebuildResult> {
  const prefix = READ_MODEL_KEY_PREFIX;
  if (config.eventStore.kind === 'sqlite')
    return rebuildSqliteInWorker({ file: config.eventStore.file, redisUrl: url, prefix });
  return openEventStore(config).then(async (store) => {
    try {
      return await rebuildReadModels({ store, redis, prefix });
    } finally {
      await store.close();
    }
  });
}
