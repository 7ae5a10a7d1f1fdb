/**
 * The acceptance fault run on the embedded default (one api process with its own redis-server and
 * SQLite file), under a write load from four section heads and the department head: its
 * redis-server is killed with kill -9, then the api itself, which is started again. Afterwards:
 * - every write answered 2xx is in the store, at the revision the answer gave;
 * - the hash chain verifies and the read models equal a replay of the events;
 * - one e-mail per reminder (a message resent after a crash carries the same Message-ID);
 * - /health answered within a second every time it was asked while the process ran;
 * - the api was ready again within a few seconds of its restart (the figure is printed).
 * Killing the worker process (the api and worker apart) is in several-instances.e2e-spec.ts.
 * FAULT_SECONDS sets the length of the load (default 16).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { HashChainedEventStore, SqliteEventStore, verifyStore } from '@goals/event-store';
import { hashReadModels, keys, rebuildReadModels } from '@goals/read-models';
import { mintToken } from '../../apps/api/src/auth/token-keys';
import { loadConfig } from '@goals/infrastructure';
import { SmtpSink } from '../../libs/reminders/test/smtp-sink';
import { SAMPLE_GOAL } from '../support/sample-goal';
import { ApiProcess, currentYearSheet, health, spawnApi, waitUntilReady } from '../support/service-process';

const SECONDS = Number(process.env.FAULT_SECONDS ?? 16);
jest.setTimeout((SECONDS + 100) * 1000);

const HEADS = [
  { id: 'kacho-shimin', section: '市民課' },
  { id: 'kacho-keizai', section: '経済課' },
  { id: 'kacho-kyodo', section: '協働コミュニティ課' },
  { id: 'kacho-bunka', section: '文化振興課' },
];
const EVENT_OF: Record<string, string> = { draft: 'GoalDrafted', submit: 'GoalSubmitted', approve: 'GoalApproved' };

interface Ack {
  command: string;
  goalId: string;
  revision: number;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`kill -9 of Redis and of the api under a write load (${SECONDS} s)`, () => {
  let dir: string;
  let smtp: SmtpSink;
  let api: ApiProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goal-sheet-kill-'));
    smtp = await new SmtpSink().start();
  });
  afterAll(async () => {
    await api?.kill('SIGTERM');
    await smtp.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write, a verifying chain, read models equal to a replay, one e-mail per reminder, and /health answering', async () => {
    const env = {
      DATA_DIR: join(dir, 'data'),
      JWT_SECRET: 'kill-under-load-test-secret-of-enough-length',
      RATE_LIMIT_PER_MINUTE: '1000000',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_FROM: '"目標管理システム" <goals@city.example>',
      REMINDER_BACKOFF_MS: '200',
      REMINDER_LOCK_MS: '2000', // a delivery held by the killed process is taken over soon
      REMINDER_DEADLINE_DAYS_BEFORE: '365',
      SHUTDOWN_TIMEOUT_MS: '5000',
    };
    const config = loadConfig(env);
    const currentYear = currentYearSheet();
    api = await spawnApi(env);
    await waitUntilReady(api);

    let up = true;
    const slowHealth: string[] = [];
    let healthAnswers = 0;
    const tokens = new Map<string, string>();
    const call = async (user: string, method: string, path: string, body?: unknown) => {
      if (!tokens.has(user)) tokens.set(user, await mintToken(config, user));
      try {
        const response = await fetch(`${api.baseUrl}/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${tokens.get(user)}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        });
        return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, any> };
      } catch {
        return { status: 0, body: {} as Record<string, any> }; // the process is down: not acknowledged
      }
    };

    const sheetId = (await call('bucho', 'POST', '/sheets', currentYear.sheet)).body.sheetId as string;
    const acks: Ack[] = [];
    const approved = new Set<string>();
    const unexpected: string[] = [];
    const deadline = Date.now() + SECONDS * 1000;
    const running = () => Date.now() < deadline;
    const note = (what: string, response: { status: number; body: Record<string, any> }) => {
      // Refusals a fault may cause: the process gone (0), Redis down (503), a concurrent write (409).
      if (![0, 409, 503].includes(response.status))
        unexpected.push(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    };

    const healthWatch = (async () => {
      while (running()) {
        if (up) {
          const answer = await health(api.baseUrl, 1000);
          if (up && api.child.exitCode === null) {
            if (answer.status === 0 || answer.millis >= 1000)
              slowHealth.push(`${answer.status} after ${answer.millis} ms`);
            else healthAnswers += 1;
          }
        }
        await pause(200);
      }
    })();

    const writers = HEADS.map(async (head, h) => {
      for (let g = 0; running(); g++) {
        const drafted = await call(head.id, 'POST', `/sheets/${sheetId}/goals`, {
          ...SAMPLE_GOAL,
          deadlineMonth: currentYear.deadlineMonth,
          sections: [head.section],
          title: `${head.section}の目標 ${h}-${g}`,
        });
        if (drafted.status !== 201) {
          note('draft', drafted);
          await pause(100);
          continue;
        }
        const goalId = drafted.body.goalId as string;
        acks.push({ command: 'draft', goalId, revision: drafted.body.revision ?? 0 });
        const submitted = await call(head.id, 'POST', `/goals/${goalId}/submit`, { expectedRevision: 0 });
        if (submitted.status !== 200) {
          note('submit', submitted);
          continue;
        }
        acks.push({ command: 'submit', goalId, revision: submitted.body.revision });
        const approval = await call('bucho', 'POST', `/goals/${goalId}/approve`, { comment: '了承' });
        if (approval.status !== 200) {
          note('approve', approval);
          continue;
        }
        acks.push({ command: 'approve', goalId, revision: approval.body.revision });
        approved.add(goalId);
        await pause(800); // a steady load, not a flood: the point is the faults
      }
    });

    let first: ApiProcess | undefined;
    const redisPid = () =>
      (JSON.parse(readFileSync(join(env.DATA_DIR, 'redis', 'redis-server.pid'), 'utf8')) as { pid: number }).pid;
    const faults = (async () => {
      await pause((SECONDS * 1000) / 5);
      process.kill(redisPid(), 'SIGKILL'); // the supervisor starts it again
      await pause((SECONDS * 1000) / 4);
      up = false;
      first = api;
      await api.kill('SIGKILL');
      const started = Date.now();
      api = await spawnApi({ ...env, PORT: String(api.port) });
      const readyMs = await waitUntilReady(api, 20_000);
      up = true;
      return { restartToReadyMs: Date.now() - started, readyMs };
    })();

    const [restart] = await Promise.all([faults, ...writers, healthWatch]);
    process.stdout.write(
      `restart to ready after kill -9: ${restart.restartToReadyMs} ms; health answered ${healthAnswers} times\n`,
    );

    expect(unexpected).toEqual([]);
    expect(slowHealth).toEqual([]);
    expect(healthAnswers).toBeGreaterThan(10);
    expect(approved.size).toBeGreaterThan(3);
    expect(restart.restartToReadyMs).toBeLessThan(10_000);
    expect(first!.output()).toMatch(/redis-server restarted on port/);

    // Reminders: each approved goal's deadline reminder (365 days before the end of this month) is due at once.
    const until = Date.now() + 60_000;
    const messageIds = () => new Set(smtp.messages.map((m) => m.headers['message-id']));
    while (messageIds().size < approved.size && Date.now() < until) await pause(100);
    await pause(1000);
    const byReminder = new Map<string, Set<string>>();
    for (const m of smtp.messages) {
      const ids = byReminder.get(m.headers['x-reminder-id']) ?? new Set<string>();
      ids.add(m.headers['message-id']);
      byReminder.set(m.headers['x-reminder-id'], ids);
    }
    expect(byReminder.size).toBe(approved.size);
    for (const ids of byReminder.values()) expect(ids.size).toBe(1); // a copy resent after a crash is the same message
    process.stdout.write(`e-mails: ${smtp.messages.length} for ${byReminder.size} reminders\n`);

    const store = new HashChainedEventStore(new SqliteEventStore({ file: join(env.DATA_DIR, 'events.sqlite') }));
    // The embedded redis-server the api left behind: its port from the pid file, its password from its folder.
    const redisDir = join(env.DATA_DIR, 'redis');
    const redis = new IORedis({
      host: '127.0.0.1',
      port: (JSON.parse(readFileSync(join(redisDir, 'redis-server.pid'), 'utf8')) as { port: number }).port,
      password: readFileSync(join(redisDir, 'redis-password'), 'utf8').trim(),
    });
    try {
      for (const ack of acks) {
        const { events } = await store.readStream(`goal-${ack.goalId}`);
        expect(events[ack.revision]?.type).toBe(EVENT_OF[ack.command]);
      }
      const verified = await verifyStore(store);
      expect(verified.ok).toBe(true);
      const events = await store.readAll();
      const sent = events
        .filter((e) => e.type === 'ReminderSent')
        .map((e) => (e.data as { reminderId: string }).reminderId);
      expect(new Set(sent).size).toBe(sent.length);

      const last = events[events.length - 1].position.toString();
      const caughtUp = Date.now() + 30_000;
      while ((await redis.get(`rm:${keys.checkpoint}`)) !== last && Date.now() < caughtUp) await pause(100);
      expect(await redis.get(`rm:${keys.checkpoint}`)).toBe(last);
      await rebuildReadModels({ store, redis, prefix: 'replay:' });
      expect(await hashReadModels(redis, 'rm:')).toEqual(await hashReadModels(redis, 'replay:'));
    } finally {
      redis.disconnect();
      await store.close();
    }
  });
});
