// Pure domain code (no framework, no I/O): the web shows dates and years exactly as the sheet and the api do.
import {
  deadlineDate,
  fiscalYearLabel,
  fiscalYearOfDate,
  formatWareki,
  isCivilDate,
} from '../../../../libs/domain/src/fiscal-year';

import { jstDateOf } from '../../../../libs/domain/src/reminders/reminder-policy';

export { deadlineDate, fiscalYearLabel, fiscalYearOfDate, formatWareki, isCivilDate };

/** Today in Asia/Tokyo as YYYY-MM-DD: the city's day, whatever the browser's zone. */
export function todayInTokyo(): string {
  return jstDateOf(new Date());
}

/** 4月1日 of the next fiscal year: the day a reorganisation or an appointment normally takes effect. */
export function nextAprilFirst(today = todayInTokyo()): string {
  return `${fiscalYearOfDate(today) + 1}-04-01`;
}

/** The fiscal year of a day typed into a date field, or of `fallback` while the field holds no date yet. */
export function fiscalYearOfInput(day: string, fallback: string): number {
  return fiscalYearOfDate(isCivilDate(day) ? day : fallback);
}

/** An instant, shown as the day in Asia/Tokyo in 和暦 with the time: 令和4年4月1日 09:30. */
export function formatWarekiDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = new Date(date.getTime() + 9 * 3600_000).toISOString().slice(11, 16);
  return `${formatWareki(jstDateOf(date))} ${time}`;
}

/** いつまで: a month of the fiscal year, as the sheet prints it (令和5年2月). */
export function deadlineLabel(deadline: string | undefined, month: number): string {
  if (!deadline) return `${month}月`;
  return formatWareki(deadline).replace(/\d+日$/, '');
}

/**
 * The years a sheet may be opened for: any the city has, from its earliest sheet (or last year) to next
 * year — an older year's sheet, brought in by import, can be completed too — newest first.
 */
export function fiscalYearChoices(sheetYears: readonly number[], thisYear: number): number[] {
  const earliest = Math.min(thisYear - 1, ...sheetYears);
  const years: number[] = [];
  for (let y = thisYear + 1; y >= earliest; y--) years.push(y);
  return years;
}
