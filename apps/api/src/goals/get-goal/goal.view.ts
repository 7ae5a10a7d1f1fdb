import { deadlineDate, ExistingGoal, fiscalYearLabel, GoalContent } from '@goals/domain';
import { Naming } from '../../organisation/organisation-directory.service';

/**
 * A goal's columns as people read them: 共通/課名 as the names of the goal's fiscal year (a section
 * renamed later is still its old name on an older sheet), with the ids beside them.
 */
export function namedContent<C extends Partial<GoalContent>>(content: C, fiscalYear: number, naming: Naming) {
  if (content.sections === undefined) return content;
  return { ...content, sections: naming.sections(content.sections, fiscalYear), sectionIds: content.sections };
}

/** A goal as the sheet shows it: every column, its state and the revision to send back with edits. */
export function goalView(goal: ExistingGoal, number: number | undefined, revision: bigint | undefined, naming: Naming) {
  const pending = goal.pendingAmendment;
  return {
    goalId: goal.goalId,
    sheetId: goal.sheetId,
    department: naming.department(goal.departmentId, goal.fiscalYear),
    departmentId: goal.departmentId,
    fiscalYear: goal.fiscalYear,
    fiscalYearLabel: fiscalYearLabel(goal.fiscalYear),
    number: number ?? null,
    status: goal.status,
    revision: revision === undefined ? null : Number(revision),
    ...namedContent(goal.content, goal.fiscalYear, naming),
    deadline: deadlineDate(goal.fiscalYear, goal.content.deadlineMonth),
    achievement: goal.confirmedLevel ?? goal.achievement?.level ?? null,
    achievementComment: goal.achievement?.comment ?? null,
    achievementConfirmed: goal.status === 'confirmed',
    pendingAmendment: pending ? { ...pending, changes: namedContent(pending.changes, goal.fiscalYear, naming) } : null,
    lastReturnReason: goal.lastReturnReason ?? null,
  };
}

export type GoalView = ReturnType<typeof goalView>;
