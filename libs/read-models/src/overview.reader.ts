/**
 * What 全庁の状況 reads of the read models for one fiscal year: every sheet of the year, its goals as
 * they stand, and when each decision began waiting (the department heads' inboxes). A few Redis round
 * trips per department; the figures themselves are the domain's pure overviewOf.
 */
import { OverviewGoal } from '@goals/domain';
import { ReadModelQueries } from './read-model.queries';

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
          };
        }),
  );
}
