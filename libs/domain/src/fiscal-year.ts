/**
 * Fiscal-year and 和暦 arithmetic for the sheet.
 *
 * A municipality's fiscal year (年度) runs from 1 April to 31 March, so 令和4年度 is
 * 2022-04-01 … 2023-03-31 and its いつまで month 2月 is February 2023.
 * Dates here are civil dates ('YYYY-MM-DD'), not instants: the sheet speaks in days, and the
 * conversion to an instant (Asia/Tokyo) belongs to whoever schedules something on it.
 */

export type CivilDate = string; // 'YYYY-MM-DD'

interface Era {
  name: string;
  /** First day of the era, inclusive. */
  start: CivilDate;
  /** Gregorian year of the era's first year (year 1). */
  firstYear: number;
}

// Newest first: a date belongs to the first era whose start it is not before.
const ERAS: readonly Era[] = [
  { name: '令和', start: '2019-05-01', firstYear: 2019 },
  { name: '平成', start: '1989-01-08', firstYear: 1989 },
];

const REIWA = ERAS[0];
const HEISEI = ERAS[1];
/** 令和N年度 begins in April of 2018+N: 令和元年度 is FY2019 (April 2019, though 令和 itself began in May). */
const REIWA_FISCAL_OFFSET = REIWA.firstYear - 1;

export function fiscalYearOfReiwa(reiwaYear: number): number {
  return REIWA_FISCAL_OFFSET + reiwaYear;
}

export function reiwaYearOfFiscalYear(fiscalYear: number): number {
  return fiscalYear - REIWA_FISCAL_OFFSET;
}

function eraYearText(n: number): string {
  // Year one of an era is written 元年, never 1年.
  return n === 1 ? '元' : String(n);
}

/**
 * 2022 → '令和4年度'; 2018 → '平成30年度'. Old sheets brought in go back into 平成: a 年度 is named by the
 * era in force on its 1 April, so FY2019 is 令和元年度 (平成31年度 on sheets printed before May 2019).
 */
export function fiscalYearLabel(fiscalYear: number): string {
  const n = reiwaYearOfFiscalYear(fiscalYear);
  if (n >= 1) return `令和${eraYearText(n)}年度`;
  const heisei = fiscalYear - HEISEI.firstYear + 1;
  if (heisei < 1) throw new RangeError(`fiscal year ${fiscalYear} is before 平成`);
  return `平成${eraYearText(heisei)}年度`;
}

/** '令和4年度' → 2022, '平成30年度' → 2018; null when the text is not a fiscal-year label. */
export function parseFiscalYearLabel(text: string): number | null {
  const m = /(令和|平成)\s*(元|\d+)\s*年度/.exec(normaliseDigits(text));
  if (!m) return null;
  const n = m[2] === '元' ? 1 : Number(m[2]);
  if (n < 1) return null;
  return m[1] === '令和' ? fiscalYearOfReiwa(n) : HEISEI.firstYear + n - 1;
}

/** The fiscal year a civil date falls in: 2023-03-31 → 2022, 2023-04-01 → 2023. */
export function fiscalYearOfDate(date: CivilDate): number {
  const { year, month } = splitDate(date);
  return month >= 4 ? year : year - 1;
}

export function fiscalYearStart(fiscalYear: number): CivilDate {
  return yearBounds(fiscalYear).start;
}

export function fiscalYearEnd(fiscalYear: number): CivilDate {
  return yearBounds(fiscalYear).end;
}

/** Asked for every 課 a directory question looks at: each year's dates are written once. */
const bounds = new Map<number, { start: CivilDate; end: CivilDate }>();
function yearBounds(fiscalYear: number): { start: CivilDate; end: CivilDate } {
  let b = bounds.get(fiscalYear);
  if (!b) {
    b = { start: toDate(fiscalYear, 4, 1), end: toDate(fiscalYear + 1, 3, 31) };
    // Any number may be asked (a typed year); only the plausible ones are kept.
    if (Number.isInteger(fiscalYear) && fiscalYear > 1900 && fiscalYear < 2200) bounds.set(fiscalYear, b);
  }
  return b;
}

/** The Gregorian year a month of the fiscal year falls in: 4月–12月 in the first, 1月–3月 in the next. */
export function calendarYearOfMonth(fiscalYear: number, month: number): number {
  assertMonth(month);
  return month >= 4 ? fiscalYear : fiscalYear + 1;
}

/** いつまで: the last day of the deadline month inside the fiscal year. 令和4年度 2月 → 2023-02-28. */
export function deadlineDate(fiscalYear: number, month: number): CivilDate {
  const year = calendarYearOfMonth(fiscalYear, month);
  return toDate(year, month, daysInMonth(year, month));
}

/** Months in the order the fiscal year lives them: 4月 first, 3月 last. */
export function fiscalMonthOrder(month: number): number {
  assertMonth(month);
  return month >= 4 ? month - 4 : month + 8;
}

/** '2022-04-01' → '令和4年4月1日' */
export function formatWareki(date: CivilDate): string {
  const { year, month, day } = splitDate(date);
  const era = ERAS.find((e) => date >= e.start);
  if (!era) throw new RangeError(`${date} is before 平成`);
  return `${era.name}${eraYearText(year - era.firstYear + 1)}年${month}月${day}日`;
}

/** '令和4年4月1日' → '2022-04-01'; null when the text is not a 和暦 date this service knows. */
export function parseWareki(text: string): CivilDate | null {
  const m = /(令和|平成)\s*(元|\d+)\s*年\s*(\d+)\s*月\s*(\d+)\s*日/.exec(normaliseDigits(text));
  if (!m) return null;
  const era = ERAS.find((e) => e.name === m[1])!;
  const year = era.firstYear + (m[2] === '元' ? 1 : Number(m[2])) - 1;
  const month = Number(m[3]);
  const day = Number(m[4]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return toDate(year, month, day);
}

/** Sheets are typed by people: accept full-width digits (４月) as well as ASCII. */
export function normaliseDigits(text: string): string {
  return text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** '2月' or '２月' → 2; null when it is not a month. */
export function parseMonthLabel(text: string): number | null {
  const m = /^\s*(\d{1,2})\s*月\s*$/.exec(normaliseDigits(text));
  if (!m) return null;
  const month = Number(m[1]);
  return month >= 1 && month <= 12 ? month : null;
}

export function isCivilDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function splitDate(date: CivilDate): { year: number; month: number; day: number } {
  if (!isCivilDate(date)) throw new RangeError(`not a date: ${date}`);
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
}

function toDate(year: number, month: number, day: number): CivilDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function assertMonth(month: number): void {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`not a month: ${month}`);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The civil date `days` after (or before) another: calendar arithmetic, no time zone involved. */
export function addDays(date: CivilDate, days: number): CivilDate {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}
