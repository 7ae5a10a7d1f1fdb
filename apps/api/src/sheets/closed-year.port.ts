/**
 * 年度の締め, as goal and sheet writes need it: a closed year refuses every change with the reason
 * people read. The year's owner (apps/api/src/year) implements it; goals and sheets only ask.
 */
export const CLOSED_YEAR = Symbol('ClosedYear');

export interface ClosedYear {
  /** Throws IllegalTransition (409) with the Japanese reason when the sheet's year is closed. */
  assertOpen(sheet: { sheetId: string; departmentId: string; fiscalYear: number }): Promise<void>;
}
