import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useSheetTrail } from '../../api/queries';
import type { AuditEntry, GoalStatus, Sheet, SheetRow } from '../../api/views';
import { useMe } from '../../lib/me';
import { deadlineLabel, formatWarekiDateTime } from '../../lib/wareki';
import { ErrorBanner, retryOnNetwork } from '../../ui/forms';
import { SheetDownloads } from '../../ui/sheet-downloads';
import { StatusBadge } from '../../ui/status-badge';
import { eventSummary, titlesIn } from '../../ui/timeline';
import { useRenumber, useSheet } from './api';

/** The states a printed sheet shows by default: what the 部長 has approved (and its achievement after). */
const APPROVED: ReadonlySet<GoalStatus> = new Set<GoalStatus>(['approved', 'achievementRecorded', 'confirmed']);

/** The department's sheet as the paper shows it; live, or as it stood at a time or an event. */
export default function SheetPage() {
  const { sheetId = '' } = useParams();
  const [search] = useSearchParams();
  const me = useMe();
  const asOf = search.get('asOf') ?? undefined;
  const atPosition = search.get('atPosition') ?? undefined;
  const travel = asOf ? { asOf } : atPosition ? { atPosition } : undefined;
  const sheet = useSheet(sheetId, travel);
  // Print shows what is approved unless the person asks for every goal (each marked with its state).
  const [approvedOnly, setApprovedOnly] = useState(true);
  // At an event: name it as the audit page's picker does (the sheet's trail, shared with that page).
  const trail = useSheetTrail(sheetId, atPosition !== undefined);
  const [renumbering, setRenumbering] = useState<SheetRow[] | null>(null);
  if (sheet.isPending) return <p className="loading">読み込み中…</p>;
  if (sheet.isError) return <ErrorBanner error={sheet.error} onRetry={() => void sheet.refetch()} />;
  const s = sheet.data;
  const head = me.role === 'departmentHead' && me.department?.name === s.department && !travel;
  return (
    <>
      <div className="page-heading no-print">
        <h1>整理表</h1>
        <div className="actions">
          <label className="checkbox">
            <input type="checkbox" checked={approvedOnly} onChange={(e) => setApprovedOnly(e.target.checked)} />
            承認済のみ印刷
          </label>
          <button type="button" className="button button-secondary" onClick={() => window.print()}>
            印刷
          </button>
          {!travel && (
            <Link className="button button-secondary" to={`/sheets/${sheetId}/publications`}>
              公表
            </Link>
          )}
          {head && !renumbering && (
            <button type="button" className="button button-secondary" onClick={() => setRenumbering(s.rows)}>
              番号の振り直し
            </button>
          )}
        </div>
      </div>
      {travel && (
        <p className="banner banner-info no-print" role="status">
          {asOf
            ? `${formatWarekiDateTime(asOf)} 時点の整理表です。`
            : `${atEvent(trail.data?.items, atPosition)}の時点の整理表です。`}
          <Link to={`/sheets/${sheetId}`}>現在の整理表</Link>
        </p>
      )}
      <SheetDownloads sheetId={sheetId} className="downloads no-print" />
      {renumbering ? (
        <Renumber sheet={s} rows={renumbering} onRows={setRenumbering} />
      ) : (
        <PaperSheet sheet={s} approvedOnly={approvedOnly} />
      )}
    </>
  );
}

/** The event a time-travelled sheet stands at, in words once the trail has it (its position until then). */
function atEvent(entries: AuditEntry[] | undefined, position: string | undefined): string {
  const entry = entries?.find((e) => e.position === position);
  return entry ? eventSummary(entry, titlesIn(entries!)) : `イベント ${position ?? ''}`;
}

export function PaperSheet({ sheet, approvedOnly = false }: { sheet: Sheet; approvedOnly?: boolean }) {
  const hidden = approvedOnly ? sheet.rows.filter((r) => !APPROVED.has(r.status)).length : 0;
  // 中間報告 beside 達成状況, once a report reached the 部長: a sheet without one keeps the paper's columns.
  const withMidYear = sheet.rows.some((r) => r.midYear);
  return (
    <article className={`paper${approvedOnly ? ' print-approved-only' : ''}`} aria-labelledby="sheet-title">
      <header className="paper-header">
        <h2 id="sheet-title">
          {sheet.fiscalYearLabel} {sheet.department} 組織目標展開整理表
        </h2>
        <dl>
          <div>
            <dt>作成日</dt>
            <dd>{sheet.createdOnWareki}</dd>
          </div>
          <div>
            <dt>職名</dt>
            <dd>{sheet.headTitle}</dd>
          </div>
          <div>
            <dt>氏名</dt>
            <dd>{sheet.headName}</dd>
          </div>
        </dl>
      </header>
      <table className="sheet-table">
        <thead>
          <tr>
            <th scope="col">番号</th>
            <th scope="col">実施項目</th>
            <th scope="col">計画・方針等の分類</th>
            <th scope="col">どの水準まで</th>
            <th scope="col">どのような方法で</th>
            <th scope="col">いつまで</th>
            <th scope="col">共通/課名</th>
            <th scope="col">達成状況</th>
            {withMidYear && <th scope="col">中間報告</th>}
          </tr>
        </thead>
        <tbody>
          {sheet.rows.map((r) => (
            <tr key={r.goalId} className={APPROVED.has(r.status) ? undefined : 'not-approved'}>
              <td className="num">{r.number}</td>
              <td>
                <Link to={`/goals/${r.goalId}`}>{r.title}</Link>{' '}
                {/* Printed too: a draft or a goal waiting for the 部長 is never mistaken for an approved one. */}
                <StatusBadge status={r.status} pendingAmendment={r.pendingAmendment} />
                {/* 次年度への引継ぎ: where the goal came from, or where it went. */}
                {r.carriedFrom && <p className="note">前年度から引継ぎ（{r.carriedFrom.citation}）</p>}
                {r.carriedTo && <p className="note">次年度へ引継ぎ（{r.carriedTo.citation ?? '番号未定'}）</p>}
              </td>
              <td>{r.category}</td>
              <td className="pre-wrap">{r.targetLevel}</td>
              <td className="pre-wrap">{r.method}</td>
              <td>{deadlineLabel(r.deadline, r.deadlineMonth)}</td>
              <td>{r.sections.join('・')}</td>
              <td className="pre-wrap">{r.achievement ?? ''}</td>
              {withMidYear && (
                <td>
                  {r.midYear && (
                    <>
                      <strong>{r.midYear.progress}</strong>（{r.midYear.label ?? `第${r.midYear.window}回`}）
                      {r.midYear.comment && <p className="note">{r.midYear.comment}</p>}
                    </>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {sheet.achievementScale && <ScaleLegend sheet={sheet} scale={sheet.achievementScale} />}
      {hidden > 0 && (
        <p className="print-only print-note">
          承認されていない目標{hidden}件は印刷していません（画面の「承認済のみ印刷」）。
        </p>
      )}
    </article>
  );
}

/** The year's 達成度の区分 under the table, printed too: which levels count as achieved, which in no rate. */
function ScaleLegend({ sheet, scale }: { sheet: Sheet; scale: NonNullable<Sheet['achievementScale']> }) {
  return (
    <p className="note scale-legend">
      達成状況の区分（{sheet.fiscalYearLabel}）：{scale.achieved.join('・')}（達成）／{scale.unachieved.join('・')}
      （未達成）
      {scale.notAssessable && `／${scale.notAssessable}（達成率に数えない）`}
    </p>
  );
}

/** 番号の振り直し: move goals up or down, then save; approved goals keep their 番号 (the api says which). */
function Renumber(props: { sheet: Sheet; rows: SheetRow[]; onRows: (rows: SheetRow[] | null) => void }) {
  const { rows, onRows } = props;
  const save = useRenumber(props.sheet.sheetId, () => onRows(null));
  const move = (i: number, by: number) => {
    const next = [...rows];
    const [row] = next.splice(i, 1);
    next.splice(i + by, 0, row);
    onRows(next);
  };
  return (
    <section className="card" aria-labelledby="renumber-heading">
      <h2 id="renumber-heading">番号の振り直し</h2>
      <ErrorBanner error={save.error} onRetry={retryOnNetwork(save)} />
      <ol className="renumber">
        {rows.map((r, i) => (
          <li key={r.goalId}>
            <span>
              新{i + 1}（現{r.number}）{r.title}
            </span>
            <button
              type="button"
              className="button button-text"
              disabled={i === 0}
              onClick={() => move(i, -1)}
              aria-label={`${r.title}を上へ`}
            >
              上へ
            </button>
            <button
              type="button"
              className="button button-text"
              disabled={i === rows.length - 1}
              onClick={() => move(i, 1)}
              aria-label={`${r.title}を下へ`}
            >
              下へ
            </button>
          </li>
        ))}
      </ol>
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => save.mutate(rows.map((r) => r.goalId))}
          disabled={save.isPending}
        >
          この順番で保存
        </button>
        <button type="button" className="button button-secondary" onClick={() => onRows(null)}>
          やめる
        </button>
      </div>
    </section>
  );
}
