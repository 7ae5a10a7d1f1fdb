import { useState } from 'react';
import { heldOn, usePeople, type PersonView, type PostView } from '../../../api/queries';
import { fiscalYearOfDate, formatWareki, formatWarekiDateTime, todayInTokyo } from '../../../lib/wareki';
import { Done, TextField } from '../../../ui/fields';
import { FormShell } from '../../../ui/form-shell';
import { ErrorBanner, Field, fieldErrors } from '../../../ui/forms';
import { useChangeLoginId, useEndPost, useMergePerson, useSetPasswordLink } from '../api';
import { AssignPostForm } from './assign-post-form';

/** 職の終了: the last day the post is held (by default 3月31日, the end of this fiscal year). */
function EndPostForm(props: { post: PostView; onDone: (text: string) => void; onCancel: () => void }) {
  const [until, setUntil] = useState(`${fiscalYearOfDate(todayInTokyo()) + 1}-03-31`);
  const end = useEndPost(props.post.postId, () =>
    props.onDone(`${props.post.title}を${formatWareki(until)}までとしました。`),
  );
  const errors = fieldErrors(end.error);
  return (
    <FormShell
      className="inline-form"
      label={`${props.post.title}の終了`}
      error={end.error}
      busy={end.isPending}
      submit="終了する"
      small
      onSubmit={() => end.mutate(until)}
      onCancel={props.onCancel}
    >
      <TextField label="最終日" type="date" value={until} onChange={setUntil} error={errors.until} required />
    </FormShell>
  );
}

/** A one-time link at which the person sets their own password (the administrator never learns it). */
function SetPasswordLink({ person }: { person: PersonView }) {
  const issue = useSetPasswordLink(person.loginId);
  return (
    <div className="panel">
      <h4>ログイン</h4>
      <p className="meta">本人がパスワードを設定するためのリンクを発行します（管理者はパスワードを知りません）。</p>
      <ErrorBanner error={issue.error} />
      <button
        type="button"
        className="button button-secondary"
        disabled={issue.isPending}
        onClick={() => issue.mutate()}
      >
        パスワード設定リンクを発行
      </button>
      {issue.data && (
        <div role="status" className="banner banner-info">
          <p>
            {person.name}さん（{issue.data.loginId}）に次のリンクを伝えてください（1回だけ使えます。有効期限
            {formatWarekiDateTime(issue.data.expiresAt)}）。
          </p>
          <p className="break">
            <a href={issue.data.url}>{issue.data.url}</a>
          </p>
        </div>
      )}
    </div>
  );
}

/**
 * ログインIDの変更 (an import registers heads as imported-head-…): recorded with its reason; the
 * person's sessions end and tokens issued under the old id are refused.
 */
function ChangeLoginIdForm({ person, onDone }: { person: PersonView; onDone: (text: string) => void }) {
  const [loginId, setLoginId] = useState('');
  const [reason, setReason] = useState('');
  const change = useChangeLoginId(person.personId, () => {
    onDone(`${person.name}さんのログインIDを ${person.loginId} から ${loginId.trim()} に変更しました。`);
    setLoginId('');
    setReason('');
  });
  const errors = fieldErrors(change.error);
  return (
    <FormShell
      className="panel form"
      title="ログインIDの変更"
      level={4}
      error={change.error}
      busy={change.isPending}
      submit="ログインIDを変更"
      onSubmit={() => change.mutate({ loginId: loginId.trim(), reason: reason.trim() })}
    >
      <p className="meta">
        変更すると、この方のログイン中のセッションは終了します。新しいIDでログインし直してください。
      </p>
      <div className="field-row">
        <TextField
          label="新しいログインID"
          hint="半角英数字と . _ @ -"
          value={loginId}
          onChange={setLoginId}
          error={errors.loginId}
          required
        />
        <TextField label="変更の理由" value={reason} onChange={setReason} error={errors.reason} required />
      </div>
    </FormShell>
  );
}

/** 重複の統合: this person was registered twice; their posts and history follow into the one kept. */
function MergePersonForm({ person, onDone }: { person: PersonView; onDone: (text: string) => void }) {
  const people = usePeople();
  const [into, setInto] = useState('');
  const [reason, setReason] = useState('');
  const others = (people.data ?? []).filter((p) => p.personId !== person.personId);
  const kept = others.find((p) => p.personId === into);
  const merge = useMergePerson(person.personId, () =>
    onDone(
      `${person.name}さん（${person.loginId}）を${kept?.name ?? ''}さん（${kept?.loginId ?? ''}）に統合しました。`,
    ),
  );
  const errors = fieldErrors(merge.error);
  return (
    <FormShell
      className="panel form"
      title="重複した職員の統合"
      level={4}
      error={merge.error}
      busy={merge.isPending}
      submit="統合する"
      onSubmit={() => merge.mutate({ intoPersonId: into, reason: reason.trim() })}
    >
      <p className="meta">
        同じ方が二重に登録されているとき、この方の職と履歴を残す方に移します。この方のログインIDは使えなくなります。
      </p>
      <div className="field-row">
        <Field label="残す職員" error={errors.intoPersonId} required>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              value={into}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setInto(e.target.value)}
            >
              <option value="">選択してください</option>
              {others
                .filter((p) => p.name === person.name)
                .concat(others.filter((p) => p.name !== person.name))
                .map((p) => (
                  <option key={p.personId} value={p.personId}>
                    {p.name}（{p.loginId}
                    {p.employeeNumber ? `・職員番号 ${p.employeeNumber}` : ''}）
                  </option>
                ))}
            </select>
          )}
        </Field>
        <TextField label="統合の理由" value={reason} onChange={setReason} error={errors.reason} required />
      </div>
    </FormShell>
  );
}

/** One person: their posts past, present and future; ending one; appointing to another. */
export function PersonPanel({ person, day }: { person: PersonView; day: string }) {
  const [ending, setEnding] = useState<string>();
  const [done, setDone] = useState<string>();
  const posts = [...person.posts].sort((a, b) => a.from.localeCompare(b.from));
  return (
    <section className="card" aria-labelledby="person-heading">
      <h3 id="person-heading" tabIndex={-1}>
        {person.name}
        <span className="meta">
          （ログインID {person.loginId}
          {person.employeeNumber ? `・職員番号 ${person.employeeNumber}` : ''}）
        </span>
      </h3>
      <Done text={done} />
      {posts.length === 0 ? (
        <p>職はまだありません。</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{person.name}さんの職</caption>
          <thead>
            <tr>
              <th scope="col">職</th>
              <th scope="col">開始日</th>
              <th scope="col">終了日</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {posts.map((p) => (
              <tr key={p.postId} className={heldOn(p, day) ? 'current' : undefined}>
                <th scope="row">
                  {p.title}
                  {heldOn(p, day) && <span className="badge badge-approved">在職</span>}
                </th>
                <td>{formatWareki(p.from)}</td>
                <td>{p.until ? formatWareki(p.until) : '—'}</td>
                <td>
                  {ending === p.postId ? (
                    <EndPostForm
                      post={p}
                      onDone={(text) => {
                        setEnding(undefined);
                        setDone(text);
                      }}
                      onCancel={() => setEnding(undefined)}
                    />
                  ) : (
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      aria-label={`${p.title}を終了`}
                      onClick={() => {
                        setDone(undefined);
                        setEnding(p.postId);
                      }}
                    >
                      終了
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AssignPostForm person={person} onDone={setDone} />
      <SetPasswordLink person={person} />
      <ChangeLoginIdForm person={person} onDone={setDone} />
      <MergePersonForm person={person} onDone={setDone} />
    </section>
  );
}
