/** The schemas of every stream, and the envelope that wraps a domain event for the store. */
import { DELEGATION_EVENTS } from '../delegation/delegation.events';
import { GOAL_EVENTS, REMINDER_EVENTS } from '../goal/goal.events';
import { SHEET_EVENTS } from '../sheet/sheet.events';
import { PUBLICATION_EVENTS } from '../publication/publication.events';
import { ORGANISATION_EVENTS } from '../organisation/organisation.events';
import { MID_YEAR_REPORT_EVENTS, YEAR_EVENTS } from '../year/year.events';
import { MID_YEAR_REMINDER_EVENTS } from '../year/mid-year-reminders';
import { ACHIEVEMENT_SCALE_EVENTS } from '../scale/achievement-scale.decider';
import { EnvelopeContext, EnvelopedEvent, EventActor, EventSchema } from './event-schema';

type DomainEvent = { type: string; data: object };

const SCHEMAS: readonly EventSchema<DomainEvent>[] = [
  ORGANISATION_EVENTS,
  SHEET_EVENTS,
  REMINDER_EVENTS,
  GOAL_EVENTS,
  DELEGATION_EVENTS,
  YEAR_EVENTS,
  MID_YEAR_REPORT_EVENTS,
  MID_YEAR_REMINDER_EVENTS,
  PUBLICATION_EVENTS,
  ACHIEVEMENT_SCALE_EVENTS,
];

/** The schema a type belongs to (ReminderSent: the same versions in either stream). */
export function schemaOf(type: string): EventSchema<DomainEvent> | undefined {
  return SCHEMAS.find((schema) => schema.is({ type }));
}

/**
 * The one way a domain event is wrapped for the store. The schema version comes from the event's
 * schema, so no writer can stamp a stale one; a reason a person gave travels in the metadata too,
 * where the audit trail reads it.
 */
export function envelope(event: DomainEvent, id: string, context: EnvelopeContext): EnvelopedEvent {
  const schema = schemaOf(event.type);
  const reason = (event.data as { reason?: unknown }).reason;
  return {
    id,
    type: event.type,
    data: event.data as unknown as Record<string, unknown>,
    metadata: {
      ...context.extra,
      actor: actorOf(context.actor),
      occurredAt: context.occurredAt,
      correlationId: context.correlationId,
      causationId: context.causationId,
      schemaVersion: schema ? schema.version(event.type) : 1,
      ...(typeof reason === 'string' ? { reason } : {}),
    },
  };
}

/** The actor as the audit trail keeps it: who, and the post they acted in that day. */
function actorOf({ userId, role, personId, name, post }: EventActor): EventActor {
  return {
    userId,
    role,
    ...(personId ? { personId } : {}),
    ...(name ? { name } : {}),
    ...(post
      ? {
          post: {
            kind: post.kind,
            title: post.title,
            ...(post.departmentId ? { departmentId: post.departmentId } : {}),
            ...(post.sectionIds ? { sectionIds: [...post.sectionIds] } : {}),
          },
        }
      : {}),
  };
}
