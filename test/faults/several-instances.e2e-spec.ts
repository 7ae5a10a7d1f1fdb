/**
 * Two api processes and two workers on one SQLite event file and one Redis, as the README's
 * "several instances" section runs them, while people draft, submit and approve goals and one
 * worker is killed with kill -9. Afterwards: one e-mail per reminder, no event twice, read models
 * equal to a rebuild, and no process logged a false "parked" error (two projectors colliding).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { HashChainedEventStore, SqliteEventStore, verifyStore } from '@goals/event-store';
import { hashReadModels, keys, rebuildReadModels } from '@goals/read-models';
import { LocalRedisServer } from '@goals/redis';
import { mintToken } from '../../apps/api/src/auth/token-keys';
import { loadConfig } from '@goals/infrastructure';
import { SmtpSink } from '../../libs/reminders/test/smtp-sink';
import { SAMPLE_GOAL } from '../support/sample-goal';
import {
  ApiProcess,
  currentYearSheet,
  ServiceProcess,
  spawnApi,
  spawnService,
  waitUntilReady,
} from '../support/service-process';

jest.setTimeout(150_000);

const HEADS = [
  { id: 'kacho-shimin', section: '市民課' },
  { id: 'kacho-keizai', section: '経済課' },
  { id: 'kacho-kyodo', section: '協働コミュニティ課' },
  { id: 'kacho-bunka', section: '文化振興課' },
];
const GOALS_PER_HEAD = 4;

describe('two api processes and two workers on one store and one Redis', () => {
  let dir: string;
  let redis: LocalRedisServer;
  let smtp: SmtpSink;
  const processes: ServiceProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goal-sheet-several-'));
    redis = await new LocalRedisServer({ dataDir: join(dir, 'redis') }).start();
    smtp = await new SmtpSink().start();
  });
  afterAll(async () => {
    for (const p of processes) await p.kill('SIGKILL');
    await smtp.stop();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends each reminder once, writes each event once, and keeps read models equal to a rebuild', async () => {
    const env = {
      DATA_DIR: join(dir, 'data'),
      REDIS_URL: redis.url,
      JWT_SECRET: 'several-instances-test-secret-of-enough-length',
      LEASE_TTL_MS: '1500',
      RATE_LIMIT_PER_MINUTE: '1000000',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_FROM: '"目標管理システム" <goals@city.example>',
      REMINDER_BACKOFF_MS: '200',
      REMINDER_LOCK_MS: '2000', // a delivery held by the killed process is taken over soon
      REMINDER_DEADLINE_DAYS_BEFORE: '365',
    };
    const apis: ApiProcess[] = [];
    for (let i = 0; i < 2; i++) apis.push(await spawnApi({ ...env, RUN_WORKER: 'false' }));
    const workers = [spawnService('worker', env), spawnService('worker', env)];
    processes.push(...apis, ...workers);
    for (const api of apis) await waitUntilReady(api);

    const config = loadConfig(env);
    const currentYear = currentYearSheet();
    const tokens = new Map<string, string>();
    const call = async (i: number, user: string, method: string, path: string, body?: unknown) => {
      if (!tokens.has(user)) tokens.set(user, await mintToken(config, user));
      const response = await fetch(`${apis[i % 2].baseUrl}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${tokens.get(user)}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, any> };
    };
    /** A 409 from a concurrent write to the same sheet is the client's to retry, as the README says. */
    const retried = async (attempt: () => Promise<{ status: number; body: Record<string, any> }>) => {
      for (let i = 0; ; i++) {
        const response = await attempt();
        if (response.status !== 409 || i >= 20) return response;
      }
    };

    // Each approved goal's deadline reminder (365 days before the end of this month) is due at once.
    const sheetId = (await call(0, 'bucho', 'POST', '/sheets', currentYear.sheet)).body.sheetId as string;
    const approved: string[] = [];
    let killed = false;
    const projecting = (p: ServiceProcess) => p.output().includes('holding lease:projector:rm:');
    let projectingBeforeKill: boolean[] = [];
    await Promise.all(
      HEADS.map(async (head, h) => {
        for (let g = 0; g < GOALS_PER_HEAD; g++) {
          const n = h * GOALS_PER_HEAD + g;
          const drafted = await retried(() =>
            call(n, head.id, 'POST', `/sheets/${sheetId}/goals`, {
              ...SAMPLE_GOAL,
              deadlineMonth: currentYear.deadlineMonth,
              sections: [head.section],
              title: `${head.section}の目標 ${g}`,
            }),
          );
          expect(drafted.status).toBe(201);
          const goalId = drafted.body.goalId as string;
          expect((await call(n + 1, head.id, 'POST', `/goals/${goalId}/submit`, { expectedRevision: 0 })).status).toBe(
            200,
          );
          expect((await call(n, 'bucho', 'POST', `/goals/${goalId}/approve`, { comment: '了承' })).status).toBe(200);
          approved.push(goalId);
          if (approved.length === 6 && !killed) {
            killed = true;
            projectingBeforeKill = workers.map(projecting);
            await workers[0].kill('SIGKILL'); // whatever it held (projector, scheduler) passes to the other
          }
        }
      }),
    );
    expect(approved).toHaveLength(HEADS.length * GOALS_PER_HEAD);

    // Every approved goal's deadline reminder, each once.
    const deadline = Date.now() + 60_000;
    while (smtp.messages.length < approved.length && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500)); // room for a duplicate to show up
    const reminderIds = smtp.messages.map((m) => m.headers['x-reminder-id']);
    expect(new Set(reminderIds).size).toBe(approved.length);
    expect(reminderIds).toHaveLength(approved.length);

    const store = new HashChainedEventStore(
      new SqliteEventStore({ file: config.eventStore.kind === 'sqlite' ? config.eventStore.file : '' }),
    );
    const client = new IORedis(redis.url);
    try {
      const events = await store.readAll();
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      const sent = events
        .filter((e) => e.type === 'ReminderSent')
        .map((e) => (e.data as { reminderId: string }).reminderId);
      expect(new Set(sent).size).toBe(sent.length);
      expect(sent.sort()).toEqual([...reminderIds].sort());
      expect((await verifyStore(store)).ok).toBe(true);

      // The surviving projector catches up with the last event; its models equal a replay.
      const last = events[events.length - 1].position.toString();
      const until = Date.now() + 30_000;
      while ((await client.get(`rm:${keys.checkpoint}`)) !== last && Date.now() < until)
        await new Promise((r) => setTimeout(r, 100));
      expect(await client.get(`rm:${keys.checkpoint}`)).toBe(last);
      await rebuildReadModels({ store, redis: client, prefix: 'replay:' });
      expect(await hashReadModels(client, 'rm:')).toEqual(await hashReadModels(client, 'replay:'));
    } finally {
      client.disconnect();
      await store.close();
    }

    // One active projector at a time: one worker projected, and the survivor took over if needed.
    expect(projectingBeforeKill.filter(Boolean)).toHaveLength(1);
    expect(projecting(workers[1])).toBe(true);
    // Neither a false parking nor two projectors racing for the checkpoint.
    for (const p of processes)
      expect(p.output()).not.toMatch(/parked|drafted twice|checkpoint moved|another projector wrote/);
  });
});
