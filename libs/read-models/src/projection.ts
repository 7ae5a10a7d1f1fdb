/**
 * The projections together: a pure function from one recorded event (and the goal view as it stood
 * before it) to the Redis changes it makes. An event type no projection knows — a reminder that was
 * sent, say — still lands in the audit trail; an event that contradicts the read model (a goal
 * event for a goal that was never drafted) throws, and the projector parks it.
 */
import { DELEGATION_EVENTS, GOAL_EVENTS, goalStreamId, LegacyNames, SHEET_EVENTS } from '@goals/domain';
import { RecordedEvent } from '@goals/event-store';
import { auditChanges } from './audit.projection';
import { projectGoal } from './goal.projection';
import { Change } from './read-model.changes';
import { GoalView } from './read-model.views';
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
  const { names } = context;
  const sheetEvent = SHEET_EVENTS.upcast(event, { names });
  if (sheetEvent) return [...projectSheet(sheetEvent), ...auditChanges(event, undefined, undefined)];
  const yearChanges = projectYear(event);
  if (yearChanges) return [...yearChanges, ...auditChanges(event, undefined, undefined)];
  if (event.type === 'SheetPublished')
    return [...projectPublication(event), ...auditChanges(event, undefined, undefined)];
  const goalId = goalIdOf(event);
  const before = goalId === undefined ? undefined : context.goal(goalId);
  const goal = before && { departmentId: before.departmentId, fiscalYear: before.fiscalYear };
  const goalEvent = GOAL_EVENTS.upcast(event, { names, goal });
  // Only the goal's own stream moves the goal (and its revision); a reminder's stream is audit only.
  if (goalEvent && event.streamId === goalStreamId(goalEvent.data.goalId)) {
    const { changes, after } = projectGoal(goalEvent, before);
    return [...changes, ...reviewRaised(goalEvent, after), ...auditChanges(event, before, after, goalEvent)];
  }
  const delegationEvent = DELEGATION_EVENTS.upcast(event);
  // The review waits under the department of the goal it is about, by id.
  if (delegationEvent?.type === 'DelegatedDecisionAcknowledged' && before)
    return [...reviewAcknowledged(delegationEvent, before.departmentId), ...auditChanges(event, before, before)];
  return auditChanges(event, before, before);
}
