/**
 * The test server is only worth as much as its likeness to EventStoreDB, so its behaviours are
 * checked through the real `@eventstore/db-client`, not through the adapter.
 */
import {
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  jsonEvent,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  UnknownError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { EsdbTestServer, ServerFeaturesMode } from './esdb-test-server';
import { EventLog } from './event-log';

const goalEvent = (type: string, n: number) => jsonEvent({ id: randomUUID(), type, data: { n } });
const stream = () => `goal-${randomUUID()}`;

async function collect<E extends ResolvedEvent | AllStreamResolvedEvent>(read: AsyncIterable<E>): Promise<E[]> {
  const out: E[] = [];
  for await (const e of read) out.push(e);
  return out;
}

describe.each<[ServerFeaturesMode, string]>([
  ['batch-append', 'BatchAppend'],
  ['append-only', 'Append'],
  ['unimplemented', 'Append'],
])('EventStoreDB test server advertising %s', (features, appendRpc) => {
  let server: EsdbTestServer;
  let client: EventStoreDBClient;
  beforeAll(async () => {
    server = await EsdbTestServer.start({ features });
    client = EventStoreDBClient.connectionString(server.connectionString);
  });
  afterAll(async () => {
    await client.dispose();
    await server.stop();
  });

  it(`takes appends through ${appendRpc}, asks for the server's features once and never gossips`, async () => {
    await client.appendToStream(stream(), goalEvent('GoalDrafted', 1));
    await client.appendToStream(stream(), goalEvent('GoalDrafted', 2));
    expect(server.callsTo(appendRpc)).toBeGreaterThan(0);
    expect(server.callsTo(appendRpc === 'Append' ? 'BatchAppend' : 'Append')).toBe(0);
    expect(server.callsTo('GetSupportedMethods')).toBe(1);
    expect(server.callsTo('Gossip/Read')).toBe(0);
  });

  it('refuses a wrong expected revision with the current revision, on this append path', async () => {
    const id = stream();
    await client.appendToStream(id, [goalEvent('GoalDrafted', 1), goalEvent('GoalSubmitted', 2)]);
    const stale = await client
      .appendToStream(id, goalEvent('GoalApproved', 3), { expectedRevision: 0n })
      .catch((e) => e);
    expect(stale).toBeInstanceOf(WrongExpectedVersionError);
    expect(stale).toMatchObject({ streamName: id, expectedVersion: 0n, actualVersion: 1n });
    const missing = await client
      .appendToStream(stream(), goalEvent('GoalApproved', 3), { expectedRevision: 'stream_exists' })
      .catch((e) => e);
    expect(missing).toMatchObject({ expectedVersion: 'stream_exists', actualVersion: 'no_stream' });
  });

  it('answers a retried append with the same event ids as the first, writing nothing', async () => {
    const id = stream();
    const events = [goalEvent('GoalDrafted', 1), goalEvent('GoalSubmitted', 2)];
    const first = await client.appendToStream(id, events, { expectedRevision: 'no_stream' });
    const retry = await client.appendToStream(id, events, { expectedRevision: 'no_stream' });
    expect(retry).toEqual(first);
    expect(await collect(client.readStream(id))).toHaveLength(2);
  });
});

describe('EventStoreDB test server: reads, subscriptions, deletes', () => {
  let server: EsdbTestServer;
  let client: EventStoreDBClient;
  beforeAll(async () => {
    server = await EsdbTestServer.start();
    client = EventStoreDBClient.connectionString(server.connectionString);
  });
  afterAll(async () => {
    await client.dispose();
    await server.stop();
  });

  it('hands out opaque positions with gaps, and starts the log with its own system events', async () => {
    const id = stream();
    await client.appendToStream(
      id,
      [1, 2, 3].map((n) => goalEvent('GoalRevised', n)),
    );
    const positions = (await collect(client.readStream(id))).map((e) => e.event!.position!.commit);
    expect(positions[0]).toBeGreaterThan(2n);
    expect(positions[1] - positions[0]).toBeGreaterThan(1n);
    const [firstOfAll] = await collect(client.readAll({ maxCount: 1 }));
    expect(firstOfAll.event!.type.startsWith('$')).toBe(true);
  });

  it('reads $all forwards from a position including it, backwards excluding it', async () => {
    const id = stream();
    await client.appendToStream(
      id,
      [1, 2, 3].map((n) => goalEvent('GoalRevised', n)),
    );
    const [, second] = await collect(client.readStream(id));
    const from = second.event!.position!;
    const forwards = await collect(client.readAll({ fromPosition: from, maxCount: 2 }));
    expect(forwards.map((e) => e.event!.data)).toEqual([{ n: 2 }, { n: 3 }]);
    const backwards = await collect(client.readAll({ fromPosition: from, direction: 'backwards', maxCount: 1 }));
    expect(backwards.map((e) => e.event!.data)).toEqual([{ n: 1 }]);
    const latest = await collect(client.readAll({ fromPosition: END, direction: 'backwards', maxCount: 1 }));
    expect(latest[0].event!.data).toEqual({ n: 3 });
  });

  it('reads a stream forwards from a revision including it, and subscribes to it after it', async () => {
    const id = stream();
    await client.appendToStream(
      id,
      [0, 1, 2].map((n) => goalEvent('GoalRevised', n)),
    );
    expect((await collect(client.readStream(id, { fromRevision: 1n }))).map((e) => e.event!.revision)).toEqual([
      1n,
      2n,
    ]);
    const subscription = client.subscribeToStream(id, { fromRevision: 1n });
    const seen: bigint[] = [];
    for await (const e of subscription) {
      seen.push(e.event!.revision);
      if (seen.length === 1) await client.appendToStream(id, goalEvent('GoalApproved', 3));
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([2n, 3n]);
  });

  it('says which stream was not found', async () => {
    const id = stream();
    const error = await collect(client.readStream(id)).catch((e) => e);
    expect(error).toBeInstanceOf(StreamNotFoundError);
    expect(error.streamName).toBe(id);
  });

  it('confirms a filtered subscription, sends history, checkpoints, caught-up, then live events', async () => {
    const id = stream();
    await client.appendToStream(id, [goalEvent('GoalDrafted', 1), goalEvent('$system-marker', 0)]);
    const checkpoints: bigint[] = [];
    const signals: string[] = [];
    const subscription = client.subscribeToAll({
      fromPosition: START,
      filter: excludeSystemEvents({ checkpointReached: (_s, position) => void checkpoints.push(position.commit) }),
    });
    subscription.on('confirmation', () => signals.push('confirmation'));
    subscription.on('caughtUp', () => {
      signals.push('caught-up');
      void client.appendToStream(id, goalEvent('GoalSubmitted', 2));
    });
    const ours: string[] = [];
    for await (const e of subscription) {
      expect(e.event!.type.startsWith('$')).toBe(false);
      if (e.event!.streamId === id) ours.push(e.event!.type);
      if (ours.length === 2) break;
    }
    expect(signals).toEqual(['confirmation', 'caught-up']);
    expect(ours).toEqual(['GoalDrafted', 'GoalSubmitted']);
    expect(checkpoints.length).toBeGreaterThan(0);
  });

  it('soft-deletes: the stream reads as not found, keeps its events in $all, and continues its revisions when written again', async () => {
    const id = stream();
    await client.appendToStream(id, [goalEvent('GoalDrafted', 1), goalEvent('GoalSubmitted', 2)]);
    await client.deleteStream(id);
    await expect(collect(client.readStream(id))).rejects.toBeInstanceOf(StreamNotFoundError);
    const inAll = (await collect(client.readAll())).filter((e) => e.event!.streamId === id);
    expect(inAll).toHaveLength(2);
    const revived = await client.appendToStream(id, goalEvent('GoalDrafted', 3), { expectedRevision: 'no_stream' });
    expect(revived.nextExpectedRevision).toBe(2n);
    expect((await collect(client.readStream(id))).map((e) => e.event!.data)).toEqual([{ n: 3 }]);
  });

  it('tombstones: the stream can neither be read nor written again', async () => {
    const id = stream();
    await client.appendToStream(id, goalEvent('GoalDrafted', 1));
    await client.tombstoneStream(id);
    await expect(collect(client.readStream(id))).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(client.appendToStream(id, goalEvent('GoalDrafted', 2))).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(client.deleteStream(id, { expectedRevision: 7n })).rejects.toBeInstanceOf(StreamDeletedError);
  });

  it('keeps stream metadata in its $$ stream', async () => {
    const id = stream();
    await client.appendToStream(id, goalEvent('GoalDrafted', 1));
    await client.setStreamMetadata(id, { maxAge: 3600 });
    const { metadata } = await client.getStreamMetadata(id);
    expect(metadata).toMatchObject({ maxAge: 3600 });
    const [meta] = await collect(client.readStream(`$$${id}`));
    expect(meta.event!.type).toBe('$metadata');
  });
});

/** What the real server does and the adapter must survive (issue 11): each checked through the real client. */
describe('EventStoreDB test server: as the real server behaves', () => {
  let server: EsdbTestServer;
  let client: EventStoreDBClient;
  beforeEach(async () => {
    server = await EsdbTestServer.start({ log: new EventLog({ idCacheSize: 4 }) });
    client = EventStoreDBClient.connectionString(server.connectionString);
  });
  afterEach(async () => {
    await client.dispose();
    await server.stop();
  });

  it('refuses a read of $all from a position that is not an event boundary (position + 1), with INVALID_ARGUMENT', async () => {
    const id = stream();
    await client.appendToStream(
      id,
      [1, 2].map((n) => goalEvent('GoalRevised', n)),
    );
    const [first] = await collect(client.readStream(id));
    const position = first.event!.position!.commit;
    expect(
      await collect(client.readAll({ fromPosition: { commit: position, prepare: position }, maxCount: 1 })),
    ).toHaveLength(1);
    const error = await collect(
      client.readAll({ fromPosition: { commit: position + 1n, prepare: position + 1n } }),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(UnknownError);
    expect(error.code).toBe(3); // INVALID_ARGUMENT
  });

  it('writes $epoch-information to $all at every start, restarts included', async () => {
    const epochs = async () =>
      (await collect(client.readAll())).filter((e) => e.event!.type === '$epoch-information').length;
    expect(await epochs()).toBe(1);
    await server.restart();
    await collect(client.readAll()).catch(() => undefined); // the first call after a restart finds the channel broken
    expect(await epochs()).toBe(2);
  });

  it('deduplicates by id only below the current revision, or from a bounded cache of recent ids that a restart empties', async () => {
    const id = stream();
    const drafted = goalEvent('GoalDrafted', 1);
    await client.appendToStream(id, drafted, { expectedRevision: 'no_stream' });
    // Below the current revision: the ids are compared, the retry answers as the first write did.
    await client.appendToStream(id, drafted, { expectedRevision: 'no_stream' });
    // `any`: found in the cache while it remembers the id.
    await client.appendToStream(id, drafted);
    expect(await collect(client.readStream(id))).toHaveLength(1);
    // At the revision just read (equal to the current one) the ids are not looked at: written again.
    await client.appendToStream(id, drafted, { expectedRevision: 0n });
    expect(await collect(client.readStream(id))).toHaveLength(2);

    const sent = goalEvent('ReminderSent', 2);
    const other = stream();
    await client.appendToStream(other, sent);
    await server.restart();
    await client.appendToStream(other, sent).catch(() => undefined); // the broken channel, then …
    await client.appendToStream(other, sent).catch(() => undefined);
    // … the cache was lost with the restart: `any` wrote the same event id a second time.
    expect((await collect(client.readStream(other))).map((e) => e.event!.id)).toEqual([sent.id, sent.id]);
  });

  it('forgets the oldest ids once its cache is full', async () => {
    const id = stream();
    const first = goalEvent('GoalRevised', 0);
    await client.appendToStream(id, first);
    for (let n = 1; n <= 4; n++) await client.appendToStream(stream(), goalEvent('GoalRevised', n));
    await client.appendToStream(id, first);
    expect(await collect(client.readStream(id))).toHaveLength(2);
  });

  it('records whether a call asked for the leader', async () => {
    const id = stream();
    await client.appendToStream(id, goalEvent('GoalDrafted', 1), { requiresLeader: true });
    await collect(client.readStream(id, { requiresLeader: true }));
    await collect(client.readAll({ maxCount: 1 }));
    expect(server.requiresLeader.get('Streams/BatchAppend')).toEqual({ leader: 1, all: 1 });
    expect(server.requiresLeader.get('Streams/Read')).toEqual({ leader: 1, all: 2 });
  });
});

describe.each([
  ['24.10.0', true],
  ['23.10.1', true],
  ['22.10.3', false],
])('EventStoreDB test server stating version %s', (version, caughtUp) => {
  it(`${caughtUp ? 'sends' : 'never sends'} caught-up to a catch-up subscription`, async () => {
    const server = await EsdbTestServer.start({ version });
    const client = EventStoreDBClient.connectionString(server.connectionString);
    try {
      const id = stream();
      await client.appendToStream(id, goalEvent('GoalDrafted', 1));
      const subscription = client.subscribeToAll({ fromPosition: START, filter: excludeSystemEvents() });
      let said = false;
      let ours = 0;
      subscription.on('caughtUp', () => (said = true));
      subscription.on('data', (e: AllStreamResolvedEvent) => (ours += e.event!.streamId === id ? 1 : 0));
      const deadline = Date.now() + 300;
      while (!said && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await subscription.unsubscribe();
      expect(ours).toBe(1);
      expect(said).toBe(caughtUp);
    } finally {
      await client.dispose();
      await server.stop();
    }
  });
});
