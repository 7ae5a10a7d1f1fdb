/**
 * The EventStoreDB adapter against a test server that behaves as the real one does where the
 * service was caught out (issue 11): system events in `$all` at every start, reads of `$all` only
 * from positions the server handed out, ids deduplicated only below the current revision or from a
 * cache a restart empties, `caught_up` only from 23.10, leaders for command reads and appends.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_REMINDER_SETTINGS, ReminderSent, reminderStreamId } from '@goals/domain';
import { HashChainedEventStore, InvalidPosition, lastEventPosition, readAllForwards, verifyStore } from '@goals/event-store';
import { EsdbEventStore, isSupportedServerVersion, UnsupportedServer } from '../../libs/event-store/src/esdb.event-store';
import { ManualClock } from '@goals/platform';
import { LocalRedisServer } from '@goals/redis';
import { recordReminderSent, ReminderScheduler } from '@goals/reminders';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approvedGoal, openSheet } from '../../libs/reminders/test/goal-history.fixture';
import { EsdbTestServer } from '../support/esdb-test-server';
import { anEvent, waitFor } from '../contract/event-store.contract';

function recordingLogger() {
  const lines: string[] = [];
  return { lines, logger: { log: (m: string) => lines.push(m), error: (m: string) => lines.push(m) } };
}

describe('EventStoreDB adapter against the server as it behaves', () => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;
  let lines: string[];

  beforeEach(async () => {
    server = await EsdbTestServer.start();
    const recorded = recordingLogger();
    lines = recorded.lines;
    store = await EsdbEventStore.open(server.connectionString, {
      resubscribeMinDelayMs: 20,
      resubscribeMaxDelayMs: 80,
      logger: recorded.logger,
    });
  });
  afterEach(async () => {
    await store.close();
    await server.stop();
  });

  /** The first call after a restart meets the broken channel and reconnects; the adapter retries it. */
  async function restart(): Promise<void> {
    await server.restart();
  }

  it('verifies the hash chains after restarts, though $all holds the server’s $epoch-information events', async () => {
    const chained = new HashChainedEventStore(store);
    const goal = `goal-${randomUUID()}`;
    await chained.append(goal, [anEvent('GoalDrafted')], { expectedRevision: 'no_stream' });
    await restart();
    await chained.append(goal, [anEvent('GoalSubmitted')], { expectedRevision: 0n });
    await restart();
    expect((await store.readAll()).filter((e) => e.type === '$epoch-information')).toHaveLength(3);
    expect(await verifyStore(chained, { pageSize: 2 })).toMatchObject({ ok: true, checked: 2 });
  });

  it('tells health the newest event a projector can reach, not the epoch the restart wrote after it', async () => {
    const goal = `goal-${randomUUID()}`;
    const { position } = await store.append(goal, [anEvent()], { expectedRevision: 'no_stream' });
    await restart();
    const [newest] = await store.readAll({ direction: 'backwards', maxCount: 1 });
    expect(newest.type).toBe('$epoch-information');
    expect(await lastEventPosition(store)).toBe(position);
  });

  it('walks $all past a thousand events in pages from the positions the server handed out (never position + 1)', async () => {
    const goal = `goal-${randomUUID()}`;
    for (let i = 0; i < 11; i++)
      await store.append(
        goal,
        Array.from({ length: 100 }, (_, n) => anEvent('GoalRevised', { n: i * 100 + n })),
      );
    let seen = 0;
    for await (const e of readAllForwards(store, { pageSize: 1000 })) if (e.streamId === goal) seen += 1;
    expect(seen).toBe(1100);
    // What the reminder schedule rebuild used to do: the server refuses it.
    const [first] = (await store.readStream(goal)).events;
    await expect(store.readAll({ fromPosition: first.position + 1n })).rejects.toBeInstanceOf(InvalidPosition);
  });

  it('rebuilds the reminder schedule from $all past a thousand events (it used to read from position + 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'goal-sheet-esdb-schedule-'));
    const redis = await new LocalRedisServer({ dataDir: join(dir, 'redis') }).start();
    const clock = new ManualClock('2022-06-01T09:00:00+09:00');
    const scheduler = new ReminderScheduler(store, clock, {
      redisUrl: redis.url,
      redisMode: 'production',
      queueName: `reminders-${randomUUID()}`,
      keyPrefix: `t${randomUUID().slice(0, 8)}`,
      settings: DEFAULT_REMINDER_SETTINGS,
    });
    try {
      const sheetId = await openSheet(store, clock, 2022);
      const goalId = await approvedGoal(store, clock, {
        sheetId,
        fiscalYear: 2022,
        title: '窓口の待ち時間短縮',
        deadlineMonth: 12,
      });
      const filler = `sheet-${randomUUID()}`;
      for (let i = 0; i < 11; i++)
        await store.append(
          filler,
          Array.from({ length: 100 }, () => anEvent('GoalRevised')),
        );
      const result = await scheduler.rebuild();
      expect(result.goals).toBe(1);
      expect(result.scheduled).toBeGreaterThan(0);
      expect((await scheduler.queue.getDelayed()).every((job) => job.data.goalId === goalId)).toBe(true);
    } finally {
      await scheduler.stop();
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records a reminder once across a restart that emptied the server’s id cache', async () => {
    const goalId = randomUUID();
    const reminderId = `${goalId}.deadlineApproaching.2023-01-29`;
    const sent: ReminderSent = {
      type: 'ReminderSent',
      data: {
        goalId,
        reminderId,
        kind: 'deadlineApproaching',
        dueAt: '2023-01-29T00:00:00.000Z',
        recipients: [],
        deliveredThrough: ['email'],
      },
    };
    const chained = new HashChainedEventStore(store);
    expect(await recordReminderSent(chained, sent, new Date())).toBe(true);
    await restart();
    // The append is retried from the revision read before it (its answer was lost in the crash):
    // below the current revision, the server finds the id and writes nothing.
    await recordReminderSent(chained, sent, new Date(), 'no_stream');
    // The job is retried (it was not marked done before the crash): it reads, finds it, writes nothing.
    expect(await recordReminderSent(chained, sent, new Date())).toBe(false);
    expect((await store.readStream(reminderStreamId(goalId))).events).toHaveLength(1);

    // Why an exact revision: the same event id with `any` after the restart is written again.
    const fixed = anEvent('ReminderSent');
    const stream = `reminders-${randomUUID()}`;
    await store.append(stream, [fixed]);
    await restart();
    await store.append(stream, [fixed]);
    expect((await store.readStream(stream)).events.map((e) => e.id)).toEqual([fixed.id, fixed.id]);
  });

  it('asks the leader for what commands read and write; projections may read any node', async () => {
    const goal = `goal-${randomUUID()}`;
    await store.append(goal, [anEvent()], { expectedRevision: 'no_stream' });
    await store.readStream(goal);
    const appends = server.requiresLeader.get('Streams/BatchAppend')!;
    expect(appends.leader).toBe(appends.all);
    const reads = { ...server.requiresLeader.get('Streams/Read')! };
    expect(reads.leader).toBeGreaterThanOrEqual(1);
    expect(reads.leader).toBe(reads.all);
    await store.readAll({ maxCount: 1 });
    expect(server.requiresLeader.get('Streams/Read')).toEqual({ leader: reads.leader, all: reads.all + 1 });
  });

  it('logs every dropped subscription with the growing wait before the next attempt', async () => {
    const goal = `goal-${randomUUID()}`;
    const handled: number[] = [];
    let caughtUp = false;
    const subscription = store.subscribeToAll({
      onEvent: (e) => void (e.streamId === goal && handled.push(e.data.n as number)),
      onCaughtUp: () => (caughtUp = true),
    });
    try {
      await waitFor(() => caughtUp, 'caught up');
      await server.stop();
      await waitFor(
        () => lines.filter((l) => l.startsWith('subscription to $all dropped')).length >= 3,
        'three logged retries',
      );
      await server.start();
      await store.append(goal, [anEvent('GoalSubmitted', { n: 1 })]);
      await waitFor(() => handled.length === 1, 'the event after the server came back');
      const waits = lines
        .filter((l) => l.startsWith('subscription to $all dropped'))
        .map((l) => Number(/in (\d+) ms/.exec(l)![1]));
      expect(waits.slice(0, 3)).toEqual([20, 40, 80]);
    } finally {
      await subscription.stop();
    }
  });
});

describe('EventStoreDB servers the adapter does not support', () => {
  it.each([
    ['22.10.3', 'batch-append', /version 22\.10\.3; this service needs 23\.10 or later/],
    ['20.10.5', 'append-only', /version 20\.10\.5; this service needs 23\.10 or later/],
    [undefined, 'unimplemented', /does not state its version .* needs 23\.10 or later/],
  ] as const)(
    'refuses a server stating %s (%s) at connect, naming the minimum version',
    async (version, features, message) => {
      const server = await EsdbTestServer.start({ version, features });
      try {
        const error = await EsdbEventStore.open(server.connectionString).catch((e) => e);
        expect(error).toBeInstanceOf(UnsupportedServer);
        expect(error.message).toMatch(message);
        // A store connected without the check refuses at its first call instead of hanging a projector.
        const store = EsdbEventStore.connect(server.connectionString, { logger: recordingLogger().logger });
        let failed: Error | undefined;
        const subscription = store.subscribeToAll({ onEvent: () => undefined, onError: (e) => (failed = e) });
        await waitFor(() => failed !== undefined, 'the subscription to fail');
        expect(failed).toBeInstanceOf(UnsupportedServer);
        await subscription.stop();
        await store.close();
      } finally {
        await server.stop();
      }
    },
  );

  it('starts while the server cannot be reached yet, and refuses it at the first call if it is too old', async () => {
    const server = await EsdbTestServer.start({ version: '22.10.3' });
    await server.stop();
    const { lines, logger } = recordingLogger();
    const store = await EsdbEventStore.open(server.connectionString, { logger });
    try {
      expect(lines.some((l) => l.startsWith('EventStoreDB is not reachable yet'))).toBe(true);
      await server.start();
      await expect(store.readAll({ maxCount: 1 })).rejects.toBeInstanceOf(UnsupportedServer);
    } finally {
      await store.close();
      await server.stop();
    }
  });

  it('refuses a kurrentdb:// connection string, which this client cannot parse', () => {
    expect(() => EsdbEventStore.connect('kurrentdb://127.0.0.1:2113?tls=false')).toThrow(/esdb:\/\//);
  });
});

describe('the minimum server version', () => {
  it.each([
    ['23.10.0', true],
    ['24.10.5', true],
    ['25.0.1', true],
    ['26.1.0-preview', true],
    ['23.6.0', false],
    ['22.10.3', false],
    ['20.10.5', false],
    ['unknown', false],
  ])('%s: %s', (version, supported) => {
    expect(isSupportedServerVersion(version)).toBe(supported);
  });
});
