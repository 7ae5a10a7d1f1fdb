/**
 * A reminder due while the event store's disk is full, on a real small filesystem (a 4 MB tmpfs;
 * mounting it needs root, which CI's setup and this machine have): nothing is sent while its
 * delivery could not be recorded, and once there is room again it goes out exactly once. And a disk
 * that fills in the very moment after a message went out: the room kept back on it is given up, so
 * the delivery is recorded at once and the message never goes out again.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_ACHIEVEMENT_SCALE,
  DEFAULT_CATEGORIES,
  DEFAULT_REMINDER_SETTINGS,
  Directory,
  jstInstant,
  reminderStreamId,
} from '@goals/domain';
import { SqliteEventStore } from '@goals/event-store';
import { DiskReserve, ManualClock } from '@goals/platform';
import { LocalRedisServer } from '@goals/redis';
import {
  EmailChannel,
  NotificationChannel,
  ReminderLogger,
  ReminderMessage,
  ReminderNotifier,
  RemindersOptions,
  ReminderScheduler,
} from '@goals/reminders';
import { approvedGoal, DEPARTMENT, eventually, openSheet, writeDirectory } from './goal-history.fixture';
import { SmtpSink } from './smtp-sink';

const directory: Directory = {
  departments: [{ name: DEPARTMENT, headTitle: '市民生活部長', sections: ['市民課'] }],
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
  ],
};
const quiet: ReminderLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

function mountSmallDisk(path: string): boolean {
  mkdirSync(path, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', path], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Writes a file until the filesystem refuses with ENOSPC. */
function fill(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

const FROM = '"目標管理システム" <goals@city.example>';

interface SmallDisk {
  disk: string;
  store: SqliteEventStore;
  smtp: SmtpSink;
  scheduler: ReminderScheduler;
  notifier: ReminderNotifier;
  options: RemindersOptions;
  /** An approved goal whose deadline reminder is due three seconds after the notifier's clock starts. */
  goalId: string;
  sentEvents(): Promise<unknown[]>;
}

/**
 * A 4 MB tmpfs holding the event store (and Redis's files, `redisOnDisk`), a real SMTP server, a
 * scheduler and a notifier sending through `channel` (plain e-mail unless given), and a goal whose
 * reminder is due in a few seconds; everything is taken down after `body`.
 */
async function onASmallDisk(
  setup: {
    redisOnDisk?: boolean;
    channel?: (email: EmailChannel, disk: string) => NotificationChannel;
    options?: (disk: string) => Partial<RemindersOptions>;
  },
  body: (small: SmallDisk) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'goal-sheet-full-disk-'));
  const disk = join(dir, 'disk');
  if (!mountSmallDisk(disk)) throw new Error('this test mounts a 4 MB tmpfs and must run as root');
  const redis = await new LocalRedisServer({ dataDir: join(setup.redisOnDisk ? disk : dir, 'redis') }).start();
  const smtp = await new SmtpSink().start();
  const store = new SqliteEventStore({ file: join(disk, 'events.sqlite'), pollIntervalMs: 50 });
  const options: RemindersOptions = {
    redisUrl: redis.url,
    redisMode: 'production',
    queueName: `reminders-${randomUUID()}`,
    keyPrefix: `t${randomUUID().slice(0, 8)}`,
    settings: DEFAULT_REMINDER_SETTINGS,
    attempts: 50,
    backoffMs: 100,
    ...setup.options?.(disk),
  };
  const email = new EmailChannel({ host: '127.0.0.1', port: smtp.port, from: FROM });
  const due = jstInstant('2022-12-01', 9);
  const clock = new ManualClock(new Date(due.getTime() - 3000), true);
  const scheduler = new ReminderScheduler(store, clock, options, quiet);
  const notifier = new ReminderNotifier(store, clock, [setup.channel?.(email, disk) ?? email], options, quiet);
  try {
    await writeDirectory(store, new ManualClock('2019-04-01T00:00:00Z'), directory);
    const sheetId = await openSheet(store, clock, 2022);
    const goalId = await approvedGoal(store, clock, {
      sheetId,
      fiscalYear: 2022,
      title: '窓口の待ち時間短縮',
      deadlineMonth: 12,
    });
    const sentEvents = async () =>
      (await store.readStream(reminderStreamId(goalId))).events.filter((e) => e.type === 'ReminderSent');
    await body({ disk, store, smtp, scheduler, notifier, options, goalId, sentEvents });
  } finally {
    await notifier.stop();
    await scheduler.stop();
    await store.close();
    await smtp.stop();
    await redis.stop();
    execFileSync('umount', [disk]);
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a reminder due while the disk is full', () => {
  it(
    'is not sent while its delivery cannot be recorded, then sent exactly once when there is room',
    () =>
      onASmallDisk({}, async ({ disk, smtp, scheduler, notifier, sentEvents }) => {
        await scheduler.start();
        // Due in a few seconds; the disk fills up before.
        expect(await scheduler.queue.getDelayedCount()).toBeGreaterThan(0);
        fill(join(disk, 'filler'));
        await notifier.start();
        const job = await eventually(async () => {
          const jobs = await scheduler.queue.getJobs(['delayed', 'waiting', 'active', 'failed']);
          return jobs.find((j) => j.attemptsMade >= 2);
        }, 'two attempts at the reminder while the disk is full');
        expect(job.failedReason).toContain('not sent');
        expect(smtp.messages).toHaveLength(0);

        rmSync(join(disk, 'filler'));
        await eventually(async () => (await sentEvents()).length > 0, 'the reminder recorded as sent');
        expect(smtp.messages).toHaveLength(1);
        expect(await sentEvents()).toHaveLength(1);
      }),
    60_000,
  );

  it(
    'is recorded at once when the disk fills right after the message went out, from the room kept back',
    () =>
      onASmallDisk(
        {
          // Everything on the one small disk, as on the embedded default: the events, Redis's files, the room kept back.
          redisOnDisk: true,
          // The disk fills in the moment after the mail server took the message, before it is recorded.
          channel: (email, disk) => ({
            name: email.name,
            async send(message: ReminderMessage) {
              const delivered = await email.send(message);
              fill(join(disk, 'filler'));
              return delivered;
            },
            close: () => email.close(),
          }),
          options: (disk) => ({ lockMs: 2000, diskReserve: new DiskReserve(join(disk, 'disk-reserve'), 256 * 1024) }),
        },
        async ({ disk, smtp, scheduler, notifier, options, sentEvents }) => {
          const reserve = options.diskReserve!;
          await scheduler.start();
          await notifier.start();
          await eventually(() => reserve.held(), 'the room kept back on the disk');

          await eventually(async () => (await sentEvents()).length > 0, 'the reminder recorded as sent');
          // Recorded while the disk was still full: the room kept back was given up for it.
          expect(await reserve.held()).toBe(false);
          expect(smtp.messages).toHaveLength(1);

          // Room again; whatever the queue retries now finds it recorded and sends nothing.
          rmSync(join(disk, 'filler'));
          await new Promise((resolve) => setTimeout(resolve, 3000));
          expect(smtp.messages).toHaveLength(1);
          expect(await sentEvents()).toHaveLength(1);
        },
      ),
    60_000,
  );
});
