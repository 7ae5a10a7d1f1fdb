/**
 * `npm run rebuild-read-models`: drops every read model and replays all events into them. On the
 * embedded default the service must be stopped first (refused while it runs); with REDIS_URL the
 * running projectors are paused meanwhile (their lease).
 */
import { loadConfig, exitOnStartFailure } from '@goals/infrastructure';
import { rebuildAllReadModels, withReadModelRedis } from './offline-redis';

async function main(): Promise<void> {
  const config = loadConfig();
  const result = await withReadModelRedis(config, (redis, url) => rebuildAllReadModels(config, redis, url));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch(exitOnStartFailure);
