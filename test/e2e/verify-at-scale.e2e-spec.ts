/**
 * The auditor's hash-chain check on a store of tens of thousands of events, over HTTP: the service
 * keeps answering while it walks, a repeated check reads only what is new (from a chained
 * checkpoint), and a full re-verification in the background, with progress and a cancel, still
 * finds an event altered before the checkpoint.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { AppHarness, eventually, startApp } from '../support/app-harness';
import { generateEvents } from '../../libs/read-models/src/testing/generate-events';

const EVENTS = 20_000;

describe('verifying a big store', () => {
  let api: AppHarness;
  beforeAll(async () => {
    api = await startApp();
    await generateEvents(api.store, EVENTS);
  }, 120_000);
  afterAll(async () => api?.close());

  it('answers /health while a verification walks the store, and a repeated one checks only the new events', async () => {
    const total = await api.eventCount();
    let verifyAnswered = false;
    const verifying = api.call('kansa', 'GET', '/audit/verify').then((r) => {
      verifyAnswered = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 50));
    const health = await fetch(`${api.baseUrl}/health`);
    expect([200, 503]).toContain(health.status);
    // It says what the reminder schedule is doing (this process holds its lease and follows the store).
    expect(((await health.json()) as { reminders?: unknown }).reminders).toMatchObject({
      phase: expect.stringMatching(/^(catching-up|following)$/),
    });
    expect(verifyAnswered).toBe(false); // answered while the walk was still under way
    const first = (await verifying).body;
    expect(first).toMatchObject({ ok: true, checked: total, walked: total });

    // One more event on a goal verified already: it must chain onto that goal's verified head.
    await api.store.append('goal-s0-g0', [
      {
        id: randomUUID(),
        type: 'AchievementRecorded',
        data: { goalId: 's0-g0', level: '達成した' },
        metadata: {
          actor: { userId: 'kacho-0', role: 'sectionHead' },
          occurredAt: new Date().toISOString(),
          correlationId: randomUUID(),
          causationId: randomUUID(),
          schemaVersion: 1,
        },
      },
    ]);
    const repeated = (await api.call('kansa', 'GET', '/audit/verify')).body;
    const now = await api.eventCount();
    expect(repeated).toMatchObject({ ok: true, checked: now, walked: now - total });
    expect(repeated.checkpoint.previous).toBe(first.checkpoint.digest);
  }, 120_000);

  it('finds an event altered before the checkpoint in a full re-verification in the background, which reports its progress', async () => {
    await api.call('kansa', 'GET', '/audit/verify'); // a checkpoint at the newest event
    const file = (api.config.eventStore as { file: string }).file;
    const db = new Database(file);
    const victim = db
      .prepare(
        "SELECT position, stream_id FROM events WHERE type = 'GoalApproved' ORDER BY position LIMIT 1 OFFSET 100",
      )
      .get() as { position: number; stream_id: string };
    db.prepare("UPDATE events SET data = json_set(data, '$.comment', '書き換え') WHERE position = ?").run(
      victim.position,
    );
    db.close();

    // The repeated check looks only past the checkpoint, so it does not see it ...
    expect((await api.call('kansa', 'GET', '/audit/verify')).body).toMatchObject({ ok: true, walked: 0 });
    // ... the full one does.
    expect((await api.call('bucho', 'POST', '/audit/verify/full')).status).toBe(403);
    const started = await api.call('kansa', 'POST', '/audit/verify/full');
    expect(started.status).toBe(202);
    expect(started.body.state).toBe('running');
    const done = await eventually(
      async () => (await api.call('kansa', 'GET', '/audit/verify/full')).body,
      (p) => p.state !== 'running',
      60_000,
    );
    expect(done).toMatchObject({
      state: 'done',
      ok: false,
      firstBreak: { streamId: victim.stream_id, position: String(victim.position) },
    });
  }, 120_000);

  it('can be cancelled, saying how far it got', async () => {
    await api.call('kansa', 'POST', '/audit/verify/full');
    const cancelled = (await api.call('kansa', 'DELETE', '/audit/verify/full')).body;
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.checked).toBeLessThan(await api.eventCount());
  }, 60_000);
});
