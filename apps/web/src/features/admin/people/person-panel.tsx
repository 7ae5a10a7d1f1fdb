import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../../../api/client';
import { formatWareki, formatWarekiDateTime } from '../../../lib/wareki';
import { ErrorBanner } from '../../../ui/forms';
import { fiscalYearOf, heldOn, todayInTokyo, type PersonView, type PostView } from '../admin-data';
import { adminFieldErrors } from '../reasons';
import { Done, TextField } from '../ui';
import { AssignPostForm } from './assign-post-form';

/** 職の終了: the last day the post is held (by default 3月31日, the end of this fiscal year). */
function EndPostForm(props: { post: PostView; onDone: (text: string) => void; onCancel: () => void }) {
  const queryClient = useQueryClient();
  const [until, setUntil] = useState(`${fiscalYearOf(todayInTokyo()) + 1}-03-31`);
  const end = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/admin/posts/{postId}/end', {
          params: { path: { postId: props.post.postId } },
          body: { until },
        }),
      ),
    onSuccess: () => {
      props.onDone(`${props.post.title}を${formatWareki(until)}までとしました。`);
      void queryClient.invalidateQueries({ queryKey: ['people'] });
    },
  });
  const errors = adminFieldErrors(end.error);
  return (
    <form
      className="inline-form"
      aria-label={`${props.post.title}の終了`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        end.mutate();
      }}
    >
      <ErrorBanner error={end.error} />
      <TextField label="最終日" type="date" value={until} onChange={setUntil} error={errors.until} required />
      <div className="actions">
        <button type="submit" className="button button-primary button-small" disabled={end.isPending}>
          終了する
        </button>
        <button type="button" className="button button-secondary button-small" onClick={props.onCancel}>
          やめる
        </button>
      </div>
    </form>
  );
}

/** A one-time link at which the person sets their own password (the administrator never learns it). */
function SetPasswordLink({ person }: { person: PersonView }) {
  const issue = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/admin/accounts/{loginId}/set-password-link', {
          params: { path: { loginId: person.loginId } },
        }),
      ),
  });
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
    </section>
  );
}
