import { createHash } from 'node:crypto';
import { NewEvent } from '@goals/event-store';
import { CommandContext } from './command-context';

export const SCHEMA_VERSION = 1;

/**
 * A UUID derived from its inputs. With an Idempotency-Key, a retried request produces the same
 * event ids and ids of new goals, so the store recognises the retry instead of writing twice.
 */
export function derivedUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest();
  h[6] = (h[6] & 0x0f) | 0x80; // version 8: a name-based UUID of our own
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

export function eventIdFor(ctx: CommandContext, streamId: string, index: number): string {
  return ctx.idempotencyKey
    ? derivedUuid('event', ctx.actor.userId, ctx.idempotencyKey, streamId, String(index))
    : derivedUuid('event', ctx.commandId, streamId, String(index));
}

/** Wraps domain events with who, when and why. */
export function envelope(
  events: { type: string; data: object }[],
  streamId: string,
  ctx: CommandContext,
  now: Date,
): NewEvent[] {
  return events.map((event, index) => {
    const reason = (event.data as { reason?: unknown }).reason;
    return {
      id: eventIdFor(ctx, streamId, index),
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: {
        actor: { userId: ctx.actor.userId, role: ctx.actor.role },
        occurredAt: now.toISOString(),
        correlationId: ctx.correlationId,
        causationId: ctx.commandId,
        schemaVersion: SCHEMA_VERSION,
        ...(typeof reason === 'string' ? { reason } : {}),
        ...(ctx.idempotencyKey ? { idempotencyKey: ctx.idempotencyKey, requestHash: ctx.requestHash } : {}),
      },
    };
  });
}
