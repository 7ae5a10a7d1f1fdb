/**
 * The read-model rebuild as an administrator runs it (POST /api/v1/admin/read-models/rebuild), through the
 * built embedded default (`npm start`'s dist), on one kept data folder, this build and a baseline build
 * alternated round by round:
 *   BENCH_DATA_DIR=<folder> BENCH_BASELINE_MAIN=<another build's dist/apps/api/src/main.js> BENCH_ROUNDS=3 \
 *     node -r ./bench/register.js bench/rebuild-api.bench.ts
 * The folder holds events.sqlite: one kept by bench:scale (BENCH_KEEP=1), or a store bench:rebuild filled
 * (BENCH_STORE=<file>) copied in as <folder>/events.sqlite. The first start on a new folder projects and
 * schedules the whole store once; each round then starts the build, waits for it to be caught up, rebuilds,
 * and stops it. Wall time, the api process's CPU (every thread: the rebuild may run in a worker) and
 * redis-server's, with the load average, per round; then the medians and the ratio of the two builds.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort, PASSWORD_FILE } from '@goals/redis';
import { loadConfig } from '@goals/infrastructure';
import { mintToken } from '../apps/api/src/auth/token-keys';

const MAIN = join(__dirname, '..', 'dist', 'apps', 'api', 'src', 'main.js');
const BASELINE_MAIN = process.env.BENCH_BASELINE_MAIN;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DIR = process.env.BENCH_DATA_DIR;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const n = (x: number) => Math.round(x).toLocaleString('en-US');

/** CPU-seconds a process has used, all its threads, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Round {
  build: string;
  events: number;
  ms: number;
  /** The replay's own time, as the api answers it (the rest is the lease's pause and the request). */
  replayMs: number;
  apiCpu: number;
  redisCpu: number;
  load: number;
}

async function main(): Promise<void> {
  if (!DIR) throw new Error('BENCH_DATA_DIR=<a folder holding events.sqlite> is needed');
  const secret = 'scale-bench-secret-of-enough-length-here';
  const port = await freePort();
  const redisPort = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    DATA_DIR: DIR,
    JWT_SECRET: secret,
    RATE_LIMIT_PER_MINUTE: '1000000',
    PORT: String(port),
    EMBEDDED_REDIS_PORT: String(redisPort),
    NO_COLOR: '1',
  };
  const admin = await mintToken(loadConfig({ DATA_DIR: DIR, JWT_SECRET: secret }), 'kanri');
  let output = '';
  const start = (main: string) => {
    const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    return child;
  };
  /** Listening, the projector caught up and the reminder schedule following: nothing else running. */
  const settled = async (child: ChildProcess) => {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the api exited:\n${output.slice(-3000)}`);
      const health = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) })
        .then((r) => (r.ok ? (r.json() as Promise<Record<string, any>>) : undefined))
        .catch(() => undefined);
      if (health && health.projector?.behind === false && (health.reminders?.phase ?? 'following') === 'following')
        return;
      await new Promise((res) => setTimeout(res, 250));
    }
  };
  const stop = async (child: ChildProcess) => {
    child.kill('SIGTERM');
    if (child.exitCode === null) await new Promise((res) => child.once('exit', res));
  };
  const builds: Array<[string, string]> = [
    ...(BASELINE_MAIN ? [['baseline', BASELINE_MAIN] as [string, string]] : []),
    ['this build', MAIN],
  ];
  const rounds: Round[] = [];
  for (let r = 0; r < ROUNDS; r++)
    for (const [build, main] of builds) {
      const child = start(main);
      try {
        await settled(child);
        const password = readFileSync(join(DIR, 'redis', PASSWORD_FILE), 'utf8').trim();
        const redis = new Redis({ port: redisPort, password });
        const redisCpu = async () => {
          const info = await redis.info('cpu');
          return Number(/used_cpu_user:([\d.]+)/.exec(info)?.[1]) + Number(/used_cpu_sys:([\d.]+)/.exec(info)?.[1]);
        };
        const [api0, redis0, t] = [cpuSeconds(child.pid!), await redisCpu(), performance.now()];
        const response = await fetch(`${base}/api/v1/admin/read-models/rebuild`, {
          method: 'POST',
          headers: { authorization: `Bearer ${admin}` },
          signal: AbortSignal.timeout(1_800_000),
        });
        const ms = performance.now() - t;
        const body = (await response.json()) as { events?: number; millis?: number };
        if (response.status !== 200 || body.events === undefined)
          throw new Error(`rebuild answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
        const round: Round = {
          build,
          events: body.events,
          ms,
          replayMs: body.millis ?? NaN,
          apiCpu: cpuSeconds(child.pid!) - api0,
          redisCpu: (await redisCpu()) - redis0,
          load: loadavg()[0],
        };
        redis.disconnect();
        rounds.push(round);
        console.log(
          `round ${r + 1} ${build}: ${n(round.events)} events in ${(ms / 1000).toFixed(1)} s = ${n(round.events / (ms / 1000))} events/s (the replay ${(round.replayMs / 1000).toFixed(1)} s); CPU: api ${round.apiCpu.toFixed(1)} s (${n(round.events / round.apiCpu)} events per CPU-second), redis-server ${round.redisCpu.toFixed(1)} s; load ${round.load.toFixed(1)}`,
        );
      } finally {
        await stop(child);
      }
    }
  for (const [build] of builds) {
    const own = rounds.filter((x) => x.build === build);
    console.log(
      `${build}: median ${n(median(own.map((x) => x.events / (x.ms / 1000))))} events/s, ${n(median(own.map((x) => x.events / x.apiCpu)))} events per api CPU-second over ${own.length} rounds`,
    );
  }
  if (BASELINE_MAIN) {
    const ours = rounds.filter((x) => x.build === 'this build');
    const theirs = rounds.filter((x) => x.build === 'baseline');
    const speed = ours.map((x, i) => theirs[i].ms / x.ms);
    const cpu = ours.map((x, i) => theirs[i].apiCpu / x.apiCpu);
    const range = (xs: number[]) =>
      `median ${median(xs).toFixed(2)}× [${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}]`;
    console.log(`this build / baseline: by wall time ${range(speed)}; by api CPU ${range(cpu)}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
