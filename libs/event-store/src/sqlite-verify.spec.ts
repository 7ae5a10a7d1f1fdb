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

/**
 * A long walk is split in two halves walked side by side and joined: its answer must be the one walk's
 * answer, wherever a break falls — in either half, or where a stream crosses from one half to the other.
 */
describe('verifying a SQLite event file in two halves', () => {
  let dir: string;
  let file: string;
  const streams = ['goal-a', 'goal-b', 'goal-c', 'goal-d', 'sheet-s'];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goal-sheet-verify-halves-'));
    file = join(dir, 'events.sqlite');
    const store = new HashChainedEventStore(new SqliteEventStore({ file }));
    for (let turn = 0; turn < 24; turn++)
      for (const [i, stream] of streams.entries()) {
        if ((turn + i) % 4 === 3) continue; // streams begin and pause at different places
        await store.append(stream, [
          {
            id: randomUUID(),
            type: 'GoalRevised',
            data: { goalId: stream, title: `第${turn}版` },
            metadata: metadata(),
          },
        ]);
      }
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const split = { splitFrom: 10 };
  const oneWalk = async (f: string, options?: Parameters<typeof verifyStore>[1]) => {
    const store = new HashChainedEventStore(new SqliteEventStore({ file: f }));
    try {
      return await verifyStore(store, options);
    } finally {
      await store.close();
    }
  };

  it('answers as one walk over a whole chain, with the same heads, and ends its progress at the count', async () => {
    const one = await oneWalk(file);
    const progress: number[] = [];
    const halves = await verifySqliteFile(
      file,
      { pageSize: 7, onProgress: (checked) => progress.push(checked) },
      split,
    );
    expect(halves).toMatchObject({ ok: true, checked: one.checked, position: one.position, last: one.last });
    expect([...halves.heads].sort()).toEqual([...one.heads].sort());
    expect(progress.at(-1)).toBe(one.checked);
    expect(halves.starts).toBeUndefined();
  });

  it('answers as one walk from a checkpoint', async () => {
    // A checkpoint a third of the way: the heads of the events up to there.
    const reader = new HashChainedEventStore(new SqliteEventStore({ file }));
    const all = await reader.readAll();
    await reader.close();
    const before = all.slice(0, Math.floor(all.length / 3));
    const heads = new Map(before.map((e) => [e.streamId, { revision: e.revision, hash: String(e.metadata.hash) }]));
    const after = { position: before.at(-1)!.position, heads };
    const one = await oneWalk(file, { after });
    const halves = await verifySqliteFile(file, { after }, split);
    expect(one).toMatchObject({ ok: true, checked: all.length - before.length });
    expect(halves).toMatchObject({ ok: true, checked: one.checked, position: one.position, last: one.last });
    expect([...halves.heads].sort()).toEqual([...one.heads].sort());
  });

  const tamperings: Array<[string, (db: Database.Database, position: number) => void]> = [
    ['removed', (db, p) => db.prepare('DELETE FROM events WHERE position = ?').run(p)],
    [
      'altered',
      (db, p) => db.prepare("UPDATE events SET data = json_set(data, '$.title', '書き換え') WHERE position = ?").run(p),
    ],
    [
      'unchained',
      (db, p) =>
        db
          .prepare("UPDATE events SET metadata = json_set(metadata, '$.prevHash', ?) WHERE position = ?")
          .run('0'.repeat(64), p),
    ],
  ];

  it.each(tamperings)(
    'finds the first break as one walk does, %s at every place around the middle and far from it',
    async (_kind, tamper) => {
      const db = new Database(file, { readonly: true });
      const last = db.prepare('SELECT MAX(position) FROM events').pluck().get() as number;
      db.close();
      const middle = Math.floor(last / 2);
      const places = [2, Math.floor(last / 4), ...Array.from({ length: 13 }, (_, i) => middle - 6 + i), last - 1];
      for (const place of places) {
        for (const second of [undefined, place + 9, place - 9]) {
          const copy = join(dir, `copy-${place}-${second ?? 'none'}.sqlite`);
          const source = new Database(file, { readonly: true });
          await source.backup(copy);
          source.close();
          const db2 = new Database(copy);
          tamper(db2, place);
          if (second !== undefined && second > 0 && second < last) tamper(db2, second);
          db2.close();
          const one = await oneWalk(copy);
          const halves = await verifySqliteFile(copy, {}, split);
          expect({ place, second, ok: halves.ok, firstBreak: halves.firstBreak, checked: halves.checked }).toEqual({
            place,
            second,
            ok: one.ok,
            firstBreak: one.firstBreak,
            checked: one.checked,
          });
          rmSync(copy, { force: true });
        }
      }
    },
    120_000,
  );

  it('stops both halves when cancelled', async () => {
    const walk = await verifySqliteFile(file, { signal: { cancelled: true }, pageSize: 5 }, split);
    expect(walk.cancelled).toBe(true);
    expect(walk.ok).toBe(true);
  });
});
