import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, ok, read } from '../../api/client';
import type { Delegation, Goal } from '../../api/views';
import { useActingFor } from '../../lib/acting-for';
import { useMe } from '../../lib/me';
import { deadlineLabel, formatWareki } from '../../lib/wareki';
import { ErrorBanner, Field, fieldErrors } from '../../ui/forms';
import { CONTENT_FIELDS, FIELD_LABEL, fieldText } from '../../ui/labels';
import { StatusBadge } from '../../ui/status-badge';
import { Timeline } from '../audit/timeline';
import { AmendmentDiff, ResubmissionDiff, useGoalTrail } from './goal-changes';
import { GoalFields, type GoalDraft } from './goal-form';

function contentOf(goal: Goal): GoalDraft {
  const { title, category, targetLevel, method, deadlineMonth, sections } = goal;
  return { title, category, targetLevel, method, deadlineMonth, sections };
}

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
  const actingFor = useActingFor(goal.data?.department);
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
      <ErrorBanner
        error={save.error}
        conflictBy={conflictBy}
        onRetry={
          save.error instanceof ApiError && save.error.network ? () => save.mutate(save.variables ?? false) : undefined
        }
      />
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

function useGoalCommand(_goal: Goal) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
}

function SectionHeadActions({ goal }: { goal: Goal }) {
  const me = useMe();
  const command = useGoalCommand(goal);
  const [amending, setAmending] = useState(false);
  const [amendDraft, setAmendDraft] = useState<GoalDraft>(() => contentOf(goal));
  const [reason, setReason] = useState('');
  const [level, setLevel] = useState('');
  const [comment, setComment] = useState('');
  const path = { params: { path: { goalId: goal.goalId } } };
  const errors = fieldErrors(command.error);
  const retry =
    command.error instanceof ApiError && command.error.network ? () => command.mutate(command.variables!) : undefined;
  return (
    <section aria-labelledby="actions-heading" className="card">
      <h2 id="actions-heading">操作</h2>
      <ErrorBanner error={command.error} onRetry={retry} />
      {(goal.status === 'submitted' || goal.pendingAmendment) && (
        <button
          type="button"
          className="button button-secondary"
          onClick={() =>
            command.mutate(() =>
              ok(api.POST('/api/v1/goals/{goalId}/withdraw', { ...path, body: { expectedRevision: goal.revision } })),
            )
          }
        >
          取下げ
        </button>
      )}
      {goal.status === 'approved' && !goal.pendingAmendment && !amending && (
        <button type="button" className="button button-secondary" onClick={() => setAmending(true)}>
          変更申請
        </button>
      )}
      {amending && goal.status === 'approved' && !goal.pendingAmendment && (
        <form
          className="form"
          aria-label="変更申請"
          onSubmit={(e) => {
            e.preventDefault();
            const changes = Object.fromEntries(
              CONTENT_FIELDS.filter((f) => JSON.stringify(amendDraft[f]) !== JSON.stringify(goal[f])).map((f) => [
                f,
                amendDraft[f],
              ]),
            );
            command.mutate(() =>
              ok(
                api.POST('/api/v1/goals/{goalId}/amend', {
                  ...path,
                  body: { ...changes, reason, expectedRevision: goal.revision },
                }),
              ),
            );
          }}
        >
          <GoalFields value={amendDraft} onChange={setAmendDraft} errors={errors} sectionChoices={goal.sections} />
          <Field label="変更の理由" error={errors.reason} required>
            {({ id, describedBy, invalid }) => (
              <textarea
                id={id}
                rows={2}
                value={reason}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="button button-primary">
              変更申請
            </button>
          </div>
        </form>
      )}
      {(goal.status === 'approved' || goal.status === 'achievementRecorded') && !goal.pendingAmendment && (
        <form
          className="form"
          aria-label="実績登録"
          onSubmit={(e) => {
            e.preventDefault();
            command.mutate(() =>
              ok(
                api.POST('/api/v1/goals/{goalId}/achievement', {
                  ...path,
                  body: { level, ...(comment ? { comment } : {}), expectedRevision: goal.revision },
                }),
              ),
            );
          }}
        >
          <h3>実績登録</h3>
          <Field label="達成状況" error={errors.level} required>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                value={level}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => setLevel(e.target.value)}
              >
                <option value="">選択してください</option>
                {me.achievementScale.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="コメント" error={errors.comment}>
            {({ id, describedBy }) => (
              <textarea
                id={id}
                rows={2}
                value={comment}
                aria-describedby={describedBy}
                onChange={(e) => setComment(e.target.value)}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="button button-primary">
              実績登録
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function DepartmentHeadActions({ goal, actingFor }: { goal: Goal; actingFor?: Delegation }) {
  const command = useGoalCommand(goal);
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const path = { params: { path: { goalId: goal.goalId } } };
  const errors = fieldErrors(command.error);
  const deciding = goal.status === 'submitted' || Boolean(goal.pendingAmendment);
  if (!deciding && goal.status !== 'achievementRecorded') return null;
  const retry =
    command.error instanceof ApiError && command.error.network ? () => command.mutate(command.variables!) : undefined;
  return (
    <section aria-labelledby="decide-heading" className="card">
      <h2 id="decide-heading">{deciding ? '承認・差戻し' : '実績確認'}</h2>
      {actingFor && (
        <p className="banner banner-info">
          代決：{actingFor.department}の部長に代わって決定します（{formatWareki(actingFor.lastDay ?? actingFor.until)}
          まで）。決定は部長の受信箱に後閲として届きます。
        </p>
      )}
      <ErrorBanner error={command.error} onRetry={retry} />
      {deciding && (
        <div className="decide">
          <form
            className="form"
            aria-label="承認"
            onSubmit={(e) => {
              e.preventDefault();
              command.mutate(() =>
                ok(
                  api.POST('/api/v1/goals/{goalId}/approve', {
                    ...path,
                    body: { ...(comment ? { comment } : {}), expectedRevision: goal.revision },
                  }),
                ),
              );
            }}
          >
            <Field label="コメント（任意）" error={errors.comment}>
              {({ id, describedBy }) => (
                <textarea
                  id={id}
                  rows={2}
                  value={comment}
                  aria-describedby={describedBy}
                  onChange={(e) => setComment(e.target.value)}
                />
              )}
            </Field>
            <button type="submit" className="button button-primary">
              承認
            </button>
          </form>
          <form
            className="form"
            aria-label="差戻し"
            onSubmit={(e) => {
              e.preventDefault();
              command.mutate(() =>
                ok(
                  api.POST('/api/v1/goals/{goalId}/return', {
                    ...path,
                    body: { reason, expectedRevision: goal.revision },
                  }),
                ),
              );
            }}
          >
            <Field label="差戻しの理由" error={errors.reason} required>
              {({ id, describedBy, invalid }) => (
                <textarea
                  id={id}
                  rows={2}
                  value={reason}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  onChange={(e) => setReason(e.target.value)}
                />
              )}
            </Field>
            <button type="submit" className="button button-secondary">
              差戻し
            </button>
          </form>
        </div>
      )}
      {goal.status === 'achievementRecorded' && (
        <>
          <p>
            登録された達成状況：<strong>{goal.achievement}</strong>
            {goal.achievementComment ? `（${goal.achievementComment}）` : ''}
          </p>
          <button
            type="button"
            className="button button-primary"
            onClick={() =>
              command.mutate(() =>
                ok(
                  api.POST('/api/v1/goals/{goalId}/achievement/confirm', {
                    ...path,
                    body: { expectedRevision: goal.revision },
                  }),
                ),
              )
            }
          >
            実績確認
          </button>
        </>
      )}
    </section>
  );
}

function GoalHistory({ goalId }: { goalId: string }) {
  const trail = useGoalTrail(goalId);
  if (trail.isPending) return <p className="loading">読み込み中…</p>;
  if (trail.isError) return <ErrorBanner error={trail.error} onRetry={() => void trail.refetch()} />;
  return <Timeline entries={trail.data.items} />;
}
