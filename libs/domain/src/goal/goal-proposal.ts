/**
 * Who proposed what a decision decides, read from the goal's recorded events (their metadata names
 * the actor). 決裁 rules forbid deciding one's own proposal, so the decider needs to know whose it is.
 *
 * - approving or returning a goal decides the text as drafted, revised and submitted since it was last
 *   approved: everyone who wrote or submitted that text proposed it (a 庶務担当 who drafted it too);
 * - approving or returning an amendment decides the change request: whoever asked for it;
 * - confirming an achievement decides the rating: whoever recorded it.
 */
import { GoalCommandType } from './goal.commands';

export interface RecordedGoalEvent {
  type: string;
  metadata?: { actor?: { userId?: unknown } } | Record<string, unknown>;
}

const APPROVALS = new Set(['GoalApproved', 'GoalAmendmentApproved']);
const TEXT_STEPS = new Set(['GoalDrafted', 'GoalRevised', 'GoalSubmitted']);

export function proposersOf(events: readonly RecordedGoalEvent[], command: GoalCommandType): string[] {
  if (command !== 'ApproveGoal' && command !== 'ReturnGoal' && command !== 'ConfirmAchievement') return [];
  const proposers = new Set<string>();
  let pendingAmendmentBy: string | undefined;
  for (const event of events) {
    const by = actorOf(event);
    if (APPROVALS.has(event.type)) {
      proposers.clear();
      pendingAmendmentBy = undefined;
    }
    if (event.type === 'GoalAmendmentRequested') pendingAmendmentBy = by;
    if (event.type === 'GoalAmendmentReturned' || event.type === 'GoalAmendmentWithdrawn')
      pendingAmendmentBy = undefined;
    if (command === 'ConfirmAchievement') {
      if (event.type === 'AchievementRecorded' && by) proposers.add(by);
    } else if (TEXT_STEPS.has(event.type) && by) proposers.add(by);
  }
  if (command === 'ConfirmAchievement') return [...proposers];
  return pendingAmendmentBy ? [pendingAmendmentBy] : [...proposers];
}

function actorOf(event: RecordedGoalEvent): string | undefined {
  const actor = (event.metadata as { actor?: { userId?: unknown } } | undefined)?.actor;
  return typeof actor?.userId === 'string' ? actor.userId : undefined;
}
