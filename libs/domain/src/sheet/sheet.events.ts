import { eventSchema, Upcaster } from '../events/event-schema';
import { LegacyNames } from '../organisation/organisation-names';

/**
 * A sheet's own stream (`sheet-<sheetId>`): its header, and the 番号 of its goals. Numbers are
 * handed out here, in one stream, so two goals drafted at once never get the same 番号.
 */
export type SheetEvent = SheetOpened | GoalRegistered | GoalsRenumbered;

export interface SheetHeader {
  sheetId: string;
  /** The department by id: its name is the one it had in the fiscal year, whenever a rename was entered. */
  departmentId: string;
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

/** Reading a SheetOpened written before ids (schema version 1, `department` by name) needs the organisation. */
export interface SheetReadContext {
  names: LegacyNames;
}

const sheetOpenedV1ToV2: Upcaster<SheetReadContext> = ({ department, ...rest }, context) => {
  if (!context)
    throw new Error('SheetOpened of schema version 1 names its department: it is read with the organisation');
  return { ...rest, departmentId: context.names.departmentId(department as string, rest.fiscalYear as number) };
};

export const SHEET_EVENTS = eventSchema<SheetEvent, SheetReadContext>(SHEET_EVENT_TYPES, {
  SheetOpened: { 1: sheetOpenedV1ToV2 },
});

export function sheetStreamId(sheetId: string): string {
  return `sheet-${sheetId}`;
}
