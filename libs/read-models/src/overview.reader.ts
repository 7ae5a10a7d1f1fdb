/**
 * What 全庁の状況 reads of the read models for one fiscal year: every sheet of the year, its goals as
 * they stand, and when each decision began waiting (the department heads' inboxes). A few Redis round
 * trips per department; the figures themselves are the domain's pure overviewOf.
 */
import type { Redis } from 'ioredis';
import { OverviewGoal, PROGRESS_LEVELS, ProgressReport } from '@goals/domain';
import { ReadModelQueries } from './read-model.queries';
import { progressOf, readYearView } from './year.view';

const PAGE = 500;

export async function overviewGoalsOf(queries: ReadModelQueries, fiscalYear: number): Promise<OverviewGoal[]> {
  const headers = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await queries.sheets({ fiscalYear, offset, limit: PAGE });
    headers.push(...page.items);
    if (page.items.length < PAGE || headers.length >= page.total) break;
  }
  const departments = [...new Set(headers.map((h) => h.departmentId))];
  const [sheets, inboxes] = await Promise.all([
    Promise.all(headers.map((h) => queries.sheet(h.sheetId))),
    Promise.all(departments.map((d) => queries.inbox(d))),
  ]);
  const waitingSince = new Map(inboxes.flat().map((i) => [i.goalId, i.waitingSince]));
  return sheets.flatMap((sheet) =>
    !sheet
      ? []
      : sheet.rows.map((row): OverviewGoal => {
          const since = waitingSince.get(row.goalId);
          return {
            goalId: row.goalId,
            sheetId: sheet.header.sheetId,
            departmentId: sheet.header.departmentId,
            fiscalYear: sheet.header.fiscalYear,
            number: row.number,
            title: row.content.title,
            category: row.content.category,
            sections: row.content.sections,
            status: row.status,
            ...(row.achievement !== undefined ? { achievement: row.achievement } : {}),
            ...(since !== undefined ? { waitingSince: since } : {}),
            ...(row.content.measureId ? { measureId: row.content.measureId } : {}),
          };
        }),
  );
}

/**
 * The 中間報告 of the year's sheets, for 全庁の状況: each goal's latest 進捗状況 that reached its
 * 部長, from sheets whose 部長 opened a window; undefined when no sheet of the year has one.
 */
export async function overviewProgressOf(
  redis: Redis,
  prefix: string,
  sheetIds: readonly string[],
): Promise<{ levels: readonly string[]; reports: ProgressReport[] } | undefined> {
  const years = await Promise.all(sheetIds.map((id) => readYearView(redis, prefix, id)));
  if (!years.some((y) => y.windows.length > 0)) return undefined;
  const reports = years.flatMap((year) =>
    [...new Set(year.reports.flatMap((r) => r.entries.map((e) => e.goalId)))].flatMap((goalId) => {
      const progress = progressOf(year, goalId);
      return progress ? [{ goalId, progress: progress.progress }] : [];
    }),
  );
  return { levels: PROGRESS_LEVELS, reports };
}
