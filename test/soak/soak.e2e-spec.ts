/**
 * Load and faults together: six section heads and the department head work through goals over
 * HTTP, concurrently, while the projector is stopped and restarted, the read models are rebuilt
 * by an admin, and redis-server is killed and restarted under everyone's feet. Afterwards what
 * users rely on must hold:
 * - the read models equal a clean rebuild from the events (nothing lost or applied twice);
 * - every command answered 2xx is in the store, at the revision the answer gave;
 * - no reminder was sent twice.
 *
 * SOAK_SECONDS sets the length: about 20 s by default (CI), the full run is
 *   SOAK_SECONDS=300 npx jest test/soak
 * Loopback only; every loop ends at the deadline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { hashReadModels, rebuildReadModels } from '@goals/read-models';
import { LocalRedisServer } from '@goals/redis';
import { ProjectorService } from '@goals/infrastructure';
import { ApiResponse, AppHarness, startApp } from '../support/app-harness';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 20);
const LIVE_PREFIX = 'rm:';
const REBUILD_PREFIX = 'soak-rebuild:';

/** What each acknowledged command must have left in its goal's stream. */
const EVENT_OF: Record<string, string> = {
  draft: 'GoalDrafted',
  revise: 'GoalRevised',
  submit: 'GoalSubmitted',
  return: 'GoalReturned',
  approve: 'GoalApproved',
  record: 'AchievementRecorded',
  confirm: 'AchievementConfirmed',
};

interface Ack {
  command: string;
  goalId: string;
  revision: number;
}

jest.setTimeout((SECONDS + 120) * 1000);

describe(`soak: mixed commands with projector and Redis faults (${SECONDS} s)`, () => {
  let api: AppHarness;
  let redis: LocalRedisServer;
  let redisDir: string;
  const acks: Ack[] = [];
  const faults = { projectorRestarts: 0, adminRebuilds: 0, redisRestarts: 0, redisKills: 0 };
  const refusals = new Map<string, number>();
  const serverErrors: string[] = [];

  beforeAll(async () => {
    redisDir = mkdtempSync(join(tmpdir(), 'hardening-soak-redis-'));
    redis = await new LocalRedisServer({ dataDir: redisDir }).start();
    api = await startApp({ REDIS_URL: redis.url, RUN_WORKER: 'true', RATE_LIMIT_PER_MINUTE: '10000000' });
  });
  afterAll(async () => {
    await api?.close();
    await redis?.stop();
    rmSync(redisDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged command, read models equal to a rebuild, and sends no reminder twice', async () => {
    // The current fiscal year, so deadlines (and their reminders) fall around now.
    const now = new Date();
    const fiscalYear = now.getMonth() + 1 >= 4 ? now.getFullYear() : now.getFullYear() - 1;
    const opened = await api.call('bucho', 'POST', '/sheets', {
      body: { department: '市民生活部', fiscalYear, createdOn: `${fiscalYear}-04-01`, headTitle: '市民生活部長', headName: '沢柳和彦' },
    });
    expect(opened.status).toBe(201);
    const sheetId: string = opened.body.sheetId;
    const heads = api.config.directory.users.filter((u) => u.role === 'sectionHead' && u.department === '市民生活部');
    expect(heads.length).toBeGreaterThanOrEqual(4);

    const deadline = Date.now() + SECONDS * 1000;
    const running = () => Date.now() < deadline;

    /** One HTTP command; 2xx answers are recorded, 5xx fail the run, 4xx are counted (faults make some). */
    const command = async (name: string, user: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse | undefined> => {
      let r: ApiResponse;
      try {
        r = await api.call(user, method, path, { body, headers });
      } catch (e) {
        serverErrors.push(`${name}: ${(e as Error).message}`);
        return undefined;
      }
      if (r.status >= 200 && r.status < 300) acks.push({ command: name, goalId: r.body.goalId, revision: r.body.revision });
      else if (r.status >= 500) serverErrors.push(`${r.status} ${name} ${path}: ${JSON.stringify(r.body)}`);
      else refusals.set(`${r.status} ${name}`, (refusals.get(`${r.status} ${name}`) ?? 0) + 1);
      return r;
    };

    /** A section head's year, from draft to confirmed, with the department head's answers in between. */
    const sectionHeadAtWork = async (userId: string, section: string, worker: number) => {
      for (let n = 0; running(); n++) {
        const drafted = await command('draft', userId, 'POST', `/sheets/${sheetId}/goals`, {
          title: `${section}の目標 ${worker}-${n}`,
          category: '行政改革',
          targetLevel: '手続の時間が半減している。',
          method: 'システムを改修する。',
          // every fourth goal is due this month and stays approved, so its reminders fall due during the run
          deadlineMonth: n % 4 === 3 ? now.getMonth() + 1 : 1 + ((n + worker) % 12),
          sections: [section],
        });
        if (drafted?.status !== 201) continue;
        const goalId: string = drafted.body.goalId;
        let revision: number = drafted.body.revision;
        const step = async (name: string, user: string, method: string, suffix: string, body?: unknown, ifMatch = true) => {
          const r = await command(name, user, method, `/goals/${goalId}${suffix}`, body, ifMatch ? { 'if-match': `"${revision}"` } : undefined);
          if (r && r.status < 300) revision = r.body.revision;
          return r !== undefined && r.status < 300;
        };
        if (!(await step('submit', userId, 'POST', '/submit'))) continue;
        if (n % 3 === 0) {
          if (!(await step('return', 'bucho', 'POST', '/return', { reason: '達成水準を具体的に' }, false))) continue;
          if (!(await step('revise', userId, 'PATCH', '', { targetLevel: `手続の時間が三分の一になっている。(${n})` }))) continue;
          if (!(await step('submit', userId, 'POST', '/submit'))) continue;
        }
        // Two approvals racing for the same goal: exactly one may win.
        const racing = await Promise.all([0, 1].map(() => command('approve', 'bucho', 'POST', `/goals/${goalId}/approve`, { comment: '了承' })));
        const won = racing.filter((r) => r && r.status < 300);
        if (won.length !== 1) {
          if (won.length > 1) serverErrors.push(`two approvals of ${goalId} both acknowledged`);
          continue;
        }
        revision = won[0]!.body.revision;
        if (n % 4 === 3) continue;
        if (!(await step('record', userId, 'POST', '/achievement', { level: 'ほぼ達成した' }, false))) continue;
        await step('confirm', 'bucho', 'POST', '/achievement/confirm', undefined, false);
      }
    };

    const projector = api.app.get(ProjectorService);
    // unref: a pause still pending when the run ends must not keep Jest alive
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());
    const faultsInTurn = async () => {
      for (let turn = 0; running(); turn++) {
        await pause(1500);
        if (!running()) break;
        switch (turn % 4) {
          case 0: // the projector dies and comes back a moment later
            await projector.projector.stop();
            await pause(400);
            await projector.projector.start();
            faults.projectorRestarts++;
            break;
          case 1: // Redis restarts cleanly (a package upgrade)
            await redis.restart('SIGTERM');
            faults.redisRestarts++;
            break;
          case 2: // an admin rebuilds the read models while everyone works
            if ((await api.call('admin', 'POST', '/admin/read-models/rebuild')).status === 200) faults.adminRebuilds++;
            break;
          case 3: // Redis is killed (the machine lost power); the AOF keeps what it had flushed
            await redis.restart('SIGKILL');
            faults.redisKills++;
            break;
        }
      }
    };

    const started = Date.now();
    await Promise.all([...heads.map((u, i) => sectionHeadAtWork(u.id, u.sections![0], i)), faultsInTurn()]);
    const seconds = (Date.now() - started) / 1000;

    // The projector may have been stopped by a fault that raced the end; make sure it runs.
    await projector.projector.start();

    const events = await api.store.readAll();
    const streams = new Map<string, typeof events>();
    for (const e of events) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);

    // Every acknowledged command is in its goal's stream, at the revision it was acknowledged with.
    const missing = acks.filter((a) => {
      const e = streams.get(`goal-${a.goalId}`)?.find((x) => Number(x.revision) === a.revision);
      return !e || e.type !== EVENT_OF[a.command];
    });
    expect(missing).toEqual([]);

    // No reminder sent twice: one ReminderSent per reminder id, in any stream.
    const reminders = events.filter((e) => e.type === 'ReminderSent');
    const seen = new Map<string, number>();
    for (const e of reminders) {
      const key = `${e.streamId} ${(e.data as { reminderId: string }).reminderId}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect([...seen].filter(([, count]) => count > 1)).toEqual([]);

    // Read models equal a clean rebuild into another prefix (retried while late reminders land).
    const client = new IORedis(redis.url, { maxRetriesPerRequest: null });
    let live = { keys: 0, sha256: '' };
    let rebuilt = { keys: -1, sha256: 'none' };
    try {
      for (let attempt = 0; attempt < 10 && live.sha256 !== rebuilt.sha256; attempt++) {
        await Promise.race([projector.projector.waitUntilCaughtUp(), pause(10_000)]);
        await pause(300);
        const before = (await api.store.readAll()).length;
        live = await hashReadModels(client, LIVE_PREFIX);
        await rebuildReadModels({ store: api.store, redis: client, prefix: REBUILD_PREFIX });
        rebuilt = await hashReadModels(client, REBUILD_PREFIX);
        if ((await api.store.readAll()).length !== before) rebuilt = { keys: -1, sha256: 'store moved' };
      }
    } finally {
      client.disconnect();
    }

    const figures = {
      seconds: Math.round(seconds),
      acknowledged: acks.length,
      byCommand: Object.fromEntries(Object.keys(EVENT_OF).map((c) => [c, acks.filter((a) => a.command === c).length])),
      refused: Object.fromEntries(refusals),
      events: events.length,
      reminders: reminders.length,
      faults,
      readModelKeys: live.keys,
    };
    // The figures the closing note quotes.
    process.stdout.write(`\nsoak figures: ${JSON.stringify(figures)}\n`);

    expect(serverErrors).toEqual([]);
    expect(rebuilt).toEqual(live);
    expect(acks.length).toBeGreaterThan(SECONDS * 5);
    expect(faults.projectorRestarts + faults.redisRestarts + faults.redisKills + faults.adminRebuilds).toBeGreaterThanOrEqual(Math.min(4, Math.floor(SECONDS / 2)));
  });
});
