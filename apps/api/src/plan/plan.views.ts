import { fiscalYearLabel, formatWareki, PlanInYear, PlanState } from '@goals/domain';

/** A version as the admin screen lists them. */
export interface PlanVersionSummary {
  validFrom: string;
  validFromWareki: string;
  title: string | null;
  levels: string[];
  entries: number;
}

export interface PlanNodeView {
  id: string;
  name: string;
  parentId: string | null;
  level: string;
  depth: number;
  /** A 施策 a goal may name (nothing below it). */
  selectable: boolean;
  /** 「基本目標 › 政策」 names above it, for a select's group. */
  path: string[];
}

/** GET /api/v1/plan: the year's version with its tree, and every version loaded. */
export interface PlanView {
  fiscalYear: number;
  fiscalYearLabel: string;
  plan: (PlanVersionSummary & { nodes: PlanNodeView[] }) | null;
  versions: PlanVersionSummary[];
}

function summary(v: PlanState['versions'][number]): PlanVersionSummary {
  return {
    validFrom: v.validFrom,
    validFromWareki: formatWareki(v.validFrom),
    title: v.title ?? null,
    levels: v.levels,
    entries: v.entries.length,
  };
}

export function planView(fiscalYear: number, state: PlanState, plan: PlanInYear | undefined): PlanView {
  const names = new Map(plan?.nodes.map((n) => [n.id, n.name]));
  return {
    fiscalYear,
    fiscalYearLabel: fiscalYearLabel(fiscalYear),
    plan: plan
      ? {
          ...summary(plan.version),
          nodes: plan.nodes.map((n) => ({
            id: n.id,
            name: n.name,
            parentId: n.parentId ?? null,
            level: n.level,
            depth: n.depth,
            selectable: n.leaf,
            path: n.ancestors.map((a) => names.get(a) ?? a),
          })),
        }
      : null,
    versions: state.versions.map(summary),
  };
}

const str = { type: 'string' };
const int = { type: 'integer' };
const obj = (properties: Record<string, object>, optional: string[] = []) => ({
  type: 'object',
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  properties,
});
const version = {
  validFrom: { ...str, description: '適用開始日' },
  validFromWareki: str,
  title: { ...str, nullable: true },
  levels: { type: 'array', items: str },
  entries: { ...int, description: 'how many lines the version has' },
};
export const PLAN_SCHEMA = obj({
  fiscalYear: int,
  fiscalYearLabel: str,
  plan: {
    ...obj({
      ...version,
      nodes: {
        type: 'array',
        items: obj({
          id: str,
          name: str,
          parentId: { ...str, nullable: true },
          level: str,
          depth: int,
          selectable: { type: 'boolean', description: 'a 施策 a goal may name' },
          path: { type: 'array', items: str },
        }),
      },
    }),
    nullable: true,
    description: 'the version the fiscal year uses; null when the city has loaded none for it',
  },
  versions: { type: 'array', items: obj(version) },
});
export const PLAN_LOADED_SCHEMA = obj({
  revision: int,
  loaded: { type: 'boolean', description: 'false when the same version was loaded before (nothing written)' },
  validFrom: str,
  entries: int,
});
