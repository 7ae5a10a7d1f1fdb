import { deadlineDate, ExistingGoal, fiscalYearLabel } from '@goals/domain';

/** A goal as the sheet shows it: every column, its state and the revision to send back with edits. */
export function goalView(goal: ExistingGoal, number: number | undefined, revision: bigint | undefined) {
  return {
    goalId: goal.goalId,
    sheetId: goal.sheetId,
    department: goal.department,
    fiscalYear: goal.fiscalYear,
    fiscalYearLabel: fiscalYearLabel(goal.fiscalYear),
    number: number ?? null,
    status: goal.status,
    revision: revision === undefined ? null : Number(revision),
    ...goal.content,
    deadline: deadlineDate(goal.fiscalYear, goal.content.deadlineMonth),
    achievement: goal.confirmedLevel ?? goal.achievement?.level ?? null,
    achievementComment: goal.achievement?.comment ?? null,
    achievementConfirmed: goal.status === 'confirmed',
    pendingAmendment: goal.pendingAmendment ?? null,
    lastReturnReason: goal.lastReturnReason ?? null,
  };
}

export type GoalView = ReturnType<typeof goalView>;
