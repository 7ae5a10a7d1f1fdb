import { ParseIntPipe } from '@nestjs/common';
import { InvalidInput } from '@goals/domain';

/** `{fiscalYear}` in a path: the Gregorian year the fiscal year starts in (令和7年度 is 2025), always given. */
export const fiscalYearPath = () =>
  new ParseIntPipe({
    exceptionFactory: () =>
      InvalidInput.of('fiscalYear', 'must be the Gregorian year the fiscal year starts in', FISCAL_YEAR_JA),
  });

const FISCAL_YEAR_JA = '年度は始まる年を西暦4桁で指定してください（令和7年度なら2025）';

export function assertFiscalYear(fiscalYear: number): number {
  if (fiscalYear < 1989 || fiscalYear > 2100)
    throw InvalidInput.of('fiscalYear', 'must be a year from 1989 to 2100', FISCAL_YEAR_JA);
  return fiscalYear;
}
