import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, ok } from '../../../api/client';
import { formatWareki } from '../../../lib/wareki';
import { ErrorBanner, Field } from '../../../ui/forms';
import { fiscalYearOf, heldOn, todayInTokyo, useDepartments, usePeople, type PersonView } from '../admin-data';
import { adminFieldErrors } from '../reasons';
import { Done, TextField } from '../ui';

export const DECISION_LABEL = { approve: '承認', return: '差戻し', confirm: '実績確認' } as const;
type Decision = keyof typeof DECISION_LABEL;
const DECISIONS = Object.keys(DECISION_LABEL) as Decision[];

/** 氏名（職）, once where the directory names the person by their post. */
function personWithPosts(person: PersonView, day: string): string {
  const titles = person.posts.filter((p) => heldOn(p, day) && p.title !== person.name).map((p) => p.title);
  return titles.length ? `${person.name}（${titles.join('、')}）` : person.name;
}

/** 代決の登録: for the head of a department, a named person decides in their stead for a range of days. */
export function GrantDelegationForm() {
  const queryClient = useQueryClient();
  const today = todayInTokyo();
  const [department, setDepartment] = useState('');
  const [delegate, setDelegate] = useState('');
  const [from, setFrom] = useState(today);
  const [until, setUntil] = useState(today);
  const [decisions, setDecisions] = useState<Decision[]>([...DECISIONS]);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string>();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(from) ? from : today;
  const departments = useDepartments(fiscalYearOf(day));
  const people = usePeople();
  // 代決者: someone holding a post that day other than 監査 or 管理者 (who never decide goals).
  const candidates = (people.data ?? []).filter((p) =>
    p.posts.some((post) => heldOn(post, day) && post.kind !== 'auditor' && post.kind !== 'admin'),
  );
  const grant = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/delegations', {
          body: { department, delegate, from, until, decisions, reason: reason.trim() || undefined },
        }),
      ),
    onSuccess: () => {
      const who = candidates.find((p) => p.loginId === delegate)?.name ?? delegate;
      setDone(
        `${department}の代決を${who}さんに登録しました（${formatWareki(from)}から${formatWareki(until)}まで、` +
          `${decisions.map((d) => DECISION_LABEL[d]).join('・')}）。`,
      );
      setDelegate('');
      setReason('');
      void queryClient.invalidateQueries({ queryKey: ['delegations'] });
    },
  });
  const errors = adminFieldErrors(grant.error);
  const overlap = grant.error instanceof ApiError && grant.error.problem.status === 409;
  return (
    <form
      className="card form"
      aria-labelledby="grant-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setDone(undefined);
        grant.mutate();
      }}
    >
      <h3 id="grant-heading">代決を登録</h3>
      <p className="meta">
        部長に代わって決定する人と期間を登録します。代決した決定は部長の受信箱に後閲として届きます。
      </p>
      {overlap ? (
        <div className="banner banner-error" role="alert">
          <p>
            この期間には{department}
            の別の代決があります。入力した内容は残っています。一覧の代決を取り消すか、重ならない期間にしてください。
          </p>
          <p className="meta small">{grant.error instanceof ApiError ? grant.error.message : ''}</p>
        </div>
      ) : (
        <ErrorBanner error={grant.error} />
      )}
      <Done text={done} />
      <div className="field-row">
        <Field label="部" error={errors.department} required>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              value={department}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setDepartment(e.target.value)}
            >
              <option value="">選択してください</option>
              {(departments.data?.departments ?? []).map((d) => (
                <option key={d.departmentId} value={d.name}>
                  {d.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="代決者" error={errors.delegate} required>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              value={delegate}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setDelegate(e.target.value)}
            >
              <option value="">選択してください</option>
              {candidates.map((p) => (
                <option key={p.personId} value={p.loginId}>
                  {personWithPosts(p, day)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="field-row">
        <TextField label="開始日" type="date" value={from} onChange={setFrom} error={errors.from} required />
        <TextField label="終了日" type="date" value={until} onChange={setUntil} error={errors.until} required />
      </div>
      <fieldset className="field checkboxes" aria-describedby={errors.decisions ? 'grant-decisions-error' : undefined}>
        <legend>
          代決する決定<span className="required">必須</span>
        </legend>
        {DECISIONS.map((d) => (
          <label key={d}>
            <input
              type="checkbox"
              checked={decisions.includes(d)}
              onChange={(e) =>
                setDecisions(
                  e.target.checked
                    ? DECISIONS.filter((x) => x === d || decisions.includes(x))
                    : decisions.filter((x) => x !== d),
                )
              }
            />
            {DECISION_LABEL[d]}
          </label>
        ))}
        {errors.decisions && (
          <p className="field-error" id="grant-decisions-error">
            {errors.decisions}
          </p>
        )}
      </fieldset>
      <TextField label="理由" hint="例 出張、病気休暇" value={reason} onChange={setReason} error={errors.reason} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={grant.isPending}>
          代決を登録
        </button>
      </div>
    </form>
  );
}
