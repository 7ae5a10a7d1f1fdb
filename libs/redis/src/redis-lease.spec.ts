import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { LocalRedisServer } from './local-redis-server';
import { RedisLease, withLeasePaused } from './redis-lease';

describe('a lease in Redis: one holder among processes', () => {
  let dir: string;
  let server: LocalRedisServer;
  let redis: IORedis;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goal-sheet-lease-'));
    server = await new LocalRedisServer({ dataDir: dir }).start();
    redis = new IORedis(server.url);
  });
  const connections: IORedis[] = [];
  afterAll(async () => {
    for (const c of connections) c.disconnect();
    redis.disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function contender(key: string, ttlMs = 600, work: () => Promise<void> = async () => undefined) {
    const events: string[] = [];
    const warnings: string[] = [];
    const connection = redis.duplicate();
    connections.push(connection);
    const lease = new RedisLease(connection, {
      key,
      ttlMs,
      onAcquired: async () => {
        events.push('acquired');
        await work();
      },
      onReleased: async () => void events.push('released'),
      logger: { log: () => undefined, warn: (m) => warnings.push(m) },
    });
    return { lease, events, warnings };
  }
  const waitFor = async (condition: () => boolean, ms = 5000) => {
    const deadline = Date.now() + ms;
    while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return condition();
  };

  it('is held by one contender; the other takes over when the holder stops', async () => {
    const a = contender('lease:test:1');
    const b = contender('lease:test:1');
    await a.lease.start();
    await b.lease.start();
    expect([a.lease.held, b.lease.held]).toEqual([true, false]);
    await a.lease.stop();
    expect(a.events).toEqual(['acquired', 'released']);
    expect(await waitFor(() => b.lease.held)).toBe(true);
    await b.lease.stop();
  });

  it('a holder whose lease expired and was taken by another stops (and only one is active at any time)', async () => {
    const a = contender('lease:test:2');
    await a.lease.start();
    // Another process took it after an expiry (e.g. this one was paused longer than the lease).
    await redis.set('lease:test:2', 'someone-else', 'PX', 5000);
    expect(await waitFor(() => !a.lease.held)).toBe(true);
    expect(a.events).toEqual(['acquired', 'released']);
    expect(await redis.get('lease:test:2')).toBe('someone-else'); // not touched
    await a.lease.stop();
    await redis.del('lease:test:2');
  });

  it('is kept through work that lasts several times its lifetime (work that yields), and stays this holder\'s', async () => {
    // Starting the guarded work (a schedule rebuild, say) takes 2 s against a 300 ms lease.
    const a = contender('lease:test:4', 300, () => new Promise((r) => setTimeout(r, 2000)));
    const b = contender('lease:test:4', 300);
    const started = a.lease.start();
    await new Promise((r) => setTimeout(r, 50));
    await b.lease.start();
    await started;
    expect(a.lease.held).toBe(true);
    expect(b.lease.held).toBe(false);
    expect(a.events).toEqual(['acquired']);
    expect(a.warnings).toEqual([]);
    expect(await redis.get('lease:test:4')).toBe(a.lease.token);
    await b.lease.stop();
    await a.lease.stop();
  });

  it('a holder that gives the lease up says which process holds it now', async () => {
    const a = contender('lease:test:5');
    await a.lease.start();
    await redis.set('lease:test:5', 'other-host:4242:a-nonce', 'PX', 5000);
    expect(await waitFor(() => !a.lease.held)).toBe(true);
    expect(a.warnings.join('\n')).toContain('pid 4242 on other-host holds it now');
    await a.lease.stop();
    await redis.del('lease:test:5');
  });

  it('a holder paused past its expiry, with nobody having taken the lease meanwhile, takes it back without stopping', async () => {
    const a = contender('lease:test:6');
    await a.lease.start();
    await redis.del('lease:test:6'); // expired while this process did not run
    await new Promise((r) => setTimeout(r, 500));
    expect(a.lease.held).toBe(true);
    expect(await redis.get('lease:test:6')).toBe(a.lease.token);
    expect(a.events).toEqual(['acquired']);
    await a.lease.stop();
  });

  it('a rebuild pauses the holder, runs alone, then lets a holder back', async () => {
    const a = contender('lease:test:3');
    await a.lease.start();
    const heldDuringWork = await withLeasePaused(redis, 'lease:test:3', async () => a.lease.held, {
      ttlMs: 600,
      afterPause: () => a.lease.poke(),
    });
    expect(heldDuringWork).toBe(false);
    expect(await waitFor(() => a.lease.held)).toBe(true);
    expect(a.events).toEqual(['acquired', 'released', 'acquired']);
    await a.lease.stop();
  });
});
