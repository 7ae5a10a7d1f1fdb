import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ok } from '../../../api/client';
import { formatWareki, formatWarekiDateTime } from '../../../lib/wareki';
import { ErrorBanner } from '../../../ui/forms';
import { Done, ScrollBox } from '../ui';

interface FailedReminder {
  jobId: string;
  goalId?: string;
  kind?: string;
  dueAt?: string;
  failedReason?: string;
  attemptsMade?: number;
  failedAt?: string;
  delivered?: string[];
  state?: 'failed' | 'unknown';
  unknown?: string[];
}

const KIND_LABEL: Record<string, string> = {
  deadlineApproaching: '期限が近い目標',
  deadlineOverdue: '期限を過ぎた目標',
  pendingApproval: '承認待ちの目標',
  yearEnd: '年度末の実績登録',
};

/** 送信できなかった通知: reminders whose delivery failed after every retry, and sending them again. */
export function RemindersPage() {
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string>();
  const failed = useQuery({
    queryKey: ['failed-reminders'],
    // The answer's items are described loosely in the OpenAPI document; their shape is the notifier's.
    queryFn: async () =>
      ((await ok(api.GET('/api/v1/admin/reminders/failed')))?.items ?? []) as unknown as FailedReminder[],
  });
  const retry = useMutation({
    mutationFn: async (jobId?: string) =>
      (await ok(api.POST('/api/v1/admin/reminders/retry', { body: jobId ? { jobId } : {} })))!,
    onSuccess: (answer) => {
      setDone(`${answer.retried}件をもう一度送信します。`);
      void queryClient.invalidateQueries({ queryKey: ['failed-reminders'] });
    },
  });
  const items = failed.data ?? [];
  return (
    <>
      <h2>送信できなかった通知</h2>
      <p className="meta">督促のメール等が、再試行しても送れなかったものです。原因を取り除いてから再送してください。</p>
      <ErrorBanner error={failed.error ?? retry.error} onRetry={() => void failed.refetch()} />
      <Done text={done} />
      {failed.isPending && <p className="loading">読み込み中…</p>}
      {failed.isSuccess && items.length === 0 && <p>送信できなかった通知はありません。</p>}
      {items.length > 0 && (
        <>
          <ScrollBox label="送信できなかった通知の一覧">
            <table className="table">
              <caption className="visually-hidden">送信できなかった通知（{items.length}件）</caption>
              <thead>
                <tr>
                  <th scope="col">通知</th>
                  <th scope="col">期日</th>
                  <th scope="col">失敗した日時</th>
                  <th scope="col">試行回数</th>
                  <th scope="col">理由</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.jobId}>
                    <th scope="row">
                      {KIND_LABEL[r.kind ?? ''] ?? r.kind ?? '通知'}
                      <div className="meta small">{r.jobId}</div>
                    </th>
                    <td>{r.dueAt ? formatWareki(r.dueAt.slice(0, 10)) : ''}</td>
                    <td>{formatWarekiDateTime(r.failedAt)}</td>
                    <td className="num">{r.attemptsMade ?? ''}</td>
                    <td>
                      {r.failedReason}
                      {r.state === 'unknown' && (
                        <p className="field-error">
                          {r.unknown?.join('、')}は届いたかどうか分かりません。受信者に確認してから再送してください。
                        </p>
                      )}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-label={`${KIND_LABEL[r.kind ?? ''] ?? '通知'}（${r.jobId}）を再送`}
                        disabled={retry.isPending}
                        onClick={() => retry.mutate(r.jobId)}
                      >
                        再送
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              disabled={retry.isPending}
              onClick={() => retry.mutate(undefined)}
            >
              すべて再送
            </button>
          </div>
        </>
      )}
    </>
  );
}
