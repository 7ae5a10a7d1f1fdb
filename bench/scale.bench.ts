/**
 * The service at a shared service's scale: a store filled to BENCH_EVENTS with a city's history
 * (support/scale-store.ts), then the embedded default as `npm start` runs it (the built dist):
 *   - first start on the filled store until the projector has caught up;
 *   - restart to ready after kill -9, BENCH_ROUNDS times;
 *   - Redis memory and the AOF's size;
 *   - GET /audit/verify (twice: the second after nothing new; then ?full=true, every event walked again), and the
 *     slowest /health answered while it ran;
 *   - the read-model rebuild (POST /admin/read-models/rebuild);
 *   - a sheet, a goal's history and a sheet's audit trail, each alternated with a baseline
 *     (GET /health) over BENCH_ROUNDS rounds: median per request, and the median and spread of the
 *     ratio to the baseline of the same round.
 *   npm run bench:scale                         (10,000 events)
 *   BENCH_EVENTS=100000 npm run bench:scale
 * Each restart's time by phase is the api's own log line ("ready in … ms: modules … · preflight … ·
 * Redis … · event store … · …", from libs/platform/src/startup-timeline.ts).
 * BENCH_KEEP=1 keeps the data folder; BENCH_DATA_DIR=<that folder> then measures it again without
 * filling (before and after a change, on the same store; a folder without the fill's scale-store.json
 * gets only the first start and the restarts); BENCH_STARTUP_ONLY=1 stops after the restarts.
 * BENCH_BASELINE_MAIN=<another build's dist/apps/api/src/main.js> alternates restarts of that build
 * (the baseline) with this one's, round by round on the same data folder, and prints the ratio.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { HashChainedEventStore, SqliteEventStore } from '@goals/event-store';
import { freePort, PASSWORD_FILE } from '@goals/redis';
import { loadConfig, READ_MODEL_KEY_PREFIX } from '@goals/infrastructure';
import { mintToken } from '../apps/api/src/auth/token-keys';
import { fillScaleStore, ScaleStore } from './support/scale-store';
import { memoryByFamily } from './support/redis-memory';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PER_ROUND = Number(process.env.BENCH_REQUESTS ?? 20);
const MAIN = join(__dirname, '..', 'dist', 'apps', 'api', 'src', 'main.js');
const BASELINE_MAIN = process.env.BENCH_BASELINE_MAIN;
const KEPT = process.env.BENCH_DATA_DIR;
/** Written beside a filled store, so that a kept folder can be measured again in full. */
const DESCRIPTION = 'scale-store.json';
const n = (x: number) => x.toLocaleString('en-US');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  if (!existsSync(MAIN)) throw new Error('run `npm run build` first');
  // A data folder kept by an earlier run (BENCH_KEEP=1) measures start-up again without filling.
  const dir = KEPT ?? mkdtempSync(join(process.cwd(), '.bench-scale-'));
  const secret = 'scale-bench-secret-of-enough-length-here';
  let t = Date.now();
  let filled: ScaleStore | undefined;
  if (!KEPT) {
    // NORMAL while filling: the fill is closed (and checkpointed) before anything reads it.
    const store = new HashChainedEventStore(
      new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' }),
    );
    filled = await fillScaleStore(store, EVENTS);
    await store.close();
    writeFileSync(join(dir, DESCRIPTION), JSON.stringify(filled));
    console.log(
      `filled: ${n(filled.events)} events (${filled.departments} 部, ${filled.sections} 課, ${n(filled.goals)} goals) in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
  } else if (existsSync(join(dir, DESCRIPTION))) {
    // What the fill wrote (its sample sheet and goal): everything can be measured again on it.
    filled = JSON.parse(readFileSync(join(dir, DESCRIPTION), 'utf8')) as ScaleStore;
    console.log(`the store kept in ${dir}: ${n(filled.events)} events when filled, ${filled.departments} 部`);
  } else console.log(`the store kept in ${dir}: start-up only (it has no ${DESCRIPTION})`);

  const port = await freePort();
  const redisPort = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    DATA_DIR: dir,
    JWT_SECRET: secret,
    RATE_LIMIT_PER_MINUTE: '1000000',
    PORT: String(port),
    EMBEDDED_REDIS_PORT: String(redisPort),
    NO_COLOR: '1',
  };
  let output = '';
  const start = (main = MAIN) => {
    const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    return child;
  };
  const config = loadConfig({ DATA_DIR: dir, JWT_SECRET: secret });
  const [auditor, head, admin] = await Promise.all(['kansa', 'bucho-0', 'kanri'].map((l) => mintToken(config, l)));
  const get = async (path: string, token?: string, timeoutMs = 600_000) => {
    const started = performance.now();
    const r = await fetch(`${base}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await r.text();
    return { status: r.status, ms: performance.now() - started, body };
  };
  const ready = async (child: ChildProcess, caughtUp = false) => {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the api exited:\n${output.slice(-3000)}`);
      const r = await get('/health', undefined, 1000).catch(() => undefined);
      if (r?.status === 200 && (!caughtUp || JSON.parse(r.body).projector?.behind === false)) return;
      await new Promise((res) => setTimeout(res, caughtUp ? 200 : 20));
    }
  };
  const kill9 = async (child: ChildProcess) => {
    child.kill('SIGKILL');
    if (child.exitCode === null) await new Promise((res) => child.once('exit', res));
  };

  let child = start();
  try {
    t = Date.now();
    await ready(child);
    const firstReady = Date.now() - t;
    await ready(child, true);
    console.log(
      `first start on the filled store: ready in ${n(firstReady)} ms, projector caught up in ${n(Date.now() - t)} ms`,
    );

    const restarts: number[] = [];
    const baselineRestarts: number[] = [];
    /** The api's own account of its start (main.ts logs it once listening): the time of each phase. */
    const timelines: string[] = [];
    const restart = async (main: string) => {
      await kill9(child);
      const begun = Date.now();
      const from = output.length;
      child = start(main);
      await ready(child);
      const took = Date.now() - begun;
      if (main === MAIN) {
        for (let i = 0; i < 50 && !/ready in [\d,]+ ms: .*/.test(output.slice(from)); i++)
          await new Promise((res) => setTimeout(res, 100));
        timelines.push(/ready in [\d,]+ ms: .*/.exec(output.slice(from))?.[0] ?? '(no timeline logged)');
      }
      return took;
    };
    for (let r = 0; r < ROUNDS; r++) {
      if (BASELINE_MAIN) baselineRestarts.push(await restart(BASELINE_MAIN));
      restarts.push(await restart(MAIN));
    }
    console.log(
      `restart to ready after kill -9: median ${n(median(restarts))} ms, max ${n(Math.max(...restarts))} ms [${restarts.join(', ')}]`,
    );
    console.log(
      `  where each restart's time went (spawn to listening, as the api logs it; load average ${loadAverage()}):`,
    );
    for (const line of timelines) console.log(`    ${line}`);
    if (BASELINE_MAIN) {
      const ratios = restarts.map((x, i) => x / baselineRestarts[i]);
      console.log(
        `  baseline build, alternated: median ${n(median(baselineRestarts))} ms [${baselineRestarts.join(', ')}]; this build / baseline: median ${median(ratios).toFixed(2)}× [${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}]`,
      );
    }
    await ready(child, true);
    if (!filled || process.env.BENCH_STARTUP_ONLY) return;

    // The embedded Redis asks for the password kept beside its data.
    const password = readFileSync(join(dir, 'redis', PASSWORD_FILE), 'utf8').trim();
    const redis = new Redis({ port: redisPort, password, lazyConnect: true });
    const memory = await redis.info('memory').then(
      (info) => Number(/used_memory:(\d+)/.exec(info)?.[1]),
      () => NaN,
    );
    const families = await memoryByFamily(redis, READ_MODEL_KEY_PREFIX);
    redis.disconnect();
    const aof = sizeOf(join(dir, 'redis'));
    console.log(`Redis: used_memory ${(memory / 1e6).toFixed(1)} MB, data on disk ${(aof / 1e6).toFixed(1)} MB`);
    for (const [family, { count, bytes }] of families.slice(0, 6))
      console.log(`  ${family.padEnd(28)} ${n(count).padStart(9)} keys ${(bytes / 1e6).toFixed(1).padStart(7)} MB`);

    // first and repeated: from the checkpoint (if the folder has one); full: every event walked again.
    for (const pass of ['first', 'repeated', 'full']) {
      let slowestHealth = 0;
      let verifying = true;
      const probe = (async () => {
        while (verifying) {
          const h = await get('/health', undefined, 60_000);
          slowestHealth = Math.max(slowestHealth, h.ms);
          await new Promise((res) => setTimeout(res, 50));
        }
      })();
      const v = await get(`/api/v1/audit/verify${pass === 'full' ? '?full=true' : ''}`, auditor, 600_000);
      verifying = false;
      await probe;
      console.log(
        `verify (${pass}): ${n(Math.round(v.ms))} ms, status ${v.status}, ${v.body.slice(0, 160)}; slowest /health meanwhile ${n(Math.round(slowestHealth))} ms`,
      );
    }

    t = Date.now();
    const rebuild = await fetch(`${base}/api/v1/admin/read-models/rebuild`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
    });
    const rebuilt = await rebuild.text();
    const rebuildMs = Date.now() - t;
    console.log(
      `rebuild: ${n(rebuildMs)} ms = ${n(Math.round(filled.events / (rebuildMs / 1000)))} events/s, status ${rebuild.status} ${rebuilt.slice(0, 160)}`,
    );

    const subjects: Array<[string, string, string]> = [
      ['sheet', `/api/v1/sheets/${filled.sample.sheetId}`, head],
      ['goal history', `/api/v1/goals/${filled.sample.goalId}/history`, head],
      ['sheet audit trail', `/api/v1/audit/trail?sheetId=${filled.sample.sheetId}&limit=200`, auditor],
    ];
    for (const [name, path, token] of subjects) {
      const first = await get(path, token);
      if (first.status !== 200) throw new Error(`${name}: ${first.status} ${first.body.slice(0, 300)}`);
      const ratios: number[] = [];
      const subjectMs: number[] = [];
      const baselineMs: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const b: number[] = [];
        const s: number[] = [];
        for (let i = 0; i < PER_ROUND; i++) b.push((await get('/health')).ms);
        for (let i = 0; i < PER_ROUND; i++) s.push((await get(path, token)).ms);
        baselineMs.push(...b);
        subjectMs.push(...s);
        ratios.push(median(s) / median(b));
      }
      console.log(
        `${name}: median ${median(subjectMs).toFixed(1)} ms (baseline /health ${median(baselineMs).toFixed(1)} ms); ratio to baseline median ${median(ratios).toFixed(2)}× [${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}] over ${ROUNDS} rounds of ${PER_ROUND}`,
      );
    }
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((res) => child.once('exit', res));
    if (process.env.BENCH_KEEP || KEPT) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
}

function sizeOf(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + sizeOf(join(path, entry)), 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
