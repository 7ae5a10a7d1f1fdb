import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The real 令和4年度 市民生活部 sheet (a copy of shared/fixtures, so the tests stand alone). */
export const FIXTURE_PATH = join(__dirname, '../fixtures/r4-citizen-life-dept-sheet.txt');

export interface FixtureRow {
  number: number;
  title: string;
  category: string;
  targetLevel: string;
  method: string;
  deadlineMonth: number;
  sections: string[];
  achievement: string;
}

/** The table rows of the fixture, by 番号 (a plain reading, for tests that need real goal texts). */
export function fixtureRows(): Map<number, FixtureRow> {
  const rows = new Map<number, FixtureRow>();
  for (const line of readFileSync(FIXTURE_PATH, 'utf8').split(/\r?\n/)) {
    const cells = line.split('\t');
    if (cells.length < 8 || !/^\d+$/.test(cells[0])) continue;
    rows.set(Number(cells[0]), {
      number: Number(cells[0]),
      title: cells[1],
      category: cells[2],
      targetLevel: cells[3],
      method: cells[4],
      deadlineMonth: Number(cells[5].replace('月', '')),
      sections: cells[6].split('、'),
      achievement: cells[7].trim(),
    });
  }
  return rows;
}
