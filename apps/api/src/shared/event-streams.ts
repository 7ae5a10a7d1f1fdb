import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { StaleRevision } from '@goals/domain';
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

/**
 * Reading a stream and appending a decision to it: the one place that applies the caller's
 * expected revision and recognises a retried request by its Idempotency-Key.
 */
@Injectable()
export class EventStreams {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async load(streamId: string): Promise<LoadedStream> {
    const { events } = await this.store.readStream(streamId);
    return { streamId, events, revision: events.at(-1)?.revision };
  }

  /**
   * The outcome of an earlier request with the same Idempotency-Key on this stream, if there was
   * one; the same key with another request is refused rather than silently answered.
   */
  replayed(stream: LoadedStream, ctx: CommandContext): WriteOutcome | undefined {
    if (!ctx.idempotencyKey) return undefined;
    const firstId = eventIdFor(ctx, stream.streamId, 0);
    const first = stream.events.find((e) => e.id === firstId);
    if (!first) return undefined;
    if (first.metadata.requestHash !== ctx.requestHash)
      throw new UnprocessableEntityException(
        `Idempotency-Key ${ctx.idempotencyKey} was already used for a different request`,
      );
    const batch = stream.events.filter((e) => e.metadata.causationId === first.metadata.causationId);
    return { revision: batch.at(-1)!.revision, replayed: true };
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
  async append(
    stream: LoadedStream,
    events: { type: string; data: object }[],
    ctx: CommandContext,
  ): Promise<WriteOutcome> {
    if (events.length === 0) return { revision: stream.revision, replayed: false };
    const result = await this.store.append(stream.streamId, envelope(events, stream.streamId, ctx, this.clock.now()), {
      expectedRevision: stream.revision ?? 'no_stream',
    });
    return { revision: result.nextExpectedRevision, replayed: false };
  }
}
