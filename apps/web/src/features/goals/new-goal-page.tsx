import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ok, read } from '../../api/client';
import { useMe } from '../../lib/me';
import { ErrorBanner, fieldErrors } from '../../ui/forms';
import { SheetSelect } from '../sheets/sheet-select';
import { emptyDraft, GoalFields, type GoalDraft } from './goal-form';

/** 「目標を追加」: a draft on the department's sheet of the year, saved as it is or submitted at once. */
export default function NewGoalPage() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const sectionChoices = me.role === 'departmentHead' ? ['共通'] : me.sections;
  const [draft, setDraft] = useState<GoalDraft>(() => emptyDraft(sectionChoices));
  const [sheetId, setSheetId] = useState('');
  const sheets = useQuery({
    queryKey: ['sheets', me.department?.name],
    queryFn: () => read(api.GET('/api/v1/sheets', { params: { query: { department: me.department?.name ?? '' } } })),
  });
  const sheetList = [...(sheets.data?.items ?? [])].sort((a, b) => b.fiscalYear - a.fiscalYear);
  const chosenSheet = sheetId || sheetList[0]?.sheetId || '';
  const save = useMutation({
    mutationFn: async (submit: boolean) => {
      const { goalId, revision } = await read(
        api.POST('/api/v1/sheets/{sheetId}/goals', { params: { path: { sheetId: chosenSheet } }, body: draft }),
      );
      if (submit)
        await ok(
          api.POST('/api/v1/goals/{goalId}/submit', {
            params: { path: { goalId } },
            body: { expectedRevision: revision },
          }),
        );
      return goalId;
    },
    onSuccess: (goalId) => {
      void queryClient.invalidateQueries();
      void navigate(`/goals/${goalId}`);
    },
  });
  const errors = fieldErrors(save.error);
  return (
    <>
      <h1>目標を追加</h1>
      <form
        className="card form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(false);
        }}
      >
        <ErrorBanner error={save.error} onRetry={save.error ? () => save.mutate(save.variables ?? false) : undefined} />
        <SheetSelect sheets={sheetList} value={chosenSheet} onChange={setSheetId} error={errors.sheetId} />
        <GoalFields value={draft} onChange={setDraft} errors={errors} sectionChoices={sectionChoices} />
        <div className="actions">
          <button type="submit" className="button button-secondary" disabled={save.isPending || !chosenSheet}>
            下書き保存
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={save.isPending || !chosenSheet}
            onClick={() => save.mutate(true)}
          >
            提出
          </button>
        </div>
      </form>
    </>
  );
}
