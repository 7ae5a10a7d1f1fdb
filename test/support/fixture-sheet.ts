import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSheetFile, SheetDocumentGoal } from '@goals/sheet-file';

/** The real 令和4年度 市民生活部 sheet (a copy of shared/fixtures, so the tests stand alone). */
export const FIXTURE_PATH = join(__dirname, '../fixtures/r4-citizen-life-dept-sheet.txt');

export type FixtureRow = SheetDocumentGoal & { achievement: string };

/** The fixture's goals by 番号, read with the same parser the import uses. */
export function fixtureRows(): Map<number, FixtureRow> {
  const { goals } = parseSheetFile(readFileSync(FIXTURE_PATH, 'utf8'));
  return new Map(goals.map((g) => [g.number, { ...g, achievement: g.achievement ?? '' }]));
}
