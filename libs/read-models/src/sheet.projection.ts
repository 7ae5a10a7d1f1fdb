/** The sheet's header, the 番号 of its goals, and the list of sheets by department and fiscal year. */
import { SheetEvent } from '@goals/domain';
import { Change, keys } from './read-model.changes';

export function projectSheet(event: SheetEvent): Change[] {
  switch (event.type) {
    case 'SheetOpened': {
      const h = event.data;
      return [
        {
          op: 'hset',
          key: keys.sheet(h.sheetId),
          fields: {
            sheetId: h.sheetId,
            departmentId: h.departmentId,
            fiscalYear: String(h.fiscalYear),
            createdOn: h.createdOn,
            headTitle: h.headTitle,
            headName: h.headName,
          },
        },
        { op: 'zadd', key: keys.sheets, score: h.fiscalYear, member: h.sheetId },
        { op: 'zadd', key: keys.sheetsOfDepartment(h.departmentId), score: h.fiscalYear, member: h.sheetId },
      ];
    }
    case 'GoalRegistered':
      return [
        { op: 'zadd', key: keys.sheetNumbers(event.data.sheetId), score: event.data.number, member: event.data.goalId },
      ];
    case 'GoalsRenumbered':
      // The event carries the whole order, so the numbers are rewritten rather than patched.
      return [
        { op: 'del', key: keys.sheetNumbers(event.data.sheetId) },
        ...event.data.goalIds.map((goalId, i): Change => ({
          op: 'zadd',
          key: keys.sheetNumbers(event.data.sheetId),
          score: i + 1,
          member: goalId,
        })),
      ];
  }
}
