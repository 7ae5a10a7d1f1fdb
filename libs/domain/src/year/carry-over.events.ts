import { eventSchema } from '../events/event-schema';
import { reiwaYearOfFiscalYear } from '../fiscal-year';

/**
 * 次年度への引継ぎ of a closed year's sheet (`carryover-<sheetId>`, the sheet the goals come from):
 * which goals the 部長 or 課長 marked 継続, and which were carried into next year's sheet. Kept
 * apart from the year's stream so marking a goal never makes a window or the close stale.
 */
export type CarryOverEvent = ContinuationMarked | GoalCarriedOver;

/** 継続: the goal is offered for next year whatever its rating (a several-year project). */
export type ContinuationMarked = {
  type: 'ContinuationMarked';
  data: { sheetId: string; goalId: string; continuing: boolean };
};

/** Where a carried goal came from: shown on the new goal as 「前年度から引継ぎ（R7-No.3）」. */
export interface CarryOrigin {
  goalId: string;
  sheetId: string;
  fiscalYear: number;
  /** 番号 on the origin's sheet. */
  number: number;
}

/** Where it went: the new year's draft (its 番号 is the new sheet's to give). */
export interface CarryTarget {
  goalId: string;
  sheetId: string;
  fiscalYear: number;
  /** The new goal's sections (ids of the new year), mapped through the organisation's lineage. */
  sections: string[];
}

export type GoalCarriedOver = { type: 'GoalCarriedOver'; data: { from: CarryOrigin; to: CarryTarget } };

export const CARRY_OVER_EVENT_TYPES = [
  'ContinuationMarked',
  'GoalCarriedOver',
] as const satisfies readonly CarryOverEvent['type'][];
const _everyCarryOverEventListed: Exclude<CarryOverEvent['type'], (typeof CARRY_OVER_EVENT_TYPES)[number]> extends never
  ? true
  : never = true;
void _everyCarryOverEventListed;

export const CARRY_OVER_EVENTS = eventSchema<CarryOverEvent>(CARRY_OVER_EVENT_TYPES);

export function carryOverStreamId(fromSheetId: string): string {
  return `carryover-${fromSheetId}`;
}

/** 「R7-No.3」: a goal as offices cite it across years (令和 year, 番号). */
export function goalCitation(goal: { fiscalYear: number; number: number }): string {
  return `R${reiwaYearOfFiscalYear(goal.fiscalYear)}-No.${goal.number}`;
}
