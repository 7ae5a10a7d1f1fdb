import { useMutation, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api, ok } from '../../api/client';
import type { Delegation, Goal } from '../../api/views';
import { useMe } from '../../lib/me';
import { formatWareki } from '../../lib/wareki';
import { ErrorBanner, Field, fieldErrors, retryOnNetwork, TextAreaField } from '../../ui/forms';
import { CONTENT_FIELDS } from '../../ui/labels';
import { GoalFields, type GoalDraft } from './goal-form';

type GoalCommand = UseMutationResult<unknown, Error, () => Promise<unknown>>;

/** One write on the goal at a time; what it answers, every open query learns. */
function useGoalCommand(): GoalCommand {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
}

/** A form whose submit runs one command; `onDone` empties it for the next one. */
function CommandForm(props: {
  label: string;
  command: GoalCommand;
  run: () => Promise<unknown>;
  onDone?: () => void;
  children: ReactNode;
}) {
  return (
    <form
      className="form"
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        props.command.mutate(props.run, { onSuccess: props.onDone });
      }}
    >
      {props.children}
    </form>
  );
}

export function contentOf(goal: Goal): GoalDraft {
  const { title, category, targetLevel, method, deadlineMonth, sections } = goal;
  return { title, category, targetLevel, method, deadlineMonth, sections };
}

/** 課長: 取下げ, 変更申請 (with its reason) and 実績登録 on a goal of their section. */
export function SectionHeadActions({ goal }: { goal: Goal }) {
  const me = useMe();
  const command = useGoalCommand();
  const [amending, setAmending] = useState(false);
  const [amendDraft, setAmendDraft] = useState<GoalDraft>(() => contentOf(goal));
  const [reason, setReason] = useState('');
  const [level, setLevel] = useState('');
  const [comment, setComment] = useState('');
  const path = { params: { path: { goalId: goal.goalId } } };
  const errors = fieldErrors(command.error);
  const changes = () =>
    Object.fromEntries(
      CONTENT_FIELDS.filter((f) => JSON.stringify(amendDraft[f]) !== JSON.stringify(goal[f])).map((f) => [
        f,
        amendDraft[f],
      ]),
    );
  return (
    <section aria-labelledby="actions-heading" className="card">
      <h2 id="actions-heading">操作</h2>
      <ErrorBanner error={command.error} onRetry={retryOnNetwork(command)} />
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
        <CommandForm
          label="変更申請"
          command={command}
          run={() =>
            ok(
              api.POST('/api/v1/goals/{goalId}/amend', {
                ...path,
                body: { ...changes(), reason, expectedRevision: goal.revision },
              }),
            )
          }
          onDone={() => {
            setAmending(false);
            setReason('');
          }}
        >
          <GoalFields value={amendDraft} onChange={setAmendDraft} errors={errors} sectionChoices={goal.sections} />
          <TextAreaField label="変更の理由" value={reason} onChange={setReason} error={errors.reason} required />
          <div className="actions">
            <button type="submit" className="button button-primary">
              変更申請
            </button>
          </div>
        </CommandForm>
      )}
      {(goal.status === 'approved' || goal.status === 'achievementRecorded') && !goal.pendingAmendment && (
        <CommandForm
          label="実績登録"
          command={command}
          run={() =>
            ok(
              api.POST('/api/v1/goals/{goalId}/achievement', {
                ...path,
                body: { level, ...(comment ? { comment } : {}), expectedRevision: goal.revision },
              }),
            )
          }
          onDone={() => {
            setLevel('');
            setComment('');
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
          <TextAreaField label="コメント" value={comment} onChange={setComment} error={errors.comment} />
          <div className="actions">
            <button type="submit" className="button button-primary">
              実績登録
            </button>
          </div>
        </CommandForm>
      )}
    </section>
  );
}

/** 部長, or their 代決 delegate: 承認 (optional comment), 差戻し (reason required) and 実績確認. */
export function DepartmentHeadActions({ goal, actingFor }: { goal: Goal; actingFor?: Delegation }) {
  const command = useGoalCommand();
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const path = { params: { path: { goalId: goal.goalId } } };
  const errors = fieldErrors(command.error);
  // Decided: both forms are for the next decision on this goal (a change request, say).
  const decided = () => {
    setComment('');
    setReason('');
  };
  const deciding = goal.status === 'submitted' || Boolean(goal.pendingAmendment);
  if (!deciding && goal.status !== 'achievementRecorded') return null;
  return (
    <section aria-labelledby="decide-heading" className="card">
      <h2 id="decide-heading">{deciding ? '承認・差戻し' : '実績確認'}</h2>
      {actingFor && (
        <p className="banner banner-info">
          代決：{actingFor.department}の部長に代わって決定します（{formatWareki(actingFor.lastDay ?? actingFor.until)}
          まで）。決定は部長の受信箱に後閲として届きます。
        </p>
      )}
      <ErrorBanner error={command.error} onRetry={retryOnNetwork(command)} />
      {deciding && (
        <div className="decide">
          <CommandForm
            label="承認"
            command={command}
            run={() =>
              ok(
                api.POST('/api/v1/goals/{goalId}/approve', {
                  ...path,
                  body: { ...(comment ? { comment } : {}), expectedRevision: goal.revision },
                }),
              )
            }
            onDone={decided}
          >
            <TextAreaField label="コメント（任意）" value={comment} onChange={setComment} error={errors.comment} />
            <button type="submit" className="button button-primary">
              承認
            </button>
          </CommandForm>
          <CommandForm
            label="差戻し"
            command={command}
            run={() =>
              ok(
                api.POST('/api/v1/goals/{goalId}/return', {
                  ...path,
                  body: { reason, expectedRevision: goal.revision },
                }),
              )
            }
            onDone={decided}
          >
            <TextAreaField label="差戻しの理由" value={reason} onChange={setReason} error={errors.reason} required />
            <button type="submit" className="button button-secondary">
              差戻し
            </button>
          </CommandForm>
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
