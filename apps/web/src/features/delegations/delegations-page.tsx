import { useMe } from '../../lib/me';
import { todayInTokyo } from '../../lib/wareki';
import { useCandidates } from './api';
import { DelegationsTable } from './delegations-table';
import { GrantDelegationForm, type DelegateOption } from './grant-delegation-form';

/** Who may decide in the head's stead on the first day: 部内 first, then the rest of the city's post holders. */
function useDelegatesOn(day: string): DelegateOption[] {
  const candidates = useCandidates(day);
  return (candidates.data?.candidates ?? []).map((c) => {
    const titles = c.titles.filter((t) => t !== c.name);
    return {
      loginId: c.loginId,
      name: c.name,
      label: titles.length ? `${c.name}（${titles.join('、')}）` : c.name,
      group: c.ownDepartment ? '部内' : 'その他の部署',
    };
  });
}

/** 代決 of the 部長's own department: who decides in their stead and when, granting one and ending one early. */
export default function DelegationsPage() {
  const me = useMe();
  // Names as the directory gives them today; someone who holds no post today is shown by login id.
  const today = useCandidates(todayInTokyo());
  const nameOf = (loginId: string) => today.data?.candidates.find((c) => c.loginId === loginId)?.name ?? loginId;
  return (
    <>
      <h1>代決</h1>
      <p className="meta">
        {me.department?.name ?? ''}
        の決定を、部長に代わって行う人（代決者）と期間です。代決した決定は受信箱に後閲として届きます。
      </p>
      <DelegationsTable nameOf={nameOf} />
      <GrantDelegationForm
        heading="h2"
        description="出張や休暇で不在にする期間と、その間に代わって決定する人を登録します。"
        useDelegates={useDelegatesOn}
      />
    </>
  );
}
