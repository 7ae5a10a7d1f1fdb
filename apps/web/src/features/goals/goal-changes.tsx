import { useGoalTrail } from '../../api/queries';
import type { FieldChange, Goal } from '../../api/views';
import { ErrorBanner } from '../../ui/forms';
import { CONTENT_FIELDS, FIELD_LABEL, fieldText } from '../../ui/labels';
import { changesSinceReturn } from './changes-since-return';

/** Old → new, field by field, each row labelled with the sheet's column heading. */
export function FieldDiff(props: { changes: FieldChange[]; beforeLabel: string; afterLabel: string }) {
  return (
    <table className="table diff">
      <thead>
        <tr>
          <th scope="col">項目</th>
          <th scope="col">{props.beforeLabel}</th>
          <th scope="col">{props.afterLabel}</th>
        </tr>
      </thead>
      <tbody>
        {props.changes.map((c) => (
          <tr key={c.field}>
            <th scope="row">{FIELD_LABEL[c.field as keyof typeof FIELD_LABEL] ?? c.field}</th>
            <td className="pre-wrap">
              <del>{fieldText(c.field, c.before, '（なし）')}</del>
            </td>
            <td className="pre-wrap">
              <ins>{fieldText(c.field, c.after, '（なし）')}</ins>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 部長: what the change request alters, field by field, against the approved text in force. */
export function AmendmentDiff({ goal }: { goal: Goal }) {
  if (!goal.pendingAmendment) return null;
  const { changes, reason } = goal.pendingAmendment;
  return (
    <section className="card" aria-labelledby="amendment-diff-heading">
      <h2 id="amendment-diff-heading">変更申請の内容（承認済の内容との違い）</h2>
      <p className="pre-wrap">変更の理由：{reason}</p>
      <FieldDiff
        changes={CONTENT_FIELDS.filter((f) => changes[f] !== undefined).map((f) => ({
          field: f,
          before: goal[f],
          after: changes[f],
        }))}
        beforeLabel="承認済の内容"
        afterLabel="変更後"
      />
    </section>
  );
}

/** 部長: a goal resubmitted after 差戻し, against the version that was returned. */
export function ResubmissionDiff({ goal }: { goal: Goal }) {
  const trail = useGoalTrail(goal.goalId);
  if (trail.isError) return <ErrorBanner error={trail.error} onRetry={() => void trail.refetch()} />;
  const since = trail.data && changesSinceReturn(trail.data.items);
  if (!since) return null;
  return (
    <section className="card" aria-labelledby="resubmission-diff-heading">
      <h2 id="resubmission-diff-heading">再提出された内容（差し戻した版との違い）</h2>
      {since.reason && <p className="pre-wrap">差戻しの理由：{since.reason}</p>}
      {since.changes.length > 0 ? (
        <FieldDiff changes={since.changes} beforeLabel="差し戻した版" afterLabel="再提出された版" />
      ) : (
        <p>差戻しの後、内容は変更されていません。</p>
      )}
    </section>
  );
}
