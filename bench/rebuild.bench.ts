/**
 * How fast can the read models be rebuilt, next to how fast the store can merely be read?
 *   node -r ./bench/register.js bench/rebuild.bench.ts          (1,000,000 events)
 *   BENCH_EVENTS=100000 node -r ./bench/register.js bench/rebuild.bench.ts
 *   BENCH_DATA=scale BENCH_EVENTS=100000 BENCH_ROUNDS=3 node -r ./bench/register.js bench/rebuild.bench.ts
 * Both figures come from the same SQLite file in the same run; the rebuild goes through the real
 * projector into a real redis-server on loopback. BENCH_DATA=scale fills the store with bench:scale's
 * city (support/scale-store.ts: the directory, imports, a reorganisation, hash-chained events)
 * instead of the synthetic sheets; BENCH_ROUNDS alternates the raw read and the rebuild that many
 * times and prints the median and spread of their ratio. Redis's used_memory after the rebuild is
 * what the read models of that many events hold. BENCH_CPU_PROFILE=<file> profiles each rebuild;
 * BENCH_READ_PAGE sets the raw read's page (500, the subscription's). BENCH_STORE=<file> keeps the
 * filled store in that file and reuses it on the next run (a 1M fill takes minutes), so two trees
 * can be compared on one store. The digest of every read model after the last rebuild
 * (hashReadModels) is printed: two trees rebuilding one store must print the same one, and
 * BENCH_EXPECT_DIGEST=<sha256> makes the run fail when it differs (BENCH_DIGEST=0 skips it: hashing
 * 1M events' models takes a minute).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { EventStore, HashChainedEventStore, SqliteEventStore } from '@goals/event-store';
import { LocalRedisServer } from '@goals/redis';
import * as readModels from '@goals/read-models';
import { hashReadModels, rebuildReadModels } from '@goals/read-models';
import { generateEvents } from '../libs/read-models/src/testing/generate-events';
import { fillScaleStore } from './support/scale-store';
import { profiled } from './support/profile-window';
import { memoryByFamily } from './support/redis-memory';

/**
 * Events a page of the raw read, as the store's subscription reads them (500): pages of 10,000
 * (before 2026-12-07) kept each page alive long enough for the garbage collector to copy it, and
 * read the scale store at 2.5 times the CPU.
 */
const READ_PAGE = Number(process.env.BENCH_READ_PAGE ?? 500);

/** Events a batch: the api's and the command-line tool's (the projector's default, 500) unless BENCH_BATCH says. */
const BATCH = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined;

/**
 * The rebuild as the api and `npm run rebuild-read-models` run it over a SQLite file: in a worker thread where
 * this tree has one (BENCH_REBUILD=thread keeps it on this thread, which BENCH_CPU_PROFILE needs); a tree
 * without one (an older main, this file copied in) rebuilds on this thread.
 */
const inWorker =
  process.env.BENCH_REBUILD === 'thread'
    ? undefined
    : (readModels as { rebuildSqliteInWorker?: typeof readModels.rebuildSqliteInWorker }).rebuildSqliteInWorker;

/** The worker's young generation in MB, when BENCH_YOUNG_MB overrides the rebuild's own. */
const YOUNG_MB = process.env.BENCH_YOUNG_MB ? Number(process.env.BENCH_YOUNG_MB) : undefined;

const rate = (events: number, ms: number) => Math.round(events / (ms / 1000)).toLocaleString('en-US');

async function main(): Promise<void> {
  const total = Number(process.env.BENCH_EVENTS ?? 1_000_000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 1);
  const scale = process.env.BENCH_DATA === 'scale';
  const dir = mkdtempSync(join(tmpdir(), 'goal-sheet-bench-'));
  // A store kept between runs: filled on the first, reused as it is after (two trees compared on one store).
  const kept = process.env.BENCH_STORE;
  const reused = kept !== undefined && existsSync(kept);
  const file = kept ?? join(dir, 'events.sqlite');
  const sqlite = new SqliteEventStore({
    file,
    synchronous: scale ? 'NORMAL' : undefined,
  });
  const store: EventStore = scale ? new HashChainedEventStore(sqlite) : sqlite;
  const server = await new LocalRedisServer({ dataDir: join(dir, 'redis') }).start();
  const redis = new Redis(server.url);
  try {
    let t = Date.now();
    const written = reused
      ? await lastPosition(store)
      : scale
        ? (await fillScaleStore(store, total)).events
        : await generateEvents(store, total);
    console.log(
      reused
        ? `reusing ${kept} (${written.toLocaleString('en-US')} events)`
        : `generated ${written.toLocaleString('en-US')} ${scale ? 'scale-store' : 'synthetic'} events in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );

    const readRates: number[] = [];
    const rebuildRates: number[] = [];
    const readCpuSeconds: number[] = [];
    const rebuildCpuSeconds: number[] = [];
    for (let round = 0; round < rounds; round++) {
      t = Date.now();
      const readCpu = process.cpuUsage();
      let read = 0;
      let from: bigint | undefined;
      for (;;) {
        const page = await store.readAll({ fromPosition: from, maxCount: READ_PAGE + (from === undefined ? 0 : 1) });
        const fresh = from === undefined ? page : page.slice(1);
        if (fresh.length === 0) break;
        read += fresh.length;
        from = fresh[fresh.length - 1].position;
      }
      const readMs = Date.now() - t;
      const readUsed = process.cpuUsage(readCpu);
      readRates.push(read / (readMs / 1000));
      readCpuSeconds.push((readUsed.user + readUsed.system) / 1e6);
      console.log(
        `raw readAll:  ${read.toLocaleString('en-US')} events in ${(readMs / 1000).toFixed(1)} s = ${rate(read, readMs)} events/s; CPU ${readCpuSeconds.at(-1)!.toFixed(1)} s`,
      );

      const cpu = process.cpuUsage();
      const redisCpu = await redisCpuSeconds(redis);
      const rebuilt = await profiled(`rebuild-${round}`, () =>
        inWorker
          ? inWorker({ file, redisUrl: server.url, prefix: 'rm:', batchSize: BATCH, youngGenerationMb: YOUNG_MB })
          : rebuildReadModels({ store, redis, prefix: 'rm:', batchSize: BATCH }),
      );
      const used = process.cpuUsage(cpu);
      rebuildRates.push(rebuilt.events / (rebuilt.millis / 1000));
      rebuildCpuSeconds.push((used.user + used.system) / 1e6);
      // On a shared machine the wall time is partly other people's work: the CPU each side spent says whose time it is.
      console.log(
        `rebuild:      ${rebuilt.events.toLocaleString('en-US')} events in ${(rebuilt.millis / 1000).toFixed(1)} s = ${rate(rebuilt.events, rebuilt.millis)} events/s (parked ${rebuilt.parked}); CPU: node ${((used.user + used.system) / 1e6).toFixed(1)} s, redis-server ${((await redisCpuSeconds(redis)) - redisCpu).toFixed(1)} s`,
      );
    }
    const ratios = rebuildRates.map((r, i) => r / readRates[i]);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `rebuild / raw read: median ${median(ratios).toFixed(2)}× [${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}] over ${rounds} round(s); rebuild median ${Math.round(median(rebuildRates)).toLocaleString('en-US')} events/s`,
    );
    // By the CPU each spent in this process: what the code costs, whatever else the machine ran meanwhile.
    const cpuRatios = rebuildCpuSeconds.map((c, i) => readCpuSeconds[i] / c);
    console.log(
      `by CPU: rebuild ${Math.round(written / median(rebuildCpuSeconds)).toLocaleString('en-US')} events per CPU-second, raw read ${Math.round(written / median(readCpuSeconds)).toLocaleString('en-US')}; rebuild / raw read median ${median(cpuRatios).toFixed(2)}× [${Math.min(...cpuRatios).toFixed(2)}–${Math.max(...cpuRatios).toFixed(2)}]`,
    );
    // The same store must give the same models whatever the code that rebuilt them: a faster rebuild that
    // writes other bytes is a wrong one.
    t = Date.now();
    const digest = process.env.BENCH_DIGEST === '0' ? undefined : await hashReadModels(redis, 'rm:');
    if (digest)
      console.log(
        `read models digest ${digest.sha256} over ${digest.keys.toLocaleString('en-US')} keys (hashed in ${((Date.now() - t) / 1000).toFixed(1)} s)`,
      );
    const expected = process.env.BENCH_EXPECT_DIGEST;
    if (expected && expected !== digest?.sha256) throw new Error(`the read models differ: expected digest ${expected}`);
    const info = await redis.info('memory');
    const used = Number(/used_memory:(\d+)/.exec(info)?.[1]);
    const keys = await redis.dbsize();
    console.log(
      `Redis after the rebuild: used_memory ${(used / 1e6).toFixed(1)} MB (${Math.round(used / written)} bytes an event), ${keys.toLocaleString('en-US')} keys`,
    );
    for (const [family, { count, bytes }] of await memoryByFamily(redis, 'rm:'))
      console.log(
        `  ${family.padEnd(28)} ${count.toLocaleString('en-US').padStart(9)} keys ${(bytes / 1e6).toFixed(1).padStart(7)} MB`,
      );
  } finally {
    redis.disconnect();
    await server.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Events in a store this bench filled: positions run from 1 without a gap. */
async function lastPosition(store: EventStore): Promise<number> {
  const [last] = await store.readAll({ direction: 'backwards', maxCount: 1 });
  return last ? Number(last.position) : 0;
}

async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  return Number(/used_cpu_user:([\d.]+)/.exec(info)?.[1]) + Number(/used_cpu_sys:([\d.]+)/.exec(info)?.[1]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
