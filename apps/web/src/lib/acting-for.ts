import { useDelegations } from '../api/queries';
import type { Delegation } from '../api/views';
import { useMe } from './me';

/**
 * 代決: the delegations in force today that let the signed-in person decide for a department head.
 * A head decides for their own department anyway, and auditors and administrators never decide.
 */
export function useDelegationsToMe(): Delegation[] {
  const me = useMe();
  const asked = me.role !== 'departmentHead' && me.role !== 'auditor' && me.role !== 'admin';
  const delegations = useDelegations(asked);
  return (delegations.data?.items ?? []).filter((d) => d.inForce && d.delegate === me.loginId);
}

/**
 * The delegation under which the signed-in person decides for the head of the department (by id)
 * today, if any. By id: a delegation keeps the name it was granted under, and the department may
 * have been renamed since.
 */
export function useActingFor(departmentId: string | undefined): Delegation | undefined {
  return useDelegationsToMe().find((d) => d.departmentId === departmentId);
}
