import { Actor, mayReadDepartment, NotAllowed } from '@goals/domain';

/** Auditors read every department; everyone else reads their own. */
export function assertMayRead(actor: Actor, department: string, what: string): void {
  if (!mayReadDepartment(actor, department))
    throw new NotAllowed('own-department', `${actor.userId} may not read ${what} of ${department}`);
}

export function assertAuditor(actor: Actor): void {
  if (actor.role !== 'auditor') throw new NotAllowed('auditors-only', 'only auditors read the raw event log and verify it');
}
