import { useState } from 'react';
import { Field } from '../../../ui/forms';
import { GrantDelegationForm, type DelegateOption } from '../../delegations/grant-delegation-form';
import { fiscalYearOf, heldOn, useDepartments, usePeople, type PersonView } from '../admin-data';

/** 氏名（職）, once where the directory names the person by their post. */
function personWithPosts(person: PersonView, day: string): string {
  const titles = person.posts.filter((p) => heldOn(p, day) && p.title !== person.name).map((p) => p.title);
  return titles.length ? `${person.name}（${titles.join('、')}）` : person.name;
}

/** 代決者: someone holding a post that day other than 監査 or 管理者 (who never decide goals). */
function useAnyDelegate(day: string): DelegateOption[] {
  const people = usePeople();
  return (people.data ?? [])
    .filter((p) => p.posts.some((post) => heldOn(post, day) && post.kind !== 'auditor' && post.kind !== 'admin'))
    .map((p) => ({ loginId: p.loginId, name: p.name, label: personWithPosts(p, day) }));
}

/** The 部 whose head the 代決 is for, each shown with its 部長 on the first day. */
function DepartmentSelect(props: { day: string; value: string; onChange: (v: string) => void; error?: string }) {
  const departments = useDepartments(fiscalYearOf(props.day));
  const people = usePeople();
  const headOf = (departmentId: string) =>
    (people.data ?? []).find((p) =>
      p.posts.some(
        (post) => post.kind === 'departmentHead' && post.departmentId === departmentId && heldOn(post, props.day),
      ),
    )?.name;
  return (
    <Field label="部" error={props.error} required>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          value={props.value}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => props.onChange(e.target.value)}
        >
          <option value="">選択してください</option>
          {(departments.data?.departments ?? []).map((d) => (
            <option key={d.departmentId} value={d.name}>
              {d.name}（{headOf(d.departmentId) ?? '部長不在'}）
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** 代決の登録 by the administrator: for the head of a department, a named person decides in their stead. */
export function AdminGrantDelegationForm() {
  const [department, setDepartment] = useState('');
  return (
    <GrantDelegationForm
      heading="h3"
      description="部長に代わって決定する人と期間を登録します。代決した決定は部長の受信箱に後閲として届きます。"
      useDelegates={useAnyDelegate}
      department={{
        name: department,
        field: (day, error) => <DepartmentSelect day={day} value={department} onChange={setDepartment} error={error} />,
      }}
    />
  );
}
