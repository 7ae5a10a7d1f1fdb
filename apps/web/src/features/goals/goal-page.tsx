import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, ok, read } from '../../api/client';
import type { Goal } from '../../api/views';
import { useActingFor } from '../../lib/acting-for';
import { useMe } from '../../lib/me';
import { deadlineLabel } from '../../lib/wareki';
import { ErrorBanner, fieldErrors, retryOnNetwork } from '../../ui/forms';
import { CONTENT_FIELDS, FIELD_LABEL, fieldText } from '../../ui/labels';
import { StatusBadge } from '../../ui/status-badge';
import { Timeline } from '../audit/timeline';
import { AmendmentDiff, ResubmissionDiff, useGoalTrail } from './goal-changes';
import { contentOf, DepartmentHeadActions, SectionHeadActions } from './goal-actions';
import { GoalFields, type GoalDraft } from './goal-form';

/** Who wrote the goal last, for a 409: the newest entry of its history. */
async function lastChangedBy(goalId: string): Promise<string> {
  const trail = await read(api.GET('/api/v1/audit/trail', { params: { query: { goalId, limit: '200' } } })).catch(
    () => null,
  );
  const last = trail?.items.filter((e) => e.actor).at(-1);
  return last?.actor?.name ?? last?.actor?.userId ?? '他の利用者';
}

export default function GoalPage() {
  const { goalId = '' } = useParams();
  const me = useMe();
  const goal = useQuery({
    queryKey: ['goal', goalId],
    queryFn: async () => (await read(api.GET('/api/v1/goals/{goalId}', { params: { path: { goalId } } }))) as Goal,
  });
  const actingFor = useActingFor(goal.data?.departmentId);
  if (goal.isPending) return <p className="loading">読み込み中…</p>;
  if (goal.isError) return <ErrorBanner error={goal.error} onRetry={() => void goal.refetch()} />;
  const g = goal.data;
  const mine = me.role === 'sectionHead' && g.sections.some((s) => me.sections.includes(s));
  const head = me.role === 'departmentHead' && me.department?.name === g.department;
  return (
    <>
      {g.status === 'returned' && g.lastReturnReason && (
        <div className="banner banner-warning" role="status">
          <h2>部長からの差戻し理由</h2>
          <p>{g.lastReturnReason}</p>
        </div>
      )}
      <div className="page-heading">
        <h1>
          {g.number !== null && <span className="goal-number">番号{g.number}</span>} {g.title}
        </h1>
        <StatusBadge status={g.status} pendingAmendment={g.pendingAmendment} />
      </div>
      <p className="meta">
        {g.fiscalYearLabel}・{g.department}・<Link to={`/sheets/${g.sheetId}`}>整理表を開く</Link>
      </p>
      {mine && (g.status === 'draft' || g.status === 'returned') ? (
        <EditDraft goal={g} key={g.goalId} />
      ) : (
        <GoalText goal={g} />
      )}
      <AmendmentDiff goal={g} />
      {g.status === 'submitted' && <ResubmissionDiff goal={g} />}
      {mine && (['submitted', 'approved', 'achievementRecorded'].includes(g.status) || Boolean(g.pendingAmendment)) && (
        <SectionHeadActions goal={g} />
      )}
      {(head || actingFor) && <DepartmentHeadActions goal={g} actingFor={head ? undefined : actingFor} />}
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">履歴</h2>
        <GoalHistory goalId={g.goalId} />
      </section>
    </>
  );
}

function GoalText({ goal }: { goal: Goal }) {
  return (
    <dl className="card goal-text">
      {CONTENT_FIELDS.map((f) => (
        <div key={f}>
          <dt>{FIELD_LABEL[f]}</dt>
          <dd>{f === 'deadlineMonth' ? deadlineLabel(goal.deadline, goal.deadlineMonth) : fieldText(f, goal[f])}</dd>
        </div>
      ))}
      {goal.achievement && (
        <div>
          <dt>達成状況</dt>
          <dd>
            {goal.achievement}
            {goal.achievementConfirmed ? '（確認済）' : ''}
            {goal.achievementComment ? `：${goal.achievementComment}` : ''}
          </dd>
        </div>
      )}
    </dl>
  );
}

/**
 * The draft's form. The revision it was opened at is kept with the text: if someone else saves in
 * between, the api answers 409 and the person's text stays here to compare and save again.
 */
function EditDraft({ goal }: { goal: Goal }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<GoalDraft>(() => contentOf(goal));
  const [baseRevision, setBaseRevision] = useState(goal.revision);
  const [conflictBy, setConflictBy] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: async (submit: boolean) => {
      setConflictBy(undefined);
      let revision = baseRevision;
      const changed =
        CONTENT_FIELDS.some((f) => JSON.stringify(draft[f]) !== JSON.stringify(goal[f])) || revision !== goal.revision;
      if (changed) {
        const answer = await read(
          api.PATCH('/api/v1/goals/{goalId}', {
            params: { path: { goalId: goal.goalId } },
            body: { ...draft, expectedRevision: revision },
          }),
        );
        revision = answer.revision;
        setBaseRevision(revision);
      }
      if (submit)
        await ok(
          api.POST('/api/v1/goals/{goalId}/submit', {
            params: { path: { goalId: goal.goalId } },
            body: { expectedRevision: revision },
          }),
        );
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.problem.status === 409) setConflictBy(await lastChangedBy(goal.goalId));
    },
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  const errors = fieldErrors(save.error);
  return (
    <form
      className="card form"
      aria-label="目標の編集"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(false);
      }}
    >
      <ErrorBanner error={save.error} conflictBy={conflictBy} onRetry={retryOnNetwork(save)} />
      {conflictBy !== undefined && (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            // Keep the text typed here; continue from the revision now stored.
            setBaseRevision(goal.revision);
            save.reset();
            setConflictBy(undefined);
          }}
        >
          最新の版に対して編集を続ける
        </button>
      )}
      <GoalFields
        value={draft}
        onChange={setDraft}
        errors={errors}
        sectionChoices={goal.sections.length > 1 ? goal.sections : goal.sections}
      />
      {save.isSuccess && <p role="status">保存しました。</p>}
      <div className="actions">
        <button type="submit" className="button button-secondary" disabled={save.isPending}>
          下書き保存
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={save.isPending}
          onClick={() => save.mutate(true)}
        >
          提出
        </button>
      </div>
    </form>
  );
}

function GoalHistory({ goalId }: { goalId: string }) {
  const trail = useGoalTrail(goalId);
  if (trail.isPending) return <p className="loading">読み込み中…</p>;
  if (trail.isError) return <ErrorBanner error={trail.error} onRetry={() => void trail.refetch()} />;
  return <Timeline entries={trail.data.items} />;
}
