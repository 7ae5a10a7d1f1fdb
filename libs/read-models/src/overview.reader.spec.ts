import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { LocalRedisServer } from '@goals/redis';
import { SqliteEventStore } from '@goals/event-store';
import {
  Actor,
  DEFAULT_ACHIEVEMENT_SCALE,
  DEFAULT_CATEGORIES,
  ExistingGoal,
  evolveGoal,
  GOAL_EVENTS,
  GoalRules,
  GoalState,
  CountedStatus,
  overviewOf,
} from '@goals/domain';
import { Projector, ReadModelQueries } from '@goals/read-models';
import { emptyOrganisation } from '@goals/domain';
import { legacyNamesOf } from './organisation.reader';
import { overviewGoalsOf } from './overview.reader';
import { SheetWorkflow } from './testing/sheet-workflow';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

interface Department {
  rules: GoalRules;
  head: Actor;
  kacho: Actor;
  sectionId: string;
}

function department(n: number, name: string): Department {
  const departmentId = `d-${n}`;
  const sectionId = `s-${n}`;
  const post = (kind: 'departmentHead' | 'sectionHead') => ({
    kind,
    title: kind === 'departmentHead' ? `${name}長` : `${name}第一課長`,
    departmentId,
    ...(kind === 'sectionHead' ? { sectionIds: [sectionId] } : {}),
  });
  return {
    rules: {
      categories: DEFAULT_CATEGORIES,
      achievementScale: DEFAULT_ACHIEVEMENT_SCALE,
      department: {
        departmentId,
        name,
        headTitle: `${name}長`,
        sections: [{ sectionId, name: `${name}第一課` }],
      },
    },
    head: {
      userId: `bucho-${n}`,
      role: 'departmentHead',
      department: name,
      sections: [],
      post: post('departmentHead'),
    },
    kacho: { userId: `kacho-${n}`, role: 'sectionHead', department: name, sections: [], post: post('sectionHead') },
    sectionId,
  };
}

describe('全庁の状況 from the read models equals a count from a full replay of the events', () => {
  let dir: string;
  let server: LocalRedisServer;
  let redis: Redis;
  let store: SqliteEventStore;
  let projector: Projector;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goal-sheet-overview-'));
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

  it('for three departments whose goals went every way through the year', async () => {
    const next = random(7);
    let now = Date.parse('2022-04-01T00:00:00Z');
    const clock = () => new Date(now);
    const departments = [department(1, '市民生活部'), department(2, '福祉部'), department(3, '建設部')];
    for (const d of departments) {
      const workflow = new SheetWorkflow(store, clock, d.rules);
      const sheetId = await workflow.openSheet(d.head, {
        departmentId: d.rules.department.departmentId,
        fiscalYear: 2022,
        createdOn: '2022-04-01',
        headTitle: `${d.rules.department.name}長`,
        headName: '山田太郎',
      });
      for (let g = 0; g < 12; g++) {
        now += 3_600_000;
        const author = g % 4 === 0 ? d.head : d.kacho;
        const goalId = await workflow.draft(author, sheetId, {
          title: `${d.rules.department.name}の目標${g + 1}`,
          category: DEFAULT_CATEGORIES[g % DEFAULT_CATEGORIES.length],
          targetLevel: '達成水準',
          method: '方法',
          deadlineMonth: 3,
          sections: g % 4 === 0 ? ['共通'] : [d.sectionId],
        });
        // Each goal stops somewhere on its way: 下書き … 確定, some returned.
        const steps = Math.floor(next() * 7);
        const path: Array<() => Promise<void>> = [
          () => workflow.act(goalId, { type: 'SubmitGoal', by: author, data: {} }),
          () =>
            next() < 0.3
              ? workflow.act(goalId, { type: 'ReturnGoal', by: d.head, data: { reason: '数値で示してください' } })
              : workflow.act(goalId, { type: 'ApproveGoal', by: d.head, data: {} }),
          async () => {
            const { events } = await store.readStream(`goal-${goalId}`);
            if (events[events.length - 1].type === 'GoalReturned') {
              await workflow.act(goalId, { type: 'SubmitGoal', by: author, data: {} });
              await workflow.act(goalId, { type: 'ApproveGoal', by: d.head, data: {} });
            }
          },
          () =>
            workflow.act(goalId, {
              type: 'RecordAchievement',
              by: author,
              data: { level: DEFAULT_ACHIEVEMENT_SCALE[Math.floor(next() * DEFAULT_ACHIEVEMENT_SCALE.length)] },
            }),
          () => workflow.act(goalId, { type: 'ConfirmAchievement', by: d.head, data: {} }),
        ];
        for (const step of path.slice(0, steps)) {
          now += 86_400_000;
          await step();
        }
      }
    }

    const prefix = `ov-${randomUUID()}:`;
    projector = new Projector({ store, redis, prefix, batchSize: 16 });
    await projector.start();
    await projector.waitUntilCaughtUp();
    const queries = new ReadModelQueries(redis, prefix);
    const overview = overviewOf({
      fiscalYear: 2022,
      today: '2022-06-30',
      departments: departments.map((d) => ({ ...d.rules.department })),
      goals: await overviewGoalsOf(queries, 2022),
      achievementScale: DEFAULT_ACHIEVEMENT_SCALE,
      achievedLevels: 2,
    });

    // The count by hand: fold every goal stream from the first event, as an auditor's replay would.
    const names = legacyNamesOf(emptyOrganisation());
    const goals = new Map<string, GoalState>();
    for (const e of await store.readAll()) {
      if (!e.streamId.startsWith('goal-')) continue;
      const [event] = GOAL_EVENTS.read([e], { names });
      goals.set(e.streamId, evolveGoal(goals.get(e.streamId) ?? { status: 'none' }, event));
    }
    const replayed = [...goals.values()] as ExistingGoal[];
    const count = (departmentId: string, pick: (g: ExistingGoal) => boolean) =>
      replayed.filter((g) => g.departmentId === departmentId && pick(g)).length;
    const statuses: CountedStatus[] = [
      'draft',
      'submitted',
      'returned',
      'approved',
      'achievementRecorded',
      'confirmed',
    ];
    const level = (g: ExistingGoal) => g.confirmedLevel ?? g.achievement?.level;
    for (const d of departments) {
      const id = d.rules.department.departmentId;
      const row = overview.rows.find((r) => r.departmentId === id)!;
      expect(row.department).toBe(d.rules.department.name);
      expect(Object.fromEntries(statuses.map((s) => [s, row.byStatus[s].count]))).toEqual(
        Object.fromEntries(statuses.map((s) => [s, count(id, (g) => g.status === s)])),
      );
      expect(row.achievement.map((a) => a.figure.count)).toEqual(
        DEFAULT_ACHIEVEMENT_SCALE.map((l) => count(id, (g) => level(g) === l)),
      );
      expect(row.achieved.count).toBe(count(id, (g) => DEFAULT_ACHIEVEMENT_SCALE.slice(0, 2).includes(level(g) ?? '')));
      expect(row.waitingDecision.count).toBe(
        count(id, (g) => g.status === 'submitted' || g.status === 'achievementRecorded' || !!g.pendingAmendment),
      );
    }
    expect(overview.total.goals.count).toBe(36);
    // The walk went everywhere: every status is somewhere in the city.
    expect(statuses.filter((s) => overview.total.byStatus[s].count === 0)).toEqual([]);
  });
});
