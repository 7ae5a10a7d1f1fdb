import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HashChainedEventStore, NewEvent, SqliteEventStore, verifyStore } from '@goals/event-store';

function goalEvent(type: string, data: Record<string, unknown> = {}): NewEvent {
  return {
    id: randomUUID(),
    type,
    data: { goalId: 'g-1', ...data },
    metadata: {
      actor: { userId: 'kacho-shimin', role: 'sectionHead' },
      occurredAt: '2022-04-05T01:00:00.000Z',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      schemaVersion: 1,
    },
  };
}

describe('hash chain over the stored events', () => {
  let dir: string;
  let file: string;
  let store: HashChainedEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goal-sheet-chain-'));
    file = join(dir, 'events.sqlite');
    store = new HashChainedEventStore(new SqliteEventStore({ file }));
    // Two goals written in turns, so their events interleave in the global order.
    for (const goal of ['goal-a', 'goal-b'])
      await store.append(goal, [goalEvent('GoalDrafted', { title: '転出・転入手続のワンストップ化' })], {
        expectedRevision: 'no_stream',
      });
    for (const type of ['GoalSubmitted', 'GoalApproved', 'AchievementRecorded'])
      for (const goal of ['goal-a', 'goal-b']) await store.append(goal, [goalEvent(type)]);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Edits the file behind the store's back, as someone with access to the disk could. */
  function tamper(sql: (db: Database.Database) => void): void {
    const db = new Database(file);
    sql(db);
    db.close();
  }
  const positionOf = (stream: string, revision: number) =>
    (
      new Database(file, { readonly: true })
        .prepare('SELECT position FROM events WHERE stream_id = ? AND revision = ?')
        .get(stream, revision) as { position: number }
    ).position;

  it('chains each event to the one before it in its stream, and an untouched store verifies clean', async () => {
    const [first, second] = (await store.readStream('goal-a')).events;
    expect(first.metadata.prevHash).toBe('0'.repeat(64));
    expect(second.metadata.prevHash).toBe(first.metadata.hash);
    expect(await verifyStore(store, { pageSize: 3 })).toMatchObject({ ok: true, checked: 8 });
  });

  it('reports an altered title with its stream and position', async () => {
    const at = positionOf('goal-b', 0);
    tamper((db) =>
      db.prepare(`UPDATE events SET data = json_set(data, '$.title', '窓口の混雑緩和') WHERE position = ?`).run(at),
    );
    const result = await verifyStore(store);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({
      streamId: 'goal-b',
      revision: '0',
      position: String(at),
      reason: expect.stringContaining('altered'),
    });
  });

  it('reports an altered actor, even though the data is untouched', async () => {
    const at = positionOf('goal-a', 2);
    tamper((db) =>
      db
        .prepare(`UPDATE events SET metadata = json_set(metadata, '$.actor.userId', 'bucho') WHERE position = ?`)
        .run(at),
    );
    expect((await verifyStore(store)).firstBreak).toMatchObject({ streamId: 'goal-a', position: String(at) });
  });

  it('reports a deleted event at the next event of its stream', async () => {
    tamper((db) => db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 1').run('goal-a'));
    const next = positionOf('goal-a', 2);
    const result = await verifyStore(store);
    expect(result.firstBreak).toMatchObject({
      streamId: 'goal-a',
      revision: '2',
      position: String(next),
      reason: expect.stringContaining('missing'),
    });
  });

  it('reports two events swapped in the log', async () => {
    const [p1, p2] = [positionOf('goal-b', 1), positionOf('goal-b', 2)];
    tamper((db) => {
      const row = (p: number) =>
        db.prepare('SELECT event_id, type, data, metadata FROM events WHERE position = ?').get(p) as Record<
          string,
          string
        >;
      const [a, b] = [row(p1), row(p2)];
      const put = db.prepare('UPDATE events SET event_id = ?, type = ?, data = ?, metadata = ? WHERE position = ?');
      db.transaction(() => {
        put.run(`${b.event_id}-tmp`, b.type, b.data, b.metadata, p1);
        put.run(a.event_id, a.type, a.data, a.metadata, p2);
        db.prepare('UPDATE events SET event_id = ? WHERE position = ?').run(b.event_id, p1);
      })();
    });
    const result = await verifyStore(store);
    expect(result.firstBreak).toMatchObject({ streamId: 'goal-b', revision: '1', position: String(p1) });
  });

  it('keeps the chain whole when writers append with "any" at the same time, and a retry adds nothing', async () => {
    const retried = goalEvent('GoalRevised', { changes: { title: '改' } });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.append('goal-a', [i === 0 ? retried : goalEvent('GoalRevised')])),
    );
    const again = await store.append('goal-a', [retried]);
    expect(again).toEqual(results[0]);
    expect((await store.readStream('goal-a')).events).toHaveLength(4 + 20);
    expect(await verifyStore(store)).toMatchObject({ ok: true, checked: 8 + 20 });
  });
});
