/**
 * EventStoreDB in a cluster, as its nodes answer after a leader election or under load, through the
 * real client against the protocol-level test double: NotLeader is followed to the leader it names,
 * Busy and Not Ready are retried with a bounded backoff, and what lasts (unavailable, a deadline, a
 * commit timeout) becomes StoreCannotWrite, which the api answers 503 with Retry-After. /health's
 * write probe tells a node that takes writes from one that only serves reads.
 */
import { randomUUID } from 'node:crypto';
import { StoreCannotWrite } from '@goals/event-store';
import { EsdbEventStore } from '../../libs/event-store/src/esdb.event-store';
import { EsdbTestServer } from '../support/esdb-test-server';
import { anEvent } from '../contract/event-store.contract';
import { AppHarness, startApp } from '../support/app-harness';
import { SAMPLE_SHEET } from '../support/sample-goal';

describe('EventStoreDB cluster errors', () => {
  let leader: EsdbTestServer;
  let follower: EsdbTestServer;
  const stores: EsdbEventStore[] = [];
  const connect = (server: EsdbTestServer) => {
    const store = EsdbEventStore.connect(server.connectionString);
    stores.push(store);
    return store;
  };

  beforeEach(async () => {
    leader = await EsdbTestServer.start();
    follower = await EsdbTestServer.start();
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    await follower.stop();
    await leader.stop();
  });

  const leaderOf = () => ({ kind: 'not-leader' as const, leader: leader.endpoint });

  it('follows NotLeader to the leader it names, for appends and for reads', async () => {
    follower.failNext('BatchAppend', leaderOf(), Infinity);
    follower.failNext('Read', leaderOf(), Infinity);
    const store = connect(follower);
    const goal = `goal-${randomUUID()}`;
    const appended = await store.append(goal, [anEvent('GoalDrafted', { n: 1 })], { expectedRevision: 'no_stream' });
    expect(appended.nextExpectedRevision).toBe(0n);
    expect(leader.log.readable(goal)).toHaveLength(1);
    expect(follower.log.readable(goal)).toBe('not_found');
    expect((await store.readStream(goal)).events.map((e) => e.type)).toEqual(['GoalDrafted']);

    const reader = connect(follower);
    expect((await reader.readStream(goal)).events).toHaveLength(1);
  });

  it.each(['busy', 'not-ready'] as const)('retries "%s" with a bounded backoff, writing once', async (kind) => {
    leader.failNext('BatchAppend', { kind }, 2);
    const store = connect(leader);
    const goal = `goal-${randomUUID()}`;
    await store.append(goal, [anEvent('GoalDrafted', { n: 1 })], { expectedRevision: 'no_stream' });
    expect((await store.readStream(goal)).events).toHaveLength(1);
    expect(leader.callsTo('BatchAppend')).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['busy', /busy/i],
    ['deadline', /in time/],
    ['commit-timeout', /in time/],
  ] as const)('answers a lasting "%s" with StoreCannotWrite, writing nothing', async (kind, words) => {
    leader.failNext('BatchAppend', { kind }, Infinity);
    const store = connect(leader);
    const goal = `goal-${randomUUID()}`;
    const refused = await store
      .append(goal, [anEvent('GoalDrafted', { n: 1 })], { expectedRevision: 'no_stream' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(StoreCannotWrite);
    expect((refused as StoreCannotWrite).reason).toBe('busy');
    expect((refused as Error).message).toMatch(words);
    leader.failNext('BatchAppend', { kind }, 0);
    expect((await store.readStream(goal)).events).toHaveLength(0);
  });

  it('answers a deadline on a read with StoreCannotWrite too', async () => {
    leader.failNext('Read', { kind: 'deadline' }, Infinity);
    const store = connect(leader);
    await expect(store.readStream(`goal-${randomUUID()}`)).rejects.toBeInstanceOf(StoreCannotWrite);
  });

  it('probes writes for /health: a node that only answers NotLeader or is too busy does not accept writes', async () => {
    const store = connect(leader);
    expect(await store.writable()).toEqual({ writable: true });
    leader.failNext('BatchAppend', { kind: 'busy' }, Infinity);
    const busy = await store.writable();
    expect(busy.writable).toBe(false);
    expect(busy.reason).toMatch(/EventStoreDB/);
  });
});

describe('EventStoreDB cluster errors over HTTP', () => {
  let server: EsdbTestServer;
  let api: AppHarness;

  beforeAll(async () => {
    server = await EsdbTestServer.start();
    api = await startApp({ EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: server.connectionString });
  });
  afterAll(async () => {
    await api?.close();
    await server?.stop();
  });

  it('answers 503 with Retry-After when the cluster does not commit in time, and /health says writes are refused', async () => {
    server.failNext('BatchAppend', { kind: 'commit-timeout' }, Infinity);
    const refused = await api.call('bucho', 'POST', '/sheets', { body: SAMPLE_SHEET });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    const health = await api.call(null, 'GET', '/health');
    expect(JSON.stringify(health.body)).toMatch(/"acceptsWrites":false/);
    server.failNext('BatchAppend', { kind: 'commit-timeout' }, 0);
    expect((await api.call('bucho', 'POST', '/sheets', { body: SAMPLE_SHEET })).status).toBe(201);
  });
});
