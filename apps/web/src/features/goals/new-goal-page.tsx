import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useSheets } from '../../api/queries';
import { useKeptDraft } from '../../lib/drafts';
import { COMMON_SECTION } from '../../lib/limits';
import { useMe } from '../../lib/me';
import { FormShell } from '../../ui/form-shell';
import { fieldErrors, retryOnNetwork } from '../../ui/forms';
import { RestoreOffer } from '../../ui/restore-offer';
import { SheetSelect } from '../../ui/sheet-select';
import { useCreateGoal } from './api';
import { emptyDraft, GoalFields } from './goal-form';

/**
 * 「目標を追加」: a draft on the department's sheet of the year, saved as it is or submitted at once.
 * The form's Idempotency-Key is made when it opens: a double-click on 提出, or 再試行 after a lost
 * answer, writes one goal.
 */
export default function NewGoalPage() {
  const me = useMe();
  const navigate = useNavigate();
  const sectionChoices = me.role === 'departmentHead' ? [COMMON_SECTION] : me.sections;
  const [draft, setDraft, kept] = useKeptDraft('new-goal', () => emptyDraft(sectionChoices));
  const [sheetId, setSheetId] = useState('');
  const sheets = useSheets(me.department?.name ?? '');
  const sheetList = [...(sheets.data?.items ?? [])].sort((a, b) => b.fiscalYear - a.fiscalYear);
  const chosenSheet = sheetId || sheetList[0]?.sheetId || '';
  const fiscalYear = sheetList.find((s) => s.sheetId === chosenSheet)?.fiscalYear;
  const save = useCreateGoal((goalId) => {
    kept.clear();
    void navigate(`/goals/${goalId}`);
  });
  const send = (submit: boolean) => save.mutate({ sheetId: chosenSheet, draft, submit });
  const errors = fieldErrors(save.error);
  return (
    <>
      <h1>{me.role === 'departmentHead' ? '共通の目標を追加' : '目標を追加'}</h1>
      <FormShell
        label="目標を追加"
        error={save.error}
        onRetry={retryOnNetwork(save)}
        busy={save.isPending}
        submit={[
          { label: '下書き保存', disabled: !chosenSheet },
          { label: '提出', primary: true, disabled: !chosenSheet, onClick: () => send(true) },
        ]}
        onSubmit={() => send(false)}
        notice={<RestoreOffer kept={kept} />}
      >
        <SheetSelect sheets={sheetList} value={chosenSheet} onChange={setSheetId} error={errors.sheetId} />
        <GoalFields
          value={draft}
          onChange={setDraft}
          errors={errors}
          sectionChoices={sectionChoices}
          fiscalYear={fiscalYear}
        />
      </FormShell>
    </>
  );
}
