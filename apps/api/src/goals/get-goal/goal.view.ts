import { deadlineDate, ExistingGoal, fiscalYearLabel, PlanInYear } from '@goals/domain';
import { namedContent, Naming } from '../../organisation/naming';
import { CarryLinks } from '../../sheets/carry-over-links';

export { namedContent };

/** A goal as the sheet shows it: every column, its state and the revision to send back with edits. */
export function goalView(
  goal: ExistingGoal,
  number: number | undefined,
  revision: bigint | undefined,
  naming: Naming,
  { plan, links = {} }: { plan?: PlanInYear; links?: CarryLinks } = {},
) {
  const pending = goal.pendingAmendment;
  const measureId = goal.content.measureId || null;
  const node = measureId ? plan?.nodes.find((n) => n.id === measureId) : undefined;
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
    measureId,
    // 施策 by its name in the goal's year, with the levels above it; the id alone if that year's plan lacks it.
    measure: measureId
      ? {
          id: measureId,
          name: node?.name ?? null,
          path: node ? node.ancestors.map((a) => plan!.nodes.find((n) => n.id === a)?.name ?? a) : [],
        }
      : null,
    deadline: deadlineDate(goal.fiscalYear, goal.content.deadlineMonth),
    achievement: goal.confirmedLevel ?? goal.achievement?.level ?? null,
    achievementComment: goal.achievement?.comment ?? null,
    achievementConfirmed: goal.status === 'confirmed',
    pendingAmendment: pending ? { ...pending, changes: namedContent(pending.changes, goal.fiscalYear, naming) } : null,
    lastReturnReason: goal.lastReturnReason ?? null,
    /** 次年度への引継ぎ: 「前年度から引継ぎ（R7-No.3）」 and 「次年度へ引継ぎ（R8-No.2）」. */
    carriedFrom: links.carriedFrom ?? null,
    carriedTo: links.carriedTo ?? null,
  };
}

export type GoalView = ReturnType<typeof goalView>;
