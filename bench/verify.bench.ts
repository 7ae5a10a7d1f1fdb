/**
 * How fast is a full hash-chain verification of a SQLite store, walked from its stored rows (the
 * worker's walk: stored text hashed as it is, parsed only when that does not match) against the
 * walk through the port (every event parsed and encoded again, as before 2026-12-07)?
 *   npm run bench:verify                                     (fills 200,000 events with this tree's code)
 *   BENCH_STORE=<events.sqlite> npm run bench:verify         (walks that file; fills it first if absent)
 *   BENCH_EVENTS=1000000 BENCH_ROUNDS=5 BENCH_STORE=/tmp/events-1m.sqlite npm run bench:verify
 *   BENCH_BASELINE_SRC=<another tree's libs/event-store/src> npm run bench:verify
 * The two walks run alternated in rounds in one process, on the same file, one after the other (the
 * order swapped each round), each on its own connection, as the verification worker does; it
 * prints events/s of each walk per round, the median and spread of their ratio, and the load
 * average. By default the baseline is this tree's verifyStore over the port; BENCH_BASELINE_SRC
 * takes another tree's verifyStore and SqliteEventStore instead (`git archive main
 * libs/event-store/src | tar -x -C <dir>` makes one, under this tree so that its packages
 * resolve), for a comparison with main's code on the same store. A store filled by an older tree
 * is in the old form (keys as the commands built them): the stored-text walk then finds nothing to
 * hash as it is and must not be slower than the baseline.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import {
  HashChainedEventStore,
  SqliteEventStore,
  storedLinkPages,
  verifySqliteFile,
  verifyStore,
  walkChains,
  type VerifyWalk,
} from '@goals/event-store';
import { fillScaleStore } from './support/scale-store';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const STORE = process.env.BENCH_STORE;
const BASELINE_SRC = process.env.BENCH_BASELINE_SRC;
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

interface Walker {
  name: string;
  walk(file: string): Promise<VerifyWalk & { note?: string }>;
}

/** The walk through the port: every event read as a RecordedEvent, parsed and encoded again. */
function portWalker(): Walker {
  if (!BASELINE_SRC)
    return {
      name: 'through the port (parse everything)',
      walk: async (file) => {
        const store = new SqliteEventStore({ file });
        try {
          return await verifyStore(store);
        } finally {
          await store.close();
        }
      },
    };
  const src = resolve(BASELINE_SRC);
  /* eslint-disable @typescript-eslint/no-require-imports */
  const chain = require(join(src, 'hash-chain.ts')) as typeof import('@goals/event-store');
  const sqlite = require(join(src, 'sqlite.event-store.ts')) as typeof import('@goals/event-store');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return {
    name: `baseline verifyStore from ${BASELINE_SRC}`,
    walk: async (file) => {
      const store = new sqlite.SqliteEventStore({ file });
      try {
        return await chain.verifyStore(store);
      } finally {
        await store.close();
      }
    },
  };
}

/** The verification worker's walk, here on the main thread: the rows as stored. */
const storedWalker: Walker = {
  name: 'from the stored rows',
  walk: async (file) => {
    const store = new SqliteEventStore({ file });
    try {
      const pages = storedLinkPages(store, undefined);
      const walk = await walkChains(pages);
      const { tries, hits } = pages.attempts;
      return { ...walk, note: `stored text hashed as it is: ${n(hits)} of ${n(walk.checked)} (${n(tries)} tried)` };
    } finally {
      await store.close();
    }
  },
};

async function main(): Promise<void> {
  const file = STORE ?? join(process.cwd(), `.bench-verify-${EVENTS}.sqlite`);
  if (!existsSync(file)) {
    const t = Date.now();
    const store = new HashChainedEventStore(new SqliteEventStore({ file, synchronous: 'NORMAL' }));
    const filled = await fillScaleStore(store, EVENTS);
    await store.close();
    console.log(`filled ${file}: ${n(filled.events)} events in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const baseline = portWalker();
  const subject = storedWalker;
  console.log(`store ${file}; ${ROUNDS} rounds; load average at start ${load()}`);
  const rates = { baseline: [] as number[], subject: [] as number[] };
  const ratios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['baseline', 'subject'] as const) : (['subject', 'baseline'] as const);
    const rate: Record<string, number> = {};
    const results: Record<string, VerifyWalk & { note?: string }> = {};
    for (const which of order) {
      const walker = which === 'baseline' ? baseline : subject;
      const started = performance.now();
      const walk = await walker.walk(file);
      rate[which] = walk.checked / ((performance.now() - started) / 1000);
      results[which] = walk;
      rates[which].push(rate[which]);
    }
    const [b, s] = [results.baseline, results.subject];
    // Both walks must answer the same, or the figures compare nothing.
    if (b.ok !== s.ok || b.checked !== s.checked || b.position !== s.position || b.heads.size !== s.heads.size)
      throw new Error(`the walks disagree: ${JSON.stringify({ b: [b.ok, b.checked], s: [s.ok, s.checked] })}`);
    ratios.push(rate.subject / rate.baseline);
    console.log(
      `round ${round + 1}: ${n(b.checked)} events, ok=${b.ok}; ${baseline.name} ${n(rate.baseline)}/s, ${subject.name} ${n(rate.subject)}/s (×${(rate.subject / rate.baseline).toFixed(2)}); ${s.note}; load ${load()}`,
    );
  }
  const spread = (xs: number[]) => `${n(median(xs))}/s [${n(Math.min(...xs))}–${n(Math.max(...xs))}]`;
  console.log(`${baseline.name}: median ${spread(rates.baseline)}`);
  console.log(`${subject.name}: median ${spread(rates.subject)}`);
  console.log(
    `ratio (stored rows / baseline): median ×${median(ratios).toFixed(2)} [${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}]; load average at end ${load()}`,
  );
  if (process.env.BENCH_WORKER === '0') return;
  // As the api runs it: the walk from the stored rows in the verification worker, progress posted back.
  const started = performance.now();
  const walk = await verifySqliteFile(file);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `verifySqliteFile (worker thread, as the api runs it): ${n(walk.checked)} events in ${seconds.toFixed(1)} s = ${n(walk.checked / seconds)}/s, ok=${walk.ok}; load ${load()}`,
  );
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
