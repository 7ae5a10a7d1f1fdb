import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { DecisionItem, InboxItem, ReviewItem } from '../../api/views';
import { formatWarekiDateTime } from '../../lib/wareki';
import { ErrorBanner, retryOnNetwork } from '../../ui/forms';
import { EVENT_LABEL, personLabel } from '../../ui/labels';
import { useAcknowledgeReview, useInbox } from './api';

const KIND_LABEL = {
  submission: '提出',
  amendment: '変更申請',
  achievement: '実績確認',
  review: '後閲',
} as const;

const isDecision = (i: InboxItem): i is DecisionItem =>
  i.kind === 'submission' || i.kind === 'amendment' || i.kind === 'achievement';
const isReview = (i: InboxItem): i is ReviewItem => i.kind === 'review';
const oldestFirst = (a: { waitingSince: string }, b: { waitingSince: string }) =>
  a.waitingSince.localeCompare(b.waitingSince);

/** 部長: what waits for a decision, and what a delegate decided in their stead (後閲), oldest first, with counts by kind. */
/** `children`: what other features add below the decisions (the year's 中間報告 and close). */
export function InboxPage({ children }: { children?: ReactNode }) {
  const inbox = useInbox();
  const all = inbox.data?.items ?? [];
  const decisions = all.filter(isDecision).sort(oldestFirst);
  const reviews = all.filter(isReview).sort(oldestFirst);
  const counts = (Object.keys(KIND_LABEL) as Array<keyof typeof KIND_LABEL>).map(
    (kind) => [kind, all.filter((i) => i.kind === kind).length] as const,
  );
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
      <section aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">決裁待ち</h2>
        {inbox.isSuccess && decisions.length === 0 && <p>承認待ちのものはありません。</p>}
        {decisions.length > 0 && (
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
              {decisions.map((i) => (
                <tr key={`${i.kind}-${i.goalId}`}>
                  <td>{KIND_LABEL[i.kind]}</td>
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
      </section>
      {reviews.length > 0 && <Reviews reviews={reviews} />}
      {children}
    </>
  );
}

/** 後閲: each decision a delegate took by 代決 — who, for whom, what, when — until the 部長 has read it. */
function Reviews({ reviews }: { reviews: ReviewItem[] }) {
  const acknowledge = useAcknowledgeReview();
  return (
    <section aria-labelledby="reviews-heading">
      <h2 id="reviews-heading">後閲（代決された案件）</h2>
      <p className="hint">不在の間に代決者が決定した内容です。確認すると受信箱から消えます。</p>
      <ErrorBanner error={acknowledge.error} onRetry={retryOnNetwork(acknowledge)} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">代決の内容</th>
            <th scope="col">代決者</th>
            <th scope="col">誰に代わって</th>
            <th scope="col">日時</th>
            <th scope="col">
              <span className="visually-hidden">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {reviews.map((r) => (
            <tr key={r.reviewId}>
              <td>
                <strong>{EVENT_LABEL[r.decision] ?? r.decision}</strong>：
                <Link to={`/goals/${r.goalId}`}>{r.title}</Link>
                {r.comment && <p className="note pre-wrap">コメント：{r.comment}</p>}
                {r.reason && <p className="note pre-wrap">理由：{r.reason}</p>}
              </td>
              <td>{personLabel(r.decidedByName, r.decidedByPost)}</td>
              <td>{personLabel(r.onBehalfOfName, r.onBehalfOfPost)}</td>
              <td>{formatWarekiDateTime(r.waitingSince)}</td>
              <td>
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={`確認しました：${r.title}（${EVENT_LABEL[r.decision] ?? r.decision}）`}
                  disabled={acknowledge.isPending && acknowledge.variables === r.reviewId}
                  onClick={() => acknowledge.mutate(r.reviewId)}
                >
                  確認しました
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
