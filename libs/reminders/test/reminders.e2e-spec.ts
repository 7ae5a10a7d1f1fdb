/**
 * Reminders end to end, all real on loopback: a redis-server with AOF, an SMTP server, an HTTP
 * webhook receiver and a SQLite event-store file. Time is a ticking ManualClock set just before a
 * due time, so a reminder due "in December" arrives in a second or two.
 */
import {
  DEFAULT_ACHIEVEMENT_SCALE,
  DEFAULT_CATEGORIES,
  DEFAULT_REMINDER_SETTINGS,
  Directory,
  goalStreamId,
  reminderStreamId,
  jstInstant,
} from '@goals/domain';
import { RecordedEvent, SqliteEventStore } from '@goals/event-store';
import { ManualClock } from '@goals/platform';
import { LocalRedisServer } from '@goals/redis';
import {
  EmailChannel,
  ReminderLogger,
  ReminderNotifier,
  RemindersOptions,
  ReminderScheduler,
  UnsafeRedis,
  WebhookChannel,
} from '@goals/reminders';
import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  approvedGoal,
  DEPARTMENT,
  eventually,
  openSheet,
  recordAchievement,
  writeDirectory,
} from './goal-history.fixture';
import { SmtpSink } from './smtp-sink';
import { WebhookSink } from './webhook-sink';

const directory: Directory = {
  departments: [{ name: DEPARTMENT, headTitle: '市民生活部長', sections: ['市民課', '保険年金課'] }],
  categories: DEFAULT_CATEGORIES,
  achievementScale: DEFAULT_ACHIEVEMENT_SCALE,
  users: [
    { id: 'head', name: '部長 一郎', role: 'departmentHead', department: DEPARTMENT, email: 'head@city.example' },
    {
      id: 'shimin',
      name: '市民 花子',
      role: 'sectionHead',
      department: DEPARTMENT,
      sections: ['市民課'],
      email: 'shimin@city.example',
    },
    {
      id: 'hoken',
      name: '保険 次郎',
      role: 'sectionHead',
      department: DEPARTMENT,
      sections: ['保険年金課'],
      email: 'hoken@city.example',
    },
  ],
};

const quiet: ReminderLogger = { log: () => undefined, warn: () => undefined, error: (m) => console.error(m) };

// 令和4年度 12月: いつまで is 2022-12-31; reminders at 09:00 JST on 1 Dec (30 days), 24 Dec (7 days).
const FY = 2022;
const DUE_30_DAYS = jstInstant('2022-12-01', 9);
const DUE_7_DAYS = jstInstant('2022-12-24', 9);

describe('reminders, end to end', () => {
  let dir: string;
  let redis: LocalRedisServer;
  let smtp: SmtpSink;
  let webhook: WebhookSink;
  let store: SqliteEventStore;
  let clock: ManualClock;
  let options: RemindersOptions;
  const running: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goal-sheet-reminders-'));
    redis = await new LocalRedisServer({ dataDir: join(dir, 'redis') }).start();
  });

  afterAll(async () => {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    smtp = await new SmtpSink().start();
    webhook = await new WebhookSink().start();
    store = new SqliteEventStore({ file: join(dir, `events-${randomUUID()}.sqlite`), pollIntervalMs: 50 });
    await writeDirectory(store, new ManualClock('2019-04-01T00:00:00Z'), directory);
    options = {
      redisUrl: redis.url,
      redisMode: 'production',
      queueName: `reminders-${randomUUID()}`,
      keyPrefix: `t${randomUUID().slice(0, 8)}`,
      settings: DEFAULT_REMINDER_SETTINGS,
      smtp: { host: '127.0.0.1', port: smtp.port, from: '"目標管理システム" <goals@city.example>' },
      webhookUrl: webhook.url,
      attempts: 3,
      backoffMs: 100,
    };
  });

  afterEach(async () => {
    while (running.length) await running.pop()!.stop();
    await store.close();
    await smtp.stop();
    await webhook.stop();
  });

  async function startScheduler(overrides: Partial<RemindersOptions> = {}, logger = quiet) {
    const scheduler = new ReminderScheduler(store, clock, { ...options, ...overrides }, logger);
    await scheduler.start();
    running.push(scheduler);
    return scheduler;
  }

  async function startNotifier() {
    const channels = [new EmailChannel(options.smtp!), new WebhookChannel(options.webhookUrl!)];
    const notifier = new ReminderNotifier(store, clock, channels, options, quiet);
    await notifier.start();
    running.push(notifier);
    return notifier;
  }

  async function stopped(component: { stop(): Promise<void> }) {
    running.splice(running.indexOf(component), 1);
    await component.stop();
  }

  /** Every ReminderSent about the goal, wherever it is stored (its reminder stream; its own stream in old data). */
  const remindersSent = async (goalId: string): Promise<RecordedEvent[]> => {
    const [goal, reminders] = await Promise.all([
      store.readStream(goalStreamId(goalId)),
      store.readStream(reminderStreamId(goalId)),
    ]);
    expect(goal.events.filter((e) => e.type === 'ReminderSent')).toEqual([]);
    return reminders.events.filter((e) => e.type === 'ReminderSent');
  };
  const mailsAbout = (title: string) => smtp.messages.filter((m) => m.subject.includes(title));

  it('an approved goal whose reminder is due in a second: one e-mail, one webhook POST, ReminderSent in its history', async () => {
    clock = new ManualClock(new Date(DUE_30_DAYS.getTime() - 1000), true);
    await startScheduler();
    await startNotifier();
    const sheetId = await openSheet(store, clock, FY);
    await approvedGoal(store, clock, { sheetId, fiscalYear: FY, title: '戸籍証明のコンビニ交付', deadlineMonth: 3 });
    const goalId = await approvedGoal(store, clock, {
      sheetId,
      fiscalYear: FY,
      title: '窓口の待ち時間短縮',
      deadlineMonth: 12,
    });

    const [sent] = await eventually(
      async () => (await remindersSent(goalId)).length > 0 && remindersSent(goalId),
      'ReminderSent',
    );

    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail.to).toEqual(['shimin@city.example']);
    expect(mail.subject).toBe('【期限まであと30日】番号2「窓口の待ち時間短縮」（いつまで：令和4年12月31日）');
    expect(mail.text).toContain('市民 花子 様');
    expect(mail.text).toContain('番号　：2');
    expect(mail.text).toContain('いつまで：令和4年12月31日');

    expect(webhook.accepted).toHaveLength(1);
    expect(webhook.accepted[0]).toMatchObject({
      kind: 'deadlineApproaching',
      goalId,
      number: 2,
      title: '窓口の待ち時間短縮',
      deadline: '2022-12-31',
      deadlineWareki: '令和4年12月31日',
    });

    expect(sent.data).toEqual({
      goalId,
      reminderId: `${goalId}.deadlineApproaching.2022-12-01`,
      kind: 'deadlineApproaching',
      dueAt: DUE_30_DAYS.toISOString(),
      recipients: [{ userId: 'shimin', email: 'shimin@city.example' }],
      deliveredThrough: ['email', 'webhook'],
    });
    expect(sent.metadata.actor).toEqual({ userId: 'system:reminders', role: 'system' });
    // Not early: it went out once the (injected) clock had reached the due time.
    expect(Date.parse(sent.metadata.occurredAt)).toBeGreaterThanOrEqual(DUE_30_DAYS.getTime());
  });

  it('recording the achievement before the next due time means that reminder is never sent', async () => {
    // Just before the 7-day reminder: approving now sends the 30-day one at once (it is past) and
    // schedules the 7-day one for three seconds from now.
    clock = new ManualClock(new Date(DUE_7_DAYS.getTime() - 3000), true);
    await startScheduler();
    await startNotifier();
    const sheetId = await openSheet(store, clock, FY);
    const rated = await approvedGoal(store, clock, {
      sheetId,
      fiscalYear: FY,
      title: '窓口の待ち時間短縮',
      deadlineMonth: 12,
    });
    // The same deadline, never rated: its 7-day reminder tells us when the due time has passed.
    const unrated = await approvedGoal(store, clock, {
      sheetId,
      fiscalYear: FY,
      title: '証明書の郵送請求の電子化',
      deadlineMonth: 12,
    });
    await eventually(async () => (await remindersSent(rated)).length === 1, 'the 30-day reminder of the first goal');

    await recordAchievement(store, clock, rated);
    await eventually(async () => (await remindersSent(unrated)).length === 2, 'the 7-day reminder of the other goal');

    expect(mailsAbout('窓口の待ち時間短縮').map((m) => m.subject)).toEqual([
      '【期限まであと30日】番号1「窓口の待ち時間短縮」（いつまで：令和4年12月31日）',
    ]);
    expect((await remindersSent(rated)).map((e) => e.data.kind)).toEqual(['deadlineApproaching']);
    expect(mailsAbout('証明書の郵送請求の電子化')).toHaveLength(2);
  });

  it('a reminder already queued when the achievement is recorded is dropped by the notifier', async () => {
    clock = new ManualClock(new Date(DUE_7_DAYS.getTime() - 3000), true);
    const scheduler = await startScheduler();
    await startNotifier();
    const sheetId = await openSheet(store, clock, FY);
    const rated = await approvedGoal(store, clock, {
      sheetId,
      fiscalYear: FY,
      title: '窓口の待ち時間短縮',
      deadlineMonth: 12,
    });
    const unrated = await approvedGoal(store, clock, {
      sheetId,
      fiscalYear: FY,
      title: '証明書の郵送請求の電子化',
      deadlineMonth: 12,
    });
    await eventually(
      async () => (await remindersSent(rated)).length === 1 && (await remindersSent(unrated)).length === 1,
      'the 30-day reminders',
    );
    // The scheduler does not see the achievement, so the 7-day job stays queued.
    await stopped(scheduler);
    await recordAchievement(store, clock, rated);

    await eventually(async () => (await remindersSent(unrated)).length === 2, 'the 7-day reminder of the other goal');
    expect(mailsAbout('窓口の待ち時間短縮')).toHaveLength(1);
    expect(await remindersSent(rated)).toHaveLength(1);
  });

  it('restarting Redis and the worker between scheduling and due time loses no reminder and sends none twice', async () => {
    clock = new ManualClock(new Date(DUE_30_DAYS.getTime() - 4000), true);
    const scheduler = await startScheduler();
    const notifier = await startNotifier();
    const sheetId = await openSheet(store, clock, FY);
    const goals = [
      await approvedGoal(store, clock, { sheetId, fiscalYear: FY, title: '窓口の待ち時間短縮', deadlineMonth: 12 }),
      await approvedGoal(store, clock, {
        sheetId,
        fiscalYear: FY,
        title: '保険証の即日交付',
        deadlineMonth: 12,
        sections: ['保険年金課'],
      }),
      await approvedGoal(store, clock, {
        sheetId,
        fiscalYear: FY,
        title: '部内の文書削減',
        deadlineMonth: 12,
        sections: ['共通'],
      }),
    ];
    // Each goal has its three deadline-series reminders and the year-end one waiting.
    const queue = scheduler.queue;
    await eventually(async () => (await queue.getDelayedCount()) === 12, 'twelve delayed reminders');

    await stopped(notifier);
    await redis.restart();
    await startNotifier();

    await eventually(
      async () => (await Promise.all(goals.map(remindersSent))).every((s) => s.length === 1),
      'one ReminderSent per goal',
    );
    // The running scheduler rebuilding twice after the sends adds nothing: sent ones are recorded.
    expect(await scheduler.rebuild()).toEqual({ goals: 3, scheduled: 0, removed: 0 });
    expect(await scheduler.rebuild()).toEqual({ goals: 3, scheduled: 0, removed: 0 });
    await eventually(async () => (await queue.getJobCounts('waiting', 'active')).active === 0, 'the worker to be idle');

    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual([
      'head@city.example',
      'hoken@city.example',
      'shimin@city.example',
    ]);
    expect(webhook.accepted).toHaveLength(3);
    expect(await queue.getDelayedCount()).toBe(9);
  });

  it('rebuilding the schedule twice from the events schedules each reminder once', async () => {
    clock = new ManualClock(new Date(DUE_30_DAYS.getTime() - 60_000), true);
    const sheetId = await openSheet(store, clock, FY);
    await approvedGoal(store, clock, { sheetId, fiscalYear: FY, title: '窓口の待ち時間短縮', deadlineMonth: 12 });
    await approvedGoal(store, clock, { sheetId, fiscalYear: FY, title: '戸籍証明のコンビニ交付', deadlineMonth: 3 });
    const scheduler = new ReminderScheduler(store, clock, options, quiet);
    running.push(scheduler);

    expect(await scheduler.rebuild()).toEqual({ goals: 2, scheduled: 7, removed: 0 });
    expect(await scheduler.rebuild()).toEqual({ goals: 2, scheduled: 0, removed: 0 });
    expect(await scheduler.queue.getDelayedCount()).toBe(7);
  });

  it('a restart follows on from its checkpoint, and reconciles every goal again only under other settings or an emptied Redis', async () => {
    clock = new ManualClock(new Date(DUE_30_DAYS.getTime() - 60_000), true);
    const sheetId = await openSheet(store, clock, FY);
    await approvedGoal(store, clock, { sheetId, fiscalYear: FY, title: '窓口の待ち時間短縮', deadlineMonth: 12 });
    const recorded = () => {
      const lines: string[] = [];
      return { lines, logger: { ...quiet, log: (m: string) => lines.push(m) } };
    };
    const first = recorded();
    await stopped(await startScheduler({}, first.logger));
    expect(first.lines).toContainEqual(expect.stringMatching(/^schedule rebuilt: 1 goals/));

    // Written while no scheduler ran: the next one finds it by following on from the checkpoint.
    await approvedGoal(store, clock, { sheetId, fiscalYear: FY, title: '戸籍証明のコンビニ交付', deadlineMonth: 3 });
    const second = recorded();
    const following = await startScheduler({}, second.logger);
    expect(second.lines.filter((m) => m.startsWith('schedule rebuilt'))).toEqual([]);
    await eventually(async () => (await following.queue.getDelayedCount()) === 7, 'both goals scheduled');
    await stopped(following);

    // Other settings: the queue was made under the old ones, so every goal is reconciled.
    const third = recorded();
    const otherSettings = await startScheduler(
      { settings: { ...DEFAULT_REMINDER_SETTINGS, deadlineDaysBefore: [30] } },
      third.logger,
    );
    expect(third.lines).toContainEqual(
      expect.stringMatching(/^schedule rebuilt: 2 goals, 0 reminders scheduled, 2 removed/),
    );
    expect(await otherSettings.queue.getDelayedCount()).toBe(5);
    await stopped(otherSettings);

    // Redis lost the checkpoint (a new or emptied Redis): everything again.
    const client = new IORedis(redis.url);
    await client.del(`${options.keyPrefix}:${options.queueName}:scheduler:checkpoint`);
    client.disconnect();
    const fourth = recorded();
    await startScheduler({}, fourth.logger);
    expect(fourth.lines).toContainEqual(expect.stringMatching(/^schedule rebuilt: 2 goals, 2 reminders scheduled/));
  });

  it('a delivery that keeps failing stays visible, and a retry sends what is missing only', async () => {
    clock = new ManualClock(new Date(DUE_30_DAYS.getTime() - 500), true);
    webhook.failing = true;
    await startScheduler();
    const notifier = await startNotifier();
    const sheetId = await openSheet(store, clock, FY);
    const goalId = await approvedGoal(store, clock, {
      sheetId,
      fiscalYear: FY,
      title: '窓口の待ち時間短縮',
      deadlineMonth: 12,
    });

    const [failed] = await eventually(async () => {
      const list = await notifier.listFailed();
      return list.length === 1 && list;
    }, 'the failed delivery to be listed');
    expect(failed).toMatchObject({ goalId, kind: 'deadlineApproaching', attemptsMade: 3, delivered: ['email'] });
    expect(failed.failedReason).toContain('500');
    expect(webhook.refused).toBe(3);
    expect(await remindersSent(goalId)).toHaveLength(0);

    webhook.failing = false;
    expect(await notifier.retryFailed(failed.jobId)).toBe(1);
    const [sent] = await eventually(
      async () => (await remindersSent(goalId)).length === 1 && remindersSent(goalId),
      'ReminderSent after the retry',
    );
    expect(sent.data.deliveredThrough).toEqual(['email', 'webhook']);
    expect(smtp.messages).toHaveLength(1);
    expect(webhook.accepted).toHaveLength(1);
    expect(await notifier.listFailed()).toEqual([]);
  });

  it('refuses an evicting Redis without persistence in production, and only warns in the embedded mode', async () => {
    clock = new ManualClock(DUE_30_DAYS);
    const admin = new IORedis(redis.url);
    const warnings: string[] = [];
    try {
      await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
      await admin.config('SET', 'appendonly', 'no');
      const production = new ReminderScheduler(store, clock, options, quiet);
      await expect(production.start()).rejects.toThrow(UnsafeRedis);
      await production.stop();
      await startScheduler({ redisMode: 'embedded' }, { ...quiet, warn: (m) => warnings.push(m) });
      expect(warnings).toEqual([
        expect.stringContaining('maxmemory-policy is allkeys-lru'),
        expect.stringContaining('neither append-only'),
      ]);
    } finally {
      await admin.config('SET', 'maxmemory-policy', 'noeviction');
      await admin.config('SET', 'appendonly', 'yes');
      // Redis refuses to shut down while it writes the initial AOF that turning it on starts.
      await eventually(
        async () => /aof_rewrite_in_progress:0[\s\S]*aof_rewrite_scheduled:0/.test(await admin.info('persistence')),
        'the AOF rewrite',
      );
      admin.disconnect();
    }
  });
});
