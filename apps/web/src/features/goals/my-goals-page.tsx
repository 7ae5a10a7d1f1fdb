import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useDelegationsToMe } from '../../lib/acting-for';
import { useMe } from '../../lib/me';
import { deadlineDate, fiscalYearLabel, formatWareki } from '../../lib/wareki';
import { ErrorBanner } from '../../ui/forms';
import { StatusBadge } from '../../ui/status-badge';
import { decisionsText } from '../../ui/decisions';
import { useMyGoals } from './api';

/** 課長: the year's goals of my section(s), with their state, and what needs doing next. */
/** `children`: what other features add to the page (the 中間報告 form while a window is open). */
export function MyGoalsPage({ children }: { children?: ReactNode }) {
  const me = useMe();
  const goals = useMyGoals();
  const items = goals.data?.items ?? [];
  const years = [...new Set(items.map((g) => g.fiscalYear))].sort((a, b) => b - a);
  const delegations = useDelegationsToMe();
  const todo = items.filter((g) => g.status === 'returned' || g.status === 'draft' || g.status === 'approved');
  return (
    <>
      <div className="page-heading">
        <h1>{me.sections.join('・') || me.department?.name} の目標</h1>
        <Link className="button button-primary" to="/goals/new">
          目標を追加
        </Link>
      </div>
      <ErrorBanner error={goals.error} onRetry={() => void goals.refetch()} />
      {delegations.map((d) => (
        <p key={d.delegationId} className="banner banner-info">
          代決：{formatWareki(d.lastDay ?? d.until)}まで、{d.department}
          の部長に代わって{decisionsText(d.decisions)}ができます。
          <Link to="/sheets">整理表</Link>から目標を開いてください。
        </p>
      ))}
      {todo.length > 0 && (
        <section aria-labelledby="todo-heading" className="card">
          <h2 id="todo-heading">お知らせ（{todo.length}件）</h2>
          <ul className="reminders">
            {todo.map((g) => (
              <li key={g.goalId}>
                <Link to={`/goals/${g.goalId}`}>{g.title}</Link>：
                {g.status === 'returned'
                  ? `差し戻されました（理由：${g.lastReturnReason ?? ''}）`
                  : g.status === 'draft'
                    ? '下書きのままです。提出してください'
                    : `承認済です。${formatWareki(deadlineDate(g.fiscalYear, g.deadlineMonth))}までに実績を登録してください`}
              </li>
            ))}
          </ul>
        </section>
      )}
      {children}
      {goals.isPending && <p className="loading">読み込み中…</p>}
      {goals.isSuccess && items.length === 0 && <p>まだ目標がありません。「目標を追加」から作成してください。</p>}
      {years.map((year) => (
        <section key={year} aria-labelledby={`fy-${year}`}>
          <h2 id={`fy-${year}`}>{fiscalYearLabel(year)}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">番号</th>
                <th scope="col">実施項目</th>
                <th scope="col">共通/課名</th>
                <th scope="col">いつまで</th>
                <th scope="col">状態</th>
              </tr>
            </thead>
            <tbody>
              {items
                .filter((g) => g.fiscalYear === year)
                .sort((a, b) => (a.number ?? 999) - (b.number ?? 999))
                .map((g) => (
                  <tr key={g.goalId}>
                    <td className="num">{g.number ?? '—'}</td>
                    <td>
                      <Link to={`/goals/${g.goalId}`}>{g.title}</Link>
                    </td>
                    <td>{g.sections.join('・')}</td>
                    <td>{g.deadlineMonth}月</td>
                    <td>
                      <StatusBadge status={g.status} />
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
