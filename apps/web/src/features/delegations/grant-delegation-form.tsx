import { useState, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { fiscalYearOfDate, formatWareki, todayInTokyo } from '../../lib/wareki';
import { heldOn, useDepartments, usePeople, type PersonView } from '../../api/queries';
import { DECISION_LABEL, DECISIONS, type Decision } from '../../ui/decisions';
import { Done, TextField } from '../../ui/fields';
import { FormShell } from '../../ui/form-shell';
import { ErrorBanner, Field, fieldErrors } from '../../ui/forms';
import { useGrantDelegation } from './api';

/** One person who may be named 代決者, grouped as the select shows them (部内, then the rest). */
export interface DelegateOption {
  loginId: string;
  name: string;
  /** 氏名（職）, as the select shows it. */
  label: string;
  group?: string;
}

/**
 * 代決の登録, as the 部長 enters it for their own department and the 管理者 for any head. The
 * administrator names the department too: `department` renders that field for the first day chosen.
 * `useDelegates` is the page's hook for the people who may be named on that day.
 */
export function GrantDelegationForm(props: {
  heading: 'h2' | 'h3';
  description: string;
  useDelegates: (day: string) => DelegateOption[];
  department?: { name: string; field: (day: string, error: string | undefined) => ReactNode };
}) {
  const { useDelegates, department } = props;
  const today = todayInTokyo();
  const [delegate, setDelegate] = useState('');
  const [from, setFrom] = useState(today);
  const [until, setUntil] = useState(today);
  const [decisions, setDecisions] = useState<Decision[]>([...DECISIONS]);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string>();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(from) ? from : today;
  const options = useDelegates(day);
  const groups = [...new Set(options.map((o) => o.group))];
  const of = department ? `${department.name}の` : '';
  const grant = useGrantDelegation(() => {
    const who = options.find((p) => p.loginId === delegate)?.name ?? delegate;
    setDone(
      `${of}代決を${who}さんに登録しました（${formatWareki(from)}から${formatWareki(until)}まで、` +
        `${decisions.map((d) => DECISION_LABEL[d]).join('・')}）。`,
    );
    setDelegate('');
    setReason('');
  });
  const errors = fieldErrors(grant.error);
  const overlap = grant.error instanceof ApiError && grant.error.problem.status === 409;
  const option = (o: DelegateOption) => (
    <option key={o.loginId} value={o.loginId}>
      {o.label}
    </option>
  );
  return (
    <FormShell
      title="代決を登録"
      level={props.heading === 'h2' ? 2 : 3}
      busy={grant.isPending}
      submit="代決を登録"
      onSubmit={() => {
        setDone(undefined);
        grant.mutate({
          department: department?.name,
          delegate,
          from,
          until,
          decisions,
          reason: reason.trim() || undefined,
        });
      }}
      notice={
        <>
          <p className="meta">{props.description}</p>
          {overlap ? (
            <div className="banner banner-error" role="alert">
              <p>
                この期間には{of}
                別の代決があります。入力した内容は残っています。一覧の代決を取り消すか、重ならない期間にしてください。
              </p>
              <p className="meta small">{grant.error instanceof ApiError ? grant.error.message : ''}</p>
            </div>
          ) : (
            <ErrorBanner error={grant.error} />
          )}
          <Done text={done} />
        </>
      }
    >
      <div className="field-row">
        {department?.field(day, errors.department)}
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
              {groups.map((group) =>
                group === undefined ? (
                  options.filter((o) => o.group === undefined).map(option)
                ) : (
                  <optgroup key={group} label={group}>
                    {options.filter((o) => o.group === group).map(option)}
                  </optgroup>
                ),
              )}
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
    </FormShell>
  );
}

/** 氏名（職）, once where the directory names the person by their post. */
function personWithPosts(person: PersonView, day: string): string {
  const titles = person.posts.filter((p) => heldOn(p, day) && p.title !== person.name).map((p) => p.title);
  return titles.length ? `${person.name}（${titles.join('、')}）` : person.name;
}

/** 代決者 the administrator may name: someone holding a post that day other than 監査 or 管理者 (who never decide goals). */
export function useAnyDelegate(day: string): DelegateOption[] {
  const people = usePeople();
  return (people.data ?? [])
    .filter((p) => p.posts.some((post) => heldOn(post, day) && post.kind !== 'auditor' && post.kind !== 'admin'))
    .map((p) => ({ loginId: p.loginId, name: p.name, label: personWithPosts(p, day) }));
}

/** The 部 whose head the 代決 is for, each shown with its 部長 on the first day. */
export function DepartmentSelect(props: { day: string; value: string; onChange: (v: string) => void; error?: string }) {
  const departments = useDepartments(fiscalYearOfDate(props.day));
  const people = usePeople();
  const headOf = (departmentId: string) =>
    (people.data ?? []).find((p) =>
      p.posts.some(
        (post) => post.kind === 'departmentHead' && post.departmentId === departmentId && heldOn(post, props.day),
      ),
    )?.name;
  return (
    <Field label="部" error={props.error} required>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          value={props.value}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => props.onChange(e.target.value)}
        >
          <option value="">選択してください</option>
          {(departments.data?.departments ?? []).map((d) => (
            <option key={d.departmentId} value={d.name}>
              {d.name}（{headOf(d.departmentId) ?? '部長不在'}）
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
