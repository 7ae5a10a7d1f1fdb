/**
 * The projector as a process of its own, for operators and for the crash test:
 *   node -r ./bench/register.js libs/read-models/src/projector.main.ts \
 *     --store data/events.sqlite --redis redis://127.0.0.1:6379 --prefix rm: [--rebuild] [--exit-when-caught-up]
 * --rebuild drops the read models first; without it the projector resumes from its checkpoint.
 */
import Redis from 'ioredis';
import { SqliteEventStore } from '@goals/event-store';
import { dropReadModels } from './read-model.maintenance';
import { Projector } from './projector';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

async function main(): Promise<void> {
  const file = option('store');
  const url = option('redis');
  const prefix = option('prefix') ?? 'rm:';
  if (!file || !url)
    throw new Error(
      'usage: projector.main.ts --store <sqlite file> --redis <url> [--prefix rm:] [--rebuild] [--exit-when-caught-up]',
    );
  const store = new SqliteEventStore({ file });
  const redis = new Redis(url);
  if (process.argv.includes('--rebuild')) await dropReadModels(redis, prefix);
  const projector = new Projector({
    store,
    redis,
    prefix,
    batchSize: Number(option('batch') ?? 1000),
    logger: { log: console.log, error: console.error },
  });
  await projector.start();
  const shutdown = async () => {
    await projector.stop();
    redis.disconnect();
    await store.close();
  };
  process.once('SIGTERM', () => void shutdown().then(() => process.exit(0)));
  if (process.argv.includes('--exit-when-caught-up')) {
    await projector.waitUntilCaughtUp();
    console.log(JSON.stringify(projector.status()));
    await shutdown();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
