/**
 * The projector killed with SIGKILL in the middle of a 100k-event rebuild and started again ends
 * with read models identical to a clean rebuild: the checkpoint travels in the same MULTI/EXEC as
 * the changes, so nothing is lost or applied twice.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { SqliteEventStore } from '@goals/event-store';
import { LocalRedisServer } from '@goals/redis';
import { hashReadModels, rebuildReadModels } from '@goals/read-models';
import { generateEvents } from './testing/generate-events';

const root = join(__dirname, '../../..');
const EVENTS = 100_000;
/**
 * The test is bounded by progress, not by the clock: on a loaded machine a rebuild may take minutes,
 * and that is no failure; a checkpoint that stands still this long is (a hung or dead projector).
 */
const STALL_MS = 60_000;
/** Only a bound on a hang Jest would otherwise wait for for ever; progress decides pass or fail. */
const HANG_MS = 30 * 60_000;

describe('projector process killed mid-rebuild', () => {
  let dir: string;
  let server: LocalRedisServer;
  let redis: Redis;
  let file: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goal-sheet-crash-'));
    file = join(dir, 'events.sqlite');
    server = await new LocalRedisServer({ dataDir: join(dir, 'redis') }).start();
    redis = new Redis(server.url);
    const store = new SqliteEventStore({ file });
    await generateEvents(store, EVENTS);
    await store.close();
  }, HANG_MS);
  afterAll(async () => {
    // A failed expectation must not leave a projector running: Jest would wait for its pipes.
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    redis?.disconnect();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function projectorProcess(...flags: string[]): { child: ChildProcess; exited: Promise<number | null> } {
    const child = spawn(
      process.execPath,
      [
        '-r',
        './bench/register.js',
        'libs/read-models/src/projector.main.ts',
        '--store',
        file,
        '--redis',
        server.url,
        '--prefix',
        'live:',
        ...flags,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    void exited.then((code) => {
      if (code !== 0 && code !== null) console.error(output);
    });
    return { child, exited };
  }

  /**
   * Polls `done` until it answers, as long as the checkpoint keeps moving; fails once it has stood
   * still for STALL_MS (the process start counts: it has as long to write its first batch).
   */
  async function whileProgressing<T>(what: string, done: () => Promise<T | undefined>): Promise<T> {
    let seen = await redis.get('live:checkpoint');
    let movedAt = Date.now();
    for (;;) {
      const result = await done();
      if (result !== undefined) return result;
      const now = await redis.get('live:checkpoint');
      if (now !== seen) [seen, movedAt] = [now, Date.now()];
      else if (Date.now() - movedAt > STALL_MS)
        throw new Error(`${what}: the checkpoint stood at ${seen} for ${STALL_MS} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it(
    'resumes from its checkpoint and ends equal to a clean rebuild',
    async () => {
      const first = projectorProcess('--rebuild', '--exit-when-caught-up');
      // Kill it once it is well into the history, between or during batches: wherever it happens to be.
      await whileProgressing('the first projector', async () => {
        const checkpoint = await redis.get('live:checkpoint');
        return checkpoint !== null && BigInt(checkpoint) >= 30_000n ? true : undefined;
      });
      first.child.kill('SIGKILL');
      expect(await first.exited).toBeNull();
      const killedAt = BigInt((await redis.get('live:checkpoint'))!);
      expect(killedAt).toBeLessThan(BigInt(EVENTS));

      const second = projectorProcess('--exit-when-caught-up');
      let exitCode: number | null | undefined;
      void second.exited.then((code) => (exitCode = code));
      expect(
        await whileProgressing('the restarted projector', async () =>
          exitCode === undefined ? undefined : { exitCode },
        ),
      ).toEqual({ exitCode: 0 });
      expect(await redis.get('live:checkpoint')).toBe(String(EVENTS));

      const store = new SqliteEventStore({ file });
      try {
        const clean = await rebuildReadModels({ store, redis, prefix: 'clean:', batchSize: 1000 });
        expect(clean.events).toBe(EVENTS);
      } finally {
        await store.close();
      }
      const [live, clean] = await Promise.all([hashReadModels(redis, 'live:'), hashReadModels(redis, 'clean:')]);
      expect(live.keys).toBeGreaterThan(10_000);
      expect(live).toEqual(clean);
    },
    HANG_MS,
  );
});
