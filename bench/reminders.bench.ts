/**
 * Reminder lateness under a burst: 10,000 reminders due at the same instant.
 *
 *   node --require ./bench/register.js bench/reminders.bench.ts        (from the repository root)
 *
 * Everything is real and local: a redis-server (AOF on, as in production) on a free port and a
 * SQLite event-store file, both in a temporary folder removed at the end. Three figures:
 *   1. scheduling: the scheduler rebuilds the schedule of 10,000 approved goals from the events
 *      (4 reminders each; the rate at which reminders are put in the queue);
 *   2. baseline: 10,000 jobs added for immediate processing; lateness = pickup − enqueue time;
 *   3. delayed: 10,000 reminder jobs due at one instant T a few seconds ahead; lateness = pickup − T.
 * The same worker (concurrency 50, a processor that only records the time) serves 2 and 3, so the
 * difference between them is what waiting in BullMQ's delayed set costs.
 */
import { DEFAULT_REMINDER_SETTINGS, goalStreamId, jstInstant, sheetStreamId } from '@goals/domain';
import { SqliteEventStore } from '@goals/event-store';
import { ManualClock } from '@goals/platform';
import { LocalRedisServer } from '@goals/redis';
import { connectRedis, ReminderScheduler } from '@goals/reminders';
import { Job, Queue, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const COUNT = 10_000;
const CONCURRENCY = 50;
const quiet = { log: () => undefined, warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'goal-sheet-bench-'));
  const redis = await new LocalRedisServer({ dataDir: join(dir, 'redis') }).start();
  const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  try {
    await scheduling(store, redis.url);
    const baseline = await lateness(redis.url, 'immediate', () => 0);
    const delayed = await lateness(redis.url, 'delayed', (now) => now + 5000);
    console.log('\nlateness of pickup (ms)   p50     p99     max');
    for (const [name, r] of [
      ['immediate (baseline)', baseline],
      ['delayed, same instant', delayed],
    ] as const)
      console.log(
        `${name.padEnd(24)} ${fmt(r.p50)} ${fmt(r.p99)} ${fmt(r.max)}   (all ${COUNT} done ${r.span} ms after the first was due)`,
      );
  } finally {
    await store.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function scheduling(store: SqliteEventStore, redisUrl: string): Promise<void> {
  const sheetId = randomUUID();
  const meta = () => ({
    actor: { userId: 'bench', role: 'sectionHead' },
    occurredAt: '2022-04-15T01:00:00.000Z',
    correlationId: 'bench',
    causationId: 'bench',
    schemaVersion: 1,
  });
  const t0 = performance.now();
  for (let i = 0; i < COUNT; i++) {
    const goalId = randomUUID();
    await store.append(sheetStreamId(sheetId), [
      { id: randomUUID(), type: 'GoalRegistered', data: { sheetId, goalId, number: i + 1 }, metadata: meta() },
    ]);
    await store.append(goalStreamId(goalId), [
      {
        id: randomUUID(),
        type: 'GoalDrafted',
        data: {
          goalId,
          sheetId,
          department: '市民生活部',
          fiscalYear: 2022,
          title: `目標${i + 1}`,
          category: '行政改革',
          targetLevel: '-',
          method: '-',
          deadlineMonth: 12,
          sections: ['市民課'],
        },
        metadata: meta(),
      },
      { id: randomUUID(), type: 'GoalSubmitted', data: { goalId }, metadata: meta() },
      { id: randomUUID(), type: 'GoalApproved', data: { goalId }, metadata: meta() },
    ]);
  }
  const written = performance.now() - t0;
  const clock = new ManualClock(jstInstant('2022-11-01', 9), true);
  const scheduler = new ReminderScheduler(
    store,
    clock,
    {
      redisUrl,
      redisMode: 'production',
      queueName: `bench-schedule-${randomUUID()}`,
      keyPrefix: 'bench',
      settings: DEFAULT_REMINDER_SETTINGS,
    },
    quiet,
  );
  try {
    const t1 = performance.now();
    const first = await scheduler.rebuild();
    const rebuilt = performance.now() - t1;
    const t2 = performance.now();
    const second = await scheduler.rebuild();
    const again = performance.now() - t2;
    console.log(`events: ${COUNT} goals written in ${Math.round(written)} ms`);
    console.log(
      `scheduling: rebuild scheduled ${first.scheduled} reminders for ${first.goals} goals in ${Math.round(rebuilt)} ms (${Math.round(first.scheduled / (rebuilt / 1000))} reminders/s)`,
    );
    console.log(
      `scheduling: second rebuild scheduled ${second.scheduled} more in ${Math.round(again)} ms (idempotent)`,
    );
    await scheduler.queue.obliterate({ force: true });
  } finally {
    await scheduler.stop();
  }
}

interface Figures {
  p50: number;
  p99: number;
  max: number;
  span: number;
}

async function lateness(redisUrl: string, name: string, dueAt: (now: number) => number): Promise<Figures> {
  const queueName = `bench-${name}-${randomUUID()}`;
  const connection = connectRedis(redisUrl);
  const queue = new Queue(queueName, { connection, prefix: 'bench' });
  const late: number[] = [];
  let firstDue = Infinity;
  let lastDone = 0;
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const worker = new Worker(
    queueName,
    async (job: Job<{ dueAt: number }>) => {
      const now = Date.now();
      late.push(now - job.data.dueAt);
      lastDone = now;
      if (late.length === COUNT) done();
    },
    { connection: connectRedis(redisUrl), prefix: 'bench', concurrency: CONCURRENCY, removeOnComplete: { count: 0 } },
  );
  await worker.waitUntilReady();
  const due = dueAt(Date.now());
  for (let i = 0; i < COUNT; i += 1000) {
    const now = Date.now();
    const at = due || now; // immediate: due when enqueued
    firstDue = Math.min(firstDue, at);
    await queue.addBulk(
      Array.from({ length: Math.min(1000, COUNT - i) }, (_, k) => ({
        name: 'reminder',
        data: { dueAt: at },
        opts: { jobId: `${name}.${i + k}`, delay: Math.max(0, at - now) },
      })),
    );
  }
  const deadline = setTimeout(() => done(), 60_000);
  await all;
  clearTimeout(deadline);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  if (late.length < COUNT) console.warn(`${name}: only ${late.length} of ${COUNT} picked up within 60 s`);
  late.sort((a, b) => a - b);
  const pct = (p: number) => late[Math.min(late.length - 1, Math.ceil((p / 100) * late.length) - 1)];
  return { p50: pct(50), p99: pct(99), max: late[late.length - 1], span: lastDone - firstDue };
}

const fmt = (ms: number) => String(ms).padStart(6) + ' ';

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
