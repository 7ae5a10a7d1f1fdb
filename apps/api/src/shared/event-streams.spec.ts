/**
 * The one write path on a real SQLite store, with a decider small enough to read: a counter that
 * refuses to pass 3. What every command relies on: a retry answers as the first request did (even
 * when its If-Match has gone stale since), a reused key with another request is refused, a stale
 * If-Match writes nothing, and a reminder sent meanwhile does not make a view stale.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnprocessableEntityException } from '@nestjs/common';
import { InvalidInput, NotFound, StaleRevision } from '@goals/domain';
import { SqliteEventStore } from '@goals/event-store';
import { ManualClock } from '@goals/platform';
import { CommandContext } from './command-context';
import { EventStreams, LoadedStream, StreamCommand } from './event-streams';

const counter = (by: number): StreamCommand<number> => ({
  fold: (stream: LoadedStream) =>
    stream.events.reduce((n, e) => (e.type === 'Counted' ? n + (e.data as { by: number }).by : n), 0),
  decide: (count) => {
    if (count + by > 3) throw InvalidInput.of('by', 'the counter stops at 3');
    return [{ type: 'Counted', data: { by } }];
  },
});

const ctx = (over: Partial<CommandContext> = {}): CommandContext => ({
  actor: { userId: 'kacho-shimin', role: 'sectionHead', sections: ['市民課'] },
  correlationId: 'c',
  commandId: `command-${Math.random()}`,
  requestHash: 'request-a',
  ...over,
});

describe('EventStreams.decide', () => {
  let dir: string;
  let store: SqliteEventStore;
  let streams: EventStreams;
  let stream: string;
  let n = 0;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'event-streams-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    streams = new EventStreams(store, new ManualClock('2026-05-11T09:00:00+09:00'));
  });
  beforeEach(() => {
    stream = `counter-${++n}`;
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const written = async () => (await store.readStream(stream)).events.length;

  it('decides on the folded stream and appends at its revision', async () => {
    const first = await streams.decide(stream, counter(1), ctx());
    const second = await streams.decide(stream, counter(2), ctx({ expectedRevision: 0n }));
    expect([first.revision, second.revision, second.state, second.replayed]).toEqual([0n, 1n, 1, false]);
    await expect(streams.decide(stream, counter(1), ctx())).rejects.toThrow(InvalidInput);
    expect(await written()).toBe(2);
  });

  it('answers a retry with the first answer: revision, events and the state it was decided on', async () => {
    await streams.decide(stream, counter(1), ctx());
    const key = { idempotencyKey: 'k-1' };
    const first = await streams.decide(stream, counter(2), ctx(key));
    const retry = await streams.decide(stream, counter(2), ctx(key));
    expect(retry).toEqual({ ...first, replayed: true });
    expect(await written()).toBe(2);
  });

  it('treats a retry whose If-Match went stale by its own first write as a retry, not a conflict', async () => {
    await streams.decide(stream, counter(1), ctx());
    const request = ctx({ idempotencyKey: 'k-2', expectedRevision: 0n });
    const first = await streams.decide(stream, counter(1), request);
    const retry = await streams.decide(stream, counter(1), { ...request, commandId: 'another-attempt' });
    expect([first.revision, retry.revision, retry.replayed]).toEqual([1n, 1n, true]);
  });

  it('refuses the same key with another request (422) and writes nothing', async () => {
    await streams.decide(stream, counter(1), ctx({ idempotencyKey: 'k-3' }));
    await expect(
      streams.decide(stream, counter(1), ctx({ idempotencyKey: 'k-3', requestHash: 'request-b' })),
    ).rejects.toThrow(UnprocessableEntityException);
    expect(await written()).toBe(1);
  });

  it('refuses a stale If-Match with the current revision and writes nothing', async () => {
    await streams.decide(stream, counter(1), ctx());
    await streams.decide(stream, counter(1), ctx());
    const refused = streams.decide(stream, counter(1), ctx({ expectedRevision: 0n }));
    await expect(refused).rejects.toThrow(StaleRevision);
    await expect(refused).rejects.toMatchObject({ actual: '1' });
    expect(await written()).toBe(2);
  });

  it('refuses any If-Match on a stream that does not exist yet, unless told it is about another stream', async () => {
    await expect(streams.decide(stream, counter(1), ctx({ expectedRevision: 0n }))).rejects.toThrow(StaleRevision);
    const { revision } = await streams.decide(stream, counter(1), ctx({ expectedRevision: 5n }), { ifMatch: false });
    expect(revision).toBe(0n);
  });

  it('lets the fold refuse first: a goal that does not exist is not found, whatever revision was sent', async () => {
    const existing: StreamCommand<number> = {
      ...counter(1),
      fold: (s) => {
        if (s.events.length === 0) throw new NotFound('counter', stream);
        return counter(1).fold(s);
      },
    };
    await expect(streams.decide(stream, existing, ctx({ expectedRevision: 3n }))).rejects.toThrow(NotFound);
  });

  it('does not call a view stale because a reminder was sent meanwhile', async () => {
    await streams.decide(stream, counter(1), ctx());
    const metadata = {
      actor: { userId: 'system:reminders', role: 'system' },
      occurredAt: '2026-05-11T00:00:00.000Z',
      correlationId: 'reminder',
      causationId: 'reminder',
      schemaVersion: 1,
    };
    await store.append(stream, [{ id: randomUUID(), type: 'ReminderSent', data: {}, metadata }], {
      expectedRevision: 0n,
    });
    const { revision } = await streams.decide(stream, counter(1), ctx({ expectedRevision: 0n }));
    expect(revision).toBe(2n);
  });
});
