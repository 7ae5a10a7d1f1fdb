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

describe('projector process killed mid-rebuild', () => {
  let dir: string;
  let server: LocalRedisServer;
  let redis: Redis;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goal-sheet-crash-'));
    file = join(dir, 'events.sqlite');
    server = await new LocalRedisServer({ dataDir: join(dir, 'redis') }).start();
    redis = new Redis(server.url);
    const store = new SqliteEventStore({ file });
    await generateEvents(store, EVENTS);
    await store.close();
  }, 60_000);
  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function projectorProcess(...flags: string[]): { child: ChildProcess; exited: Promise<number | null> } {
    const child = spawn(process.execPath, ['-r', './bench/register.js', 'libs/read-models/src/projector.main.ts', '--store', file, '--redis', server.url, '--prefix', 'live:', ...flags], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    void exited.then((code) => {
      if (code !== 0 && code !== null) console.error(output);
    });
    return { child, exited };
  }

  it('resumes from its checkpoint and ends equal to a clean rebuild', async () => {
    const first = projectorProcess('--rebuild', '--exit-when-caught-up');
    // Kill it once it is well into the history, between or during batches: wherever it happens to be.
    const deadline = Date.now() + 30_000;
    let checkpoint: string | null = null;
    while ((checkpoint = await redis.get('live:checkpoint')) === null || BigInt(checkpoint) < 30_000n) {
      if (Date.now() > deadline) throw new Error('the projector made no progress');
      await new Promise((r) => setTimeout(r, 25));
    }
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    const killedAt = BigInt((await redis.get('live:checkpoint'))!);
    expect(killedAt).toBeLessThan(BigInt(EVENTS));

    const second = projectorProcess('--exit-when-caught-up');
    expect(await second.exited).toBe(0);
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
  }, 90_000);
});
