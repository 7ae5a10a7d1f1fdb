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

  function contender(key: string, ttlMs = 600) {
    const events: string[] = [];
    const connection = redis.duplicate();
    connections.push(connection);
    const lease = new RedisLease(connection, {
      key,
      ttlMs,
      onAcquired: async () => void events.push('acquired'),
      onReleased: async () => void events.push('released'),
    });
    return { lease, events };
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
