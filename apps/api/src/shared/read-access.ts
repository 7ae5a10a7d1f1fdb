import {
  Actor,
  AUDITOR_JA,
  GoalOwnership,
  mayReadDepartment,
  mayReadGoal,
  NotAllowed,
  postNowJa,
  refusePlanningWrite,
} from '@goals/domain';

/** What a reader asked for, as the refusal names it: sheets → 整理表. */
const WHAT_JA: Record<string, string> = { sheets: '整理表', goals: '目標', deadlines: '期限', delegations: '代決' };

/** Auditors read every department; everyone else reads their own (by id; `name` says which in a refusal). */
export function assertMayRead(actor: Actor, department: { departmentId: string; name: string }, what: string): void {
  if (!mayReadDepartment(actor, department.departmentId))
    throw new NotAllowed(
      'own-department',
      `${actor.userId} may not read ${what} of ${department.name}`,
      `${postNowJa(actor)}、${department.name}の${WHAT_JA[what] ?? '情報'}は表示できません`,
    );
}

/** One goal: its department's readers, and the 課長 of a 課 that carries it (moved to another 部 since). */
export function assertMayReadGoal(actor: Actor, goal: GoalOwnership, departmentName: string): void {
  if (!mayReadGoal(actor, goal))
    throw new NotAllowed(
      'own-department',
      `${actor.userId} may not read goals of ${departmentName}`,
      `${postNowJa(actor)}、${departmentName}の目標は表示できません`,
    );
}

export function assertAuditor(actor: Actor): void {
  if (actor.role !== 'auditor')
    throw new NotAllowed(
      'auditors-only',
      'only auditors read the raw event log and verify it',
      '記録そのもの（イベントログ）の閲覧と改ざんの確認は監査だけができます',
    );
}

/**
 * Admin endpoints change what the service holds (read models, reminder deliveries). An auditor is
 * told the rule that applies to them everywhere, that they never write, rather than a second one.
 */
export function assertAdmin(actor: Actor, what: string, options: { writes: boolean }): void {
  if (options.writes && actor.role === 'auditor')
    throw new NotAllowed('auditor-read-only', 'auditors never write', AUDITOR_JA);
  if (options.writes) refusePlanningWrite(actor);
  if (actor.role !== 'admin')
    throw new NotAllowed('admins-only', `only an admin ${what}`, 'この操作は管理者だけができます');
}
