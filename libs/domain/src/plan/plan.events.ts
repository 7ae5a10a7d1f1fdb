import { eventSchema } from '../events/event-schema';

/**
 * The city's 総合計画 as its 施策 tree (基本目標 › 政策 › 施策), loaded by an administrator as dated
 * versions in one stream for the whole city (`comprehensive-plan`). A plan runs for years and is revised
 * at its mid-term review: a new version begins on its date and the older one stays for the years before,
 * so a 令和4年度 goal keeps naming the 施策 of the plan it was written under.
 */
export type PlanEvent = ComprehensivePlanLoaded;

/** One line of the plan: its id as the city numbers it, its name, and the line above it. */
export interface PlanEntry {
  id: string;
  name: string;
  /** The entry one level up; none for a 基本目標. */
  parentId?: string;
}

export interface PlanVersion {
  /** 適用開始日 (civil date): the version is the plan for every fiscal year ending on or after it, until the next. */
  validFrom: string;
  /** What the city calls it: 第6次総合計画 (後期基本計画). */
  title?: string;
  /** Names of the levels from the top: 基本目標, 政策, 施策 unless the city's plan has others. */
  levels: string[];
  /** Parents before their children, in the plan's own order. */
  entries: PlanEntry[];
}

/** A version loaded; one loaded again for the same 適用開始日 replaces it (a correction). */
export type ComprehensivePlanLoaded = { type: 'ComprehensivePlanLoaded'; data: PlanVersion };

export const PLAN_EVENT_TYPES = ['ComprehensivePlanLoaded'] as const satisfies readonly PlanEvent['type'][];
const _everyPlanEventListed: Exclude<PlanEvent['type'], (typeof PLAN_EVENT_TYPES)[number]> extends never
  ? true
  : never = true;
void _everyPlanEventListed;

export const PLAN_EVENTS = eventSchema<PlanEvent>(PLAN_EVENT_TYPES);

export const PLAN_STREAM = 'comprehensive-plan';
