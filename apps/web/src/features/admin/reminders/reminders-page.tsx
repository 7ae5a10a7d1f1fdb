import { useState } from 'react';
import { ApiError } from '../../../api/client';
import { formatWareki, formatWarekiDateTime } from '../../../lib/wareki';
import { ErrorBanner } from '../../../ui/forms';
import { useFailedReminders, useRetryReminders } from '../api';
import { Done, ScrollBox } from '../../../ui/fields';

const KIND_LABEL: Record<string, string> = {
  deadlineApproaching: '期限が近い目標',
  deadlineOverdue: '期限を過ぎた目標',
  pendingApproval: '承認待ちの目標',
  yearEnd: '年度末の実績登録',
};

/** 送信できなかった通知: reminders whose delivery failed after every retry, and sending them again. */
export function RemindersPage() {
  const [done, setDone] = useState<string>();
  const failed = useFailedReminders();
  const retry = useRetryReminders((retried) => setDone(`${retried}件をもう一度送信します。`));
  const items = failed.data ?? [];
  // The api answers 409 when reminders are sent by the worker process, not by this one.
  const inWorker = failed.error instanceof ApiError && failed.error.problem.status === 409;
  return (
    <>
      <h2>送信できなかった通知</h2>
      <p className="meta">督促のメール等が、再試行しても送れなかったものです。原因を取り除いてから再送してください。</p>
      {inWorker ? (
        <div className="banner banner-warning" role="status">
          <p>このサーバーは通知を送っていません（workerプロセスが送っています）。そのため、ここには表示できません。</p>
        </div>
      ) : (
        <ErrorBanner error={failed.error ?? retry.error} onRetry={() => void failed.refetch()} />
      )}
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
