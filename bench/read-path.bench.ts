/**
 * The read path under load: GET the 22-goal 令和4年度 市民生活部 sheet (imported from the fixture,
 * served from the Redis read model) and GET the history of a goal with a 1,000-event stream (folded
 * from the store on every request) — next to a bare Fastify route in the same run.
 *   node -r ./bench/register.js bench/read-path.bench.ts
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=16 BENCH_HISTORY_EVENTS=1000 …
 * The app runs as the embedded default: SQLite, a local redis-server, the projector in-process.
 */
import { cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBenchApp } from './support/bench-app';
import { describeLoad, fmt, runLoad } from './support/load';
import { profiled } from './support/profile-window';
import { goalWithRevisions } from './support/revisions';
import { startBareFastify } from './support/trivial-servers';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const HISTORY_EVENTS = Number(process.env.BENCH_HISTORY_EVENTS ?? 1000);

async function main(): Promise<void> {
  console.log(`read path: ${SECONDS} s a pass, ${CONNECTIONS} connections, node ${process.version}, ${cpus().length} cores\n`);
  const bare = await startBareFastify();
  await runLoad({ kind: 'get', url: bare.url, path: '/ping', connections: CONNECTIONS, duration: 2 });
  const baseline = await runLoad({ kind: 'get', url: bare.url, path: '/ping', connections: CONNECTIONS, duration: Math.min(SECONDS, 5) });
  await bare.close();
  console.log(describeLoad('bare Fastify GET /ping (baseline)', baseline));

  const bench = await startBenchApp({ RUN_WORKER: 'true' });
  try {
    const bucho = await bench.token('bucho');
    const kansa = await bench.token('kansa');
    const imported = await fetch(`${bench.url}/api/v1/sheets/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bucho}`, 'content-type': 'text/tab-separated-values' },
      body: readFileSync(join(__dirname, '../test/fixtures/r4-citizen-life-dept-sheet.txt'), 'utf8'),
    });
    if (imported.status !== 201) throw new Error(`import answered ${imported.status}: ${await imported.text()}`);
    const { sheetId } = (await imported.json()) as { sheetId: string };
    const sheetPath = `/api/v1/sheets/${sheetId}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const sheet = (await (await fetch(bench.url + sheetPath, { headers: { authorization: `Bearer ${bucho}` } })).json()) as { rows?: unknown[] };
      if (sheet.rows?.length === 22) break;
      if (Date.now() > deadline) throw new Error(`the sheet shows ${sheet.rows?.length} rows, not 22, after 30 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const sheetBytes = (await (await fetch(bench.url + sheetPath, { headers: { authorization: `Bearer ${bucho}` } })).text()).length;

    const t = Date.now();
    const goalId = await goalWithRevisions(bench.store, bench.config, HISTORY_EVENTS - 1);
    const historyPath = `/api/v1/goals/${goalId}/history`;
    const history = (await (await fetch(bench.url + historyPath, { headers: { authorization: `Bearer ${kansa}` } })).json()) as { events: unknown[] };
    console.log(`prepared a goal with ${fmt(HISTORY_EVENTS)} events in ${((Date.now() - t) / 1000).toFixed(1)} s; its history lists ${history.events.length} entries`);

    const load = (path: string, token: string, duration: number) =>
      runLoad({ kind: 'get', url: bench.url, path, headers: { authorization: `Bearer ${token}` }, connections: CONNECTIONS, duration });
    await load(sheetPath, bucho, 2);
    const sheet = await profiled('read-sheet', () => load(sheetPath, bucho, SECONDS));
    await load(historyPath, kansa, 2);
    const goalHistory = await profiled('read-history', () => load(historyPath, kansa, SECONDS));

    console.log('\n=== figures (same run, same machine, loopback) ===');
    console.log(describeLoad('bare Fastify GET /ping (baseline)', baseline));
    console.log(describeLoad(`GET /sheets/:id (22 rows, ${fmt(sheetBytes / 1024)} KB)`, sheet));
    console.log(describeLoad(`GET /goals/:id/history (${fmt(HISTORY_EVENTS)} events)`, goalHistory));
    console.log(`  sheet / bare Fastify = ${(sheet.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)}×, history / bare Fastify = ${(goalHistory.requestsPerSecond / baseline.requestsPerSecond).toFixed(3)}×`);
    for (const [name, r] of [['sheet', sheet], ['history', goalHistory]] as const)
      if (r.non2xx + r.errors) console.log(`  WARNING: ${r.non2xx + r.errors} ${name} requests were not 2xx`);
  } finally {
    await bench.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
