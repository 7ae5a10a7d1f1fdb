/**
 * A projection must survive a dropped connection to EventStoreDB without losing or repeating an
 * event. The 6.x client ends the subscription on a drop; the adapter resubscribes from the last
 * event it handled. The drop here is real: the test server is killed and started again on the
 * same port with the same data, while the subscription is in the middle of history.
 */
import { randomUUID } from 'node:crypto';
import { RecordedEvent } from '@goals/event-store';
import { EsdbEventStore } from '../../libs/event-store/src/esdb.event-store';
import { EsdbTestServer } from '../support/esdb-test-server';
import { anEvent, waitFor } from '../contract/event-store.contract';

describe('EventStoreDB catch-up subscription across a dropped connection', () => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;

  beforeEach(async () => {
    server = await EsdbTestServer.start();
    store = EsdbEventStore.connect(server.connectionString, { resubscribeMinDelayMs: 20, resubscribeMaxDelayMs: 200 });
  });
  afterEach(async () => {
    await store.close();
    await server.stop();
  });

  it('resumes from its checkpoint after the server dies mid-history, with no event lost or repeated', async () => {
    const goal = `goal-${randomUUID()}`;
    const history = Array.from({ length: 20 }, (_, n) => anEvent('GoalRevised', { n }));
    await store.append(goal, history, { expectedRevision: 'no_stream' });

    const handled: RecordedEvent[] = [];
    let caughtUp = 0;
    let failures = 0;
    const subscription = store.subscribeToAll({
      onEvent: async (event) => {
        if (event.streamId !== goal) return;
        // A projection slower than the network, so history is still arriving when the server dies.
        await new Promise((r) => setTimeout(r, 5));
        handled.push(event);
      },
      onCaughtUp: () => (caughtUp += 1),
      onError: () => (failures += 1),
    });
    try {
      await waitFor(() => handled.length >= 5, 'the first events of history');
      await server.stop();
      const handledWhileDown = handled.length;
      expect(handledWhileDown).toBeLessThan(20);
      await new Promise((r) => setTimeout(r, 100));
      await server.start();

      await waitFor(
        () => handled.length >= 20 && caughtUp === 1 && server.subscriptionsToAllFrom.length >= 2,
        'the rest of history, from a new subscription after the restart',
      );
      const live = [anEvent('GoalSubmitted', { n: 20 }), anEvent('GoalApproved', { n: 21 })];
      await store.append(goal, live, { expectedRevision: 19n });
      await waitFor(() => handled.length >= 22, 'live events after the restart');
      await new Promise((r) => setTimeout(r, 50));

      expect(handled.map((e) => e.data.n)).toEqual(Array.from({ length: 22 }, (_, n) => n));
      expect(handled.map((e) => e.id)).toEqual([...history, ...live].map((e) => e.id));
      expect(failures).toBe(0);
      // The second subscription asked for what came after the last handled event, not the start.
      const [first, resumedFrom] = server.subscriptionsToAllFrom;
      expect(first).toBe('start');
      expect(typeof resumedFrom).toBe('bigint');
      expect(handled.slice(0, -2).some((e) => e.position === resumedFrom)).toBe(true);
    } finally {
      await subscription.stop();
    }
  });

  it('keeps trying while the server stays down, and carries on once it is back', async () => {
    const goal = `goal-${randomUUID()}`;
    const handled: number[] = [];
    let caughtUp = false;
    const subscription = store.subscribeToAll({
      onEvent: (event) => {
        if (event.streamId === goal) handled.push(event.data.n as number);
      },
      onCaughtUp: () => (caughtUp = true),
    });
    try {
      await waitFor(() => caughtUp, 'caught up');
      await store.append(goal, [anEvent('GoalDrafted', { n: 1 })]);
      await waitFor(() => handled.length === 1, 'the first live event');

      await server.stop();
      const attemptsBefore = server.callsTo('Read');
      await new Promise((r) => setTimeout(r, 400));
      await server.start();
      await store.append(goal, [anEvent('GoalSubmitted', { n: 2 })]);
      await waitFor(() => handled.length === 2, 'the live event after the outage');
      expect(handled).toEqual([1, 2]);
      expect(server.callsTo('Read')).toBeGreaterThan(attemptsBefore);
    } finally {
      await subscription.stop();
    }
  });

  it('stops and reports when the projection itself fails, instead of retrying the same event forever', async () => {
    const goal = `goal-${randomUUID()}`;
    await store.append(goal, [anEvent('GoalDrafted')]);
    const errors: Error[] = [];
    const subscription = store.subscribeToAll({
      onEvent: (event) => {
        if (event.streamId === goal) throw new Error('projection cannot handle GoalDrafted');
      },
      onError: (error) => errors.push(error),
    });
    try {
      await waitFor(() => errors.length > 0, 'the error');
      expect(errors.map((e) => e.message)).toEqual(['projection cannot handle GoalDrafted']);
      await new Promise((r) => setTimeout(r, 100));
      expect(server.subscriptionsToAllFrom).toHaveLength(1);
    } finally {
      await subscription.stop();
    }
  });
});
