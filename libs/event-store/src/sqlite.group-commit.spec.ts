import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { NewEvent, WrongExpectedVersion } from './event-store.port';
import { SqliteEventStore } from './sqlite.event-store';
import type { WriterThread } from './sqlite-writer-thread';

const anEvent = (id = randomUUID()): NewEvent => ({
  id,
  type: 'GoalSubmitted',
  data: { goalId: 'g' },
  metadata: {
    actor: { userId: 'u', role: 'sectionHead' },
    occurredAt: '2022-04-01T00:00:00Z',
    correlationId: 'c',
    causationId: 'c',
    schemaVersion: 1,
  },
});

describe('appends that arrive together on the SQLite store (group commit)', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'goal-sheet-group-commit-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are each acknowledged with their own position, and are on disk for another connection once acknowledged', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.append(`goal-${i}`, [anEvent(), anEvent()], { expectedRevision: 'no_stream' }),
      ),
    );
    expect(results.map((r) => r.nextExpectedRevision)).toEqual(Array(50).fill(1n));
    expect(new Set(results.map((r) => r.position)).size).toBe(50);
    const other = new Database(join(dir, 'events.sqlite'), { readonly: true });
    expect((other.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(100);
    other.close();
  });

  it('a refused one (a stale expected revision) leaves the others that came with it written', async () => {
    await store.append('goal-x', [anEvent()], { expectedRevision: 'no_stream' });
    const outcomes = await Promise.allSettled([
      store.append('goal-a', [anEvent()], { expectedRevision: 'no_stream' }),
      store.append('goal-x', [anEvent()], { expectedRevision: 5n }),
      store.append('goal-b', [anEvent()], { expectedRevision: 'no_stream' }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersion);
    expect((await store.readStream('goal-a')).events).toHaveLength(1);
    expect((await store.readStream('goal-b')).events).toHaveLength(1);
    expect((await store.readStream('goal-x')).events).toHaveLength(1);
  });

  it('two at the same expected revision of one stream: one is written, the other refused; a retry of the same event ids writes nothing twice', async () => {
    const same = [anEvent()];
    const outcomes = await Promise.allSettled([
      store.append('goal-y', [anEvent()], { expectedRevision: 'no_stream' }),
      store.append('goal-y', [anEvent()], { expectedRevision: 'no_stream' }),
      store.append('goal-z', same, { expectedRevision: 'no_stream' }),
      store.append('goal-z', same, { expectedRevision: 'no_stream' }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((await store.readStream('goal-y')).events).toHaveLength(1);
    expect((await store.readStream('goal-z')).events).toHaveLength(1);
  });

  it('share one commit: the write-ahead log grows by a few pages for fifty of them, not by pages for each', async () => {
    await store.append('goal-first', [anEvent()], { expectedRevision: 'no_stream' });
    const wal = join(dir, 'events.sqlite-wal');
    const before = statSync(wal).size;
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.append(`goal-${i}`, [anEvent()], { expectedRevision: 'no_stream' })),
    );
    // Every commit writes each page it changed again (a table leaf, two index leaves: at least 3 pages of 4 KB).
    expect(statSync(wal).size - before).toBeLessThan(50 * 4096);
  });

  it('written by a thread of their own: if it dies, what it held fails (nothing hangs), and the next append starts another', async () => {
    await store.append('goal-before', [anEvent()], { expectedRevision: 'no_stream' });
    const writer = (store as unknown as { writer: WriterThread }).writer;
    const thread = (writer as unknown as { worker: { terminate(): Promise<number> } }).worker;
    // A batch handed over as the thread dies is never written: its caller is told, not left waiting.
    const dying = thread.terminate();
    const held = writer.commit({
      appends: [{ streamId: 'goal-held', events: [['e-held', 'GoalSubmitted', '{}', '{}']], expected: 'no_stream' }],
      recordedAt: new Date().toISOString(),
    });
    await expect(held).rejects.toThrow(/writer thread stopped/);
    await dying;
    await expect(writer.commit({ appends: [], recordedAt: new Date().toISOString() })).rejects.toThrow(/stopped/);
    // The store starts another thread for its next append.
    const again = await store.append('goal-after', [anEvent()], { expectedRevision: 'no_stream' });
    expect(again.nextExpectedRevision).toBe(0n);
    expect((await store.readStream('goal-after')).events).toHaveLength(1);
    expect((await store.readStream('goal-held')).exists).toBe(false);
    expect((await store.readStream('goal-before')).events).toHaveLength(1);
  });

  it('asked for before close are written, and one asked for after close is refused', async () => {
    const asked = Array.from({ length: 10 }, (_, i) =>
      store.append(`goal-${i}`, [anEvent()], { expectedRevision: 'no_stream' }),
    );
    await store.close();
    await expect(Promise.all(asked)).resolves.toHaveLength(10);
    await expect(store.append('goal-late', [anEvent()])).rejects.toThrow(/closed/);
    const other = new Database(join(dir, 'events.sqlite'), { readonly: true });
    expect((other.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(10);
    other.close();
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') }); // for afterEach
  });
});
