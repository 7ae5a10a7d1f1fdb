import { eventSchema } from '../events/event-schema';

/**
 * The sheet's year as a cycle (`year-<sheetId>`): the 中間報告 windows the 部長 opens and the close
 * of the year. Kept apart from the sheet's own stream so numbering goals never races a window.
 */
export type YearEvent = MidYearWindowOpened | YearClosed | YearReopened;

/** 中間報告の期間: numbered from 1 within the sheet (上期 = 1, 第3四半期 = 2, …). */
export interface MidYearWindow {
  sheetId: string;
  number: number;
  /** 開始日 and 締切日, civil dates 'YYYY-MM-DD' (shown in 和暦). */
  opensOn: string;
  closesOn: string;
  /** What the office calls it, e.g. 上期; optional. */
  label?: string;
}

export type MidYearWindowOpened = { type: 'MidYearWindowOpened'; data: MidYearWindow };
/** 年度の締め: every goal was 確定 or set aside as 対象外 with its reason. */
export type YearClosed = {
  type: 'YearClosed';
  data: { sheetId: string; excluded: { goalId: string; reason: string }[] };
};
export type YearReopened = { type: 'YearReopened'; data: { sheetId: string; reason: string } };

export const YEAR_EVENT_TYPES = [
  'MidYearWindowOpened',
  'YearClosed',
  'YearReopened',
] as const satisfies readonly YearEvent['type'][];
const _everyYearEventListed: Exclude<YearEvent['type'], (typeof YEAR_EVENT_TYPES)[number]> extends never
  ? true
  : never = true;
void _everyYearEventListed;

export const YEAR_EVENTS = eventSchema<YearEvent>(YEAR_EVENT_TYPES);

export function yearStreamId(sheetId: string): string {
  return `year-${sheetId}`;
}

/**
 * A section's 中間報告 on a sheet (`midyear-<sheetId>-<sectionId>`, every window of the year): one
 * stream per section so two 課長 reporting at once never make each other's view stale.
 */
export type MidYearReportEvent =
  MidYearReportSaved | MidYearReportSubmitted | MidYearReportReturned | MidYearReportConfirmed;

export const PROGRESS_LEVELS = ['順調', 'やや遅れ', '遅れ', '完了'] as const;
/** 進捗状況 */
export type Progress = (typeof PROGRESS_LEVELS)[number];

/** One goal's line of the report: 進捗状況 and 進捗コメント (what was done, what comes next, why late). */
export interface ProgressEntry {
  goalId: string;
  progress: Progress;
  comment: string;
}

interface ReportKey {
  sheetId: string;
  window: number;
  sectionId: string;
}

/** 下書き保存: the whole report as it stands, so the read side needs no earlier event to show it. */
export type MidYearReportSaved = { type: 'MidYearReportSaved'; data: ReportKey & { entries: ProgressEntry[] } };
/** 提出: what the 部長 receives; `late` when it came after the 締切日. */
export type MidYearReportSubmitted = {
  type: 'MidYearReportSubmitted';
  data: ReportKey & { entries: ProgressEntry[]; late: boolean };
};
export type MidYearReportReturned = { type: 'MidYearReportReturned'; data: ReportKey & { reason: string } };
export type MidYearReportConfirmed = { type: 'MidYearReportConfirmed'; data: ReportKey & { comment?: string } };

export const MID_YEAR_REPORT_EVENT_TYPES = [
  'MidYearReportSaved',
  'MidYearReportSubmitted',
  'MidYearReportReturned',
  'MidYearReportConfirmed',
] as const satisfies readonly MidYearReportEvent['type'][];
const _everyReportEventListed: Exclude<
  MidYearReportEvent['type'],
  (typeof MID_YEAR_REPORT_EVENT_TYPES)[number]
> extends never
  ? true
  : never = true;
void _everyReportEventListed;

export const MID_YEAR_REPORT_EVENTS = eventSchema<MidYearReportEvent>(MID_YEAR_REPORT_EVENT_TYPES);

export function midYearReportStreamId(sheetId: string, sectionId: string): string {
  return `midyear-${sheetId}-${sectionId}`;
}
