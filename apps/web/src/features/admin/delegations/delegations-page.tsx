import { DelegationsTable } from '../../delegations/delegations-table';
import { usePeople } from '../admin-data';
import { AdminGrantDelegationForm } from './grant-delegation-form';

/** 代決: the delegations in force today or later, entering one for a head, and ending one early. */
export function DelegationsPage() {
  const people = usePeople();
  const nameOf = (loginId: string) => people.data?.find((p) => p.loginId === loginId)?.name ?? loginId;
  return (
    <>
      <h2>代決</h2>
      <DelegationsTable nameOf={nameOf} withDepartment />
      <AdminGrantDelegationForm />
    </>
  );
}
