/**
 * How fast can the read models be rebuilt, next to how fast the store can merely be read?
 *   node -r ./bench/register.js bench/rebuild.bench.ts          (1,000,000 events)
 *   BENCH_EVENTS=100000 node -r ./bench/register.js bench/rebuild.bench.ts
 * Both figures come from the same SQLite file in the same run; the rebuild goes through the real
 * projector into a real redis-server on loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { SqliteEventStore } from '@goals/event-store';
import { LocalRedisServer } from '@goals/redis';
import { rebuildReadModels } from '@goals/read-models';
import { generateEvents } from '../libs/read-models/src/testing/generate-events';

const rate = (events: number, ms: number) => Math.round(events / (ms / 1000)).toLocaleString('en-US');

async function main(): Promise<void> {
  const total = Number(process.env.BENCH_EVENTS ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'goal-sheet-bench-'));
  const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  const server = await new LocalRedisServer({ dataDir: join(dir, 'redis') }).start();
  const redis = new Redis(server.url);
  try {
    let t = Date.now();
    const written = await generateEvents(store, total);
    console.log(`generated ${written.toLocaleString('en-US')} events in ${((Date.now() - t) / 1000).toFixed(1)} s`);

    t = Date.now();
    let read = 0;
    let from: bigint | undefined;
    for (;;) {
      const page = await store.readAll({ fromPosition: from, maxCount: 10_000 });
      const fresh = from === undefined ? page : page.slice(1);
      if (fresh.length === 0) break;
      read += fresh.length;
      from = fresh[fresh.length - 1].position;
    }
    const readMs = Date.now() - t;
    console.log(
      `raw readAll:  ${read.toLocaleString('en-US')} events in ${(readMs / 1000).toFixed(1)} s = ${rate(read, readMs)} events/s`,
    );

    const rebuilt = await rebuildReadModels({ store, redis, prefix: 'rm:', batchSize: 1000 });
    console.log(
      `rebuild:      ${rebuilt.events.toLocaleString('en-US')} events in ${(rebuilt.millis / 1000).toFixed(1)} s = ${rate(rebuilt.events, rebuilt.millis)} events/s (parked ${rebuilt.parked})`,
    );
  } finally {
    redis.disconnect();
    await server.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
