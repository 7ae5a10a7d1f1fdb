import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { ManualClock } from '@goals/platform';
import { LocalRedisServer } from '@goals/redis';
import { SqliteEventStore } from '@goals/event-store';
import {
  hashReadModels,
  Projector,
  ReadModelQueries,
  rebuildReadModels,
  rebuildSqliteInWorker,
  READ_MODEL_LAYOUT,
  readSheetEvents,
  sheetAsOf,
} from '@goals/read-models';
import {
  citizenLifeId,
  departmentHead,
  keizaiGoal,
  keizaiKacho,
  SheetWorkflow,
  shiminGoal,
  sectionIdOf,
  shiminKacho,
} from './testing/sheet-workflow';
import { emptyOrganisation } from '@goals/domain';
import { legacyNamesOf } from './organisation.reader';

/** Every event here is written with ids: old names are never read. */
const names = legacyNamesOf(emptyOrganisation());

describe('read models in Redis', () => {
  let dir: string;
  let server: LocalRedisServer;
  let redis: Redis;
  let store: SqliteEventStore;
  let clock: ManualClock;
  let workflow: SheetWorkflow;
  let prefix: string;
  let file: string;
  const projectors: Projector[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goal-sheet-read-models-'));
    server = await new LocalRedisServer({ dataDir: join(dir, 'redis') }).start();
    redis = new Redis(server.url);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    file = join(dir, `${randomUUID()}.sqlite`);
    store = new SqliteEventStore({ file, pollIntervalMs: 20 });
    clock = new ManualClock('2022-04-01T00:00:00.000Z');
    workflow = new SheetWorkflow(store, () => clock.now());
    prefix = `rm-${randomUUID()}:`;
  });
  afterEach(async () => {
    for (const p of projectors.splice(0)) await p.stop();
    await store.close();
  });

  async function project(p = prefix): Promise<ReadModelQueries> {
    const projector = new Projector({ store, redis, prefix: p, batchSize: 7 });
    projectors.push(projector);
    await projector.start();
    await projector.waitUntilCaughtUp();
    return new ReadModelQueries(redis, p, store);
  }

  /** 令和4年度 市民生活部: one goal per section, taken through the year at set dates. */
  async function aYearOfTheSheet() {
    const sheetId = await workflow.openSheet(departmentHead, {
      departmentId: citizenLifeId,
      fiscalYear: 2022,
      createdOn: '2022-04-01',
      headTitle: '市民生活部長',
      headName: '沢柳和彦',
    });
    clock.set('2022-04-05T01:00:00Z');
    const shimin = await workflow.draft(shiminKacho, sheetId, shiminGoal);
    const keizai = await workflow.draft(keizaiKacho, sheetId, keizaiGoal);
    clock.set('2022-04-06T01:00:00Z');
    await workflow.act(shimin, { type: 'SubmitGoal', by: shiminKacho, data: {} });
    clock.set('2022-04-07T01:00:00Z');
    await workflow.act(shimin, {
      type: 'ReturnGoal',
      by: departmentHead,
      data: { reason: '達成水準を数値で示してください' },
    });
    clock.set('2022-04-08T01:00:00Z');
    await workflow.act(shimin, {
      type: 'ReviseGoal',
      by: shiminKacho,
      data: { changes: { targetLevel: 'オンライン転出届の処理件数が月100件に達している。' } },
    });
    await workflow.act(shimin, { type: 'SubmitGoal', by: shiminKacho, data: {} });
    clock.set('2022-04-11T01:00:00Z');
    await workflow.act(shimin, { type: 'ApproveGoal', by: departmentHead, data: {} });
    await workflow.act(keizai, { type: 'SubmitGoal', by: keizaiKacho, data: {} });
    return { sheetId, shimin, keizai };
  }

  it('shows the sheet in 番号 order with each row’s state, the head’s inbox and a section head’s goals', async () => {
    const { sheetId, shimin, keizai } = await aYearOfTheSheet();
    const queries = await project();

    const sheet = await queries.sheet(sheetId);
    expect(sheet?.header).toMatchObject({
      departmentId: citizenLifeId,
      fiscalYear: 2022,
      createdOn: '2022-04-01',
      headTitle: '市民生活部長',
      headName: '沢柳和彦',
    });
    expect(sheet?.rows.map((r) => [r.number, r.content.title, r.status])).toEqual([
      [1, '転出・転入手続のワンストップ化の実現', 'approved'],
      [2, 'こくベジプロジェクトの推進', 'submitted'],
    ]);
    expect(sheet?.rows[0].content.targetLevel).toBe('オンライン転出届の処理件数が月100件に達している。');

    const inbox = await queries.inbox(citizenLifeId);
    expect(inbox.map((i) => [i.kind, i.goalId, i.waitingSince])).toEqual([
      ['submission', keizai, '2022-04-11T01:00:00.000Z'],
    ]);

    expect(
      (await queries.sectionGoals(citizenLifeId, sectionIdOf('市民課'))).map((g) => [g.goalId, g.number, g.status]),
    ).toEqual([[shimin, 1, 'approved']]);
    expect(await queries.sectionGoals(citizenLifeId, sectionIdOf('文化振興課'))).toEqual([]);

    const goal = await queries.goal(shimin);
    expect(goal).toMatchObject({ number: 1, status: 'approved', revision: 5, sheetId });

    // 2月 of 令和4年度 is February 2023; こくベジ is due in March 2023.
    const due = await queries.upcomingDeadlines({ from: '2023-01-01', departmentId: citizenLifeId });
    expect(due.map((d) => [d.goalId, d.deadline])).toEqual([
      [shimin, '2023-02-28'],
      [keizai, '2023-03-31'],
    ]);
  });

  it('keeps each goal’s history with who, when, why and field-level before/after', async () => {
    const { sheetId, shimin } = await aYearOfTheSheet();
    clock.set('2022-06-01T01:00:00Z');
    await workflow.act(shimin, {
      type: 'AmendGoal',
      by: shiminKacho,
      data: { changes: { deadlineMonth: 3 }, reason: 'システム改修の納期が延びたため' },
    });
    const queries = await project();

    const history = await queries.history({ goalId: shimin });
    // The sheet's GoalRegistered is part of the goal's story: it is when the goal got its 番号.
    expect(history.items.map((e) => e.type)).toEqual([
      'GoalDrafted',
      'GoalRegistered',
      'GoalSubmitted',
      'GoalReturned',
      'GoalRevised',
      'GoalSubmitted',
      'GoalApproved',
      'GoalAmendmentRequested',
    ]);
    const returned = history.items[3];
    expect(returned).toMatchObject({
      actor: { userId: 'bucho-sawayanagi', role: 'departmentHead' },
      occurredAt: '2022-04-07T01:00:00.000Z',
      reason: '達成水準を数値で示してください',
    });
    expect(history.items[4].changes).toEqual([
      {
        field: 'targetLevel',
        before: shiminGoal.targetLevel,
        after: 'オンライン転出届の処理件数が月100件に達している。',
      },
    ]);
    expect(history.items[7]).toMatchObject({
      reason: 'システム改修の納期が延びたため',
      changes: [{ field: 'deadlineMonth', before: 2, after: 3 }],
    });

    // The approved text stays in force while the amendment waits, and the head sees the request.
    expect((await queries.goal(shimin))?.content.deadlineMonth).toBe(2);
    expect((await queries.inbox(citizenLifeId)).find((i) => i.goalId === shimin)).toMatchObject({
      kind: 'amendment',
      changes: { deadlineMonth: 3 },
    });

    const sheetHistory = await queries.history({ sheetId });
    expect(sheetHistory.total).toBe(1 + 2 + 7 + 2); // opened, two registrations, both goals' events
    const all = await queries.history({ all: true }, { offset: 0, limit: 3 });
    expect(all.items.map((e) => e.type)).toEqual(['SheetOpened', 'GoalDrafted', 'GoalRegistered']);
    expect(all.total).toBe(sheetHistory.total);
  });

  it('parks an event it cannot project, with its error, and projects the ones after it', async () => {
    const { sheetId } = await aYearOfTheSheet();
    const orphan = randomUUID();
    await store.append(`goal-${orphan}`, [
      {
        id: randomUUID(),
        type: 'GoalSubmitted',
        data: { goalId: orphan },
        metadata: {
          actor: { userId: 'x', role: 'sectionHead' },
          occurredAt: clock.now().toISOString(),
          correlationId: 'c',
          causationId: 'c',
          schemaVersion: 1,
        },
      },
    ]);
    const late = await workflow.draft(shiminKacho, sheetId, { ...shiminGoal, title: '窓口の混雑緩和' });
    const queries = await project();

    const parked = await queries.parked();
    expect(parked).toEqual([
      expect.objectContaining({
        streamId: `goal-${orphan}`,
        type: 'GoalSubmitted',
        error: expect.stringContaining('never drafted'),
      }),
    ]);
    expect((await queries.sheet(sheetId))?.rows.map((r) => r.goalId)).toContain(late);
  });

  it('follows live events and equals a rebuild from scratch; two projectors on one prefix apply each event once', async () => {
    const queries = await project();
    const first = await aYearOfTheSheet();
    // A second projector racing the first on the same prefix must not double the audit trail.
    await project(prefix);
    await workflow.act(first.keizai, { type: 'ApproveGoal', by: departmentHead, data: { comment: '了解' } });
    clock.set('2023-03-20T01:00:00Z');
    await workflow.act(first.shimin, { type: 'RecordAchievement', by: shiminKacho, data: { level: 'ほぼ達成した' } });
    await waitFor(async () => (await queries.inbox(citizenLifeId)).some((i) => i.kind === 'achievement'));
    await Promise.all(projectors.map((p) => p.waitUntilCaughtUp()));

    const rebuiltPrefix = `rb-${randomUUID()}:`;
    const rebuilt = await rebuildReadModels({ store, redis, prefix: rebuiltPrefix, batchSize: 3 });
    expect(rebuilt.parked).toBe(0);
    const live = await hashReadModels(redis, prefix);
    expect(await hashReadModels(redis, rebuiltPrefix)).toEqual(live);
    // The api's and the command-line tool's rebuild over a SQLite file, in a worker thread: the same models.
    const inWorker = `rw-${randomUUID()}:`;
    const fromWorker = await rebuildSqliteInWorker({ file, redisUrl: server.url, prefix: inWorker, batchSize: 3 });
    expect(fromWorker).toMatchObject({ events: rebuilt.events, parked: 0, checkpoint: rebuilt.checkpoint });
    expect(await hashReadModels(redis, inWorker)).toEqual(live);
    expect((await queries.history({ goalId: first.shimin })).total).toBe(8);
    // Recording the achievement took the goal off the deadline list.
    expect((await queries.upcomingDeadlines({ from: '2022-04-01' })).map((d) => d.goalId)).toEqual([first.keizai]);
  });

  it('drops read models an older release wrote (keyed by names) and rebuilds them from the events', async () => {
    const { sheetId, shimin } = await aYearOfTheSheet();
    // What the release of 2026-11-24 left in Redis: a checkpoint past every event, keys by name, no layout.
    await redis.set(prefix + 'checkpoint', '999999');
    await redis.zadd(prefix + 'inbox:市民生活部', 1, shimin);
    const queries = await project();
    expect(await redis.exists(prefix + 'inbox:市民生活部')).toBe(0);
    expect(await redis.get(prefix + 'layout')).toBe(READ_MODEL_LAYOUT);
    expect((await queries.sheet(sheetId))?.rows.map((r) => r.goalId)).toContain(shimin);
  });

  it('lists sheets newest fiscal year first, by department and year, a page at a time', async () => {
    for (const fiscalYear of [2020, 2021, 2022, 2023])
      await workflow.openSheet(departmentHead, {
        departmentId: citizenLifeId,
        fiscalYear,
        createdOn: `${fiscalYear}-04-01`,
        headTitle: '市民生活部長',
        headName: '沢柳和彦',
      });
    const queries = await project();
    const page = await queries.sheets({ departmentId: citizenLifeId, offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.items.map((s) => s.fiscalYear)).toEqual([2022, 2021]);
    expect((await queries.sheets({ fiscalYear: 2021 })).items.map((s) => s.fiscalYear)).toEqual([2021]);
  });

  it('time travel shows a returned goal’s earlier text before its resubmission and the approved text after', async () => {
    const { sheetId, shimin } = await aYearOfTheSheet();
    clock.set('2022-06-01T01:00:00Z');
    await workflow.act(shimin, {
      type: 'AmendGoal',
      by: shiminKacho,
      data: { changes: { title: '転出・転入手続のオンライン化' }, reason: '名称の統一' },
    });
    const events = await readSheetEvents(store, sheetId);

    const whenReturned = sheetAsOf(events, { asOf: '2022-04-07T12:00:00+09:00' }, names)!;
    const row = whenReturned.rows.find((r) => r.goalId === shimin)!;
    expect(row).toMatchObject({ number: 1, status: 'returned' });
    expect(row.content.targetLevel).toBe(shiminGoal.targetLevel);

    const afterApproval = sheetAsOf(events, { asOf: '2022-04-11T01:00:00Z' }, names)!;
    expect(afterApproval.rows[0]).toMatchObject({
      status: 'approved',
      content: { targetLevel: 'オンライン転出届の処理件数が月100件に達している。' },
    });

    // While the amendment waits, the approved title is the one in force.
    const now = sheetAsOf(events, { asOf: '2022-06-02T00:00:00Z' }, names)!;
    expect(now.rows[0].content.title).toBe(shiminGoal.title);
    expect(now.rows[0].pendingAmendment?.changes.title).toBe('転出・転入手続のオンライン化');

    const atFirstRegistration = events.find((e) => e.type === 'GoalRegistered')!.position;
    expect(
      sheetAsOf(events, { atPosition: atFirstRegistration }, names)!.rows.map((r) => [r.number, r.status]),
    ).toEqual([[1, 'draft']]);
    expect(sheetAsOf(events, { asOf: '2022-03-31T00:00:00Z' }, names)).toBeNull();
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
