/**
 * The command path under load: concurrent HTTP submits and approves on distinct goals, each a legal
 * transition, against the real app — next to a bare Fastify route, a trivial NestJS route and direct
 * appends of the same events to the same store, all in this one run.
 *   node -r ./bench/register.js bench/command-path.bench.ts
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=16 BENCH_ESDB=false …   (defaults: 10 s a pass, 16 connections, ESDB on)
 * The load generator (autocannon) runs in a child process; the servers run in this one, whose peak
 * RSS is reported. The app runs without the in-process worker (RUN_WORKER=false) so that the figure
 * is the command path alone, as the direct-append baseline is.
 */
import { cpus } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { goalStreamId } from '@goals/domain';
import { EventStore } from '@goals/event-store';
import { AppConfig } from '@goals/infrastructure';
import { envelope } from '../apps/api/src/shared/event-envelope';
import { EsdbTestServer } from '../test/support/esdb-test-server';
import { contextOf, prepareDraftedGoals, startBenchApp } from './support/bench-app';
import { describeLoad, fmt, LoadResult, runLoad } from './support/load';
import { startBareFastify, startTrivialNest } from './support/trivial-servers';
import { profiled } from './support/profile-window';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const LAG = CONNECTIONS * 8;

interface StoreFigures {
  name: string;
  directAppendsPerSecond: number;
  peak: LoadResult;
  at70: LoadResult;
}

/** Baseline: the same two events per goal (GoalSubmitted at revision 0, GoalApproved at 1), appended in-process. */
async function directAppends(store: EventStore, config: AppConfig, goals: number): Promise<number> {
  const ids = await prepareDraftedGoals(store, config, goals);
  const submitter = contextOf(config, 'kacho-shimin');
  const approver = contextOf(config, 'bucho');
  const start = process.hrtime.bigint();
  for (const goalId of ids) {
    const stream = goalStreamId(goalId);
    const now = new Date();
    await store.append(
      stream,
      envelope(
        [{ type: 'GoalSubmitted', data: { goalId } }],
        stream,
        { ...submitter, commandId: crypto.randomUUID() },
        now,
      ),
      { expectedRevision: 0n },
    );
    await store.append(
      stream,
      envelope(
        [{ type: 'GoalApproved', data: { goalId, comment: '了承' } }],
        stream,
        { ...approver, commandId: crypto.randomUUID() },
        now,
      ),
      { expectedRevision: 1n },
    );
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return (ids.length * 2) / seconds;
}

async function commandPath(name: string, env: Record<string, string>, directGoals: number): Promise<StoreFigures> {
  const bench = await startBenchApp(env);
  try {
    const tokens = { submit: await bench.token('kacho-shimin'), approve: await bench.token('bucho') };
    const directAppendsPerSecond = await directAppends(bench.store, bench.config, directGoals);
    console.log(`${name}: direct appends ${fmt(directAppendsPerSecond)} events/s`);

    // Each goal takes two requests; goals are sized from the warm-up's rate with room to spare
    // (a walk that runs out sends requests that fail, and the summary says so).
    const walk = async (duration: number, goals: number, overallRate?: number, profileAs?: string) => {
      const t = Date.now();
      const goalIds = await prepareDraftedGoals(bench.store, bench.config, goals);
      console.log(`${name}: prepared ${fmt(goals)} drafted goals in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      const load = () =>
        runLoad({
          kind: 'goal-walk',
          url: bench.url,
          connections: CONNECTIONS,
          duration,
          overallRate,
          goalIds,
          lag: LAG,
          tokens,
        });
      // How late the app's event loop ran during the pass: a stall there holds every request behind it.
      const late = monitorEventLoopDelay({ resolution: 1 });
      late.enable();
      try {
        return await (profileAs ? profiled(profileAs, load) : load());
      } finally {
        late.disable();
        console.log(
          `${name}: event loop late p50 ${(late.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(late.percentile(99) / 1e6).toFixed(1)} ms, max ${(late.max / 1e6).toFixed(1)} ms`,
        );
      }
    };
    // A short warm-up, so JIT and connection set-up are not in the measurement.
    const warm = await walk(2, Math.min(Math.ceil(directAppendsPerSecond), 4000) + LAG);
    const peakGoals = Math.ceil(warm.requestsPerSecond * SECONDS * 0.5 * 2) + LAG;
    const peak = await walk(
      SECONDS,
      peakGoals,
      undefined,
      name.startsWith('SQLite') ? 'command-path-sqlite' : 'command-path-esdb',
    );
    console.log(describeLoad(`${name}: peak`, peak));
    const rate = Math.max(1, Math.floor(peak.requestsPerSecond * 0.7));
    const at70 = await walk(SECONDS, Math.ceil(rate * SECONDS * 0.5 * 1.2) + LAG, rate);
    console.log(describeLoad(`${name}: at 70% (${rate} req/s)`, at70));
    return { name, directAppendsPerSecond, peak, at70 };
  } finally {
    await bench.close();
  }
}

async function trivial(
  name: string,
  start: () => Promise<{ url: string; close(): Promise<void> }>,
): Promise<LoadResult> {
  const server = await start();
  try {
    await runLoad({ kind: 'get', url: server.url, path: '/ping', connections: CONNECTIONS, duration: 2 });
    const result = await runLoad({
      kind: 'get',
      url: server.url,
      path: '/ping',
      connections: CONNECTIONS,
      duration: Math.min(SECONDS, 5),
    });
    console.log(describeLoad(name, result));
    return result;
  } finally {
    await server.close();
  }
}

const verdict = (ok: boolean) => (ok ? 'MET' : 'NOT MET');

async function main(): Promise<void> {
  console.log(
    `command path: ${SECONDS} s a pass, ${CONNECTIONS} connections, node ${process.version}, ${cpus().length} cores\n`,
  );
  // BENCH_TRIVIAL=false skips the trivial routes (e.g. to profile the command path alone).
  const withTrivial = process.env.BENCH_TRIVIAL !== 'false';
  const bare = withTrivial ? await trivial('bare Fastify GET /ping', startBareFastify) : undefined;
  const nest = withTrivial ? await trivial('NestJS (FastifyAdapter) GET /ping', startTrivialNest) : undefined;

  const results: StoreFigures[] = [await commandPath('SQLite (embedded default)', {}, 5000)];
  if (process.env.BENCH_ESDB !== 'false') {
    const server = await EsdbTestServer.start({ features: 'batch-append' });
    try {
      results.push(
        await commandPath(
          'ESDB adapter (test server, same process)',
          { EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: server.connectionString },
          1000,
        ),
      );
    } finally {
      await server.stop();
    }
  }

  console.log('\n=== figures (same run, same machine, loopback) ===');
  if (bare && nest) {
    console.log(describeLoad('bare Fastify GET /ping (baseline)', bare));
    console.log(describeLoad('NestJS GET /ping', nest));
    const nestRatio = nest.requestsPerSecond / bare.requestsPerSecond;
    console.log(`  NestJS / bare Fastify = ${nestRatio.toFixed(2)}×   target ≥ 0.8×: ${verdict(nestRatio >= 0.8)}`);
  }
  for (const r of results) {
    console.log(`\n${r.name}`);
    console.log(
      `  direct appends (HashChainedEventStore, same events, baseline): ${fmt(r.directAppendsPerSecond)} events/s`,
    );
    console.log(describeLoad('  HTTP submit/approve, peak', r.peak));
    console.log(describeLoad('  HTTP submit/approve, at 70% of peak', r.at70));
    const ratio = r.peak.requestsPerSecond / r.directAppendsPerSecond;
    console.log(`  HTTP / direct appends = ${ratio.toFixed(2)}×   target ≥ 0.5×: ${verdict(ratio >= 0.5)}`);
    console.log(`  p99 at 70% of peak = ${fmt(r.at70.p99, 1)} ms   target ≤ 25 ms: ${verdict(r.at70.p99 <= 25)}`);
    const bad = r.peak.non2xx + r.peak.errors + r.at70.non2xx + r.at70.errors;
    if (bad)
      console.log(`  WARNING: ${bad} requests were not 2xx (illegal transitions or errors): the walk is invalid`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
