import { namedContent, Naming } from '../../organisation/naming';
import { deadlineDate, fiscalYearLabel, formatWareki, GoalContent, SheetHeader } from '@goals/domain';

interface Row {
  number: number;
  goalId: string;
  status: string;
  content: GoalContent;
  achievement?: string;
  pendingAmendment?: unknown;
  revision: number;
}

/**
 * The sheet as the paper shows it: header with 令和N年度 and 作成日 in 和暦, rows in 番号 order; the
 * department and sections named as in the sheet's fiscal year, with their ids beside them.
 */
export function sheetView(header: SheetHeader, rows: readonly Row[], naming: Naming) {
  return {
    ...header,
    department: naming.department(header.departmentId, header.fiscalYear),
    fiscalYearLabel: fiscalYearLabel(header.fiscalYear),
    createdOnWareki: formatWareki(header.createdOn),
    rows: [...rows]
      .sort((a, b) => a.number - b.number)
      .map((r) => ({
        number: r.number,
        goalId: r.goalId,
        status: r.status,
        revision: r.revision,
        ...namedContent(r.content, header.fiscalYear, naming),
        deadline: deadlineDate(header.fiscalYear, r.content.deadlineMonth),
        achievement: r.achievement ?? null,
        pendingAmendment: namedAmendment(r.pendingAmendment, header.fiscalYear, naming),
      })),
  };
}

function namedAmendment(pending: unknown, fiscalYear: number, naming: Naming) {
  if (!pending) return null;
  const p = pending as { changes: Partial<GoalContent>; reason: string };
  return { ...p, changes: namedContent(p.changes, fiscalYear, naming) };
}
