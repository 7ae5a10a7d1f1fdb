/**
 * The projections together: a pure function from one recorded event (and the goal view as it stood
 * before it) to the Redis changes it makes. An event type no projection knows — a reminder that was
 * sent, say — still lands in the audit trail; an event that contradicts the read model (a goal
 * event for a goal that was never drafted) throws, and the projector parks it.
 */
import { GOAL_EVENT_TYPES, GoalEvent, SHEET_EVENT_TYPES, SheetEvent } from '@goals/domain';
import { RecordedEvent } from '@goals/event-store';
import { auditChanges } from './audit.projection';
import { projectGoal } from './goal.projection';
import { Change } from './read-model.changes';
import { GoalView } from './read-model.views';
import { projectSheet } from './sheet.projection';

export interface ProjectionContext {
  /** The goal's view before this event, or undefined if it has none yet. */
  goal(goalId: string): GoalView | undefined;
}

const goalEventTypes = new Set<string>(GOAL_EVENT_TYPES);
const sheetEventTypes = new Set<string>(SHEET_EVENT_TYPES);

export function isGoalEvent(event: { type: string }): event is RecordedEvent & GoalEvent {
  return goalEventTypes.has(event.type);
}

export function isSheetEvent(event: { type: string }): event is RecordedEvent & SheetEvent {
  return sheetEventTypes.has(event.type);
}

/** The goal an event is about, if any: the projector preloads these views before a batch. */
export function goalIdOf(event: RecordedEvent): string | undefined {
  const goalId = (event.data as { goalId?: unknown }).goalId;
  return typeof goalId === 'string' ? goalId : undefined;
}

export function projectEvent(event: RecordedEvent, context: ProjectionContext): Change[] {
  if (isSheetEvent(event)) return [...projectSheet(event), ...auditChanges(event, undefined, undefined)];
  const goalId = goalIdOf(event);
  const before = goalId === undefined ? undefined : context.goal(goalId);
  if (isGoalEvent(event)) {
    const { changes, after } = projectGoal(event, before);
    return [...changes, ...auditChanges(event, before, after)];
  }
  return auditChanges(event, before, before);
}
