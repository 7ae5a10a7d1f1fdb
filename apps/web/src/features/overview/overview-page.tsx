import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { fiscalYearLabel } from '../../lib/wareki';
import { ErrorBanner } from '../../ui/forms';
import { AchievementBars, ChartFigure, CycleProgress, percent, RateOverYears } from './charts';
import {
  overviewFileUrl,
  useOverview,
  useGoalsBehind,
  useOverviewYears,
  type OverviewData,
  type OverviewFilters,
  type OverviewRow,
  type OverviewSortKey,
} from './api';
import './overview.css';

const SORTS: Array<[OverviewSortKey, string]> = [
  ['department', '部の順'],
  ['goals', '目標数'],
  ['notSubmitted', '未提出'],
  ['waitingDecision', '決裁待ち'],
  ['oldestPendingDays', '最も古い決裁待ち'],
  ['achievementRate', '達成率'],
];

function thisFiscalYear(): number {
  const [year, month] = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 7).split('-').map(Number);
  return month >= 4 ? year : year - 1;
}

/** The filters live in the address, so a view can be bookmarked, shared and reloaded. */
function useFilters(): [OverviewFilters, (change: Partial<OverviewFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters: OverviewFilters = {
    fiscalYear: Number(params.get('fiscalYear')) || thisFiscalYear(),
    department: params.get('department') ?? undefined,
    category: params.get('category') ?? undefined,
    section: params.get('section') ?? undefined,
    sort: (params.get('sort') as OverviewSortKey | null) ?? undefined,
    order: (params.get('order') as 'asc' | 'desc' | null) ?? undefined,
  };
  const set = (change: Partial<OverviewFilters>) => {
    const next = { ...filters, ...change };
    const entries = Object.entries(next).filter(
      (e): e is [string, string | number] => e[1] !== undefined && e[1] !== '',
    );
    setParams(new URLSearchParams(entries.map(([k, v]) => [k, String(v)])), { replace: true });
  };
  return [filters, set];
}

interface Opened {
  title: string;
  /** The figure's link to its goals. */
  goals: string;
}

/** 企画担当 and 監査: every department's state for a fiscal year, with charts, files and the goals behind each figure. */
export default function OverviewPage() {
  const [filters, setFilters] = useFilters();
  const overview = useOverview(filters);
  // The years (five overviews on the server) are asked for once the year's table is drawn, not beside it.
  const years = useOverviewYears(filters.fiscalYear, filters.category, overview.isSuccess);
  const [opened, setOpened] = useState<Opened | null>(null);
  const data = overview.data;
  // On paper every chart has its table beside it: nobody can open a <details> on a printed page.
  useEffect(() => {
    const openTables = () =>
      document.querySelectorAll<HTMLDetailsElement>('.chart-table').forEach((d) => (d.open = true));
    window.addEventListener('beforeprint', openTables);
    return () => window.removeEventListener('beforeprint', openTables);
  }, []);
  const yearChoices = Array.from({ length: 8 }, (_, i) => thisFiscalYear() + 1 - i);
  const sections = data
    ? [
        ...new Set(
          data.departments
            .filter((d) => !filters.department || d.name === filters.department)
            .flatMap((d) => d.sections),
        ),
      ]
    : [];
  return (
    <>
      <h1>全庁の状況</h1>
      <form className="overview-filters card" role="search" aria-label="絞り込み" onSubmit={(e) => e.preventDefault()}>
        <div className="overview-filter">
          <label htmlFor="overview-year">年度</label>
          <select
            id="overview-year"
            value={filters.fiscalYear}
            onChange={(e) => setFilters({ fiscalYear: Number(e.target.value) })}
          >
            {yearChoices.map((y) => (
              <option key={y} value={y}>
                {fiscalYearLabel(y)}
              </option>
            ))}
          </select>
        </div>
        <div className="overview-filter">
          <label htmlFor="overview-department">部</label>
          <select
            id="overview-department"
            value={filters.department ?? ''}
            onChange={(e) => setFilters({ department: e.target.value || undefined, section: undefined })}
          >
            <option value="">すべての部</option>
            {data?.departments.map((d) => (
              <option key={d.departmentId} value={d.name}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div className="overview-filter">
          <label htmlFor="overview-category">計画・方針等の分類</label>
          <select
            id="overview-category"
            value={filters.category ?? ''}
            onChange={(e) => setFilters({ category: e.target.value || undefined })}
          >
            <option value="">すべての分類</option>
            {data?.categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="overview-filter">
          <label htmlFor="overview-section">課</label>
          <select
            id="overview-section"
            value={filters.section ?? ''}
            onChange={(e) => setFilters({ section: e.target.value || undefined })}
          >
            <option value="">すべての課</option>
            <option value="共通">共通</option>
            {sections.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="overview-filter">
          <label htmlFor="overview-sort">並べ替え</label>
          <select
            id="overview-sort"
            value={filters.sort ?? 'department'}
            onChange={(e) => setFilters({ sort: e.target.value as OverviewSortKey })}
          >
            {SORTS.map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="overview-filter">
          <label htmlFor="overview-order">順</label>
          <select
            id="overview-order"
            value={filters.order ?? 'asc'}
            onChange={(e) => setFilters({ order: e.target.value as 'asc' | 'desc' })}
          >
            <option value="asc">少ない順</option>
            <option value="desc">多い順</option>
          </select>
        </div>
      </form>
      <ErrorBanner error={overview.error} onRetry={() => void overview.refetch()} />
      {overview.isPending && <p className="loading">読み込み中…</p>}
      {data && (
        <>
          <p className="overview-asof" aria-live="polite">
            {data.fiscalYearLabel}（{data.todayWareki}現在） 目標 {data.total.goals.count}件・達成率{' '}
            {percent(data.total.achievementRate)}
            {overview.isPlaceholderData && '（更新中…）'}
          </p>
          <p className="overview-downloads">
            <a href={overviewFileUrl(filters, 'xlsx')} download>
              Excel（XLSX）でダウンロード
            </a>
            <a href={overviewFileUrl(filters, 'csv')} download>
              CSV でダウンロード
            </a>
          </p>
          <StatusTable data={data} onOpen={setOpened} />
          {opened && <GoalsBehind data={data} opened={opened} onClose={() => setOpened(null)} />}
          <h2>グラフ</h2>
          <Charts data={data} years={years.data} />
        </>
      )}
    </>
  );
}

/** A count that opens the goals behind it; a plain 0 when there are none. */
function FigureButton(props: { count: number; goals: string; title: string; onOpen: (o: Opened) => void }) {
  if (props.count === 0) return <>0</>;
  return (
    <button
      type="button"
      className="figure-button"
      aria-label={`${props.title} ${props.count}件の目標を表示`}
      onClick={() => props.onOpen({ title: props.title, goals: props.goals })}
    >
      {props.count}
    </button>
  );
}

function StatusTable({ data, onOpen }: { data: OverviewData; onOpen: (o: Opened) => void }) {
  const line = (r: OverviewRow, total = false) => (
    <tr key={r.departmentId || 'total'} className={total ? 'overview-total' : undefined}>
      <th scope="row">{r.department}</th>
      <td>
        <FigureButton {...r.goals} title={`${r.department} 目標`} onOpen={onOpen} />
      </td>
      {data.statuses.map((s) => {
        const f = r.byStatus[s.status as keyof typeof r.byStatus];
        return (
          <td key={s.status}>
            <FigureButton {...f} title={`${r.department} ${s.label}`} onOpen={onOpen} />
          </td>
        );
      })}
      <td>{r.oldestPending ? `${r.oldestPending.days}日` : '—'}</td>
      <td>
        <FigureButton {...r.achieved} title={`${r.department} 達成`} onOpen={onOpen} />
      </td>
      <td>{percent(r.achievementRate)}</td>
    </tr>
  );
  return (
    <section aria-labelledby="status-heading">
      <h2 id="status-heading">部別の状況</h2>
      <div className="table-scroll">
        <table className="table overview-table">
          <thead>
            <tr>
              <th scope="col">部</th>
              <th scope="col">目標数</th>
              {data.statuses.map((s) => (
                <th key={s.status} scope="col">
                  {s.label}
                </th>
              ))}
              <th scope="col">最も古い決裁待ち</th>
              <th scope="col">達成</th>
              <th scope="col">達成率</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => line(r))}
            {line(data.total, true)}
          </tbody>
        </table>
      </div>
      <p className="hint">
        達成率は、{data.fiscalYearLabel}の達成度の区分で達成状況が登録された目標のうち、上位{data.achievedLevels}段階（
        {data.achievementScale.slice(0, data.achievedLevels).join('・')}
        ）の割合です。
        {data.notCounted.length > 0 && `${data.notCounted.join('・')}は達成率に数えません。`}
        数字を押すと、その目標の一覧を開きます。
      </p>
    </section>
  );
}

function GoalsBehind({ data, opened, onClose }: { data: OverviewData; opened: Opened; onClose: () => void }) {
  const behind = useGoalsBehind(opened.goals);
  const goals = behind.data?.goals ?? [];
  const label = Object.fromEntries(data.statuses.map((s) => [s.status, s.label]));
  return (
    <section className="card goals-behind" aria-labelledby="goals-behind-heading">
      <h2 id="goals-behind-heading" tabIndex={-1} ref={(h) => h?.focus()}>
        {opened.title}の目標{behind.data ? `（${behind.data.count}件）` : ''}
      </h2>
      <ErrorBanner error={behind.error} onRetry={() => void behind.refetch()} />
      {behind.isPending && <p className="loading">読み込み中…</p>}
      <ul>
        {goals.map((g) => (
          <li key={g.goalId}>
            <Link to={`/goals/${g.goalId}`}>{g.title}</Link> {g.department} {g.number ? `${g.number}番` : ''}・
            {g.sections.join('、')}・{label[g.status]}
            {g.achievement ? `・${g.achievement}` : ''}
          </li>
        ))}
      </ul>
      <button type="button" className="button button-secondary" onClick={onClose}>
        閉じる
      </button>
    </section>
  );
}

function Charts({ data, years }: { data: OverviewData; years: ReturnType<typeof useOverviewYears>['data'] }) {
  const scale = data.achievementScale;
  const bars = data.rows.map((r) => ({
    department: r.department,
    counts: scale.map((l) => r.achievement.find((a) => a.level === l)?.figure.count ?? 0),
  }));
  const best = [...data.rows]
    .filter((r) => r.achievementRate !== null)
    .sort((a, b) => b.achievementRate! - a.achievementRate!);
  const t = data.total;
  const inForce = t.byStatus.approved.count + t.byStatus.achievementRecorded.count + t.byStatus.confirmed.count;
  const phases = [
    { name: '目標設定', months: [4, 5] as [number, number], done: inForce, of: t.goals.count },
    ...(data.progressLevels && t.progress
      ? [
          {
            name: '中間報告',
            months: [9, 10] as [number, number],
            done: inForce - t.progress.notReported.count,
            of: inForce,
          },
        ]
      : []),
    { name: '期末評価', months: [2, 3] as [number, number], done: t.rated.count, of: inForce },
  ];
  const points = (years?.city ?? []).map((c, i) => ({ label: years!.fiscalYearLabels[i], rate: c.achievementRate }));
  return (
    <div className="charts">
      <ChartFigure
        id="chart-achievement"
        title={`部別の達成状況（${data.fiscalYearLabel}）`}
        summary={
          t.rated.count === 0
            ? `${data.fiscalYearLabel}は、まだ達成状況が登録された目標がありません。`
            : `達成状況が登録された目標は全庁で${t.rated.count}件、達成率は${percent(t.achievementRate)}です。` +
              (best.length
                ? `達成率が最も高いのは${best[0].department}（${percent(best[0].achievementRate)}）です。`
                : '')
        }
        tableCaption="部別の達成状況の表"
        table={
          <table className="table">
            <thead>
              <tr>
                <th scope="col">部</th>
                {scale.map((l) => (
                  <th key={l} scope="col">
                    {l}
                  </th>
                ))}
                <th scope="col">達成率</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r, i) => (
                <tr key={r.departmentId}>
                  <th scope="row">{r.department}</th>
                  {bars[i].counts.map((n, j) => (
                    <td key={j}>{n}</td>
                  ))}
                  <td>{percent(r.achievementRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      >
        <AchievementBars id="chart-achievement" scale={scale} rows={bars} />
      </ChartFigure>
      <ChartFigure
        id="chart-rate"
        title="全庁の達成率の推移"
        summary={
          points.length === 0
            ? '比べられる年度がまだありません。'
            : points.map((p) => `${p.label} ${percent(p.rate)}`).join('、') + '。'
        }
        tableCaption="全庁の達成率の推移の表"
        table={
          <table className="table">
            <thead>
              <tr>
                <th scope="col">年度</th>
                <th scope="col">目標数</th>
                <th scope="col">評価済</th>
                <th scope="col">達成</th>
                <th scope="col">達成率</th>
                <th scope="col">達成とした区分</th>
              </tr>
            </thead>
            <tbody>
              {(years?.city ?? []).map((c, i) => (
                <tr key={c.fiscalYear}>
                  <th scope="row">{years!.fiscalYearLabels[i]}</th>
                  <td>{c.goals}</td>
                  <td>{c.rated}</td>
                  <td>{c.achieved}</td>
                  <td>{percent(c.achievementRate)}</td>
                  {/* Years rated on different scales side by side: each says what it counted as achieved. */}
                  <td>
                    {years!.scales[i]?.achieved.join('・')}
                    {years!.scales[i]?.notAssessable && `（${years!.scales[i].notAssessable}は除く）`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      >
        <RateOverYears id="chart-rate" points={points} />
      </ChartFigure>
      <ChartFigure
        id="chart-cycle"
        title={`年間の進み具合（${data.todayWareki}現在）`}
        summary={phases
          .map((p) => `${p.name}（${p.months[0]}〜${p.months[1]}月）は${p.of}件中${p.done}件`)
          .join('、')
          .concat('が済んでいます。')}
        tableCaption="年間の進み具合の表"
        table={
          <table className="table">
            <thead>
              <tr>
                <th scope="col">段階</th>
                <th scope="col">時期</th>
                <th scope="col">対象</th>
                <th scope="col">済</th>
                <th scope="col">割合</th>
              </tr>
            </thead>
            <tbody>
              {phases.map((p) => (
                <tr key={p.name}>
                  <th scope="row">{p.name}</th>
                  <td>
                    {p.months[0]}〜{p.months[1]}月
                  </td>
                  <td>{p.of}</td>
                  <td>{p.done}</td>
                  <td>{percent(p.of ? p.done / p.of : null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      >
        <CycleProgress id="chart-cycle" phases={phases} today={data.today} fiscalYear={data.fiscalYear} />
      </ChartFigure>
      {years && years.lines.length > 0 && <YearsTable years={years} />}
    </div>
  );
}

/** Years side by side, each 部 along its lineage: a renamed or merged 部's years in one row. */
function YearsTable({ years }: { years: NonNullable<ReturnType<typeof useOverviewYears>['data']> }) {
  return (
    <section aria-labelledby="years-heading">
      <h2 id="years-heading">年度比較（部の変遷をたどって）</h2>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">部</th>
              {years.fiscalYearLabels.map((l) => (
                <th key={l} scope="col">
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {years.lines.map((line) => (
              <tr key={line.lineId}>
                <th scope="row">{line.name}</th>
                {years.fiscalYears.map((fy) => {
                  const y = line.years.find((x) => x.fiscalYear === fy);
                  return (
                    <td key={fy}>
                      {y ? (
                        <>
                          {percent(y.achievementRate)}（{y.goals}件）
                          {y.departments.map((d) => d.name).join('・') !== line.name && (
                            <span className="hint"> {y.departments.map((d) => d.name).join('・')}</span>
                          )}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
