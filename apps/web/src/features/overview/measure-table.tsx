import type { ReactNode } from 'react';
import { ErrorBanner } from '../../ui/forms';
import { overviewFileUrl, useOverviewMeasures, type OverviewFilters, type OverviewMeasures } from './api';
import { percent } from './charts';
import { FigureButton, type Opened } from './figure-button';

type Row = OverviewMeasures['total'];

/**
 * 施策別: the same figures by the city's 総合計画 — each 施策 with the goals naming it, each 政策 and
 * 基本目標 with those of every 施策 below it — shown only where the city has loaded a plan for the year.
 */
export function MeasureTable({ filters, onOpen }: { filters: OverviewFilters; onOpen: (o: Opened) => void }) {
  const measures = useOverviewMeasures(filters);
  if (measures.isError) return <ErrorBanner error={measures.error} onRetry={() => void measures.refetch()} />;
  const data = measures.data;
  if (!data?.plan) return null;
  const line = (key: string, head: ReactNode, name: string, r: Row, className?: string) => (
    <tr key={key} className={className}>
      {head}
      <td>
        <FigureButton {...r.goals} title={`${name} 目標`} onOpen={onOpen} />
      </td>
      {data.statuses.map((s) => (
        <td key={s.status}>
          <FigureButton
            {...r.byStatus[s.status as keyof Row['byStatus']]}
            title={`${name} ${s.label}`}
            onOpen={onOpen}
          />
        </td>
      ))}
      {[...data.achievementScale, ...data.notCounted].map((level) => {
        const f = r.achievement.find((a) => a.level === level)?.figure;
        return <td key={level}>{f ? <FigureButton {...f} title={`${name} ${level}`} onOpen={onOpen} /> : 0}</td>;
      })}
      <td>{percent(r.achievementRate)}</td>
    </tr>
  );
  return (
    <section aria-labelledby="measure-heading">
      <h2 id="measure-heading">施策別の状況（{data.plan.title ?? '総合計画'}）</h2>
      <p className="overview-downloads">
        <a href={`${overviewFileUrl(filters, 'csv')}&view=measures`} download>
          施策別を CSV でダウンロード
        </a>
      </p>
      <div className="table-scroll">
        <table className="table overview-table measure-table">
          <thead>
            <tr>
              <th scope="col">施策</th>
              <th scope="col">目標数</th>
              {data.statuses.map((s) => (
                <th key={s.status} scope="col">
                  {s.label}
                </th>
              ))}
              {[...data.achievementScale, ...data.notCounted].map((level) => (
                <th key={level} scope="col">
                  {level}
                </th>
              ))}
              <th scope="col">達成率</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) =>
              line(
                r.measureId,
                <th scope="row" className={`measure-depth-${Math.min(r.depth, 3)}`}>
                  <span className="measure-level">{r.level}</span> {r.measureId} {r.name}
                </th>,
                r.name,
                r.figures,
                r.depth === 0 ? 'measure-top' : undefined,
              ),
            )}
            {line('unlinked', <th scope="row">施策の指定なし</th>, '施策の指定なし', data.unlinked)}
            {line('total', <th scope="row">全庁</th>, '全庁', data.total, 'overview-total')}
          </tbody>
        </table>
      </div>
      <p className="hint">
        政策・基本目標の行は、その下のすべての施策の目標を合わせた数です。{data.plan.validFromWareki}
        から適用の版によります。
      </p>
    </section>
  );
}
