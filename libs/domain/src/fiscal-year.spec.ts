import {
  calendarYearOfMonth,
  deadlineDate,
  fiscalMonthOrder,
  fiscalYearEnd,
  fiscalYearLabel,
  fiscalYearOfDate,
  fiscalYearOfReiwa,
  formatWareki,
  parseFiscalYearLabel,
  parseMonthLabel,
  parseWareki,
} from './fiscal-year';

describe('fiscal year (年度) arithmetic', () => {
  it('starts 令和N年度 in April of 2018+N', () => {
    expect(fiscalYearOfReiwa(4)).toBe(2022);
    expect(fiscalYearLabel(2022)).toBe('令和4年度');
    expect(fiscalYearLabel(2019)).toBe('令和元年度');
    expect(parseFiscalYearLabel('令和4年度 組織目標展開整理表（部の組織目標）')).toBe(2022);
    expect(parseFiscalYearLabel('令和元年度')).toBe(2019);
    expect(parseFiscalYearLabel('令和４年度')).toBe(2022);
    expect(parseFiscalYearLabel('2022年度')).toBeNull();
  });

  it('names the years before 令和 in 平成, for old sheets brought in', () => {
    expect(fiscalYearLabel(2018)).toBe('平成30年度');
    expect(fiscalYearLabel(1989)).toBe('平成元年度');
    expect(() => fiscalYearLabel(1988)).toThrow(RangeError);
    expect(parseFiscalYearLabel('平成30年度 組織目標展開整理表（部の組織目標）')).toBe(2018);
    expect(parseFiscalYearLabel('平成元年度')).toBe(1989);
    // Printed in April 2019, before 令和 began: the same 年度 as 令和元年度.
    expect(parseFiscalYearLabel('平成31年度')).toBe(2019);
    expect(parseFiscalYearLabel('平成0年度')).toBeNull();
  });

  it('puts 4月–12月 in the first calendar year and 1月–3月 in the next', () => {
    expect(calendarYearOfMonth(2022, 4)).toBe(2022);
    expect(calendarYearOfMonth(2022, 12)).toBe(2022);
    expect(calendarYearOfMonth(2022, 1)).toBe(2023);
    expect(calendarYearOfMonth(2022, 3)).toBe(2023);
    expect(fiscalMonthOrder(4)).toBe(0);
    expect(fiscalMonthOrder(3)).toBe(11);
  });

  it('takes a deadline month to the last day of that month inside the fiscal year', () => {
    expect(deadlineDate(2022, 2)).toBe('2023-02-28'); // goal 1: 2月 of 令和4年度
    expect(deadlineDate(2023, 2)).toBe('2024-02-29'); // leap year
    expect(deadlineDate(2022, 12)).toBe('2022-12-31'); // goal 18
    expect(deadlineDate(2022, 1)).toBe('2023-01-31'); // goal 19
    expect(deadlineDate(2022, 3)).toBe(fiscalYearEnd(2022));
    expect(() => deadlineDate(2022, 13)).toThrow(RangeError);
  });

  it('finds the fiscal year of a date across the March/April boundary', () => {
    expect(fiscalYearOfDate('2023-03-31')).toBe(2022);
    expect(fiscalYearOfDate('2023-04-01')).toBe(2023);
  });

  it('writes and reads dates in 和暦 as the sheet prints them', () => {
    expect(formatWareki('2022-04-01')).toBe('令和4年4月1日');
    expect(formatWareki('2019-05-01')).toBe('令和元年5月1日');
    expect(formatWareki('2019-04-30')).toBe('平成31年4月30日');
    expect(parseWareki('令和4年4月1日')).toBe('2022-04-01');
    expect(parseWareki('令和元年5月1日')).toBe('2019-05-01');
    expect(parseWareki('令和４年４月１日')).toBe('2022-04-01');
    expect(parseWareki('令和4年2月30日')).toBeNull();
  });

  it('reads the いつまで column', () => {
    expect(parseMonthLabel('2月')).toBe(2);
    expect(parseMonthLabel('１２月')).toBe(12);
    expect(parseMonthLabel('13月')).toBeNull();
    expect(parseMonthLabel('年度末')).toBeNull();
  });
});
