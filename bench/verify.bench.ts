/**
 * How fast is a full hash-chain verification of a SQLite store, walked from its stored rows (the
 * worker's walk: stored text hashed as it is, parsed only when that does not match) against the
 * walk through the port (every event parsed and encoded again, as before 2026-12-07)?
 *   npm run bench:verify                                     (fills 200,000 events with this tree's code)
 *   BENCH_STORE=<events.sqlite> npm run bench:verify         (walks that file; fills it first if absent)
 *   BENCH_EVENTS=1000000 BENCH_ROUNDS=5 BENCH_STORE=/tmp/events-1m.sqlite npm run bench:verify
 *   BENCH_BASELINE_SRC=<another tree's libs/event-store/src> npm run bench:verify
 * Each walk runs in a process of its own, as the api's verification gets a worker thread of its own
 * (walks one after the other in one process slowed whichever came second by up to a fifth: the heap
 * the other left behind), the two alternated over BENCH_ROUNDS rounds, the order swapped each round.
 * It prints each walk's events/s (wall) and CPU-seconds, the median and spread of the ratio, and the
 * load average; both walks must answer the same (count, position, a digest of every chain head).
 * By default the baseline is this tree's verifyStore over the port; BENCH_BASELINE_SRC takes another
 * tree's verifyStore and SqliteEventStore instead (`git archive main libs/event-store/src | tar -x
 * -C .bench-baseline/main` makes one, under this tree so that its packages resolve). A store filled
 * by an older tree is in the old form (keys as the commands built them): the walk from the stored
 * rows then finds nothing to hash as it is, and must not be slower than the baseline. Last, one walk
 * through verifySqliteFile, in its worker thread, as the api runs it (BENCH_WORKER=0 leaves it out).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import {
  headsDigestInSlices,
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

type Which = 'baseline' | 'subject';

interface Walked {
  ok: boolean;
  checked: number;
  position: string;
  headsDigest: string;
  seconds: number;
  cpuSeconds: number;
  hits?: number;
}

/** One walk, in this process (started by main() for each walk). */
async function walkOnce(which: Which, file: string): Promise<Walked> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let walk: VerifyWalk;
  let hits: number | undefined;
  if (which === 'subject') {
    const store = new SqliteEventStore({ file });
    const pages = storedLinkPages(store, undefined);
    walk = await walkChains(pages);
    hits = pages.attempts.hits;
    await store.close();
  } else if (BASELINE_SRC) {
    const src = resolve(BASELINE_SRC);
    /* eslint-disable @typescript-eslint/no-require-imports */
    const chain = require(join(src, 'hash-chain.ts')) as typeof import('@goals/event-store');
    const sqlite = require(join(src, 'sqlite.event-store.ts')) as typeof import('@goals/event-store');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const store = new sqlite.SqliteEventStore({ file });
    walk = await chain.verifyStore(store);
    await store.close();
  } else {
    const store = new SqliteEventStore({ file });
    walk = await verifyStore(store);
    await store.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    ok: walk.ok,
    checked: walk.checked,
    position: String(walk.position),
    headsDigest: await headsDigestInSlices(walk.heads),
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    hits,
  };
}

function walkInAProcess(which: Which, file: string): Walked {
  const out = execFileSync(
    process.execPath,
    ['-r', join(__dirname, 'register.js'), __filename, '--walk', which, file],
    { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Walked;
}

async function main(): Promise<void> {
  const file = STORE ?? join(process.cwd(), `.bench-verify-${EVENTS}.sqlite`);
  if (!existsSync(file)) {
    const t = Date.now();
    const store = new HashChainedEventStore(new SqliteEventStore({ file, synchronous: 'NORMAL' }));
    const filled = await fillScaleStore(store, EVENTS);
    await store.close();
    console.log(`filled ${file}: ${n(filled.events)} events in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const names = {
    baseline: BASELINE_SRC ? `verifyStore of ${BASELINE_SRC}` : 'through the port (parse everything)',
    subject: 'from the stored rows',
  };
  console.log(`store ${file}; ${ROUNDS} rounds, each walk in a process of its own; load average at start ${load()}`);
  const rates: Record<Which, number[]> = { baseline: [], subject: [] };
  const cpus: Record<Which, number[]> = { baseline: [], subject: [] };
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order: Which[] = round % 2 === 0 ? ['baseline', 'subject'] : ['subject', 'baseline'];
    const walked = {} as Record<Which, Walked>;
    for (const which of order) walked[which] = walkInAProcess(which, file);
    const [b, s] = [walked.baseline, walked.subject];
    // Both walks must answer the same, or the figures compare nothing.
    if (b.ok !== s.ok || b.checked !== s.checked || b.position !== s.position || b.headsDigest !== s.headsDigest)
      throw new Error(`the walks disagree: ${JSON.stringify({ baseline: b, subject: s })}`);
    for (const which of ['baseline', 'subject'] as const) {
      rates[which].push(walked[which].checked / walked[which].seconds);
      cpus[which].push(walked[which].cpuSeconds);
    }
    ratios.push(b.seconds / s.seconds);
    cpuRatios.push(b.cpuSeconds / s.cpuSeconds);
    console.log(
      `round ${round + 1}: ${n(b.checked)} events, ok=${b.ok}; ${names.baseline} ${n(b.checked / b.seconds)}/s (${b.cpuSeconds.toFixed(1)} CPU-s), ${names.subject} ${n(s.checked / s.seconds)}/s (${s.cpuSeconds.toFixed(1)} CPU-s): ×${(b.seconds / s.seconds).toFixed(2)}; stored text hashed as it is for ${n(s.hits ?? 0)}; load ${load()}`,
    );
  }
  const spread = (xs: number[], digits = 0) =>
    `${median(xs).toFixed(digits)} [${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}]`;
  for (const which of ['baseline', 'subject'] as const)
    console.log(
      `${names[which]}: median ${n(median(rates[which]))}/s [${n(Math.min(...rates[which]))}–${n(Math.max(...rates[which]))}], CPU-seconds ${spread(cpus[which], 1)}`,
    );
  console.log(
    `speed-up (baseline time / stored rows time): wall ×${spread(ratios, 2)}, CPU ×${spread(cpuRatios, 2)}; load average at end ${load()}`,
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

const at = process.argv.indexOf('--walk');
const run =
  at >= 0
    ? walkOnce(process.argv[at + 1] as Which, process.argv[at + 2]).then((walked) =>
        console.log(JSON.stringify(walked)),
      )
    : main();
run.catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
