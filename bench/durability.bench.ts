/**
 * What synchronous=FULL costs against NORMAL on the embedded event file: single-event appends, each
 * its own transaction as a command's is, through the hash chain, on the disk DATA_DIR would use
 * (a folder under the current directory, not a tmpfs). Rounds alternate the two modes so both
 * see the same machine load.
 *   node -r ./bench/register.js bench/durability.bench.ts      (BENCH_APPENDS, BENCH_ROUNDS)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { HashChainedEventStore, SqliteEventStore } from '@goals/event-store';

const APPENDS = Number(process.env.BENCH_APPENDS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

async function round(mode: 'FULL' | 'NORMAL'): Promise<{ perSecond: number; p99Ms: number }> {
  const dir = mkdtempSync(join(process.cwd(), '.bench-durability-'));
  const store = new HashChainedEventStore(
    new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: mode }),
  );
  const latencies: number[] = [];
  try {
    const started = process.hrtime.bigint();
    for (let i = 0; i < APPENDS; i++) {
      const t = process.hrtime.bigint();
      await store.append(`goal-${i % 50}`, [
        {
          id: randomUUID(),
          type: 'GoalRevised',
          data: { i, text: '住民基本台帳システムの改修を行う。' },
          metadata: { occurredAt: new Date().toISOString() } as never,
        },
      ]);
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    latencies.sort((a, b) => a - b);
    return { perSecond: APPENDS / seconds, p99Ms: latencies[Math.floor(latencies.length * 0.99)] };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results: Record<string, { perSecond: number; p99Ms: number }[]> = { FULL: [], NORMAL: [] };
  for (let r = 0; r < ROUNDS; r++)
    for (const mode of ['NORMAL', 'FULL'] as const) results[mode].push(await round(mode));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const mode of ['NORMAL', 'FULL'] as const) {
    const rate = median(results[mode].map((x) => x.perSecond));
    const p99 = median(results[mode].map((x) => x.p99Ms));
    console.log(
      `synchronous=${mode}: ${rate.toFixed(0)} appends/s, p99 ${p99.toFixed(2)} ms (median of ${ROUNDS} rounds of ${APPENDS})`,
    );
  }
  const ratio = median(results.FULL.map((x) => x.perSecond)) / median(results.NORMAL.map((x) => x.perSecond));
  console.log(`FULL / NORMAL: ${ratio.toFixed(2)}×`);
}

void main();
