/**
 * The event store's contract: every adapter runs these same assertions (Emmett's way: one suite,
 * many stores). Streams get fresh names per test, so the suite can run against a shared real server.
 */
import { randomUUID } from 'node:crypto';
import {
  AppendTooLarge,
  EventStore,
  InvalidPosition,
  isSystemEvent,
  lastEventPosition,
  MAX_APPEND_BYTES,
  NewEvent,
  readAllForwards,
  RecordedEvent,
  verifyStore,
  WrongExpectedVersion,
} from '@goals/event-store';

export interface ContractTarget {
  store: EventStore;
  /** Called after the suite; closes connections and removes files. */
  dispose(): Promise<void>;
  /**
   * Restarts the server behind the store, keeping its data, where there is one (EventStoreDB: its
   * in-memory id cache is lost and it writes `$epoch-information`); the embedded file has none.
   */
  restart?(): Promise<void>;
  /** Every event of the store is hash-chained, so verifyStore must find it intact. */
  chained?: boolean;
}

export function anEvent(type = 'GoalSubmitted', data: Record<string, unknown> = {}): NewEvent {
  return {
    id: randomUUID(),
    type,
    data: { goalId: 'g-1', ...data },
    metadata: {
      actor: { userId: 'kacho-shimin', role: 'sectionHead' },
      occurredAt: '2022-04-01T09:00:00.000Z',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      schemaVersion: 1,
    },
  };
}

/** Resolves once the condition holds, with a deadline: tests poll instead of sleeping. */
export function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (condition()) return resolve();
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

export function eventStoreContract(name: string, connect: () => Promise<ContractTarget>): void {
  describe(`event store contract: ${name}`, () => {
    let target: ContractTarget;
    let store: EventStore;
    const stream = () => `goal-${randomUUID()}`;

    beforeAll(async () => {
      target = await connect();
      store = target.store;
    });
    afterAll(async () => {
      await target?.dispose();
    });

    describe('append and per-stream revisions', () => {
      it('numbers a new stream from revision 0 and keeps data and metadata as given', async () => {
        const id = stream();
        const first = anEvent('GoalDrafted', { title: '転出・転入手続のワンストップ化の実現', sections: ['市民課'] });
        const second = anEvent('GoalSubmitted');
        const result = await store.append(id, [first, second], { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(1n);

        const { events: read } = await store.readStream(id);
        expect(read.map((e) => e.revision)).toEqual([0n, 1n]);
        expect(read[0]).toMatchObject({
          id: first.id,
          streamId: id,
          type: 'GoalDrafted',
          data: first.data,
          metadata: first.metadata,
        });
        expect(read[1].position).toBe(result.position);
        expect(read[0].position < read[1].position).toBe(true);
        expect(Number.isNaN(Date.parse(read[0].recordedAt))).toBe(false);
      });

      it('appends at the exact expected revision and continues the numbering', async () => {
        const id = stream();
        await store.append(id, [anEvent()], { expectedRevision: 'no_stream' });
        const next = await store.append(id, [anEvent(), anEvent()], { expectedRevision: 0n });
        expect(next.nextExpectedRevision).toBe(2n);
        expect((await store.readStream(id)).events.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      });

      it('refuses a stale expected revision, naming the actual one, and writes nothing', async () => {
        const id = stream();
        await store.append(id, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
        const error = await store.append(id, [anEvent()], { expectedRevision: 0n }).catch((e) => e);
        expect(error).toBeInstanceOf(WrongExpectedVersion);
        expect(error.actual).toBe(1n);
        expect((await store.readStream(id)).events).toHaveLength(2);
      });

      it('refuses no_stream for an existing stream and an exact revision for a missing one', async () => {
        const id = stream();
        await store.append(id, [anEvent()], { expectedRevision: 'no_stream' });
        await expect(store.append(id, [anEvent()], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
          WrongExpectedVersion,
        );
        const missing = await store.append(stream(), [anEvent()], { expectedRevision: 0n }).catch((e) => e);
        expect(missing).toBeInstanceOf(WrongExpectedVersion);
        expect(missing.actual).toBe('no_stream');
      });

      it('honours stream_exists and any', async () => {
        const id = stream();
        await expect(store.append(id, [anEvent()], { expectedRevision: 'stream_exists' })).rejects.toBeInstanceOf(
          WrongExpectedVersion,
        );
        await store.append(id, [anEvent()], { expectedRevision: 'any' });
        await store.append(id, [anEvent()], { expectedRevision: 'stream_exists' });
        expect((await store.readStream(id)).events).toHaveLength(2);
      });

      it('lets exactly one of 50 concurrent appends at the same expected revision win, losing and duplicating nothing', async () => {
        const id = stream();
        await store.append(id, [anEvent('GoalDrafted')], { expectedRevision: 'no_stream' });
        const contenders = Array.from({ length: 50 }, (_, i) => anEvent('GoalRevised', { attempt: i }));
        const outcomes = await Promise.allSettled(
          contenders.map((event) => store.append(id, [event], { expectedRevision: 0n })),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(49);
        for (const l of lost) expect(l.reason).toBeInstanceOf(WrongExpectedVersion);

        const { events } = await store.readStream(id);
        expect(events.map((e) => e.revision)).toEqual([0n, 1n]);
        const winner = contenders[outcomes.findIndex((o) => o.status === 'fulfilled')];
        expect(events[1].id).toBe(winner.id);
      });

      it('treats a retry with the same event ids as the first append: same answer, nothing written twice', async () => {
        const id = stream();
        await store.append(id, [anEvent('GoalDrafted')], { expectedRevision: 'no_stream' });
        const batch = [anEvent('GoalSubmitted'), anEvent('GoalApproved')];
        const first = await store.append(id, batch, { expectedRevision: 0n });
        const retry = await store.append(id, batch, { expectedRevision: 0n });
        expect(retry.nextExpectedRevision).toBe(first.nextExpectedRevision);
        const { events } = await store.readStream(id);
        expect(events.map((e) => e.id)).toEqual([expect.any(String), batch[0].id, batch[1].id]);
      });
    });

    describe('reads', () => {
      it('says a stream that was never written does not exist, as an answer rather than an error', async () => {
        expect(await store.readStream(stream())).toEqual({ exists: false, events: [] });
        const id = stream();
        await store.append(id, [anEvent()], { expectedRevision: 'no_stream' });
        // Read past its end, an existing stream is still there: the caller can tell the two apart.
        expect(await store.readStream(id, { fromRevision: 5n })).toEqual({ exists: true, events: [] });
      });

      it('reads a stream backwards and from a revision, with a count', async () => {
        const id = stream();
        await store.append(
          id,
          [0, 1, 2, 3, 4].map((n) => anEvent('GoalRevised', { n })),
          { expectedRevision: 'no_stream' },
        );
        const { events: backwards } = await store.readStream(id, { direction: 'backwards', maxCount: 2 });
        expect(backwards.map((e) => e.data.n)).toEqual([4, 3]);
        const { events: from } = await store.readStream(id, { fromRevision: 2n, maxCount: 2 });
        expect(from.map((e) => e.data.n)).toEqual([2, 3]);
        const { events: backFrom } = await store.readStream(id, { direction: 'backwards', fromRevision: 1n });
        expect(backFrom.map((e) => e.data.n)).toEqual([1, 0]);
      });

      it('orders every event of the store by a global position, forwards and backwards', async () => {
        const a = stream();
        const b = stream();
        await store.append(a, [anEvent('GoalDrafted', { n: 1 })]);
        await store.append(b, [anEvent('GoalDrafted', { n: 2 })]);
        await store.append(a, [anEvent('GoalSubmitted', { n: 3 })]);
        const ours = (events: RecordedEvent[]) =>
          events.filter((e) => e.streamId === a || e.streamId === b).map((e) => e.data.n);

        const firstOfOurs = (await store.readStream(a)).events[0].position;
        const forwards = await store.readAll({ fromPosition: firstOfOurs });
        expect(ours(forwards)).toEqual([1, 2, 3]);
        for (let i = 1; i < forwards.length; i++) expect(forwards[i - 1].position < forwards[i].position).toBe(true);

        const backwards = await store.readAll({ direction: 'backwards', maxCount: 50 });
        expect(ours(backwards)).toEqual([3, 2, 1]);
        const secondOfOurs = forwards.find((e) => e.data.n === 2)!.position;
        const backwardsFrom = await store.readAll({ direction: 'backwards', fromPosition: secondOfOurs, maxCount: 2 });
        expect(backwardsFrom.map((e) => e.data.n)).toEqual([2, 1]);
        const limited = await store.readAll({ fromPosition: firstOfOurs, maxCount: 1 });
        expect(limited).toHaveLength(1);
        expect(limited[0].position).toBe(firstOfOurs);
      });

      it('reads events back by the positions it handed out, in the order asked, as readAll has them', async () => {
        const a = stream();
        const b = stream();
        await store.append(a, [anEvent('GoalDrafted', { n: 1 }), anEvent('GoalSubmitted', { n: 2 })]);
        await store.append(b, [anEvent('GoalDrafted', { n: 3 })]);
        const [one, two] = (await store.readStream(a)).events;
        const [three] = (await store.readStream(b)).events;
        const read = await store.readAt([three.position, one.position, two.position, one.position]);
        expect(read.map((e) => e.data.n)).toEqual([3, 1, 2, 1]);
        expect(read[1]).toEqual((await store.readAll({ fromPosition: one.position, maxCount: 1 }))[0]);
        expect(await store.readAt([])).toEqual([]);
        // A position no event has is refused by name, as readAll refuses it: never skipped.
        const nowhere = three.position + 1_000_003n;
        const error = await store.readAt([one.position, nowhere]).catch((e) => e);
        expect(error).toBeInstanceOf(InvalidPosition);
        expect(error.position).toBe(nowhere);
      });
    });

    describe('what EventStoreDB refuses, every store refuses', () => {
      it('refuses a read of all events from a position no event has, naming it, rather than guessing', async () => {
        const id = stream();
        await store.append(id, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
        const [last] = await store.readAll({ direction: 'backwards', maxCount: 1 });
        const nowhere = last.position + 1_000_003n;
        const error = await store.readAll({ fromPosition: nowhere }).catch((e) => e);
        expect(error).toBeInstanceOf(InvalidPosition);
        expect(error.position).toBe(nowhere);
        // A position the store handed out is always fine, whatever lies around it.
        const [first] = (await store.readStream(id)).events;
        expect((await store.readAll({ fromPosition: first.position, maxCount: 1 }))[0].id).toBe(first.id);
      });

      it('refuses an append larger than 1 MiB up front, writing nothing', async () => {
        const id = stream();
        const large = anEvent('GoalRevised', { text: 'あ'.repeat(MAX_APPEND_BYTES / 3 + 1) });
        const error = await store.append(id, [large], { expectedRevision: 'no_stream' }).catch((e) => e);
        expect(error).toBeInstanceOf(AppendTooLarge);
        expect(error.message).toContain('1 MiB');
        expect(await store.readStream(id)).toEqual({ exists: false, events: [] });
        // Just under the limit goes through.
        await store.append(id, [anEvent('GoalRevised', { text: 'x'.repeat(MAX_APPEND_BYTES - 2_000) })], {
          expectedRevision: 'no_stream',
        });
      });
    });

    describe('across a restart of the server', () => {
      const restart = () => target.restart?.() ?? Promise.resolve();

      it('never writes an append at an exact revision twice when it is retried after a restart', async () => {
        // The way the service writes what the system did (ReminderSent): at the revision it read.
        const id = `reminders-${randomUUID()}`;
        const sent = anEvent('ReminderSent');
        await store.append(id, [sent], { expectedRevision: 'no_stream' });
        await restart();
        const retried = await store.append(id, [sent], { expectedRevision: 'no_stream' }).catch((e) => e);
        if (retried instanceof Error) expect(retried).toBeInstanceOf(WrongExpectedVersion);
        expect((await store.readStream(id)).events.map((e) => e.id)).toEqual([sent.id]);
      });

      it('finds the newest event of the service, whatever the server wrote to $all as it started', async () => {
        const id = stream();
        const { position } = await store.append(id, [anEvent()], { expectedRevision: 'no_stream' });
        await restart();
        expect(await lastEventPosition(store)).toBe(position);
      });

      it('verifies the hash chains over all events, leaving the server’s own out', async () => {
        const chained = target.chained ? store : undefined;
        if (!chained) return; // only a store whose every event is chained can be verified whole
        const id = stream();
        await chained.append(id, [anEvent('GoalDrafted')], { expectedRevision: 'no_stream' });
        await restart();
        await chained.append(id, [anEvent('GoalSubmitted')], { expectedRevision: 0n });
        const ours = (await store.readAll()).filter((e) => !isSystemEvent(e)).length;
        expect(await verifyStore(chained, { pageSize: 3 })).toMatchObject({ ok: true, checked: ours });
      });
    });

    describe('walking all events', () => {
      it('visits every event once, in order, without system events, paging only from positions the store handed out', async () => {
        const id = stream();
        await store.append(
          id,
          [1, 2, 3, 4, 5].map((n) => anEvent('GoalRevised', { n })),
          { expectedRevision: 'no_stream' },
        );
        const everything = await store.readAll();
        const walked: RecordedEvent[] = [];
        for await (const e of readAllForwards(store, { pageSize: 2 })) walked.push(e);
        expect(walked.map((e) => e.id)).toEqual(everything.filter((e) => !isSystemEvent(e)).map((e) => e.id));
        expect(walked.filter((e) => e.streamId === id).map((e) => e.data.n)).toEqual([1, 2, 3, 4, 5]);
        const from = (await store.readStream(id)).events[2].position;
        const rest: unknown[] = [];
        for await (const e of readAllForwards(store, { pageSize: 1, from })) if (e.streamId === id) rest.push(e.data.n);
        expect(rest).toEqual([3, 4, 5]);
      });

      it('finds the newest event that is not the store’s own', async () => {
        const id = stream();
        await store.append(id, [anEvent()], { expectedRevision: 'no_stream' });
        const [ours] = (await store.readStream(id)).events;
        const newest = await lastEventPosition(store);
        expect(newest! >= ours.position).toBe(true);
        const [atNewest] = await store.readAll({ fromPosition: newest, maxCount: 1 });
        expect(isSystemEvent(atNewest)).toBe(false);
      });
    });

    describe('catch-up subscription to all', () => {
      it('delivers history, says it caught up, then delivers live events in order, without system events', async () => {
        const id = stream();
        await store.append(id, [anEvent('GoalDrafted', { n: 1 }), anEvent('GoalSubmitted', { n: 2 })]);
        const start = (await store.readStream(id)).events[0].position;
        const seen: string[] = [];
        let caughtUp = false;
        const subscription = store.subscribeToAll({
          fromPosition: start, // exclusive: the first event of the stream is not delivered again
          onEvent: (e) => {
            if (e.streamId === id) seen.push(`${caughtUp ? 'live' : 'history'}:${String(e.data.n)}`);
          },
          onCaughtUp: () => {
            caughtUp = true;
          },
        });
        try {
          await waitFor(() => caughtUp, 'caught up');
          await store.append(id, [anEvent('$system-marker', { n: 99 }), anEvent('GoalApproved', { n: 3 })]);
          await waitFor(() => seen.length >= 2, 'live event');
          expect(seen).toEqual(['history:2', 'live:3']);
        } finally {
          await subscription.stop();
        }
      });

      it('awaits each handler before the next event, so a slow projection cannot reorder', async () => {
        const id = stream();
        await store.append(
          id,
          [1, 2, 3, 4].map((n) => anEvent('GoalRevised', { n })),
        );
        const from = (await store.readStream(id)).events[0].position;
        const order: number[] = [];
        let done = false;
        const subscription = store.subscribeToAll({
          fromPosition: from,
          onEvent: async (e) => {
            if (e.streamId !== id) return;
            await new Promise((r) => setTimeout(r, 5 * (5 - (e.data.n as number))));
            order.push(e.data.n as number);
            if (order.length === 3) done = true;
          },
        });
        try {
          await waitFor(() => done, 'three events');
          expect(order).toEqual([2, 3, 4]);
        } finally {
          await subscription.stop();
        }
      });
    });
  });
}
