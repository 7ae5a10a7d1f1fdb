/**
 * The audit trail read back from the event store says what the projector said of each event when it
 * projected it: every page of a goal's, a sheet's and the whole store's trail equals the entries made
 * while folding the store once, in order, keeping each goal's view (as the projector kept it in
 * Redis), with reminders in a stream of their own, a goal event the projector parked, an amendment,
 * an achievement and a second sheet in between.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { emptyOrganisation, reminderStreamId, schemaOf } from '@goals/domain';
import { ManualClock } from '@goals/platform';
import { LocalRedisServer } from '@goals/redis';
import { NewEvent, readAllForwards, SqliteEventStore } from '@goals/event-store';
import {
  AuditEntry,
  auditEntryOf,
  GoalView,
  keys,
  Projector,
  projectEvent,
  ReadModelQueries,
} from '@goals/read-models';
import { legacyNamesOf } from './organisation.reader';
import { decodeGoalView } from './goal-view.codec';
import {
  citizenLifeId,
  departmentHead,
  keizaiGoal,
  keizaiKacho,
  SheetWorkflow,
  shiminGoal,
  shiminKacho,
} from './testing/sheet-workflow';

const names = legacyNamesOf(emptyOrganisation());

describe('the audit trail, read from the event store by position', () => {
  let dir: string;
  let server: LocalRedisServer;
  let redis: Redis;
  let store: SqliteEventStore;
  let projector: Projector;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goal-sheet-audit-trail-'));
    server = await new LocalRedisServer({ dataDir: join(dir, 'redis') }).start();
    redis = new Redis(server.url);
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
  });
  afterAll(async () => {
    await projector?.stop();
    await store?.close();
    redis?.disconnect();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every page of every trail as the projector made its entries, and keeps only positions in Redis', async () => {
    const clock = new ManualClock('2022-04-01T00:00:00.000Z');
    const workflow = new SheetWorkflow(store, () => clock.now());
    const header = {
      departmentId: citizenLifeId,
      createdOn: '2022-04-01',
      headTitle: '市民生活部長',
      headName: '沢柳和彦',
    };
    const sheetId = await workflow.openSheet(departmentHead, { ...header, fiscalYear: 2022 });
    const shimin = await workflow.draft(shiminKacho, sheetId, shiminGoal);
    const keizai = await workflow.draft(keizaiKacho, sheetId, keizaiGoal);
    const nextYear = await workflow.openSheet(departmentHead, { ...header, fiscalYear: 2023, createdOn: '2023-04-01' });
    const later = await workflow.draft(shiminKacho, nextYear, { ...shiminGoal, title: '窓口の混雑緩和' });
    clock.set('2022-04-06T01:00:00Z');
    await workflow.act(shimin, { type: 'SubmitGoal', by: shiminKacho, data: {} });
    await workflow.act(keizai, { type: 'SubmitGoal', by: keizaiKacho, data: {} });
    await workflow.act(shimin, { type: 'ReturnGoal', by: departmentHead, data: { reason: '数値で示してください' } });
    await reminded(shimin, clock.now().toISOString());
    await workflow.act(shimin, {
      type: 'ReviseGoal',
      by: shiminKacho,
      data: { changes: { targetLevel: '月100件に達している。', method: '様式を改める。' } },
    });
    // A goal event for a goal never drafted: the projector parks it, and no trail lists it.
    await store.append(`goal-${randomUUID()}`, [anEvent('GoalSubmitted', { goalId: randomUUID() })]);
    // The goal drafted a second time in its own stream: parked too, a gap in the revisions its trail lists.
    const [drafted] = (await store.readStream(`goal-${shimin}`)).events;
    await store.append(`goal-${shimin}`, [{ ...drafted, id: randomUUID() }]);
    await workflow.act(shimin, { type: 'SubmitGoal', by: shiminKacho, data: {} });
    await workflow.act(keizai, { type: 'ApproveGoal', by: departmentHead, data: { comment: '了解' } });
    await workflow.act(shimin, { type: 'ApproveGoal', by: departmentHead, data: {} });
    clock.set('2022-06-01T01:00:00Z');
    await workflow.act(shimin, {
      type: 'AmendGoal',
      by: shiminKacho,
      data: { changes: { deadlineMonth: 3 }, reason: '納期が延びたため' },
    });
    await workflow.act(shimin, { type: 'ApproveGoal', by: departmentHead, data: {} });
    clock.set('2023-03-20T01:00:00Z');
    await workflow.act(keizai, { type: 'RecordAchievement', by: keizaiKacho, data: { level: 'ほぼ達成した' } });
    await workflow.act(keizai, { type: 'RecordAchievement', by: keizaiKacho, data: { level: '高度に達成した' } });
    await reminded(keizai, clock.now().toISOString());

    projector = new Projector({ store, redis, prefix: 'rm:', batchSize: 4 });
    await projector.start();
    await projector.waitUntilCaughtUp();
    const queries = new ReadModelQueries(redis, 'rm:', store);
    expect(await queries.parked()).toContainEqual(
      expect.objectContaining({ streamId: `goal-${shimin}`, type: 'GoalDrafted' }),
    );

    const expected = await entriesAsProjected();
    const of = (filter: (e: AuditEntry) => boolean) => [...expected.values()].filter(filter);
    const trails: Array<[Parameters<ReadModelQueries['history']>[0], AuditEntry[]]> = [
      [{ goalId: shimin }, of((e) => e.goalId === shimin)],
      [{ goalId: keizai }, of((e) => e.goalId === keizai)],
      [{ goalId: later }, of((e) => e.goalId === later)],
      [{ sheetId }, of((e) => e.sheetId === sheetId)],
      [{ sheetId: nextYear }, of((e) => e.sheetId === nextYear)],
      [{ all: true }, [...expected.values()]],
    ];
    for (const [scope, entries] of trails) {
      expect((await queries.history(scope, { limit: 500 })).items).toEqual(entries);
      for (let offset = 0; offset <= entries.length; offset += 3) {
        const page = await queries.history(scope, { offset, limit: 3 });
        expect(page).toEqual({ items: entries.slice(offset, offset + 3), total: entries.length, offset, limit: 3 });
      }
    }
    // What a person reads in them, as before: the reminder, the revision's before/after, the re-recorded level.
    const shiminTrail = of((e) => e.goalId === shimin);
    expect(shiminTrail.map((e) => e.type)).toContain('ReminderSent');
    expect(shiminTrail.find((e) => e.type === 'GoalRevised')?.changes).toEqual([
      { field: 'targetLevel', before: shiminGoal.targetLevel, after: '月100件に達している。' },
      { field: 'method', before: shiminGoal.method, after: '様式を改める。' },
    ]);
    expect(shiminTrail.find((e) => e.type === 'GoalAmendmentApproved')?.changes).toEqual([
      { field: 'deadlineMonth', before: 2, after: 3 },
    ]);
    expect(of((e) => e.goalId === keizai && e.type === 'AchievementRecorded').map((e) => e.changes)).toEqual([
      [{ field: 'achievement', after: 'ほぼ達成した' }],
      [{ field: 'achievement', before: 'ほぼ達成した', after: '高度に達成した' }],
    ]);
    expect(of((e) => e.type === 'ReminderSent').every((e) => e.sheetId === sheetId && e.fiscalYear === 2022)).toBe(
      true,
    );

    // Redis lists positions only: no copy of an entry, whatever its size.
    const keysOfTrail = await redis.keys('rm:audit:*');
    expect(await Promise.all(keysOfTrail.map((k) => redis.type(k)))).toEqual(keysOfTrail.map(() => 'list'));
    const positions = await redis.lrange('rm:' + keys.auditAll, 0, -1);
    expect(positions).toEqual([...expected.keys()]);
  });

  /** The store folded once, in order, each goal's view kept as the projector kept it in Redis (as JSON). */
  async function entriesAsProjected(): Promise<Map<string, AuditEntry>> {
    const views = new Map<string, GoalView>();
    const context = { goal: (goalId: string) => views.get(goalId), names };
    const entries = new Map<string, AuditEntry>();
    for await (const event of readAllForwards(store)) {
      let changes;
      try {
        changes = projectEvent(event, context);
      } catch {
        continue; // parked
      }
      entries.set(event.position.toString(), JSON.parse(JSON.stringify(auditEntryOf(event, context))));
      for (const change of changes)
        if (change.op === 'set' && change.key.startsWith('goal:'))
          views.set(change.key.slice('goal:'.length), decodeGoalView(change.value));
    }
    return entries;
  }

  async function reminded(goalId: string, occurredAt: string): Promise<void> {
    const stream = reminderStreamId(goalId);
    const { events } = await store.readStream(stream);
    const sent = {
      goalId,
      reminderId: randomUUID(),
      kind: 'deadline',
      dueAt: occurredAt,
      recipients: [],
      deliveredThrough: [],
    };
    await store.append(stream, [anEvent('ReminderSent', sent, occurredAt)], {
      expectedRevision: events.length ? BigInt(events.length - 1) : 'no_stream',
    });
  }
});

function anEvent(type: string, data: Record<string, unknown>, occurredAt = '2022-04-06T01:00:00.000Z'): NewEvent {
  return {
    id: randomUUID(),
    type,
    data,
    metadata: {
      actor: { userId: 'system:reminders', role: 'system' },
      occurredAt,
      correlationId: randomUUID(),
      causationId: randomUUID(),
      // Each type at its schema's current version, as the service's envelope stamps it.
      schemaVersion: schemaOf(type)?.version(type) ?? 1,
    },
  };
}
