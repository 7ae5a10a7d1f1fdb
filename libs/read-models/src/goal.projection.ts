/**
 * Goal detail, the department head's inbox, a section head's goals and the upcoming deadlines all
 * follow from one goal's state before and after an event, so they are projected together. The next
 * state is the domain's own evolveGoal: the read side cannot drift from the rules.
 */
import { deadlineDate, evolveGoal, ExistingGoal, GoalEvent, GoalStatus, Read } from '@goals/domain';
import { RecordedEvent } from '@goals/event-store';
import { Change, keys } from './read-model.changes';
import { encodeGoalView } from './goal-view.codec';
import { GoalView, InboxKind } from './read-model.views';

/** Until an achievement is recorded, a goal's いつまで month is a deadline someone must meet. */
const DEADLINE_WATCHED: readonly GoalStatus[] = ['draft', 'submitted', 'returned', 'approved'];

export function projectGoal(
  event: Read<RecordedEvent, GoalEvent>,
  before: GoalView | undefined,
): { changes: Change[]; after: GoalView } {
  const { changes, after } = projectGoalAround(event, before);
  return { changes: [{ op: 'set', key: keys.goal(after.goalId), value: encodeGoalView(after) }, ...changes], after };
}

/**
 * The goal's view after the event, and every change but the view's own SET: the projector writes a
 * view once per batch, however many of the goal's events the batch holds.
 */
export function projectGoalAround(
  event: Read<RecordedEvent, GoalEvent>,
  before: GoalView | undefined,
): { changes: Change[]; after: GoalView } {
  const goalId = event.data.goalId;
  if (event.type === 'GoalDrafted' && before)
    throw new Error(`goal ${goalId} was drafted twice (revision ${event.revision})`);
  if (event.type !== 'GoalDrafted' && !before)
    throw new Error(`${event.type} for goal ${goalId}, which was never drafted`);
  const state = evolveGoal(before ?? { status: 'none' }, event) as ExistingGoal;
  const after: GoalView = { ...state, revision: Number(event.revision), updatedAt: occurredAt(event) };
  const changes = inboxChanges(before, after, event);
  for (const change of sectionChanges(before, after)) changes.push(change);
  for (const change of deadlineChanges(before, after)) changes.push(change);
  return { changes, after };
}

export function inboxKind(goal: ExistingGoal): InboxKind | undefined {
  if (goal.status === 'submitted') return 'submission';
  if (goal.status === 'approved' && goal.pendingAmendment) return 'amendment';
  if (goal.status === 'achievementRecorded') return 'achievement';
  return undefined;
}

function inboxChanges(
  before: GoalView | undefined,
  after: GoalView,
  event: Pick<RecordedEvent, 'metadata' | 'recordedAt' | 'position'>,
): Change[] {
  const was = before && inboxKind(before);
  const is = inboxKind(after);
  // Re-recording an achievement keeps it waiting since the first time, as the head sees it.
  if (was === is) return [];
  const key = keys.inbox(after.departmentId);
  const changes: Change[] = [];
  if (was) changes.push({ op: 'zrem', key, member: after.goalId });
  if (is) changes.push({ op: 'zadd', key, score: Date.parse(occurredAt(event)), member: after.goalId });
  return changes;
}

function sectionChanges(before: GoalView | undefined, after: GoalView): Change[] {
  // A deleted draft leaves its sections' lists; its detail stays for the audit trail.
  const listed = (g: GoalView | undefined) => (g && g.status !== 'deleted' ? g.content.sections : []);
  const old = listed(before);
  const now = listed(after);
  // Most events leave a goal's sections as they were: nothing to compare or build then.
  if (old.length === now.length && old.every((s, i) => s === now[i])) return [];
  return [
    ...old
      .filter((s) => !now.includes(s))
      .map((s): Change => ({ op: 'zrem', key: keys.sectionGoals(after.departmentId, s), member: after.goalId })),
    ...now
      .filter((s) => !old.includes(s))
      .map((s): Change => ({
        op: 'zadd',
        key: keys.sectionGoals(after.departmentId, s),
        score: after.fiscalYear,
        member: after.goalId,
      })),
  ];
}

function deadlineChanges(before: GoalView | undefined, after: GoalView): Change[] {
  const watched = (g: GoalView | undefined) => !!g && DEADLINE_WATCHED.includes(g.status);
  const keysOf = (g: GoalView) => [keys.deadlines, keys.deadlinesOfDepartment(g.departmentId)];
  if (!watched(after))
    return watched(before) ? keysOf(after).map((key): Change => ({ op: 'zrem', key, member: after.goalId })) : [];
  // The same year and month are the same deadline: most events change neither.
  if (
    watched(before) &&
    before!.fiscalYear === after.fiscalYear &&
    before!.content.deadlineMonth === after.content.deadlineMonth
  )
    return [];
  const score = deadlineScore(after);
  if (watched(before) && deadlineScore(before!) === score) return [];
  return keysOf(after).map((key): Change => ({ op: 'zadd', key, score, member: after.goalId }));
}

/** 令和4年度 2月 → 20230228: sortable as a number, readable in redis-cli. */
export function deadlineScore(goal: Pick<ExistingGoal, 'fiscalYear' | 'content'>): number {
  return Number(deadlineDate(goal.fiscalYear, goal.content.deadlineMonth).replace(/-/g, ''));
}

function occurredAt(event: Pick<RecordedEvent, 'metadata' | 'recordedAt'>): string {
  return typeof event.metadata?.occurredAt === 'string' ? event.metadata.occurredAt : event.recordedAt;
}
