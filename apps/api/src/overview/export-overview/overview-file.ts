/**
 * 全庁の状況 as files: XLSX with one worksheet per view (numbers stored as numbers, the rate as a
 * number formatted as a percentage, so Excel can sum and chart them) and CSV (UTF-8 with a BOM, which
 * Excel needs to read Japanese) of the main table.
 */
import ExcelJS from 'exceljs';
import { fiscalYearLabel, GOAL_STATUS_LABELS, GOAL_STATUSES } from '@goals/domain';
import { OverviewGoalView, OverviewRowView, OverviewView } from '../overview.view';
import type { OverviewYearsView } from '../overview-source.service';

type Cell = string | number | null;

function mainTable(view: OverviewView): { header: string[]; rows: Cell[][] } {
  const header = [
    '部',
    '目標数',
    ...GOAL_STATUSES.map((s) => GOAL_STATUS_LABELS[s]),
    '未提出',
    '決裁待ち',
    '最も古い決裁待ち（日）',
    ...view.achievementScale,
    ...view.notCounted,
    '評価済',
    '達成',
    '達成率',
  ];
  const line = (r: OverviewRowView): Cell[] => [
    r.department,
    r.goals.count,
    ...GOAL_STATUSES.map((s) => r.byStatus[s].count),
    r.notSubmitted.count,
    r.waitingDecision.count,
    r.oldestPending?.days ?? null,
    ...[...view.achievementScale, ...view.notCounted].map(
      (l) => r.achievement.find((a) => a.level === l)?.figure.count ?? 0,
    ),
    r.rated.count,
    r.achieved.count,
    r.achievementRate,
  ];
  return { header, rows: [...view.rows.map(line), line(view.total)] };
}

/** A text cell Excel would run as a formula (=, +, -, @) is kept as text. */
function neutral(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function toOverviewCsv(view: OverviewView): Buffer {
  const { header, rows } = mainTable(view);
  const cell = (v: Cell, i: number): string => {
    if (v === null) return '';
    // 達成率 as a percentage with one decimal, the way the city publishes it.
    if (typeof v === 'number') return i === header.length - 1 ? (v * 100).toFixed(1) : String(v);
    const text = neutral(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [
    header.map((h, i) => (i === header.length - 1 ? '達成率（%）' : h)).join(','),
    ...rows.map((r) => r.map(cell).join(',')),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function toOverviewXlsx(
  view: OverviewView,
  goals: OverviewGoalView[],
  years: Pick<OverviewYearsView, 'fiscalYears' | 'lines' | 'city'>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '組織目標展開整理表';
  const title = `${view.fiscalYearLabel} 全庁の状況（${view.todayWareki}現在）`;
  const sheet = (name: string, header: string[], rows: Cell[][], percentColumns: number[] = []) => {
    const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2, xSplit: 1 }] });
    ws.addRow([title]).font = { bold: true };
    const head = ws.addRow(header);
    head.font = { bold: true };
    for (const r of rows) ws.addRow(r.map((v) => (typeof v === 'string' ? neutral(v) : v)));
    for (const c of percentColumns) ws.getColumn(c).numFmt = '0.0%';
    ws.getColumn(1).width = 24;
    return ws;
  };
  const { header, rows } = mainTable(view);
  sheet('部別の状況', header, rows, [header.length]);
  const progress = view.progressLevels;
  if (progress) {
    const line = (r: OverviewRowView): Cell[] => [
      r.department,
      ...progress.map((l) => r.progress?.byLevel.find((b) => b.level === l)?.figure.count ?? 0),
      r.progress?.notReported.count ?? 0,
      (r.progress?.sectionsNotReported ?? []).map((s) => s.name).join('、'),
    ];
    sheet('中間報告', ['部', ...progress, '未報告', '未報告の課'], [...view.rows.map(line), line(view.total)]);
  }
  const yearHeader = [
    '部',
    ...years.fiscalYears.flatMap((fy) => [`${fiscalYearLabel(fy)} 目標数`, `${fiscalYearLabel(fy)} 達成率`]),
  ];
  const yearRows: Cell[][] = years.lines.map((l) => [
    l.name,
    ...years.fiscalYears.flatMap((fy) => {
      const y = l.years.find((x) => x.fiscalYear === fy);
      return [y?.goals ?? null, y?.achievementRate ?? null];
    }),
  ]);
  yearRows.push(['全庁', ...years.city.flatMap((c) => [c.goals, c.achievementRate])]);
  sheet(
    '年度比較',
    yearHeader,
    yearRows,
    years.fiscalYears.map((_, i) => 3 + 2 * i),
  );
  sheet(
    '目標一覧',
    ['部', '番号', '実施項目', '計画・方針等の分類', '共通/課名', '状況', '達成状況'],
    goals.map((g) => [
      g.department,
      g.number,
      g.title,
      g.category,
      g.sections.join('、'),
      GOAL_STATUS_LABELS[g.status],
      g.achievement,
    ]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
