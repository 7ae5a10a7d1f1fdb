/**
 * A page of the audit trail made in-process, without HTTP: a store filled with bench:scale's city
 * (support/scale-store.ts), projected into a real redis-server, then a sheet's trail read 200 entries
 * at a time at three places (its start, its middle, its end: the sheet's own events, 登録 of every
 * goal) and a goal's whole trail, each BENCH_ROUNDS rounds of BENCH_REQUESTS pages.
 *   npm run bench:trail                                   (BENCH_EVENTS=100000)
 * BENCH_BASELINE_READER=<another checkout>/libs/read-models/src/audit-trail.reader.ts alternates that
 * checkout's reader with this one, round by round in the same process on the same store, checks that
 * both answer the same entries, and prints the median and spread of the ratio.
 * BENCH_DATA_DIR=<folder> keeps the filled store there and reuses it on the next run.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { EventStore, HashChainedEventStore, Position, SqliteEventStore } from '@goals/event-store';
import { LocalRedisServer } from '@goals/redis';
import { AuditEntry, AuditTrailReader, keys, Projector } from '@goals/read-models';
import { fillScaleStore, ScaleStore } from './support/scale-store';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const PER_ROUND = Number(process.env.BENCH_REQUESTS ?? 20);
const BASELINE = process.env.BENCH_BASELINE_READER;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Reader {
  entries(positions: readonly Position[]): Promise<AuditEntry[]>;
}

async function main(): Promise<void> {
  const kept = process.env.BENCH_DATA_DIR;
  const dir = kept ?? mkdtempSync(join(process.cwd(), '.bench-trail-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'events.sqlite');
  const described = join(dir, 'trail-store.json');
  if (!existsSync(described)) {
    const filling = new HashChainedEventStore(new SqliteEventStore({ file, synchronous: 'NORMAL' }));
    writeFileSync(described, JSON.stringify(await fillScaleStore(filling, EVENTS)));
    await filling.close();
  }
  const filled = JSON.parse(readFileSync(described, 'utf8')) as ScaleStore;
  const server = await new LocalRedisServer({ dataDir: join(dir, 'redis') }).start();
  const redis = new Redis(server.url);
  const store = new HashChainedEventStore(new SqliteEventStore({ file }));
  try {
    const projector = new Projector({ store, redis, prefix: 'rm:' });
    await projector.start();
    await projector.waitUntilCaughtUp();
    await projector.stop();
    console.log(
      `${filled.events.toLocaleString('en-US')} events, ${filled.goals.toLocaleString('en-US')} goals; load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')}`,
    );

    const readers: Array<[string, Reader]> = [['this reader', new AuditTrailReader(store)]];
    if (BASELINE) readers.unshift(['baseline', baselineReader(BASELINE, store)]);
    const sheetList = 'rm:' + keys.auditOfSheet(filled.sample.sheetId);
    const total = await redis.llen(sheetList);
    const pages: Array<[string, string, number, number]> = [
      ['sheet, first 200', sheetList, 0, 200],
      ['sheet, middle 200', sheetList, Math.floor(total / 2) - 100, 200],
      ['sheet, last 200', sheetList, total - 200, 200],
      ["goal's whole trail", 'rm:' + keys.auditOfGoal(filled.sample.goalId), 0, 500],
    ];
    for (const [name, list, offset, limit] of pages) {
      const positions = (await redis.lrange(list, offset, offset + limit - 1)).map(BigInt);
      const answers = await Promise.all(readers.map(([, reader]) => reader.entries(positions)));
      if (answers.some((a) => JSON.stringify(a) !== JSON.stringify(answers[0])))
        throw new Error(`${name}: the readers answer different entries`);
      const ms = readers.map(() => [] as number[]);
      const ratios: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const round = readers.map(() => [] as number[]);
        for (const [i, [, reader]] of readers.entries())
          for (let k = 0; k < PER_ROUND; k++) {
            const started = performance.now();
            await reader.entries(positions);
            round[i].push(performance.now() - started);
          }
        round.forEach((times, i) => ms[i].push(...times));
        if (BASELINE) ratios.push(median(round[1]) / median(round[0]));
      }
      const each = readers.map(([label], i) => `${label} ${median(ms[i]).toFixed(2)} ms`).join(', ');
      const ratio = BASELINE
        ? `; this / baseline ${median(ratios).toFixed(2)}× [${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}]`
        : '';
      console.log(
        `${name} (${positions.length} entries): median ${each}${ratio} over ${ROUNDS} rounds of ${PER_ROUND}`,
      );
    }
    console.log(
      `load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')}`,
    );
  } finally {
    await store.close();
    redis.disconnect();
    await server.stop();
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}

/** Another checkout's reader, given this store (its own imports resolve inside that checkout). */
function baselineReader(path: string, store: EventStore): Reader {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AuditTrailReader: Baseline } = require(path) as { AuditTrailReader: new (store: EventStore) => Reader };
  return new Baseline(store);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
