/**
 * 全庁の状況: every department's figures for one fiscal year, side by side, for the planning office
 * (企画政策課, 行政経営課) that runs the yearly cycle for the whole city. A pure function of the read
 * models: the goals of the year as they stand, the departments as named that year, the year's
 * achievement scale, and (where the city runs one) the 中間報告. No I/O, no clock: `today` is given.
 *
 * Every figure carries the ids of the goals behind it, so a screen or another system can open them.
 */
import { COMMON_SECTION } from '../directory';
import { CivilDate } from '../fiscal-year';
import { GoalStatus } from '../goal/goal.decider';
import { jstDateOf } from '../reminders/reminder-policy';

/** The states the overview counts: a deleted draft is no goal of the sheet. */
export type CountedStatus = Exclude<GoalStatus, 'deleted'>;

/** The workflow's states in the order a goal passes them, as the sheet's people name them. */
export const GOAL_STATUSES: readonly CountedStatus[] = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'achievementRecorded',
  'confirmed',
];
export const GOAL_STATUS_LABELS: Readonly<Record<CountedStatus, string>> = {
  draft: '下書き',
  submitted: '提出中',
  returned: '差戻し',
  approved: '承認済',
  achievementRecorded: '実績登録済',
  confirmed: '確定',
};

/** States in which a goal has been approved: it is in force, and is reported on and rated. */
const IN_FORCE: readonly CountedStatus[] = ['approved', 'achievementRecorded', 'confirmed'];

/** One goal as the overview needs it (the read model's goal view, flattened). */
export interface OverviewGoal {
  goalId: string;
  sheetId: string;
  departmentId: string;
  fiscalYear: number;
  /** 番号 on its sheet, once registered. */
  number?: number;
  title: string;
  /** 計画・方針等の分類 */
  category: string;
  /** Section ids, or exactly ['共通']. */
  sections: readonly string[];
  status: GoalStatus;
  /** 達成状況 as the sheet prints it: the confirmed level, else the recorded one. */
  achievement?: string;
  /** When it began waiting for a decision of the department head (ISO instant): submission, amendment or achievement. */
  waitingSince?: string;
}

/** A department as named in the fiscal year, with its sections of that year. */
export interface OverviewDepartment {
  departmentId: string;
  name: string;
  sections: readonly { sectionId: string; name: string }[];
}

/** 中間報告 of one goal: the latest 進捗状況 reported (順調, やや遅れ, 遅れ, 完了 …). */
export interface ProgressReport {
  goalId: string;
  progress: string;
}

export interface OverviewInput {
  fiscalYear: number;
  /** The day the figures are for (Asia/Tokyo): days waiting are counted to it. */
  today: CivilDate;
  /** In the order the city lists them (established); every department of the year gets a row, with goals or not. */
  departments: readonly OverviewDepartment[];
  goals: readonly OverviewGoal[];
  /** The year's achievement scale, best first. */
  achievementScale: readonly string[];
  /** How many of the best levels count as achieved (達成率): 2, the top two, unless the city defines it otherwise. */
  achievedLevels: number;
  /** Levels of the year's scale given but counted in no rate (評価不能): shown after the scale, never rated. */
  notCounted?: readonly string[];
  /** The 中間報告, where the city runs one this year: its 進捗状況 levels and the reports given so far. */
  progress?: { levels: readonly string[]; reports: readonly ProgressReport[] };
}

export interface OverviewFilter {
  departmentIds?: readonly string[];
  /** 計画・方針等の分類 */
  category?: string;
  /** A section id, or 共通: the goals naming it. */
  sectionId?: string;
}

export const OVERVIEW_SORT_KEYS = [
  'department',
  'goals',
  'notSubmitted',
  'waitingDecision',
  'achievementRate',
  'oldestPendingDays',
  'notReported',
] as const;
export type OverviewSortKey = (typeof OVERVIEW_SORT_KEYS)[number];
export interface OverviewSort {
  by: OverviewSortKey;
  descending?: boolean;
}

/** A count and the goals it counts. */
export interface Figure {
  count: number;
  goalIds: string[];
}

export interface LevelFigure {
  level: string;
  figure: Figure;
}

export interface OverviewRow {
  departmentId: string;
  /** As named in the fiscal year; 全庁 on the total. */
  department: string;
  goals: Figure;
  byStatus: Record<CountedStatus, Figure>;
  /** 下書き and 差戻し: not (yet, or again) submitted. */
  notSubmitted: Figure;
  /** Waiting for the department head: 提出中, an amendment, or an achievement to confirm. */
  waitingDecision: Figure;
  /** By the year's scale, best first; a level outside the scale (an older scale's) after it. */
  achievement: LevelFigure[];
  /** Goals with a level (recorded or confirmed) that counts in the rate (評価不能 does not). */
  rated: Figure;
  /** Goals at one of the best `achievedLevels` levels. */
  achieved: Figure;
  /** achieved ÷ rated; null while nothing is rated. */
  achievementRate: number | null;
  /** The decision waiting longest: days since it began waiting, and its goal. */
  oldestPending: { days: number; goalId: string } | null;
  /** 中間報告, when the year has one. */
  progress?: {
    byLevel: LevelFigure[];
    /** Approved goals without a report. */
    notReported: Figure;
    /** The sections (課) whose goals have not been reported on; 共通 goals are the department head's. */
    sectionsNotReported: { sectionId: string; name: string }[];
  };
}

export interface Overview {
  fiscalYear: number;
  today: CivilDate;
  achievementScale: readonly string[];
  achievedLevels: number;
  /** The scale's levels counted in no rate (評価不能), listed after it. */
  notCounted: readonly string[];
  progressLevels?: readonly string[];
  rows: OverviewRow[];
  /** The whole city (of the rows shown). */
  total: OverviewRow;
}

const figure = (goalIds: string[]): Figure => ({ count: goalIds.length, goalIds });

export function overviewOf(
  input: OverviewInput,
  filter: OverviewFilter = {},
  sort: OverviewSort = { by: 'department' },
): Overview {
  const scale = input.achievementScale;
  const achievedLevels = new Set(scale.slice(0, Math.max(0, input.achievedLevels)));
  const notCounted = (input.notCounted ?? []).filter((l) => !scale.includes(l));
  const reports = new Map((input.progress?.reports ?? []).map((r) => [r.goalId, r.progress]));
  const goals = input.goals.filter(
    (g) =>
      g.fiscalYear === input.fiscalYear &&
      g.status !== 'deleted' &&
      (filter.category === undefined || g.category === filter.category) &&
      (filter.sectionId === undefined || g.sections.includes(filter.sectionId)),
  );
  const departments: OverviewDepartment[] = [...input.departments];
  // A goal of a department no longer listed for the year still counts, under its id.
  for (const g of goals)
    if (!departments.some((d) => d.departmentId === g.departmentId))
      departments.push({ departmentId: g.departmentId, name: g.departmentId, sections: [] });
  const shown = departments.filter((d) => !filter.departmentIds || filter.departmentIds.includes(d.departmentId));
  const order = new Map(departments.map((d, i) => [d.departmentId, i]));

  const rowOf = (department: OverviewDepartment, own: readonly OverviewGoal[]): OverviewRow => {
    const ids = (pick: (g: OverviewGoal) => boolean) => own.filter(pick).map((g) => g.goalId);
    const byStatus = Object.fromEntries(GOAL_STATUSES.map((s) => [s, figure(ids((g) => g.status === s))])) as Record<
      GoalStatus,
      Figure
    >;
    const given = own.filter((g) => g.achievement !== undefined);
    const rated = given.filter((g) => !notCounted.includes(g.achievement!));
    const outside = [
      ...new Set(given.map((g) => g.achievement!).filter((l) => !scale.includes(l) && !notCounted.includes(l))),
    ];
    const achieved = ids((g) => g.achievement !== undefined && achievedLevels.has(g.achievement));
    const waiting = own.filter((g) => g.waitingSince !== undefined);
    const oldest = waiting.reduce<OverviewGoal | undefined>(
      (a, g) => (!a || g.waitingSince! < a.waitingSince! ? g : a),
      undefined,
    );
    const row: OverviewRow = {
      departmentId: department.departmentId,
      department: department.name,
      goals: figure(own.map((g) => g.goalId)),
      byStatus,
      notSubmitted: figure(ids((g) => g.status === 'draft' || g.status === 'returned')),
      waitingDecision: figure(waiting.map((g) => g.goalId)),
      achievement: [...scale, ...notCounted, ...outside].map((level) => ({
        level,
        figure: figure(ids((g) => g.achievement === level)),
      })),
      rated: figure(rated.map((g) => g.goalId)),
      achieved: figure(achieved),
      achievementRate: rated.length ? achieved.length / rated.length : null,
      oldestPending: oldest
        ? { days: daysBetween(jstDateOf(new Date(oldest.waitingSince!)), input.today), goalId: oldest.goalId }
        : null,
    };
    if (input.progress) {
      const due = own.filter((g) => IN_FORCE.includes(g.status as CountedStatus));
      const missing = due.filter((g) => !reports.has(g.goalId));
      const sectionIds = [...new Set(missing.flatMap((g) => g.sections))];
      row.progress = {
        byLevel: input.progress.levels.map((level) => ({
          level,
          figure: figure(due.filter((g) => reports.get(g.goalId) === level).map((g) => g.goalId)),
        })),
        notReported: figure(missing.map((g) => g.goalId)),
        sectionsNotReported: sectionIds.map((sectionId) => ({
          sectionId,
          name:
            sectionId === COMMON_SECTION
              ? COMMON_SECTION
              : (department.sections.find((s) => s.sectionId === sectionId)?.name ?? sectionId),
        })),
      };
    }
    return row;
  };

  const rows = shown.map((d) =>
    rowOf(
      d,
      goals.filter((g) => g.departmentId === d.departmentId),
    ),
  );
  const shownIds = new Set(shown.map((d) => d.departmentId));
  const total = rowOf(
    { departmentId: '', name: '全庁', sections: shown.flatMap((d) => d.sections) },
    goals.filter((g) => shownIds.has(g.departmentId)),
  );
  if (total.progress) {
    // The city's list of who has not reported names each 課 with its 部.
    total.progress.sectionsNotReported = rows.flatMap((r) =>
      (r.progress?.sectionsNotReported ?? []).map((s) => ({
        sectionId: s.sectionId,
        name: s.sectionId === COMMON_SECTION ? `${r.department} 共通` : s.name,
      })),
    );
  }
  return {
    fiscalYear: input.fiscalYear,
    today: input.today,
    achievementScale: scale,
    achievedLevels: input.achievedLevels,
    notCounted,
    ...(input.progress ? { progressLevels: input.progress.levels } : {}),
    rows: sortRows(rows, sort, order),
    total,
  };
}

function sortRows(rows: OverviewRow[], sort: OverviewSort, order: Map<string, number>): OverviewRow[] {
  const value = (r: OverviewRow): number | null => {
    switch (sort.by) {
      case 'department':
        return order.get(r.departmentId) ?? Infinity;
      case 'goals':
        return r.goals.count;
      case 'notSubmitted':
        return r.notSubmitted.count;
      case 'waitingDecision':
        return r.waitingDecision.count;
      case 'achievementRate':
        return r.achievementRate;
      case 'oldestPendingDays':
        return r.oldestPending?.days ?? null;
      case 'notReported':
        return r.progress?.notReported.count ?? null;
    }
  };
  const direction = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    // Rows without the figure (nothing rated yet, nothing waiting) go last either way.
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else if (va !== vb) return (va - vb) * direction;
    return (order.get(a.departmentId) ?? 0) - (order.get(b.departmentId) ?? 0);
  });
}

/** Whole days from one civil date to a later one (0 on the same day). */
export function daysBetween(from: CivilDate, to: CivilDate): number {
  const at = (d: CivilDate) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.max(0, Math.round((at(to) - at(from)) / 86_400_000));
}
