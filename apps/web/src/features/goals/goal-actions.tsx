import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useAchievementScale } from '../../api/queries';
import type { Delegation, Goal } from '../../api/views';
import { useKeptDraft } from '../../lib/drafts';
import { TEXT_LIMITS } from '../../lib/limits';
import { useMe } from '../../lib/me';
import { formatWareki } from '../../lib/wareki';
import { FormShell } from '../../ui/form-shell';
import { ErrorBanner, Field, fieldErrors, retryOnNetwork, TextAreaField } from '../../ui/forms';
import { CONTENT_FIELDS } from '../../ui/labels';
import { RestoreOffer } from '../../ui/restore-offer';
import { useGoalStep } from './api';
import { GoalFields, type GoalDraft } from './goal-form';

export function contentOf(goal: Goal): GoalDraft {
  const { title, category, targetLevel, method, deadlineMonth, sections } = goal;
  return { title, category, targetLevel, method, deadlineMonth, sections };
}

/** 課長: 取下げ, 変更申請 (with its reason) and 実績登録 on a goal of their section. */
export function SectionHeadActions({ goal }: { goal: Goal }) {
  const me = useMe();
  // 達成状況 is given in the levels of the goal's fiscal year (達成度の区分), 評価不能 among them if set.
  const scale = useAchievementScale(goal.fiscalYear);
  const command = useGoalStep(goal.goalId);
  const [amending, setAmending] = useState(false);
  const [amendDraft, setAmendDraft, keptAmend] = useKeptDraft(`goal:${goal.goalId}:amend`, () => ({
    ...contentOf(goal),
    reason: '',
  }));
  const [achievement, setAchievement, keptAchievement] = useKeptDraft(`goal:${goal.goalId}:achievement`, () => ({
    level: '',
    comment: '',
  }));
  const errors = fieldErrors(command.error);
  const expectedRevision = goal.revision;
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
          disabled={command.isPending}
          onClick={() => command.mutate({ step: 'withdraw', body: { expectedRevision } })}
        >
          取下げ
        </button>
      )}
      {goal.status === 'approved' && !goal.pendingAmendment && !amending && (
        <button type="button" className="button button-secondary" onClick={() => setAmending(true)}>
          変更申請
        </button>
      )}
      {(amending || keptAmend.offered) && goal.status === 'approved' && !goal.pendingAmendment && (
        <FormShell
          className="form"
          label="変更申請"
          busy={command.isPending}
          submit="変更申請"
          notice={<RestoreOffer kept={keptAmend} />}
          onSubmit={() =>
            command.mutate(
              { step: 'amend', body: { ...changes(), reason: amendDraft.reason, expectedRevision } },
              {
                onSuccess: () => {
                  keptAmend.clear();
                  setAmending(false);
                },
              },
            )
          }
        >
          <GoalFields
            value={amendDraft}
            onChange={(next) => setAmendDraft({ ...next, reason: amendDraft.reason })}
            errors={errors}
            sectionChoices={goal.sections}
          />
          <TextAreaField
            label="変更の理由"
            value={amendDraft.reason}
            onChange={(reason) => setAmendDraft({ ...amendDraft, reason })}
            error={errors.reason}
            maxLength={TEXT_LIMITS.reason}
            required
          />
        </FormShell>
      )}
      {(goal.status === 'approved' || goal.status === 'achievementRecorded') && !goal.pendingAmendment && (
        <FormShell
          className="form"
          title="実績登録"
          level={3}
          busy={command.isPending}
          submit="実績登録"
          notice={<RestoreOffer kept={keptAchievement} />}
          onSubmit={() =>
            command.mutate(
              {
                step: 'achievement',
                body: {
                  level: achievement.level,
                  ...(achievement.comment ? { comment: achievement.comment } : {}),
                  expectedRevision,
                },
              },
              {
                onSuccess: () => {
                  setAchievement({ level: '', comment: '' });
                  keptAchievement.clear();
                },
              },
            )
          }
        >
          <Field label="達成状況" error={errors.level} required>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                value={achievement.level}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                onChange={(e) => setAchievement({ ...achievement, level: e.target.value })}
              >
                <option value="">選択してください</option>
                {(scale.data?.selectable ?? me.achievementScale).map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextAreaField
            label="コメント"
            value={achievement.comment}
            onChange={(comment) => setAchievement({ ...achievement, comment })}
            error={errors.comment}
            maxLength={TEXT_LIMITS.comment}
          />
        </FormShell>
      )}
    </section>
  );
}

/**
 * 削除 of a draft (never submitted): with a reason, kept with the event; its 番号 is not given to
 * another goal. A submitted goal is withdrawn instead (取下げ).
 */
export function DeleteDraft({ goal }: { goal: Goal }) {
  const navigate = useNavigate();
  const command = useGoalStep(goal.goalId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const errors = fieldErrors(command.error);
  if (!open)
    return (
      <div className="actions">
        <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
          削除
        </button>
      </div>
    );
  return (
    <FormShell
      className="card form"
      title="この下書きを削除"
      level={2}
      error={command.error}
      onRetry={retryOnNetwork(command)}
      busy={command.isPending}
      submit="削除する"
      onCancel={() => setOpen(false)}
      onSubmit={() =>
        command.mutate(
          { step: 'delete', body: { reason, expectedRevision: goal.revision } },
          { onSuccess: () => void navigate('/goals') },
        )
      }
    >
      <p>削除した目標は整理表に載りません。番号は他の目標に使われません。削除の記録は監査に残ります。</p>
      <TextAreaField
        label="削除の理由"
        value={reason}
        onChange={setReason}
        error={errors.reason}
        maxLength={TEXT_LIMITS.reason}
        required
      />
    </FormShell>
  );
}

/** 部長, or their 代決 delegate: 承認 (optional comment), 差戻し (reason required) and 実績確認. */
export function DepartmentHeadActions({ goal, actingFor }: { goal: Goal; actingFor?: Delegation }) {
  const command = useGoalStep(goal.goalId);
  const [decision, setDecision, kept] = useKeptDraft(`goal:${goal.goalId}:decision`, () => ({
    comment: '',
    reason: '',
  }));
  const errors = fieldErrors(command.error);
  const expectedRevision = goal.revision;
  // Decided: both forms are for the next decision on this goal (a change request, say).
  const decided = () => {
    setDecision({ comment: '', reason: '' });
    kept.clear();
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
          <RestoreOffer kept={kept} />
          <FormShell
            className="form"
            label="承認"
            busy={command.isPending}
            submit="承認"
            onSubmit={() =>
              command.mutate(
                {
                  step: 'approve',
                  body: { ...(decision.comment ? { comment: decision.comment } : {}), expectedRevision },
                },
                { onSuccess: decided },
              )
            }
          >
            <TextAreaField
              label="コメント（任意）"
              value={decision.comment}
              onChange={(comment) => setDecision({ ...decision, comment })}
              error={errors.comment}
              maxLength={TEXT_LIMITS.comment}
            />
          </FormShell>
          <FormShell
            className="form"
            label="差戻し"
            busy={command.isPending}
            submit={[{ label: '差戻し' }]}
            onSubmit={() =>
              command.mutate(
                { step: 'return', body: { reason: decision.reason, expectedRevision } },
                { onSuccess: decided },
              )
            }
          >
            <TextAreaField
              label="差戻しの理由"
              value={decision.reason}
              onChange={(reason) => setDecision({ ...decision, reason })}
              error={errors.reason}
              maxLength={TEXT_LIMITS.reason}
              required
            />
          </FormShell>
        </div>
      )}
      {goal.status === 'achievementRecorded' && (
        <>
          <p className="pre-wrap">
            登録された達成状況：<strong>{goal.achievement}</strong>
            {goal.achievementComment ? `（${goal.achievementComment}）` : ''}
          </p>
          <button
            type="button"
            className="button button-primary"
            disabled={command.isPending}
            onClick={() => command.mutate({ step: 'confirm', body: { expectedRevision } })}
          >
            実績確認
          </button>
        </>
      )}
    </section>
  );
}
