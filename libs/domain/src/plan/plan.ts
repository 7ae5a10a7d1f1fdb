/**
 * What the 総合計画 says for a fiscal year: its version, its tree, and whether a goal's 施策 is one of it.
 * Pure queries over the plan's state (imported by the goal's rules, so it imports no permissions).
 */
import { FieldError } from '../errors';
import { fiscalYearEnd, fiscalYearLabel } from '../fiscal-year';
import { PlanEntry, PlanVersion } from './plan.events';

/** Every version loaded, oldest 適用開始日 first. */
export interface PlanState {
  versions: PlanVersion[];
}

/** A plan entry where it stands in the tree. */
export interface PlanNode extends PlanEntry {
  /** 0 for a 基本目標. */
  depth: number;
  /** The level's name: 基本目標, 政策, 施策. */
  level: string;
  /** Ids from the top down to its parent. */
  ancestors: string[];
  /** No entry below it: a 施策 a goal may name. */
  leaf: boolean;
}

/** The plan of one fiscal year: its version and the tree. */
export interface PlanInYear {
  fiscalYear: number;
  version: PlanVersion;
  nodes: PlanNode[];
}

/**
 * The version a fiscal year uses: the latest that begins on or before the year's last day (a version
 * dated within the year is that year's plan; the versions before it stay for the years before).
 */
export function planForYear(state: PlanState, fiscalYear: number): PlanInYear | undefined {
  const end = fiscalYearEnd(fiscalYear);
  const version = [...state.versions].reverse().find((v) => v.validFrom <= end);
  return version ? { fiscalYear, version, nodes: planNodes(version) } : undefined;
}

export function planNodes(version: PlanVersion): PlanNode[] {
  const byId = new Map(version.entries.map((e) => [e.id, e]));
  const parents = new Set(version.entries.flatMap((e) => (e.parentId ? [e.parentId] : [])));
  return version.entries.map((e) => {
    const ancestors: string[] = [];
    for (
      let up = e.parentId ? byId.get(e.parentId) : undefined;
      up;
      up = up.parentId ? byId.get(up.parentId) : undefined
    )
      ancestors.unshift(up.id);
    const depth = ancestors.length;
    return {
      ...e,
      depth,
      level: version.levels[depth] ?? version.levels[version.levels.length - 1],
      ancestors,
      leaf: !parents.has(e.id),
    };
  });
}

/** The plan as a refusal names it: 令和8年度の総合計画（第6次総合計画）. */
function planJa(plan: PlanInYear): string {
  return `${fiscalYearLabel(plan.fiscalYear)}の総合計画${plan.version.title ? `（${plan.version.title}）` : ''}`;
}

/**
 * Checks a goal's 施策 against its year's plan: none is always fine (the link is optional); one must be
 * a 施策 of that year's version — an entry with nothing below it.
 */
export function validateMeasure(
  measureId: string | undefined,
  plan: PlanInYear | undefined,
  fiscalYear: number | undefined,
): FieldError[] {
  // None is always fine: the link is optional ('' is how a revision takes a named 施策 away).
  if (measureId === undefined || measureId === '') return [];
  const field = 'measureId';
  if (typeof measureId !== 'string' || measureId.trim() !== measureId)
    return [
      {
        field,
        reason: "must be an id of the plan, or '' for none",
        ja: '施策は一覧から選ぶか、「指定しない」にしてください',
      },
    ];
  if (!plan)
    return [
      {
        field,
        reason: `no plan is loaded for fiscal year ${fiscalYear ?? 'of the goal'}`,
        ja: `${fiscalYear ? fiscalYearLabel(fiscalYear) : 'この年度'}の総合計画が読み込まれていないため、施策は選べません（管理者が読み込みます）`,
      },
    ];
  const node = plan.nodes.find((n) => n.id === measureId);
  if (!node)
    return [
      {
        field,
        reason: `${measureId} is not in the plan of fiscal year ${plan.fiscalYear}`,
        ja: `施策「${measureId}」は${planJa(plan)}にありません。一覧から選んでください`,
      },
    ];
  if (!node.leaf)
    return [
      {
        field,
        reason: `${measureId} is a ${node.level}, not a measure`,
        ja: `「${node.id} ${node.name}」は${node.level}です。その下の${plan.version.levels[plan.version.levels.length - 1]}から選んでください`,
      },
    ];
  return [];
}

/** The goal's 施策 as people read it: 「1-2-3 窓口サービスの向上」, or its id when the year's plan lacks it. */
export function measureLabel(measureId: string | undefined, plan: PlanInYear | undefined): string | undefined {
  if (!measureId) return undefined;
  const node = plan?.nodes.find((n) => n.id === measureId);
  return node ? `${node.id} ${node.name}` : measureId;
}
