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

/** The sheet as the paper shows it: header with 令和N年度 and 作成日 in 和暦, rows in 番号 order. */
export function sheetView(header: SheetHeader, rows: readonly Row[]) {
  return {
    ...header,
    fiscalYearLabel: fiscalYearLabel(header.fiscalYear),
    createdOnWareki: formatWareki(header.createdOn),
    rows: [...rows]
      .sort((a, b) => a.number - b.number)
      .map((r) => ({
        number: r.number,
        goalId: r.goalId,
        status: r.status,
        revision: r.revision,
        ...r.content,
        deadline: deadlineDate(header.fiscalYear, r.content.deadlineMonth),
        achievement: r.achievement ?? null,
        pendingAmendment: r.pendingAmendment ?? null,
      })),
  };
}
