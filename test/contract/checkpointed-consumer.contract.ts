/**
 * The checkpointed consumer (libs/event-store), tested once and run on every store: the projector
 * and the reminder scheduler rely on exactly this behaviour, whatever adapter is under them.
 */
import { randomUUID } from 'node:crypto';
import { CheckpointedConsumer, EventStore, Position, RecordedEvent } from '@goals/event-store';
import { anEvent, ContractTarget, waitFor } from './event-store.contract';

function recordingLogger() {
  const lines: string[] = [];
  return {
    lines,
    logger: { log: (m: string) => lines.push(`log ${m}`), error: (m: string) => lines.push(`error ${m}`) },
  };
}

export function checkpointedConsumerContract(name: string, connect: () => Promise<ContractTarget>): void {
  describe(`checkpointed consumer: ${name}`, () => {
    let target: ContractTarget;
    let store: EventStore;
    const consumers: CheckpointedConsumer[] = [];

    beforeAll(async () => {
      target = await connect();
      store = target.store;
    });
    afterEach(async () => {
      await Promise.all(consumers.splice(0).map((c) => c.stop()));
    });
    afterAll(async () => {
      await target?.dispose();
    });

    /** A consumer of one stream's events whose checkpoint lives in a variable, as Redis would keep it. */
    function follow(streamId: string, handle: (event: RecordedEvent) => Promise<void> | void, from?: Position) {
      const { lines, logger } = recordingLogger();
      const state = { checkpoint: from, handled: [] as number[], loads: 0, caughtUp: 0 };
      const consumer = new CheckpointedConsumer({
        name: 'test consumer',
        store,
        logger,
        backoff: { minDelayMs: 10, maxDelayMs: 40 },
        loadCheckpoint: async () => {
          state.loads += 1;
          return state.checkpoint;
        },
        handle: async (event) => {
          if (event.streamId === streamId) {
            await handle(event);
            state.handled.push(event.data.n as number);
          }
          state.checkpoint = event.position;
        },
        onCaughtUp: () => (state.caughtUp += 1),
      });
      consumers.push(consumer);
      return { consumer, state, lines };
    }

    it('starts after the checkpoint, delivers history then live events, and saves nothing itself', async () => {
      const id = `goal-${randomUUID()}`;
      await store.append(
        id,
        [1, 2, 3].map((n) => anEvent('GoalRevised', { n })),
        { expectedRevision: 'no_stream' },
      );
      const [first] = (await store.readStream(id)).events;
      const { consumer, state } = follow(id, () => undefined, first.position);
      await consumer.start();
      await waitFor(() => state.caughtUp === 1 && state.handled.length === 2, 'history after the checkpoint');
      await store.append(id, [anEvent('GoalRevised', { n: 4 })], { expectedRevision: 2n });
      await waitFor(() => state.handled.length === 3, 'the live event');
      expect(state.handled).toEqual([2, 3, 4]);
    });

    it('after a handler error, logs it and resubscribes from the checkpoint with a growing wait, losing nothing', async () => {
      const id = `goal-${randomUUID()}`;
      await store.append(
        id,
        [1, 2, 3].map((n) => anEvent('GoalRevised', { n })),
        { expectedRevision: 'no_stream' },
      );
      const from = (await store.readStream(id)).events[0].position;
      let failuresLeft = 3;
      const { consumer, state, lines } = follow(
        id,
        (event) => {
          if (event.data.n === 2 && failuresLeft-- > 0) throw new Error(`projection of ${event.data.n} failed`);
        },
        from,
      );
      await consumer.start();
      await waitFor(() => state.handled.includes(3), 'events 2 and 3 handled after three failures');
      expect(state.handled).toEqual([2, 3]);
      // The checkpoint did not move between the failures, so each wait is twice the one before.
      const retries = lines.filter((l) => l.startsWith('error test consumer: projection of 2 failed; resubscribing'));
      expect(retries.map((l) => /in (\d+) ms/.exec(l)![1])).toEqual(['10', '20', '40']);
      expect(state.loads).toBe(4);
    });

    it('keeps retrying (logged) while the checkpoint cannot be read, then carries on', async () => {
      const id = `goal-${randomUUID()}`;
      await store.append(id, [anEvent('GoalRevised', { n: 1 })], { expectedRevision: 'no_stream' });
      const from = (await store.readAll({ direction: 'backwards', maxCount: 1 }))[0].position;
      await store.append(id, [anEvent('GoalRevised', { n: 2 })], { expectedRevision: 0n });
      const { lines, logger } = recordingLogger();
      let unreadable = 2;
      const handled: number[] = [];
      const consumer = new CheckpointedConsumer({
        name: 'test consumer',
        store,
        logger,
        backoff: { minDelayMs: 10, maxDelayMs: 40 },
        loadCheckpoint: async () => {
          if (unreadable-- > 0) throw new Error('Redis is down');
          return from;
        },
        handle: (event) => {
          if (event.streamId === id) handled.push(event.data.n as number);
        },
      });
      consumers.push(consumer);
      await consumer.start();
      await waitFor(() => handled.length === 1, 'the event after the checkpoint');
      expect(handled).toEqual([2]);
      expect(lines.filter((l) => l.includes('Redis is down; resubscribing'))).toHaveLength(2);
    });

    it('restarts on request from the owner (a failed write outside the handler), from the stored checkpoint', async () => {
      const id = `goal-${randomUUID()}`;
      await store.append(
        id,
        [1, 2].map((n) => anEvent('GoalRevised', { n })),
        { expectedRevision: 'no_stream' },
      );
      const { consumer, state, lines } = follow(id, () => undefined);
      await consumer.start();
      await waitFor(() => state.handled.length === 2 && state.caughtUp === 1, 'history');
      const [, second] = (await store.readStream(id)).events;
      state.checkpoint = (await store.readStream(id)).events[0].position; // the owner's write of 2 was lost
      consumer.restart(new Error('EXEC failed'));
      await waitFor(() => state.handled.length === 3 && state.caughtUp === 2, 'event 2 again after the restart');
      expect(state.handled).toEqual([1, 2, 2]);
      expect(state.checkpoint).toBe(second.position);
      expect(
        lines.some((l) => l.startsWith('error test consumer: EXEC failed; resubscribing from the checkpoint in 10 ms')),
      ).toBe(true);
      await consumer.stop();
      await store.append(id, [anEvent('GoalRevised', { n: 3 })], { expectedRevision: 1n });
      await new Promise((r) => setTimeout(r, 50));
      expect(state.handled).toEqual([1, 2, 2]);
    });
  });
}
