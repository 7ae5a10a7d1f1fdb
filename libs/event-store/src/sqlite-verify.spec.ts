import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EventMetadata,
  HashChainedEventStore,
  SqliteEventStore,
  verifySqliteFile,
  verifyStore,
} from '@goals/event-store';

const metadata = (): EventMetadata => ({
  actor: { userId: 'kacho-shimin', role: 'sectionHead' },
  occurredAt: '2022-04-05T01:00:00.000Z',
  correlationId: randomUUID(),
  causationId: randomUUID(),
  schemaVersion: 1,
});

/**
 * The walk in a worker thread must answer exactly what the walk on the api's thread answers: the
 * same count, the same first break, the same chain heads for the checkpoint, and it stops when
 * cancelled.
 */
describe('verifying a SQLite event file in a worker thread', () => {
  let dir: string;
  let file: string;
  let store: HashChainedEventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goal-sheet-verify-worker-'));
    file = join(dir, 'events.sqlite');
    store = new HashChainedEventStore(new SqliteEventStore({ file }));
    for (let turn = 0; turn < 40; turn++)
      for (const goal of ['goal-a', 'goal-b', 'goal-c'])
        await store.append(
          goal,
          [
            {
              id: randomUUID(),
              type: turn === 0 ? 'GoalDrafted' : 'GoalRevised',
              data: { goalId: goal, title: `窓口の待ち時間を短くする（第${turn}版）` },
              metadata: metadata(),
            },
          ],
          { expectedRevision: turn === 0 ? 'no_stream' : BigInt(turn - 1) },
        );
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds every chain whole, with the same heads as the walk on this thread', async () => {
    const here = await verifyStore(store);
    const progress: number[] = [];
    const there = await verifySqliteFile(file, { pageSize: 50, onProgress: (checked) => progress.push(checked) });
    expect(there).toMatchObject({ ok: true, checked: 120, position: here.position, last: here.last });
    expect([...there.heads]).toEqual([...here.heads]);
    expect(progress).toEqual([50, 100, 120]);
  });

  it('goes on from a checkpoint: only what came after it is read', async () => {
    const first = await verifySqliteFile(file);
    await store.append('goal-a', [
      { id: randomUUID(), type: 'GoalRevised', data: { goalId: 'goal-a', title: '追記' }, metadata: metadata() },
    ]);
    const next = await verifySqliteFile(file, { after: { position: first.position!, heads: first.heads } });
    expect(next).toMatchObject({ ok: true, checked: 1 });
    expect(next.heads.get('goal-a')?.revision).toBe(40n);
  });

  it('reports the same first break when an event was altered', async () => {
    const db = new Database(file);
    const victim = db.prepare("SELECT position FROM events WHERE stream_id = 'goal-b' AND revision = 7").get() as {
      position: number;
    };
    db.prepare("UPDATE events SET data = json_set(data, '$.title', '書き換え') WHERE position = ?").run(
      victim.position,
    );
    db.close();
    const here = await verifyStore(store);
    const there = await verifySqliteFile(file);
    expect(there.ok).toBe(false);
    expect(there.firstBreak).toEqual(here.firstBreak);
    expect(there.firstBreak).toMatchObject({ streamId: 'goal-b', revision: '7', kind: 'altered' });
    expect(there.checked).toBe(here.checked);
  });

  it('stops when cancelled, saying how far it got', async () => {
    const signal = { cancelled: true };
    const walk = await verifySqliteFile(file, { signal, pageSize: 10 });
    expect(walk.cancelled).toBe(true);
    expect(walk.checked).toBeLessThan(121);
  });
});
