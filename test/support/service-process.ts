/**
 * The service as real child processes (`node` with the SWC require hook, as the benches run it), for
 * the tests that kill, restart and multiply them: kill -9 can only be tested on a process.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@goals/redis';

const ROOT = join(__dirname, '..', '..');

export interface ServiceProcess {
  child: ChildProcess;
  /** stdout and stderr together, as they came. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface ApiProcess extends ServiceProcess {
  port: number;
  baseUrl: string;
}

/** Every service process a test file started and that has not exited yet. */
const running = new Set<ChildProcess>();

/**
 * A test that fails half-way must not leave its processes running: Jest would wait for their pipes
 * and never exit, and an api killed with SIGKILL leaves its redis-server holding a port. Asked to stop
 * (SIGTERM: the api stops its own Redis), then killed if it has not within the shutdown time.
 */
afterAll(async () => {
  await Promise.all(
    [...running].map(async (child) => {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const late = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(late);
    }),
  );
}, 30_000);

export function spawnService(entry: 'api' | 'worker', env: Record<string, string>): ServiceProcess {
  const main = join(ROOT, 'apps', entry, 'src', 'main.ts');
  const child = spawn(process.execPath, ['-r', join(ROOT, 'bench', 'register.js'), main], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => output,
    exited,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export async function spawnApi(env: Record<string, string>): Promise<ApiProcess> {
  const port = Number(env.PORT) || (await freePort());
  const service = spawnService('api', { EMBEDDED_REDIS_PORT: '0', ...env, PORT: String(port) });
  return { ...service, port, baseUrl: `http://127.0.0.1:${port}` };
}

/** GET /health once, with a deadline: the status and how long it took (status 0: no answer). */
export async function health(
  baseUrl: string,
  timeoutMs = 1000,
): Promise<{ status: number; millis: number; body?: any }> {
  const started = Date.now();
  try {
    const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = await response.json().catch(() => undefined);
    return { status: response.status, millis: Date.now() - started, body };
  } catch {
    return { status: 0, millis: Date.now() - started };
  }
}

/** Polls /health until it answers 200, or the process exits, or the deadline passes; returns the time taken. */
export async function waitUntilReady(api: ApiProcess, timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  let exited = false;
  void api.exited.then(() => (exited = true));
  while (Date.now() - started < timeoutMs) {
    if (exited) throw new Error(`the api exited before it was ready:\n${api.output()}`);
    if ((await health(api.baseUrl, 500)).status === 200) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the api was not ready within ${timeoutMs} ms:\n${api.output()}`);
}

/** Whether a pid is a live process (not a zombie). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return true;
  }
}

/**
 * A sheet of the current fiscal year and goals due at the end of the current month (Asia/Tokyo):
 * with REMINDER_DEADLINE_DAYS_BEFORE=365 each approved goal has one reminder due at once, whatever
 * the date the tests run on (a past year's goals entered now are not chased at all).
 */
export function currentYearSheet(): { sheet: Record<string, unknown>; deadlineMonth: number } {
  const jst = new Date(Date.now() + 9 * 3600_000);
  const month = jst.getUTCMonth() + 1;
  const fiscalYear = month >= 4 ? jst.getUTCFullYear() : jst.getUTCFullYear() - 1;
  return {
    sheet: {
      department: '市民生活部',
      fiscalYear,
      createdOn: `${fiscalYear}-04-01`,
      headTitle: '市民生活部長',
      headName: '沢柳和彦',
    },
    deadlineMonth: month,
  };
}
