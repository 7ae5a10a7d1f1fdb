import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, getJson, ok } from '../../api/client';
import { ErrorBanner } from '../../ui/forms';

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
  const failed = useQuery({ queryKey: ['failed-reminders'], queryFn: () => getJson<FailedReminder[] | { items: FailedReminder[] }>('/api/v1/admin/reminders/failed') });
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
    </>
  );
}
