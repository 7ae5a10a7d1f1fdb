import { ParseIntPipe } from '@nestjs/common';
import { InvalidInput } from '@goals/domain';

const int = { type: 'integer' };
const str = { type: 'string' };
const obj = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({
  type: 'object',
  required,
  properties,
});

/** What a write on the year answers (the revision also as ETag for the next If-Match). */
export const YEAR_WRITTEN = {
  contentType: 'application/json',
  schema: obj({ sheetId: { ...str, format: 'uuid' }, revision: int, number: int }, ['sheetId', 'revision']),
};

/** What a write on a section's 中間報告 answers. */
export const REPORT_WRITTEN = {
  contentType: 'application/json',
  schema: obj({ sheetId: { ...str, format: 'uuid' }, window: int, sectionId: str, revision: int }),
};

/** 第n回: a window's number in the path. */
export const windowParam = () =>
  new ParseIntPipe({
    exceptionFactory: () => InvalidInput.of('window', '中間報告の回は1以上の整数で指定してください'),
  });
