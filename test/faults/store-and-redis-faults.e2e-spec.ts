/**
 * What a person sees when a dependency fails under them: a full disk, a Redis that stopped
 * answering. A clear 507/503 problem+json naming the cause, nothing half-written, no request that
 * hangs, and /health telling the truth within a second. The disk is made full for real: SQLite's
 * max_page_count caps the event file, so its writes fail with SQLITE_FULL as on a full disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { SqliteEventStore } from '@goals/event-store';
import { LocalRedisServer } from '@goals/redis';
import { ApiResponse, AppHarness, startApp } from '../support/app-harness';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../support/sample-goal';

/** The SQLite store under the hash chain: test-only access to its connection and its page limit. */
function sqliteOf(api: AppHarness): Database.Database {
  return (api.store as unknown as { inner: { db: Database.Database } }).inner.db;
}

function sqliteStoreOf(api: AppHarness): SqliteEventStore {
  return (api.store as unknown as { inner: SqliteEventStore }).inner;
}

async function timedHealth(api: AppHarness) {
  const started = Date.now();
  const response = await api.call(null, 'GET', '/health');
  return { ...response, millis: Date.now() - started };
}

describe('a full disk', () => {
  let api: AppHarness;
  beforeAll(async () => {
    api = await startApp({ RUN_WORKER: 'true' });
  });
  afterAll(async () => api?.close());

  it('answers 507 problem+json naming the cause, stores nothing of the refused write, and /health says the store takes no writes', async () => {
    const sheetId = (await api.call('bucho', 'POST', '/sheets', { body: SAMPLE_SHEET })).body.sheetId as string;
    const drafted = await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, { body: SAMPLE_GOAL });
    expect(drafted.status).toBe(201);
    const goalId: string = drafted.body.goalId;

    const db = sqliteOf(api);
    // FULL (2): a write answered 2xx survives a power loss, not only a crash of the process.
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    await sqliteStoreOf(api).limitPages('present size');
    let refused: { response: ApiResponse; eventsBefore: number } | undefined;
    for (let i = 0, revision = 0; i < 50 && !refused; i++) {
      const revised = await api.call('kacho-shimin', 'PATCH', `/goals/${goalId}`, {
        headers: { 'if-match': `"${revision}"` },
        body: { method: `${'改修'.repeat(900)}${i}` },
      });
      if (revised.status === 200) revision = revised.body.revision;
      else refused = { response: revised, eventsBefore: revision };
    }
    expect(refused).toBeDefined();
    const { response, eventsBefore } = refused!;
    expect(response.status).toBe(507);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.detail).toMatch(/disk holding the event file .*events\.sqlite is full: nothing was saved/);
    // Nothing half-written: the goal's stream ends at the last acknowledged revision.
    const stream = await api.store.readStream(`goal-${goalId}`);
    expect(stream.events.length - 1).toBe(eventsBefore);

    const health = await timedHealth(api);
    expect(health.millis).toBeLessThan(1000);
    expect(health.status).toBe(503);
    expect(health.body.eventStore).toMatchObject({ status: 'down', acceptsWrites: false });
    expect(health.body.eventStore.error).toMatch(/size limit|full/);

    // Space again: writes and health come back.
    await sqliteStoreOf(api).limitPages(undefined);
    const again = await api.call('kacho-shimin', 'PATCH', `/goals/${goalId}`, {
      headers: { 'if-match': `"${eventsBefore}"` },
      body: { method: '住民基本台帳システムの改修を行う（容量を確保のうえ再送）。' },
    });
    expect(again.status).toBe(200);
    const healed = (await timedHealth(api)).body.eventStore;
    expect(healed).toMatchObject({ status: 'ok', acceptsWrites: true });
    expect(healed.error).toBeUndefined();
  });
});

describe('a Redis that stops answering', () => {
  let api: AppHarness;
  let redis: LocalRedisServer;
  let redisDir: string;
  beforeAll(async () => {
    redisDir = mkdtempSync(join(tmpdir(), 'goal-sheet-redis-outage-'));
    redis = await new LocalRedisServer({ dataDir: redisDir }).start();
    api = await startApp({ REDIS_URL: redis.url, RUN_WORKER: 'true', REDIS_COMMAND_TIMEOUT_MS: '500' });
  });
  afterAll(async () => {
    await api?.close();
    await redis?.stop();
    rmSync(redisDir, { recursive: true, force: true });
  });

  it('answers reads with 503 problem+json naming Redis, and /health within a second, then recovers', async () => {
    const sheetId = (await api.call('bucho', 'POST', '/sheets', { body: SAMPLE_SHEET })).body.sheetId as string;
    expect((await api.call('bucho', 'GET', `/sheets/${sheetId}`)).status).not.toBe(503);

    // SIGSTOP: the process keeps its port and connections but answers nothing, the worst kind of outage.
    process.kill(redis.pid!, 'SIGSTOP');
    try {
      const started = Date.now();
      const read = await api.call('bucho', 'GET', `/sheets/${sheetId}`);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(read.status).toBe(503);
      expect(read.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(read.body).toMatchObject({ title: 'Redis unavailable', status: 503 });
      expect(read.body.detail).toMatch(/Redis/);

      // The reminders' BullMQ connection waits for Redis by design; the admin asking it does not.
      const askedAt = Date.now();
      const failed = await api.call('admin', 'GET', '/admin/reminders/failed');
      expect(Date.now() - askedAt).toBeLessThan(3000);
      expect(failed.status).toBe(503);

      for (let i = 0; i < 3; i++) {
        const health = await timedHealth(api);
        expect(health.millis).toBeLessThan(1000);
        expect(health.status).toBe(503);
        expect(health.body.redis.status).toBe('down');
        expect(health.body.eventStore.status).toBe('ok');
      }
    } finally {
      process.kill(redis.pid!, 'SIGCONT');
    }
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200)
      status = (await api.call('bucho', 'GET', `/sheets/${sheetId}`)).status;
    expect(status).toBe(200);
  });
});
