/**
 * What each event changed, column by column: the auditor's "who changed what, from what, to what".
 * Derived by folding, so it holds for every event ever written, whatever its schema version.
 */
import { describe as describeState, evolveGoal, GoalState, initialGoalState } from './goal.decider';
import { GOAL_FIELDS, GoalContent } from './goal-content';
import { GOAL_EVENTS, GoalEvent, GoalReadContext } from './goal.events';
import { goalCitation } from '../year/carry-over.events';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface GoalHistoryStep<E> {
  event: E;
  /** Column and state changes this event made; a requested amendment shows the proposal. */
  changes: FieldChange[];
}

/** `context`: how events written before ids are read (the organisation's ids for their names). */
export function goalHistory<E extends { type: string; data: Record<string, unknown> }>(
  events: readonly E[],
  context: GoalReadContext,
): GoalHistoryStep<E>[] {
  let state: GoalState = initialGoalState();
  return events.map((event) => {
    const goal =
      state.status === 'none' ? undefined : { departmentId: state.departmentId, fiscalYear: state.fiscalYear };
    const goalEvent = GOAL_EVENTS.upcast<typeof event>(event, { ...context, goal });
    if (!goalEvent) return { event, changes: [] };
    const after = evolveGoal(state, goalEvent);
    const changes = diffStates(state, after, goalEvent);
    state = after;
    return { event, changes };
  });
}

function diffStates(before: GoalState, after: GoalState, event: GoalEvent): FieldChange[] {
  const changes: FieldChange[] = [];
  const statusBefore = before.status === 'none' ? null : describeState(before);
  const statusAfter = describeState(after);
  if (statusBefore !== statusAfter) changes.push({ field: 'status', before: statusBefore, after: statusAfter });
  if (after.status === 'none') return changes;
  const oldContent: Partial<GoalContent> = before.status === 'none' ? {} : before.content;
  const newContent =
    event.type === 'GoalAmendmentRequested' ? { ...after.content, ...event.data.changes } : after.content;
  for (const field of GOAL_FIELDS) {
    if (JSON.stringify(oldContent[field]) !== JSON.stringify(newContent[field]))
      changes.push({ field, before: oldContent[field] ?? null, after: newContent[field] });
  }
  // 次年度への引継ぎ: the draft names the closed year's goal it continues.
  if (event.type === 'GoalDrafted' && event.data.carriedFrom)
    changes.push({ field: 'carriedFrom', before: null, after: goalCitation(event.data.carriedFrom) });
  const level = (s: GoalState) => (s.status === 'none' ? undefined : (s.confirmedLevel ?? s.achievement?.level));
  if (level(before) !== level(after))
    changes.push({ field: 'achievement', before: level(before) ?? null, after: level(after) ?? null });
  return changes;
}
