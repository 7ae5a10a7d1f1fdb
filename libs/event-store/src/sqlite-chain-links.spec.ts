import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  canonicalJson,
  HashChainedEventStore,
  NewEvent,
  oneJsonValue,
  SqliteEventStore,
  storedLinkPages,
  verifySqliteFile,
  verifyStore,
  walkChains,
} from '@goals/event-store';

function goalEvent(goalId: string, type: string, data: Record<string, unknown> = {}): NewEvent {
  return {
    id: randomUUID(),
    type,
    // Keys as a command builds them: not in canonical order.
    data: { title: '窓口の待ち時間を短くする', goalId, ...data },
    metadata: {
      actor: { userId: 'kacho-shimin', role: 'sectionHead' },
      occurredAt: '2022-04-05T01:00:00.000Z',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      schemaVersion: 1,
    },
  };
}

/** Keys in reverse order at every depth: how events were stored before canonical order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).reverse()) out[key] = reversed((value as Record<string, unknown>)[key]);
  return out;
}

/**
 * The worker's walk hashes the stored text as it is and parses only what does not match: it must
 * answer exactly what the walk through the port answers, on stores written before canonical order
 * and after, and find every alteration where the parsing walk finds it.
 */
describe('verifying a SQLite file from its stored rows', () => {
  let dir: string;
  let file: string;
  let store: HashChainedEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'goal-sheet-stored-links-'));
    file = join(dir, 'events.sqlite');
    store = new HashChainedEventStore(new SqliteEventStore({ file }));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Three goals' events in turns, `turns` each. */
  async function write(turns: number, data: Record<string, unknown> = {}): Promise<void> {
    for (let turn = 0; turn < turns; turn++)
      for (const goal of ['goal-a', 'goal-b', 'goal-c'])
        await store.append(goal, [goalEvent(goal, turn === 0 ? 'GoalDrafted' : 'GoalRevised', data)]);
  }

  function sql<T>(act: (db: Database.Database) => T): T {
    const db = new Database(file);
    try {
      return act(db);
    } finally {
      db.close();
    }
  }

  /** Rewrites the stored text of the events up to `position` as the code before canonical order wrote it. */
  function storeInOldForm(upTo: number): void {
    sql((db) => {
      const rows = db.prepare('SELECT position, data, metadata FROM events WHERE position <= ?').all(upTo) as Array<{
        position: number;
        data: string;
        metadata: string;
      }>;
      const put = db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?');
      for (const row of rows) {
        const { prevHash, hash, ...rest } = JSON.parse(row.metadata) as Record<string, unknown>;
        const metadata = { ...(reversed(rest) as object), prevHash, hash };
        put.run(JSON.stringify(reversed(JSON.parse(row.data))), JSON.stringify(metadata), row.position);
      }
    });
  }

  const positionOf = (stream: string, revision: number) =>
    sql(
      (db) =>
        (
          db.prepare('SELECT position FROM events WHERE stream_id = ? AND revision = ?').get(stream, revision) as {
            position: number;
          }
        ).position,
    );

  /** The walk from the stored rows on this thread, with how many events it took as stored. */
  async function storedWalk() {
    const reader = new SqliteEventStore({ file });
    try {
      const pages = storedLinkPages(reader, undefined, 7);
      const walk = await walkChains(pages, { pageSize: 5 });
      return { walk, hits: pages.attempts.hits };
    } finally {
      await reader.close();
    }
  }

  it('stores new events with their keys in canonical order, so their text is hashed as it is', async () => {
    await write(4);
    const rows = sql((db) => db.prepare('SELECT data, metadata FROM events').all()) as Array<{
      data: string;
      metadata: string;
    }>;
    for (const row of rows) {
      expect(row.data).toBe(canonicalJson(JSON.parse(row.data)));
      const { prevHash, hash, ...rest } = JSON.parse(row.metadata) as Record<string, string>;
      expect(row.metadata).toBe(`${canonicalJson(rest).slice(0, -1)},"prevHash":"${prevHash}","hash":"${hash}"}`);
    }
    const { walk, hits } = await storedWalk();
    expect(walk).toMatchObject({ ok: true, checked: 12 });
    expect(hits).toBe(12);
  });

  it('answers as the parsing walk on a store whose older events were written before canonical order', async () => {
    await write(4);
    storeInOldForm(positionOf('goal-c', 1));
    await write(3);
    const here = await verifyStore(store);
    const { walk, hits } = await storedWalk();
    const there = await verifySqliteFile(file);
    expect(here).toMatchObject({ ok: true, checked: 21 });
    for (const other of [walk, there]) {
      expect(other).toMatchObject({ ok: true, checked: 21, position: here.position, last: here.last });
      expect([...other.heads]).toEqual([...here.heads]);
    }
    expect(hits).toBe(21 - 6);
  });

  it('after a long run of old events, tries the stored text again and finds the new ones', async () => {
    const many = (goal: string, type: string) => Array.from({ length: 600 }, () => goalEvent(goal, type));
    await store.append('goal-a', many('goal-a', 'GoalRevised'));
    storeInOldForm(600);
    await store.append('goal-b', many('goal-b', 'GoalRevised'));
    await store.append('goal-b', many('goal-b', 'GoalRevised'));
    const { walk, hits } = await storedWalk();
    expect(walk).toMatchObject({ ok: true, checked: 1800 });
    expect(hits).toBeGreaterThan(0);
    expect(hits).toBeLessThanOrEqual(1200);
  });

  it.each([
    ['a character of the data of an event stored canonically', 'goal-b', 2, false, 'data'],
    ['the actor in the metadata of an event stored canonically', 'goal-a', 3, false, 'metadata'],
    ['a character of the data of an event stored before canonical order', 'goal-b', 1, true, 'data'],
  ])('finds %s altered, at its position, as the parsing walk does', async (_, stream, revision, old, column) => {
    await write(5);
    if (old) storeInOldForm(positionOf('goal-c', 2));
    const at = positionOf(stream, revision);
    sql((db) =>
      db
        .prepare(
          column === 'data'
            ? "UPDATE events SET data = replace(data, '待ち時間', '待ち時問') WHERE position = ?"
            : "UPDATE events SET metadata = replace(metadata, 'kacho-shimin', 'bucho-shimin') WHERE position = ?",
        )
        .run(at),
    );
    const here = await verifyStore(store);
    const { walk } = await storedWalk();
    const there = await verifySqliteFile(file);
    expect(here.firstBreak).toMatchObject({
      streamId: stream,
      revision: String(revision),
      position: String(at),
      kind: 'altered',
    });
    for (const other of [walk, there]) {
      expect(other.firstBreak).toEqual(here.firstBreak);
      expect(other.checked).toBe(here.checked);
    }
  });

  it('parses events whose integer-like keys JavaScript puts first, and finds them altered', async () => {
    // A map by number (回 of a report, say): JSON.stringify writes "9" before "10", canonical order "10" before "9".
    await write(3, { reports: { '10': '提出済', '9': '確認済', note: '中間報告' } });
    const { walk, hits } = await storedWalk();
    expect(walk).toMatchObject({ ok: true, checked: 9 });
    expect(hits).toBe(0);
    const at = positionOf('goal-a', 1);
    sql((db) => db.prepare("UPDATE events SET data = replace(data, '確認済', '差戻し') WHERE position = ?").run(at));
    const here = await verifyStore(store);
    const there = await verifySqliteFile(file);
    expect(here.firstBreak).toMatchObject({ position: String(at), kind: 'altered' });
    expect(there.firstBreak).toEqual(here.firstBreak);
  });

  it('does not take the same characters cut between the columns in other places for the event', async () => {
    // Data that happens to hold, nested, what an event's envelope looks like: the text hashed could be
    // cut so that the data column ends early, the id column takes the nested id, and the metadata
    // column takes the rest. The characters hashed are the same; the event read back is not.
    await store.append('goal-a', [goalEvent('goal-a', 'GoalDrafted')]);
    const [first] = (await store.readStream('goal-a')).events;
    const decoy = {
      a: 1,
      id: 'q',
      metadata: {},
      prevHash: first.metadata.hash,
      revision: '1',
      streamId: 'goal-a',
      type: 'GoalRevised',
    };
    await store.append('goal-a', [{ ...goalEvent('goal-a', 'GoalRevised'), data: { x: decoy } }]);
    const at = positionOf('goal-a', 1);
    sql((db) => {
      const row = db.prepare('SELECT event_id, data, metadata FROM events WHERE position = ?').get(at) as Record<
        string,
        string
      >;
      const cut = row.data.indexOf(',"id":"q"');
      const restAt = row.metadata.indexOf(',"prevHash":"');
      const envelopeRest = `${row.data.slice(cut + ',"id":"q","metadata":'.length)},"id":${JSON.stringify(row.event_id)},"metadata":${row.metadata.slice(0, restAt)}`;
      db.prepare('UPDATE events SET data = ?, event_id = ?, metadata = ? WHERE position = ?').run(
        row.data.slice(0, cut),
        'q',
        `${envelopeRest}${row.metadata.slice(restAt)}`,
        at,
      );
    });
    // The columns no longer read as an event: the parsing walk cannot read them, and neither may the other call it whole.
    await expect(verifyStore(store)).rejects.toThrow();
    await expect(verifySqliteFile(file)).rejects.toThrow();
  });
});

describe('oneJsonValue', () => {
  it.each([
    ['{"a":"}"}', true],
    ['{"a":"\\"}"}', true],
    ['[{"a":[1,2]},{"b":"]"}]', true],
    ['{"a":1},{"b":2}', false],
    ['{"a":{"b":1}', false],
    ['{"a":"\\\\"}x', false],
    ['"a string"', false],
    ['', false],
  ])('%s → %s', (text, whole) => {
    expect(oneJsonValue(text)).toBe(whole);
  });
});
