/**
 * `npm run rebuild-read-models`: drops every read model and replays all events into them.
 * Stop the worker (or the embedded service) first: two projectors must not write the same models.
 */
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { rebuildReadModels } from '@goals/read-models';
import { LocalRedisServer } from '@goals/redis';
import { loadConfig } from '../config/app-config';
import { openEventStore } from '../infrastructure/event-store.provider';
import { READ_MODEL_KEY_PREFIX } from '../infrastructure/infrastructure.module';

async function main(): Promise<void> {
  const config = loadConfig();
  // On the embedded default the service is stopped, and its redis-server with it: start that one.
  const local = config.redisUrl
    ? undefined
    : await new LocalRedisServer({ dataDir: join(config.dataDir, 'redis'), port: config.embeddedRedisPort }).start();
  const url = config.redisUrl ?? local!.url;
  const store = await openEventStore(config);
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  try {
    const result = await rebuildReadModels({ store, redis, prefix: READ_MODEL_KEY_PREFIX });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    redis.disconnect();
    await store.close();
    await local?.stop();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
