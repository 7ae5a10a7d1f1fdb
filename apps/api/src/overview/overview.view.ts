/** 全庁の状況 as the api answers it: the figures, the vocabularies to filter by, and the goals behind the figures. */
import {
  departmentsIn,
  fiscalYearLabel,
  formatWareki,
  GOAL_STATUS_LABELS,
  GOAL_STATUSES,
  GoalStatus,
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
  status: GoalStatus;
  achievement: string | null;
}

export type OverviewView = Overview & {
  fiscalYearLabel: string;
  todayWareki: string;
  statuses: { status: GoalStatus; label: string }[];
  /** What the screen offers to filter by: the year's departments with their sections, the categories. */
  departments: { departmentId: string; name: string; sections: string[] }[];
  categories: readonly string[];
  /** The goals counted in the figures shown, to open from any figure. */
  goals: OverviewGoalView[];
};

export function overviewView(
  overview: Overview,
  goals: Map<string, OverviewGoalView>,
  state: OrganisationState,
  categories: readonly string[],
): OverviewView {
  return {
    ...overview,
    fiscalYearLabel: fiscalYearLabel(overview.fiscalYear),
    todayWareki: formatWareki(overview.today),
    statuses: GOAL_STATUSES.map((status) => ({ status, label: GOAL_STATUS_LABELS[status] })),
    departments: departmentsIn(state, overview.fiscalYear).map((d) => ({
      departmentId: d.departmentId,
      name: d.name,
      sections: d.sections.map((s) => s.name),
    })),
    categories,
    goals: overview.total.goals.goalIds.flatMap((id) => goals.get(id) ?? []),
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
  goalIds: { ...list(str), description: 'the goals counted: open them with GET /goals/{goalId}' },
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
    achievedLevels: { ...int, description: 'how many of the best levels count as achieved (OVERVIEW_ACHIEVED_LEVELS)' },
    progressLevels: list(str),
    statuses: list(obj({ status: str, label: str })),
    departments: list(obj({ departmentId: str, name: str, sections: list(str) })),
    categories: list(str),
    rows: list(row),
    total: row,
    goals: list(
      obj({
        goalId: str,
        sheetId: str,
        number: nullable(int),
        title: str,
        department: str,
        category: str,
        sections: list(str),
        status: str,
        achievement: nullable(str),
      }),
    ),
  },
  ['progressLevels'],
);
const lineYear = obj({
  fiscalYear: int,
  departments: list(obj({ departmentId: str, name: str })),
  goals: int,
  rated: int,
  achieved: int,
  achievementRate: nullable(num),
  goalIds: list(str),
});
export const OVERVIEW_YEARS_SCHEMA = obj({
  fiscalYears: list(int),
  fiscalYearLabels: list(str),
  achievedLevels: int,
  lines: list(obj({ lineId: str, name: str, years: list(lineYear) })),
  city: list(obj({ fiscalYear: int, goals: int, rated: int, achieved: int, achievementRate: nullable(num) })),
});

/** OverviewRow re-exported for the file writers. */
export type { OverviewRow };
