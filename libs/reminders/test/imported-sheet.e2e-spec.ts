/**
 * An old sheet brought in sends no reminders: the real scheduler, a real redis-server and a SQLite
 * event store, fed by the real import of a sheet written for this test (令和3年度 総務部). The same
 * sheet for the year still running is the control: its unrated goals are chased.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Actor,
  DEFAULT_ACHIEVEMENT_SCALE,
  DEFAULT_CATEGORIES,
  DEFAULT_REMINDER_SETTINGS,
  Directory,
} from '@goals/domain';
import { SqliteEventStore } from '@goals/event-store';
import { ManualClock } from '@goals/platform';
import { LocalRedisServer } from '@goals/redis';
import { ReminderScheduler } from '@goals/reminders';
import {
  appendSheetImport,
  departmentRegistrationOf,
  parseSheetFile,
  planSheetImport,
  registeredDepartment,
} from '@goals/sheet-file';
import { eventually } from './goal-history.fixture';

const sheetText = readFileSync(join(__dirname, '../../../test/fixtures/r3-general-affairs-dept-sheet.txt'), 'utf8');
const admin: Actor = { userId: 'admin', role: 'admin', sections: [] };
const base: Directory = {
  departments: [],
  categories: DEFAULT_CATEGORIES,
  achievementScale: DEFAULT_ACHIEVEMENT_SCALE,
  users: [],
};

describe('reminders for an imported sheet', () => {
  let dir: string;
  let redis: LocalRedisServer;
  let store: SqliteEventStore;
  let scheduler: ReminderScheduler | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goal-sheet-import-reminders-'));
    redis = await new LocalRedisServer({ dataDir: join(dir, 'redis') }).start();
  });
  afterAll(async () => {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    store = new SqliteEventStore({ file: join(dir, `events-${randomUUID()}.sqlite`), pollIntervalMs: 50 });
  });
  afterEach(async () => {
    await scheduler?.stop();
    scheduler = undefined;
    await store.close();
  });

  /** Imports the sheet as a year's sheet at the clock's time, as the API does. */
  async function importSheet(clock: ManualClock, reiwaYear: number): Promise<string[]> {
    const parsed = parseSheetFile(
      sheetText.replace('令和3年度', `令和${reiwaYear}年度`).replace('令和3年4月1日', `令和${reiwaYear}年4月1日`),
    );
    const registration = departmentRegistrationOf(parsed, '総務部');
    const plan = planSheetImport(parsed, {
      importer: admin,
      department: {
        name: '総務部',
        inYear: registeredDepartment(registration, 'dep-somu', (name) => `sec-${name}`),
      },
      vocabulary: base,
      sheetId: randomUUID(),
      newId: randomUUID,
      occurredAt: clock.now().toISOString(),
      correlationId: randomUUID(),
    });
    await appendSheetImport(store, plan);
    return plan.goalIds;
  }

  function startScheduler(clock: ManualClock) {
    scheduler = new ReminderScheduler(
      store,
      clock,
      {
        redisUrl: redis.url,
        redisMode: 'production',
        queueName: `reminders-${randomUUID()}`,
        keyPrefix: `t${randomUUID().slice(0, 8)}`,
        settings: DEFAULT_REMINDER_SETTINGS,
      },
      { log: () => undefined, warn: () => undefined, error: (m) => console.error(m) },
    );
    return scheduler;
  }

  const jobsOf = async (s: ReminderScheduler) =>
    (await s.queue.getJobs(['delayed', 'waiting', 'active', 'failed', 'completed'])).map((j) => j.id!);

  it('schedules nothing for a year that had ended when it was imported, on rebuild and when following live', async () => {
    // 10 May 2022: 令和3年度 ended on 31 March. Goals 4 and 7 were never rated.
    const clock = new ManualClock(new Date('2022-05-10T01:00:00Z'));
    await importSheet(clock, 3);
    const s = startScheduler(clock);
    await s.start();
    expect(await s.rebuild()).toMatchObject({ goals: 7, scheduled: 0 });
    expect(await jobsOf(s)).toEqual([]);

    // Imported while the scheduler follows the store (令和2年度, then the control 令和4年度, in that order).
    await importSheet(clock, 2);
    const control = await importSheet(clock, 4);
    const goalsWithJobs = async () => new Set((await jobsOf(s)).map((id) => id.split('.')[0]));
    // The control's last goal is reconciled after every event of the 令和2年度 sheet, which came first.
    await eventually(async () => (await goalsWithJobs()).has(control[6]), 'the control sheet to be scheduled');
    // Only the 令和4年度 sheet, still running, has goals chased: its two unrated ones.
    expect(await goalsWithJobs()).toEqual(new Set([control[3], control[6]]));
  });
});
