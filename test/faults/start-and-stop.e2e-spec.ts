/**
 * Starting and stopping the api as an operator does, as a real process: what must be fixed is said
 * in one line naming the folder, variable or port; a stop never takes longer than
 * SHUTDOWN_TIMEOUT_MS, even with Redis silent; and nothing is left running behind it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalRedisServer } from '@goals/redis';
import { alive, spawnApi, waitUntilReady } from '../support/service-process';

jest.setTimeout(90_000);

/** What the process wrote, without NestJS's own log lines. */
const problemLines = (output: string) => output.split('\n').filter((l) => l.trim() && !/\[Nest\]/.test(l));

describe('the api as a process', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'goal-sheet-start-stop-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a DATA_DIR it cannot create in one line naming the path and the variable', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    const api = await spawnApi({ DATA_DIR: join(file, 'data') });
    expect((await api.exited).code).toBe(1);
    const lines = problemLines(api.output());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`DATA_DIR ${join(file, 'data')} cannot be created or written`);
    expect(api.output()).not.toMatch(/\n\s+at /); // no stack
  });

  it('refuses a second instance on one DATA_DIR naming the folder and the holder, and a foreign Redis on its port; stops its redis-server on SIGTERM', async () => {
    const first = await spawnApi({ DATA_DIR: dir });
    try {
      await waitUntilReady(first);
      const second = await spawnApi({ DATA_DIR: dir });
      expect((await second.exited).code).toBe(1);
      expect(problemLines(second.output())).toEqual([
        `DATA_DIR ${dir} is in use by another instance (pid ${first.child.pid}); stop it first, or give this one its own DATA_DIR`,
      ]);

      // Another folder's api, told to use a port where a Redis of someone else's already listens.
      const foreign = await new LocalRedisServer({ dataDir: join(dir, 'foreign') }).start();
      try {
        const third = await spawnApi({ DATA_DIR: join(dir, 'other'), EMBEDDED_REDIS_PORT: String(foreign.port) });
        expect((await third.exited).code).toBe(1);
        const lines = problemLines(third.output());
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain(`port ${foreign.port} is taken by another process`);
      } finally {
        await foreign.stop();
      }

      const redisPid = (JSON.parse(readFileSync(join(dir, 'redis', 'redis-server.pid'), 'utf8')) as { pid: number })
        .pid;
      expect(alive(redisPid)).toBe(true);
      await first.kill('SIGTERM');
      expect(alive(redisPid)).toBe(false);
      expect(() => readFileSync(join(dir, 'instance.lock'))).toThrow(); // the lock is released
    } finally {
      await first.kill('SIGKILL');
    }
  });

  it('exits within SHUTDOWN_TIMEOUT_MS after SIGTERM while its Redis answers nothing', async () => {
    const redis = await new LocalRedisServer({ dataDir: join(dir, 'redis') }).start();
    const api = await spawnApi({
      DATA_DIR: dir,
      REDIS_URL: redis.url,
      RUN_WORKER: 'true',
      SHUTDOWN_TIMEOUT_MS: '2000',
    });
    try {
      await waitUntilReady(api);
      process.kill(redis.pid!, 'SIGSTOP');
      const started = Date.now();
      api.child.kill('SIGTERM');
      await api.exited;
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      process.kill(redis.pid!, 'SIGCONT');
      await api.kill('SIGKILL');
      await redis.stop();
    }
  });
});
