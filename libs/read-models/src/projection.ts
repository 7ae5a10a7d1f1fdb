/**
 * The projections together: a pure function from one recorded event (and the goal view as it stood
 * before it) to the Redis changes it makes. An event type no projection knows — a reminder that was
 * sent, say — still lands in the audit trail; an event that contradicts the read model (a goal
 * event for a goal that was never drafted) throws, and the projector parks it.
 */
import { DELEGATION_EVENTS, GOAL_EVENTS, goalStreamId, LegacyNames, SHEET_EVENTS } from '@goals/domain';
import { RecordedEvent } from '@goals/event-store';
import { AuditBasis, auditChanges, auditEntry, auditScope } from './audit.projection';
import { projectGoalAround } from './goal.projection';
import { Change, keys } from './read-model.changes';
import { encodeGoalView } from './goal-view.codec';
import { AuditEntry, GoalView } from './read-model.views';
import { reviewAcknowledged, reviewRaised } from './review.projection';
import { projectSheet } from './sheet.projection';
import { projectYear } from './year.projection';
import { projectPublication } from './publication.projection';

export interface ProjectionContext {
  /** The goal's view before this event, or undefined if it has none yet. */
  goal(goalId: string): GoalView | undefined;
  /** Ids for the names that events written before ids carry (schema version 1). */
  names: LegacyNames;
}

/** The goal an event is about, if any: the projector preloads these views before a batch. */
export function goalIdOf(event: RecordedEvent): string | undefined {
  const goalId = (event.data as { goalId?: unknown }).goalId;
  return typeof goalId === 'string' ? goalId : undefined;
}

export function projectEvent(event: RecordedEvent, context: ProjectionContext): Change[] {
  const { changes, audit, view } = project(event, context);
  const set: Change[] = view ? [{ op: 'set', key: keys.goal(view.goalId), value: encodeGoalView(view) }] : [];
  return [...set, ...changes, ...auditChanges(event, audit)];
}

/**
 * projectEvent as the projector uses it: the goal's view after the event comes as the object (the
 * projector SETs each view once per batch, and reads it back for the goal's next event), and the
 * audit lists the event's position goes into as the goal and sheet they are of (the projector pushes
 * a batch's positions onto each list at once); every other change as projectEvent has it.
 */
export function projectEventInBatch(
  event: RecordedEvent,
  context: ProjectionContext,
): { changes: Change[]; view?: GoalView; audit: { goalId?: string; sheetId?: string } } {
  const { changes, audit, view } = project(event, context);
  return { changes, view, audit: auditScope(event, audit) };
}

/**
 * The event's audit entry, made as the projection makes it: `context.goal` must answer the goal's
 * view as it stood before the event (what the projector had in Redis then). Throws where
 * projectEvent throws (the projector parked that event, and no list names it).
 */
export function auditEntryOf(event: RecordedEvent, context: ProjectionContext): AuditEntry {
  return auditEntry(event, project(event, context).audit);
}

/**
 * auditEntryOf and the goal's view after the event, from one projection: the audit trail's reader
 * folds a goal's stream with it and makes the entries of the events on its page on the way.
 */
export function auditEntryAndView(
  event: RecordedEvent,
  context: ProjectionContext,
): { entry: AuditEntry; view?: GoalView } {
  const { audit, view } = project(event, context);
  return { entry: auditEntry(event, audit), view };
}

/** The models' changes for one event, without the audit trail's, and what its audit entry is made from. */
function project(
  event: RecordedEvent,
  context: ProjectionContext,
): { changes: Change[]; audit: AuditBasis; view?: GoalView } {
  const { names } = context;
  const sheetEvent = SHEET_EVENTS.upcast(event, { names });
  if (sheetEvent) return { changes: projectSheet(sheetEvent), audit: {} };
  const yearChanges = projectYear(event);
  if (yearChanges) return { changes: yearChanges, audit: {} };
  if (event.type === 'SheetPublished') return { changes: projectPublication(event), audit: {} };
  const goalId = goalIdOf(event);
  const before = goalId === undefined ? undefined : context.goal(goalId);
  const goal = before && { departmentId: before.departmentId, fiscalYear: before.fiscalYear };
  const goalEvent = GOAL_EVENTS.upcast(event, { names, goal });
  // Only the goal's own stream moves the goal (and its revision); a reminder's stream is audit only.
  if (goalEvent && event.streamId === goalStreamId(goalEvent.data.goalId)) {
    const { changes, after } = projectGoalAround(goalEvent, before);
    changes.push(...reviewRaised(goalEvent, after));
    return { changes, audit: { before, after, goalEvent }, view: after };
  }
  const delegationEvent = DELEGATION_EVENTS.upcast(event);
  // The review waits under the department of the goal it is about, by id.
  if (delegationEvent?.type === 'DelegatedDecisionAcknowledged' && before)
    return { changes: reviewAcknowledged(delegationEvent, before.departmentId), audit: { before, after: before } };
  return { changes: [], audit: { before, after: before } };
}
