/**
 * 中間報告 reminders end to end, all real on loopback: redis-server, an SMTP sink, a SQLite store, the
 * real scheduler and notifier. A section whose report is missing a week before the 締切日 is reminded
 * once; a section that has submitted is not.
 */
import {
  DEFAULT_ACHIEVEMENT_SCALE,
  DEFAULT_CATEGORIES,
  DEFAULT_REMINDER_SETTINGS,
  Directory,
  jstInstant,
  midYearReminderStreamId,
  midYearReportStreamId,
  yearStreamId,
} from '@goals/domain';
import { derivedUuid, SqliteEventStore } from '@goals/event-store';
import { ManualClock } from '@goals/platform';
import { LocalRedisServer } from '@goals/redis';
import { EmailChannel, ReminderLogger, ReminderNotifier, RemindersOptions, ReminderScheduler } from '@goals/reminders';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approvedGoal, DEPARTMENT, eventually, openSheet, writeDirectory } from './goal-history.fixture';
import { SmtpSink } from './smtp-sink';

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
// 上期: 令和4年9月1日〜10月14日; the reminder is due 7 days before, 10月7日 09:00 JST.
const DUE = jstInstant('2022-10-07', 9);

describe('中間報告 reminders, end to end', () => {
  let dir: string;
  let redis: LocalRedisServer;
  let smtp: SmtpSink;
  let store: SqliteEventStore;
  const running: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goal-sheet-midyear-'));
    redis = await new LocalRedisServer({ dataDir: join(dir, 'redis') }).start();
    smtp = await new SmtpSink().start();
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), pollIntervalMs: 50 });
    await writeDirectory(store, new ManualClock('2019-04-01T00:00:00Z'), directory);
  });
  afterAll(async () => {
    while (running.length) await running.pop()!.stop();
    await store?.close();
    await smtp?.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reminds the 課長 whose report is missing, once, and not the one who submitted', async () => {
    const clock = new ManualClock(new Date(DUE.getTime() - 1500), true);
    const options: RemindersOptions = {
      redisUrl: redis.url,
      redisMode: 'production',
      queueName: `reminders-${randomUUID()}`,
      keyPrefix: `t${randomUUID().slice(0, 8)}`,
      settings: DEFAULT_REMINDER_SETTINGS,
      smtp: { host: '127.0.0.1', port: smtp.port, from: '"目標管理システム" <goals@city.example>' },
      attempts: 2,
      backoffMs: 100,
    };
    const sheetId = await openSheet(store, clock, 2022);
    const goal = { sheetId, fiscalYear: 2022, deadlineMonth: 3 };
    await approvedGoal(store, clock, { ...goal, title: '窓口の待ち時間短縮' });
    await approvedGoal(store, clock, { ...goal, title: '国保税の口座振替推進', sections: ['保険年金課'] });
    const hoken = derivedUuid('section', DEPARTMENT, '保険年金課');
    const meta = () => ({
      actor: { userId: 'head', role: 'departmentHead' },
      occurredAt: clock.now().toISOString(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      schemaVersion: 1,
    });
    await store.append(yearStreamId(sheetId), [
      {
        id: randomUUID(),
        type: 'MidYearWindowOpened',
        data: { sheetId, number: 1, opensOn: '2022-09-01', closesOn: '2022-10-14', label: '上期' },
        metadata: meta(),
      },
    ]);
    await store.append(midYearReportStreamId(sheetId, hoken), [
      {
        id: randomUUID(),
        type: 'MidYearReportSubmitted',
        data: { sheetId, window: 1, sectionId: hoken, entries: [], late: false },
        metadata: meta(),
      },
    ]);

    const scheduler = new ReminderScheduler(store, clock, options, quiet);
    await scheduler.start();
    running.push(scheduler);
    const notifier = new ReminderNotifier(store, clock, [new EmailChannel(options.smtp!)], options, quiet);
    await notifier.start();
    running.push(notifier);

    const sent = await eventually(async () => {
      const { events } = await store.readStream(midYearReminderStreamId(sheetId));
      return events.length > 0 && events;
    }, 'MidYearReminderSent');
    expect(sent[0].data).toMatchObject({
      sheetId,
      window: 1,
      sectionId: derivedUuid('section', DEPARTMENT, '市民課'),
      recipients: [{ userId: 'shimin', email: 'shimin@city.example' }],
      deliveredThrough: ['email'],
    });
    expect(Date.parse(sent[0].metadata.occurredAt)).toBeGreaterThanOrEqual(DUE.getTime());
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].to).toEqual(['shimin@city.example']);
    expect(smtp.messages[0].subject).toBe('【中間報告】市民課の上期の中間報告が未提出です（締切日：令和4年10月14日）');
    expect(smtp.messages[0].text).toContain('番号1「窓口の待ち時間短縮」');

    // A rebuild (as after a restart) finds it sent: nothing is scheduled again, nothing is sent twice.
    clock.advance(60_000);
    expect(await scheduler.rebuild()).toMatchObject({ scheduled: 0 });
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages).toHaveLength(1);
    expect((await store.readStream(midYearReminderStreamId(sheetId))).events).toHaveLength(1);
  });
});
