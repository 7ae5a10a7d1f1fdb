import { randomUUID } from 'node:crypto';
import { envelope as wrap } from '@goals/domain';
import { derivedUuid, NewEvent } from '@goals/event-store';
import { CommandContext } from './command-context';

export { derivedUuid };

/**
 * With an Idempotency-Key, a retried request produces the same event ids, so the store recognises
 * the retry instead of writing twice.
 */
export function eventIdFor(ctx: CommandContext, streamId: string, index: number): string {
  return ctx.idempotencyKey
    ? derivedUuid('event', ctx.actor.userId, ctx.idempotencyKey, streamId, String(index))
    : derivedUuid('event', ctx.commandId, streamId, String(index));
}

/**
 * The id of something a command creates (a goal, a department, a post): derived from the
 * Idempotency-Key when one is given, so a retry names the same thing and answers as the first did;
 * new otherwise. `parts` tell apart several things one request creates (the sections of a department).
 */
export function idFor(ctx: CommandContext, kind: string, ...parts: string[]): string {
  return ctx.idempotencyKey ? derivedUuid(kind, ctx.actor.userId, ctx.idempotencyKey, ...parts) : randomUUID();
}

/** Wraps domain events with who, when and why. */
export function envelope(
  events: { type: string; data: object }[],
  streamId: string,
  ctx: CommandContext,
  now: Date,
): NewEvent[] {
  return events.map((event, index) =>
    wrap(event, eventIdFor(ctx, streamId, index), {
      actor: ctx.actor,
      occurredAt: now.toISOString(),
      correlationId: ctx.correlationId,
      causationId: ctx.commandId,
      extra: {
        ...(ctx.idempotencyKey ? { idempotencyKey: ctx.idempotencyKey, requestHash: ctx.requestHash } : {}),
        // 代決: the actor stays the person who decided; on whose behalf, and under which delegation, is said here.
        ...(ctx.actingFor ? { onBehalfOf: ctx.actingFor.onBehalfOf, delegationId: ctx.actingFor.delegationId } : {}),
      },
    }),
  );
}
