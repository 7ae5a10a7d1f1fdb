/** 全庁の状況 as the api answers it: the figures, the vocabularies to filter by, and the goals behind the figures. */
import {
  CountedStatus,
  departmentsIn,
  fiscalYearLabel,
  formatWareki,
  GOAL_STATUS_LABELS,
  GOAL_STATUSES,
  Figure,
  Overview,
  OverviewRow,
  OrganisationState,
} from '@goals/domain';

export interface OverviewGoalView {
  goalId: string;
  sheetId: string;
  number: number | null;
  title: string;
  department: string;
  category: string;
  sections: string[];
  status: CountedStatus;
  achievement: string | null;
}

/** A count, and where to read the goals it counts (GET /api/v1/overview/goals with the same filters). */
export interface FigureView {
  count: number;
  goals: string;
}
type Viewed<T> = T extends { count: number; goalIds: string[] }
  ? FigureView
  : T extends (infer U)[]
    ? Viewed<U>[]
    : T extends object
      ? { [K in keyof T]: Viewed<T[K]> }
      : T;
export type OverviewRowView = Viewed<OverviewRow>;

export type OverviewView = Omit<Overview, 'rows' | 'total'> & {
  fiscalYearLabel: string;
  todayWareki: string;
  statuses: { status: CountedStatus; label: string }[];
  /** What the screen offers to filter by: the year's departments with their sections, the categories. */
  departments: { departmentId: string; name: string; sections: string[] }[];
  categories: readonly string[];
  rows: OverviewRowView[];
  total: OverviewRowView;
};

/** The figures of a row by the name a link gives them: goals, byStatus.draft, achievement.ほぼ達成した, progress.順調 … */
export function figureAt(row: OverviewRow, path: string): Figure | undefined {
  const [head, ...rest] = path.split('.');
  const tail = rest.join('.');
  switch (head) {
    case 'goals':
    case 'notSubmitted':
    case 'waitingDecision':
    case 'rated':
    case 'achieved':
      return tail ? undefined : row[head];
    case 'byStatus':
      return GOAL_STATUSES.includes(tail as CountedStatus) ? row.byStatus[tail as CountedStatus] : undefined;
    case 'achievement':
      return row.achievement.find((a) => a.level === tail)?.figure;
    case 'progress':
      return row.progress?.byLevel.find((a) => a.level === tail)?.figure;
    case 'notReported':
      return tail ? undefined : row.progress?.notReported;
  }
  return undefined;
}

function rowView(row: OverviewRow, link: (departmentId: string, figure: string) => string): OverviewRowView {
  const f = (figure: Figure, path: string): FigureView => ({
    count: figure.count,
    goals: link(row.departmentId, path),
  });
  return {
    departmentId: row.departmentId,
    department: row.department,
    goals: f(row.goals, 'goals'),
    byStatus: Object.fromEntries(
      GOAL_STATUSES.map((s) => [s, f(row.byStatus[s], `byStatus.${s}`)]),
    ) as OverviewRowView['byStatus'],
    notSubmitted: f(row.notSubmitted, 'notSubmitted'),
    waitingDecision: f(row.waitingDecision, 'waitingDecision'),
    achievement: row.achievement.map((a) => ({ level: a.level, figure: f(a.figure, `achievement.${a.level}`) })),
    rated: f(row.rated, 'rated'),
    achieved: f(row.achieved, 'achieved'),
    achievementRate: row.achievementRate,
    oldestPending: row.oldestPending,
    ...(row.progress
      ? {
          progress: {
            byLevel: row.progress.byLevel.map((a) => ({ level: a.level, figure: f(a.figure, `progress.${a.level}`) })),
            notReported: f(row.progress.notReported, 'notReported'),
            sectionsNotReported: row.progress.sectionsNotReported,
          },
        }
      : {}),
  };
}

/**
 * `query`: the filters the figures were computed with, so that a figure's link lists the same goals.
 * Every figure is a count and a link rather than the list of its goals: 4,500 goals' ids repeated in
 * every figure made the answer megabytes long.
 */
export function overviewView(
  overview: Overview,
  state: OrganisationState,
  categories: readonly string[],
  query: Record<string, string>,
): OverviewView {
  const link = (departmentId: string, figure: string) =>
    `/api/v1/overview/goals?${new URLSearchParams({
      ...query,
      fiscalYear: String(overview.fiscalYear),
      ...(departmentId ? { departmentId } : {}),
      figure,
    }).toString()}`;
  const { rows, total, ...rest } = overview;
  return {
    ...rest,
    fiscalYearLabel: fiscalYearLabel(overview.fiscalYear),
    todayWareki: formatWareki(overview.today),
    statuses: GOAL_STATUSES.map((status) => ({ status, label: GOAL_STATUS_LABELS[status] })),
    departments: departmentsIn(state, overview.fiscalYear).map((d) => ({
      departmentId: d.departmentId,
      name: d.name,
      sections: d.sections.map((s) => s.name),
    })),
    categories,
    rows: rows.map((r) => rowView(r, link)),
    total: rowView(total, link),
  };
}

// The response's shape for the OpenAPI document (the view is a plain object Swagger cannot see).
const str = { type: 'string' };
const int = { type: 'integer' };
const num = { type: 'number' };
const nullable = (s: object) => ({ ...s, nullable: true });
const list = (items: object) => ({ type: 'array', items });
const obj = (properties: Record<string, object>, optional: string[] = []) => ({
  type: 'object',
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  properties,
});
const figure = obj({
  count: int,
  goals: { ...str, description: 'where to read the goals counted: GET this path (the same filters) for their list' },
});
const levelFigure = obj({ level: str, figure });
const row = obj(
  {
    departmentId: str,
    department: { ...str, description: 'as named in the fiscal year; 全庁 on the total' },
    goals: figure,
    byStatus: obj(Object.fromEntries(GOAL_STATUSES.map((s) => [s, figure]))),
    notSubmitted: { ...figure, description: '下書き and 差戻し' },
    waitingDecision: { ...figure, description: "waiting for the department head's decision" },
    achievement: { ...list(levelFigure), description: "by the year's scale, best first" },
    rated: figure,
    achieved: figure,
    achievementRate: nullable({ ...num, description: 'achieved ÷ rated, 0–1; null while nothing is rated' }),
    oldestPending: nullable(obj({ days: int, goalId: str })),
    progress: obj({
      byLevel: list(levelFigure),
      notReported: figure,
      sectionsNotReported: list(obj({ sectionId: str, name: str })),
    }),
  },
  ['progress'],
);
export const OVERVIEW_SCHEMA = obj(
  {
    fiscalYear: int,
    fiscalYearLabel: str,
    today: str,
    todayWareki: str,
    achievementScale: list(str),
    achievedLevels: { ...int, description: "how many of the best levels count as achieved (the year's 達成度の区分)" },
    notCounted: { ...list(str), description: 'levels given but counted in no rate (評価不能), after the scale' },
    progressLevels: list(str),
    statuses: list(obj({ status: str, label: str })),
    departments: list(obj({ departmentId: str, name: str, sections: list(str) })),
    categories: list(str),
    rows: list(row),
    total: row,
  },
  ['progressLevels'],
);
const goal = obj({
  goalId: str,
  sheetId: str,
  number: nullable(int),
  title: str,
  department: str,
  category: str,
  sections: list(str),
  status: str,
  achievement: nullable(str),
});
export const OVERVIEW_GOALS_SCHEMA = obj({
  fiscalYear: int,
  department: str,
  figure: str,
  count: int,
  goals: { ...list(goal), description: 'open one with GET /api/v1/goals/{goalId}' },
});
const lineYear = obj({
  fiscalYear: int,
  departments: list(obj({ departmentId: str, name: str })),
  goals: int,
  rated: int,
  achieved: int,
  achievementRate: nullable(num),
});
export const OVERVIEW_YEARS_SCHEMA = obj({
  fiscalYears: list(int),
  fiscalYearLabels: list(str),
  scales: {
    ...list(
      obj({
        levels: list(str),
        achievedLevels: int,
        notAssessable: nullable(str),
        selectable: list(str),
        achieved: list(str),
        unachieved: list(str),
      }),
    ),
    description: "each fiscal year's 達成度の区分, in the order of fiscalYears",
  },
  lines: list(obj({ lineId: str, name: str, years: list(lineYear) })),
  city: list(obj({ fiscalYear: int, goals: int, rated: int, achieved: int, achievementRate: nullable(num) })),
});

/** OverviewRow re-exported for the file writers. */
export type { OverviewRow };
