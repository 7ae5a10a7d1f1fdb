import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import type { Goal } from '../../api/views';
import { useActingFor } from '../../lib/acting-for';
import { useKeptDraft } from '../../lib/drafts';
import { COMMON_SECTION } from '../../lib/limits';
import { useMe } from '../../lib/me';
import { deadlineLabel } from '../../lib/wareki';
import { FormShell } from '../../ui/form-shell';
import { ErrorBanner, fieldErrors, retryOnNetwork } from '../../ui/forms';
import { CONTENT_FIELDS, FIELD_LABEL, fieldText } from '../../ui/labels';
import { RestoreOffer } from '../../ui/restore-offer';
import { StatusBadge } from '../../ui/status-badge';
import { Timeline } from '../../ui/timeline';
import { lastChangedBy, useGoal, useGoalHistory, useSaveDraft } from './api';
import { AmendmentDiff, ResubmissionDiff } from './goal-changes';
import { contentOf, DeleteDraft, DepartmentHeadActions, SectionHeadActions } from './goal-actions';
import { GoalFields } from './goal-form';

export default function GoalPage() {
  const { goalId = '' } = useParams();
  const me = useMe();
  const goal = useGoal(goalId);
  const actingFor = useActingFor(goal.data?.departmentId);
  if (goal.isPending) return <p className="loading">読み込み中…</p>;
  if (goal.isError) return <ErrorBanner error={goal.error} onRetry={() => void goal.refetch()} />;
  const g = goal.data;
  const mine = me.role === 'sectionHead' && g.sections.some((s) => me.sections.includes(s));
  const head = me.role === 'departmentHead' && me.department?.name === g.department;
  const editing =
    (mine || (head && g.sections.includes(COMMON_SECTION))) && (g.status === 'draft' || g.status === 'returned');
  return (
    <>
      {g.status === 'returned' && g.lastReturnReason && (
        <div className="banner banner-warning" role="status">
          <h2>部長からの差戻し理由</h2>
          <p className="pre-wrap">{g.lastReturnReason}</p>
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
      {g.carriedFrom && (
        <p className="carry-link">
          <Link to={`/goals/${g.carriedFrom.goalId}`}>前年度から引継ぎ（{g.carriedFrom.citation}）</Link>
        </p>
      )}
      {g.carriedTo && (
        <p className="carry-link">
          <Link to={`/goals/${g.carriedTo.goalId}`}>次年度へ引継ぎ（{g.carriedTo.citation ?? '番号未定'}）</Link>
        </p>
      )}
      {editing ? <EditDraft goal={g} key={g.goalId} /> : <GoalText goal={g} />}
      {editing && g.status === 'draft' && <DeleteDraft goal={g} />}
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
          <dd className="pre-wrap">
            {f === 'deadlineMonth' ? deadlineLabel(goal.deadline, goal.deadlineMonth) : fieldText(f, goal[f])}
          </dd>
        </div>
      ))}
      {goal.measure && (
        <div>
          <dt>{FIELD_LABEL.measureId}</dt>
          <dd>
            {goal.measure.id} {goal.measure.name ?? '（この年度の総合計画にありません）'}
            {goal.measure.path.length > 0 && (
              <span className="meta measure-path">（{goal.measure.path.join(' › ')}）</span>
            )}
          </dd>
        </div>
      )}
      {goal.achievement && (
        <div>
          <dt>達成状況</dt>
          <dd className="pre-wrap">
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
 * between, the api answers 409 and the person's text stays here to compare and save again. What is
 * typed is kept in the browser too, and offered back after a reload or signing in again.
 */
function EditDraft({ goal }: { goal: Goal }) {
  const [draft, setDraft, kept] = useKeptDraft(`goal:${goal.goalId}`, () => contentOf(goal));
  const [baseRevision, setBaseRevision] = useState(goal.revision);
  const [conflictBy, setConflictBy] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const save = useSaveDraft(goal.goalId, async (error) => {
    if (error instanceof ApiError && error.problem.status === 409) setConflictBy(await lastChangedBy(goal.goalId));
  });
  const send = (submit: boolean) => {
    setConflictBy(undefined);
    setSaved(false);
    const changed =
      CONTENT_FIELDS.some((f) => JSON.stringify(draft[f]) !== JSON.stringify(goal[f])) ||
      (draft.measureId ?? '') !== (goal.measureId ?? '') ||
      baseRevision !== goal.revision;
    save.mutate(
      { draft, revision: baseRevision, changed, submit },
      {
        onSuccess: (revision) => {
          setBaseRevision(revision);
          kept.clear();
          setSaved(true);
        },
      },
    );
  };
  const errors = fieldErrors(save.error);
  return (
    <FormShell
      label="目標の編集"
      error={save.error}
      conflictBy={conflictBy}
      onRetry={retryOnNetwork(save)}
      busy={save.isPending}
      submit={[{ label: '下書き保存' }, { label: '提出', primary: true, onClick: () => send(true) }]}
      onSubmit={() => send(false)}
      notice={
        <>
          <RestoreOffer kept={kept} />
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
        </>
      }
    >
      <GoalFields
        value={draft}
        onChange={setDraft}
        errors={errors}
        sectionChoices={goal.sections}
        fiscalYear={goal.fiscalYear}
      />
      {saved && <p role="status">保存しました。</p>}
    </FormShell>
  );
}

/** Its own steps, the 中間報告 lines about it and 次年度への引継ぎ, oldest first. */
function GoalHistory({ goalId }: { goalId: string }) {
  const history = useGoalHistory(goalId);
  if (history.isPending) return <p className="loading">読み込み中…</p>;
  if (history.isError) return <ErrorBanner error={history.error} onRetry={() => void history.refetch()} />;
  return <Timeline entries={history.data.events} />;
}
