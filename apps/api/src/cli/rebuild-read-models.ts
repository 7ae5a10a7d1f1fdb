/**
 * `npm run rebuild-read-models`: drops every read model and replays all events into them.
 * Stop the worker (or the embedded service) first: two projectors must not write the same models.
 */
import { Redis } from 'ioredis';
import { rebuildReadModels } from '@goals/read-models';
import { loadConfig } from '../config/app-config';
import { openEventStore } from '../infrastructure/event-store.provider';
import { READ_MODEL_KEY_PREFIX } from '../infrastructure/infrastructure.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const url = config.redisUrl ?? `redis://127.0.0.1:${config.embeddedRedisPort}`;
  const store = openEventStore(config);
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  try {
    const result = await rebuildReadModels({ store, redis, prefix: READ_MODEL_KEY_PREFIX });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    redis.disconnect();
    await store.close();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
