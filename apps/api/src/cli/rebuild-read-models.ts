/**
 * `npm run rebuild-read-models`: drops every read model and replays all events into them. On the
 * embedded default the service must be stopped first (refused while it runs); with REDIS_URL the
 * running projectors are paused meanwhile (their lease).
 */
import { rebuildReadModels } from '@goals/read-models';
import { loadConfig, openEventStore, READ_MODEL_KEY_PREFIX, exitOnStartFailure } from '@goals/infrastructure';
import { withReadModelRedis } from './offline-redis';

async function main(): Promise<void> {
  const config = loadConfig();
  const result = await withReadModelRedis(config, async (redis) => {
    const store = await openEventStore(config);
    try {
      return await rebuildReadModels({ store, redis, prefix: READ_MODEL_KEY_PREFIX });
    } finally {
      await store.close();
    }
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch(exitOnStartFailure);
