import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, getJson, ok } from '../../api/client';
import { formatWarekiDateTime } from '../../lib/wareki';
import { ErrorBanner, Field } from '../../ui/forms';

/** A one-time link at which a colleague sets their own password (the administrator never learns it). */
function SetPasswordLink() {
  const [loginId, setLoginId] = useState('');
  const issue = useMutation({
    mutationFn: (id: string) =>
      ok(api.POST('/api/v1/admin/accounts/{loginId}/set-password-link', { params: { path: { loginId: id } } })),
  });
  return (
    <section className="card" aria-labelledby="link-heading">
      <h2 id="link-heading">パスワード設定リンクの発行</h2>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (loginId.trim()) issue.mutate(loginId.trim());
        }}
      >
        <ErrorBanner error={issue.error} />
        <Field label="ユーザーID" required>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              value={loginId}
              autoComplete="off"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setLoginId(e.target.value)}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={issue.isPending || !loginId.trim()}>
            リンクを発行
          </button>
        </div>
      </form>
      {issue.data && (
        <div role="status">
          <p>
            {issue.data.loginId} さんに次のリンクを伝えてください（1回だけ使えます。有効期限
            {formatWarekiDateTime(issue.data.expiresAt)}）。
          </p>
          <p>
            <a href={issue.data.url}>{issue.data.url}</a>
          </p>
        </div>
      )}
    </section>
  );
}

interface FailedReminder {
  jobId: string;
  goalId?: string;
  kind?: string;
  failedReason?: string;
  attemptsMade?: number;
}

/** 管理者: reminders whose delivery failed, and trying them again. */
export default function AdminPage() {
  const queryClient = useQueryClient();
  const failed = useQuery({
    queryKey: ['failed-reminders'],
    queryFn: () => getJson<FailedReminder[] | { items: FailedReminder[] }>('/api/v1/admin/reminders/failed'),
  });
  const items = Array.isArray(failed.data) ? failed.data : (failed.data?.items ?? []);
  const retry = useMutation({
    mutationFn: (jobId?: string) => ok(api.POST('/api/v1/admin/reminders/retry', { body: jobId ? { jobId } : {} })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['failed-reminders'] }),
  });
  return (
    <>
      <h1>管理</h1>
      <section className="card" aria-labelledby="failed-heading">
        <h2 id="failed-heading">送信に失敗した督促</h2>
        <ErrorBanner error={failed.error ?? retry.error} onRetry={() => void failed.refetch()} />
        {failed.isSuccess && items.length === 0 && <p>送信に失敗した督促はありません。</p>}
        {items.length > 0 && (
          <>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">督促</th>
                  <th scope="col">理由</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.jobId}>
                    <td>{r.jobId}</td>
                    <td>{r.failedReason}</td>
                    <td>
                      <button type="button" className="button button-secondary" onClick={() => retry.mutate(r.jobId)}>
                        再送
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="button" className="button button-primary" onClick={() => retry.mutate(undefined)}>
              すべて再送
            </button>
          </>
        )}
      </section>
      <SetPasswordLink />
    </>
  );
}
