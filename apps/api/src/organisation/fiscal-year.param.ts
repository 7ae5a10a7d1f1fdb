import { fiscalYearOfDate, InvalidInput } from '@goals/domain';

/** `?fiscalYear=` as people send it: the Gregorian year the fiscal year starts in; this one when left out. */
export function fiscalYearParam(value: string | undefined, today: string): number {
  if (value === undefined || value === '') return fiscalYearOfDate(today);
  if (!/^\d{4}$/.test(value) || Number(value) < 1989 || Number(value) > 2100)
    throw InvalidInput.of(
      'fiscalYear',
      'must be the Gregorian year the fiscal year starts in, e.g. 2022 for 令和4年度',
      '年度（fiscalYear）は年度が始まる西暦の年で指定してください（令和4年度なら2022）',
    );
  return Number(value);
}
