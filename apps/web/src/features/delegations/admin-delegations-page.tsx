import { useState } from 'react';
import { usePeople } from '../../api/queries';
import { DelegationsTable } from './delegations-table';
import { DepartmentSelect, GrantDelegationForm, useAnyDelegate } from './grant-delegation-form';

/** 管理者の代決: every department's delegations in force today or later, entering one for a head, ending one early. */
export default function AdminDelegationsPage() {
  const people = usePeople();
  const nameOf = (loginId: string) => people.data?.find((p) => p.loginId === loginId)?.name ?? loginId;
  const [department, setDepartment] = useState('');
  return (
    <>
      <h2>代決</h2>
      <DelegationsTable nameOf={nameOf} withDepartment />
      <GrantDelegationForm
        heading="h3"
        description="部長に代わって決定する人と期間を登録します。代決した決定は部長の受信箱に後閲として届きます。"
        useDelegates={useAnyDelegate}
        department={{
          name: department,
          field: (day, error) => (
            <DepartmentSelect day={day} value={department} onChange={setDepartment} error={error} />
          ),
        }}
      />
    </>
  );
}
