/**
 * 施策別: 全庁の状況 grouped by the 総合計画 instead of by department. Each 施策 of the year's plan gets
 * the figures of the goals naming it; a 政策 and a 基本目標 get those of every 施策 below them (a goal
 * counts once in each level above it, never twice in one row). Cities that tie section goals to their
 * plan (鳥取県, 松阪市) ask exactly this: which 施策 have goals, how far they got, which have none.
 *
 * The figures are overviewOf's own, with each plan entry standing where a department stands, so a
 * change to how the overview counts (statuses, the year's scale, the 達成率) holds here too.
 */
import { PlanInYear } from '../plan/plan';
import {
  Overview,
  OverviewDepartment,
  OverviewFilter,
  OverviewGoal,
  OverviewInput,
  overviewOf,
  OverviewRow,
} from './overview';

export interface MeasureOverviewRow {
  /** The plan entry's id. */
  measureId: string;
  name: string;
  /** 基本目標, 政策, 施策 … */
  level: string;
  /** 0 for a 基本目標. */
  depth: number;
  parentId?: string;
  figures: OverviewRow;
}

export interface MeasureOverview {
  fiscalYear: number;
  /** The version of the plan the year uses; absent when the city has loaded none for it. */
  plan?: { validFrom: string; title?: string; levels: readonly string[] };
  /** In the plan's order, each entry after its parent. */
  rows: MeasureOverviewRow[];
  /** Goals naming no 施策 of the year's plan (none, or one a later correction of the plan dropped). */
  unlinked: OverviewRow;
  /** The whole city (of the departments, category and section filtered to). */
  total: OverviewRow;
}

/** The row id under which goals without a 施策 of the plan are counted. */
export const UNLINKED_MEASURE = '';

export function measureOverviewOf(
  input: OverviewInput,
  plan: PlanInYear | undefined,
  filter: OverviewFilter = {},
): MeasureOverview {
  const nodes = plan?.nodes ?? [];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const goals = input.goals.filter((g) => !filter.departmentIds || filter.departmentIds.includes(g.departmentId));
  // Every section of the year, so a row's 未報告の課 are named whichever department they belong to.
  const sections = input.departments.flatMap((d) => d.sections);
  const rowsOf: OverviewDepartment[] = [
    ...nodes.map((n) => ({ departmentId: n.id, name: n.name, sections })),
    { departmentId: UNLINKED_MEASURE, name: '施策の指定なし', sections },
  ];
  // A goal stands in its 施策's row and in each row above it.
  const placed: OverviewGoal[] = goals.flatMap((g) => {
    const node = g.measureId ? byId.get(g.measureId) : undefined;
    if (!node) return [{ ...g, departmentId: UNLINKED_MEASURE }];
    return [...node.ancestors, node.id].map((id) => ({ ...g, departmentId: id }));
  });
  const byPlan: Overview = overviewOf(
    { ...input, departments: rowsOf, goals: placed },
    { category: filter.category, sectionId: filter.sectionId },
  );
  const figuresOf = new Map(byPlan.rows.map((r) => [r.departmentId, r]));
  return {
    fiscalYear: input.fiscalYear,
    ...(plan
      ? {
          plan: {
            validFrom: plan.version.validFrom,
            ...(plan.version.title ? { title: plan.version.title } : {}),
            levels: plan.version.levels,
          },
        }
      : {}),
    rows: nodes.map((n) => ({
      measureId: n.id,
      name: n.name,
      level: n.level,
      depth: n.depth,
      ...(n.parentId ? { parentId: n.parentId } : {}),
      figures: figuresOf.get(n.id)!,
    })),
    unlinked: figuresOf.get(UNLINKED_MEASURE)!,
    total: overviewOf(input, filter).total,
  };
}
