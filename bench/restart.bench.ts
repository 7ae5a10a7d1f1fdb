/**
 * Restart to ready after kill -9 on the embedded default, as `npm start` runs it (the built dist):
 * the api is killed with SIGKILL (its redis-server left running, as after a crash) and started
 * again; the figure is the time from the new process's spawn to its first `/health` 200 (the
 * leftover redis-server stopped, a new one started, its AOF loaded, the projector resumed).
 *   npm run build && node -r ./bench/register.js bench/restart.bench.ts   (BENCH_ROUNDS, BENCH_GOALS)
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@goals/redis';
import { mintToken } from '../apps/api/src/auth/token-keys';
import { loadConfig } from '@goals/infrastructure';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../test/support/sample-goal';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const GOALS = Number(process.env.BENCH_GOALS ?? 200);
const MAIN = join(__dirname, '..', 'dist', 'apps', 'api', 'src', 'main.js');

async function ready(port: number, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error('the api exited');
    const ok = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(500) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main(): Promise<void> {
  if (!existsSync(MAIN)) throw new Error('run `npm run build` first');
  const dir = mkdtempSync(join(process.cwd(), '.bench-restart-'));
  const env = {
    ...process.env,
    DATA_DIR: dir,
    JWT_SECRET: 'restart-bench-secret-of-enough-length-here',
    RATE_LIMIT_PER_MINUTE: '1000000',
  };
  const port = await freePort();
  const start = () =>
    spawn(process.execPath, [MAIN], { env: { ...env, PORT: String(port), EMBEDDED_REDIS_PORT: '0' }, stdio: 'ignore' });
  let child = start();
  try {
    await ready(port, child);
    const token = await mintToken(loadConfig({ DATA_DIR: dir, JWT_SECRET: env.JWT_SECRET }), 'bucho');
    const kacho = await mintToken(loadConfig({ DATA_DIR: dir, JWT_SECRET: env.JWT_SECRET }), 'kacho-shimin');
    const post = (t: string, path: string, body: unknown) =>
      fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<Record<string, string>>);
    const { sheetId } = await post(token, '/sheets', SAMPLE_SHEET);
    for (let i = 0; i < GOALS; i++)
      await post(kacho, `/sheets/${sheetId}/goals`, { ...SAMPLE_GOAL, title: `目標 ${i}` });
    const figures: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const started = Date.now();
      child = start();
      await ready(port, child);
      figures.push(Date.now() - started);
    }
    figures.sort((a, b) => a - b);
    console.log(
      `restart to ready after kill -9 (${GOALS} goals in the store): median ${figures[Math.floor(figures.length / 2)]} ms, max ${figures.at(-1)} ms over ${ROUNDS} restarts [${figures.join(', ')}]`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
