/**
 * An SMTP server that takes the message but answers the end of it later than the client waits: the
 * reminder may well be in the mailbox, so it must not be sent again blindly. Real smtp-server,
 * redis-server and SQLite file on loopback.
 */
import {
  DEFAULT_ACHIEVEMENT_SCALE,
  DEFAULT_CATEGORIES,
  DEFAULT_REMINDER_SETTINGS,
  Directory,
  jstInstant,
} from '@goals/domain';
import { SqliteEventStore } from '@goals/event-store';
import { ManualClock } from '@goals/platform';
import { LocalRedisServer } from '@goals/redis';
import { EmailChannel, ReminderLogger, ReminderNotifier, RemindersOptions, ReminderScheduler } from '@goals/reminders';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { approvedGoal, DEPARTMENT, eventually, openSheet, writeDirectory } from './goal-history.fixture';

const directory: Directory = {
  departments: [{ name: DEPARTMENT, headTitle: '市民生活部長', sections: ['市民課'] }],
  categories: DEFAULT_CATEGORIES,
  achievementScale: DEFAULT_ACHIEVEMENT_SCALE,
  users: [
    {
      id: 'shimin',
      name: '市民 花子',
      role: 'sectionHead',
      department: DEPARTMENT,
      sections: ['市民課'],
      email: 'shimin@city.example',
    },
  ],
};
const quiet: ReminderLogger = { log: () => undefined, warn: () => undefined, error: (m) => console.error(m) };
const DUE = jstInstant('2022-12-01', 9);

/** Keeps every message it receives; answers the end of DATA after `replyDelayMs`. */
class SlowSmtpServer {
  readonly received: { messageId: string; reminderId: string }[] = [];
  replyDelayMs = 0;
  private server?: SMTPServer;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, _session, callback) => {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('latin1')));
        stream.on('end', () => {
          const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'mi').exec(raw)?.[1]?.trim() ?? '';
          // The whole message is here: from now on it is the server's, whatever becomes of the reply.
          this.received.push({ messageId: header('Message-ID'), reminderId: header('X-Reminder-Id') });
          setTimeout(() => callback(), this.replyDelayMs);
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

describe('a reminder whose delivery is unknown', () => {
  let dir: string;
  let redis: LocalRedisServer;
  let smtp: SlowSmtpServer;
  let store: SqliteEventStore;
  const running: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goal-sheet-unknown-delivery-'));
    redis = await new LocalRedisServer({ dataDir: join(dir, 'redis') }).start();
    smtp = await new SlowSmtpServer().start();
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), pollIntervalMs: 50 });
    await writeDirectory(store, new ManualClock('2019-04-01T00:00:00Z'), directory);
  });

  afterAll(async () => {
    while (running.length) await running.pop()!.stop();
    await store.close();
    await smtp.stop();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is sent once, listed as unknown for the administrator, and sent again only by an admin retry, with the same Message-ID', async () => {
    const clock = new ManualClock(new Date(DUE.getTime() - 1000), true);
    const options: RemindersOptions = {
      redisUrl: redis.url,
      redisMode: 'production',
      queueName: `reminders-${randomUUID()}`,
      keyPrefix: `t${randomUUID().slice(0, 8)}`,
      settings: DEFAULT_REMINDER_SETTINGS,
      smtp: { host: '127.0.0.1', port: smtp.port, from: '"目標管理システム" <goals@city.example>', timeoutMs: 400 },
      attempts: 4,
      backoffMs: 50,
    };
    smtp.replyDelayMs = 1500; // longer than the client's 400 ms
    const scheduler = new ReminderScheduler(store, clock, options, quiet);
    await scheduler.start();
    running.push(scheduler);
    const notifier = new ReminderNotifier(store, clock, [new EmailChannel(options.smtp!)], options, quiet);
    await notifier.start();
    running.push(notifier);

    const sheetId = await openSheet(store, clock, 2022);
    await approvedGoal(store, clock, { sheetId, fiscalYear: 2022, title: '窓口の待ち時間短縮', deadlineMonth: 12 });

    const [listed] = await eventually(async () => {
      const failed = await notifier.listFailed();
      return failed.length > 0 && failed;
    }, 'the reminder to be listed');
    expect(listed).toMatchObject({ state: 'unknown', unknown: ['email'], delivered: [] });
    expect(listed.failedReason).toMatch(/delivery unknown/);
    // Time for the automatic retries there would have been (4 attempts, 50 ms apart and doubling).
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.received).toHaveLength(1);
    const [first] = smtp.received;
    expect(first.messageId).toBe(`<reminder.${first.reminderId}@city.example>`);

    // The administrator decides to send it again; it carries the same Message-ID.
    smtp.replyDelayMs = 0;
    expect(await notifier.retryFailed(listed.jobId)).toBe(1);
    await eventually(
      async () => (await notifier.listFailed()).length === 0 && smtp.received.length === 2,
      'the retried delivery',
    );
    expect(smtp.received.map((m) => m.messageId)).toEqual([first.messageId, first.messageId]);
  });
});
