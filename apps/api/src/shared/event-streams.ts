import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { ActingFor, StaleRevision } from '@goals/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@goals/event-store';
import { CLOCK, Clock } from '@goals/platform';
import { CommandContext } from './command-context';
import { envelope, eventIdFor } from './event-envelope';

export interface LoadedStream {
  streamId: string;
  events: RecordedEvent[];
  /** Revision of the last event; undefined when the stream does not exist. */
  revision?: bigint;
}

/**
 * Events that record what the system did about a goal without changing it. Reminders are written to
 * a stream of their own now; data folders from before hold them in the goal's stream.
 */
const NOTICES: ReadonlySet<string> = new Set(['ReminderSent']);

export type WriteOutcome = { revision: bigint | undefined; replayed: boolean };

type NewEvents = { type: string; data: object }[];

/** What a command decided: its events, and (代決) on whose behalf the actor decided, for the events' metadata. */
export type Decision = NewEvents | { events: NewEvents; actingFor?: ActingFor };

/**
 * A command on one stream, as the write path runs it: `fold` turns the stream into the state the
 * command is decided on (and may refuse, e.g. NotFound); `decide` gives the events, or throws to
 * refuse (nothing is written). Both are plain functions of what they are given; the I/O is the path's.
 */
export interface StreamCommand<S> {
  fold(stream: LoadedStream): S | Promise<S>;
  decide(state: S, stream: LoadedStream): Decision | Promise<Decision>;
}

export interface Decided<S> {
  streamId: string;
  /** The stream's revision after the write (after the first request's write, for a retry). */
  revision: bigint | undefined;
  /** True when this request was a retry of one already written: nothing was decided or written now. */
  replayed: boolean;
  /** The state the command was decided on; for a retry, the state the first request was decided on. */
  state: S;
  /** The events written; for a retry, those the first request wrote. */
  events: { type: string; data: object }[];
}

export interface DecideOptions {
  /**
   * Whether If-Match applies to this stream. Off only where the request's revision is about another
   * stream (a draft registering its 番号 on the sheet): that write is checked by its own stream's revision.
   */
  ifMatch?: boolean;
}

/**
 * The one write path. Every command goes through `decide`: it reads the stream (from the leader, in
 * a cluster: the store does that), recognises a retry by its Idempotency-Key (same key and request:
 * the first answer; same key, other request: 422), folds, refuses a stale If-Match (a retry of the
 * request that produced the current revision is a retry, not a conflict), decides, and appends at the
 * revision it decided on, so a concurrent write makes this one fail (409). Event ids come from the
 * Idempotency-Key when one is given; ids a command creates should too (`idFor` in event-envelope).
 *
 * Adding a command:
 * ```ts
 * const { revision, events } = await this.streams.decide(goalStreamId(goalId), {
 *   fold: (stream) => foldGoal(GOAL_EVENTS.read(stream.events)),
 *   decide: (goal) => decideGoal({ type: 'SubmitGoal', data: {}, by: ctx.actor }, goal, rules),
 * }, ctx);
 * ```
 * and answer from what it returns (`revision`, `events`, `state`), so a retry answers as the first did.
 *
 * `load`, `replayed`, `assertExpected` and `append` are its steps, public only so that code written
 * against them before still compiles; new code calls `decide`.
 */
@Injectable()
export class EventStreams {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async decide<S>(
    stream: string | LoadedStream,
    command: StreamCommand<S>,
    ctx: CommandContext,
    options: DecideOptions = {},
  ): Promise<Decided<S>> {
    const loaded = typeof stream === 'string' ? await this.load(stream) : stream;
    const { streamId } = loaded;
    const replay = this.replayedBatch(loaded, ctx);
    if (replay) {
      // The state as the first request saw it, so its answer can be given again in full.
      const before = { ...loaded, events: replay.before, revision: replay.before.at(-1)?.revision };
      return {
        streamId,
        revision: replay.revision,
        replayed: true,
        state: await command.fold(before),
        events: replay.events.map(({ type, data }) => ({ type, data })),
      };
    }
    // Folded before If-Match is looked at: a goal that does not exist is 404, whatever revision was sent.
    const state = await command.fold(loaded);
    if (options.ifMatch !== false) this.assertExpected(loaded, ctx);
    const decision = await command.decide(state, loaded);
    const { events, actingFor } = Array.isArray(decision) ? { events: decision, actingFor: undefined } : decision;
    const { revision } = await this.append(loaded, events, actingFor ? { ...ctx, actingFor } : ctx);
    return { streamId, revision, replayed: false, state, events };
  }

  async load(streamId: string): Promise<LoadedStream> {
    const { events } = await this.store.readStream(streamId);
    return { streamId, events, revision: events.at(-1)?.revision };
  }

  /**
   * The outcome of an earlier request with the same Idempotency-Key on this stream, if there was
   * one; the same key with another request is refused rather than silently answered.
   */
  replayed(stream: LoadedStream, ctx: CommandContext): WriteOutcome | undefined {
    const batch = this.replayedBatch(stream, ctx);
    return batch && { revision: batch.revision, replayed: true };
  }

  private replayedBatch(
    stream: LoadedStream,
    ctx: CommandContext,
  ): { revision: bigint; events: RecordedEvent[]; before: RecordedEvent[] } | undefined {
    if (!ctx.idempotencyKey) return undefined;
    const firstId = eventIdFor(ctx, stream.streamId, 0);
    const at = stream.events.findIndex((e) => e.id === firstId);
    if (at < 0) return undefined;
    const first = stream.events[at];
    assertSameRequest(first, ctx);
    const events = stream.events.filter((e) => e.metadata.causationId === first.metadata.causationId);
    return { revision: events.at(-1)!.revision, events, before: stream.events.slice(0, at) };
  }

  /**
   * Refuses a write based on a revision the user saw before someone else's change. A reminder the
   * system sent meanwhile changed nothing the user saw, so it does not make their view stale.
   */
  assertExpected(stream: LoadedStream, ctx: CommandContext): void {
    if (ctx.expectedRevision === undefined) return;
    const since = stream.events.filter((e) => e.revision > ctx.expectedRevision!);
    const onlyNotices =
      since.length > 0 && ctx.expectedRevision <= (stream.revision ?? -1n) && since.every((e) => NOTICES.has(e.type));
    if (ctx.expectedRevision !== stream.revision && !onlyNotices)
      throw new StaleRevision(
        stream.streamId,
        String(ctx.expectedRevision),
        stream.revision === undefined ? 'none' : String(stream.revision),
      );
  }

  /** Appends at the revision the decision was made on, so a concurrent write makes this one fail (409). */
  async append(stream: LoadedStream, events: NewEvents, ctx: CommandContext): Promise<WriteOutcome> {
    if (events.length === 0) return { revision: stream.revision, replayed: false };
    const result = await this.store.append(stream.streamId, envelope(events, stream.streamId, ctx, this.clock.now()), {
      expectedRevision: stream.revision ?? 'no_stream',
    });
    return { revision: result.nextExpectedRevision, replayed: false };
  }
}

/** The same Idempotency-Key with another request (body, route) is the client's mistake: 422, nothing written. */
export function assertSameRequest(first: RecordedEvent, ctx: CommandContext): void {
  if (first.metadata.requestHash !== ctx.requestHash)
    throw new UnprocessableEntityException(
      `Idempotency-Key ${ctx.idempotencyKey} was already used for a different request`,
    );
}
