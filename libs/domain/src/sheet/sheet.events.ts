import { eventSchema } from '../events/event-schema';

/**
 * A sheet's own stream (`sheet-<sheetId>`): its header, and the 番号 of its goals. Numbers are
 * handed out here, in one stream, so two goals drafted at once never get the same 番号.
 */
export type SheetEvent = SheetOpened | GoalRegistered | GoalsRenumbered;

export interface SheetHeader {
  sheetId: string;
  department: string;
  /** Gregorian year the fiscal year starts in: 令和4年度 = 2022. */
  fiscalYear: number;
  /** 作成日, a civil date 'YYYY-MM-DD' (shown in 和暦). */
  createdOn: string;
  /** 職名 */
  headTitle: string;
  /** 氏名 */
  headName: string;
}

export type SheetOpened = { type: 'SheetOpened'; data: SheetHeader };
export type GoalRegistered = { type: 'GoalRegistered'; data: { sheetId: string; goalId: string; number: number } };
/** The whole order after renumbering: goalIds[i] has 番号 i+1. */
export type GoalsRenumbered = { type: 'GoalsRenumbered'; data: { sheetId: string; goalIds: string[] } };

export const SHEET_EVENT_TYPES = [
  'SheetOpened',
  'GoalRegistered',
  'GoalsRenumbered',
] as const satisfies readonly SheetEvent['type'][];
export type SheetEventType = (typeof SHEET_EVENT_TYPES)[number];
const _everySheetEventListed: Exclude<SheetEvent['type'], SheetEventType> extends never ? true : never = true;
void _everySheetEventListed;

export const SHEET_EVENTS = eventSchema<SheetEvent>(SHEET_EVENT_TYPES);

export function sheetStreamId(sheetId: string): string {
  return `sheet-${sheetId}`;
}
