import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, read } from '../../api/client';
import type { DecisionItem } from '../../api/views';
import { formatWarekiDateTime } from '../../lib/wareki';
import { ErrorBanner } from '../../ui/forms';

const KIND_LABEL: Record<string, string> = {
  submission: '提出',
  amendment: '変更申請',
  achievement: '実績確認',
  review: '後閲',
};

/** 部長: what waits for a decision, oldest first, with counts by kind. */
export function InboxPage() {
  const inbox = useQuery({ queryKey: ['inbox'], queryFn: () => read(api.GET('/api/v1/inbox')) });
  const items = (inbox.data?.items ?? [])
    .filter((i): i is DecisionItem => i.kind === 'submission' || i.kind === 'amendment' || i.kind === 'achievement')
    .sort((a, b) => a.waitingSince.localeCompare(b.waitingSince));
  const counts = Object.keys(KIND_LABEL).map((k) => [k, items.filter((i) => i.kind === k).length] as const);
  return (
    <>
      <h1>受信箱</h1>
      <ErrorBanner error={inbox.error} onRetry={() => void inbox.refetch()} />
      <ul className="counts" aria-label="件数">
        {counts.map(([kind, n]) => (
          <li key={kind}>
            {KIND_LABEL[kind]} <strong>{n}</strong>件
          </li>
        ))}
      </ul>
      {inbox.isPending && <p className="loading">読み込み中…</p>}
      {inbox.isSuccess && items.length === 0 && <p>承認待ちのものはありません。</p>}
      {items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">種別</th>
              <th scope="col">実施項目</th>
              <th scope="col">共通/課名</th>
              <th scope="col">待っている日時</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={`${i.kind}-${i.goalId}`}>
                <td>{KIND_LABEL[i.kind] ?? i.kind}</td>
                <td>
                  <Link to={`/goals/${i.goalId}`}>{i.title}</Link>
                  {i.level ? `（${i.level}）` : ''}
                </td>
                <td>{i.sections.join('・')}</td>
                <td>{formatWarekiDateTime(i.waitingSince)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
