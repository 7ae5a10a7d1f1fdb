import { SheetDocument } from '@goals/sheet-file';
import { progressOf, SheetView, YearView } from '@goals/read-models';

const STATUS: Record<string, string> = { submitted: '提出済み', confirmed: '確認済み' };

/**
 * The 中間報告 in an exported sheet: the latest progress the 部長 received as a column beside 達成状況,
 * and every line received for the workbook's own 中間報告 worksheet. Drafts and returned reports stay out.
 */
export function withMidYear(
  doc: SheetDocument,
  sheet: Pick<SheetView, 'rows'>,
  year: YearView,
  sectionName: (sectionId: string) => string,
): SheetDocument {
  const windowName = (n: number) => year.windows.find((w) => w.number === n)?.label ?? `第${n}回`;
  const goals = doc.goals.map((goal, i) => {
    const p = progressOf(year, sheet.rows[i].goalId);
    return p ? { ...goal, midYear: `${windowName(p.window)} ${p.progress}${p.comment ? `：${p.comment}` : ''}` } : goal;
  });
  const midYearLines = year.reports
    .filter((r) => r.status in STATUS)
    .flatMap((r) =>
      r.entries.flatMap((e) => {
        const row = sheet.rows.find((x) => x.goalId === e.goalId);
        if (!row) return [];
        return [
          {
            window: windowName(r.window),
            number: row.number,
            title: row.content.title,
            section: sectionName(r.sectionId),
            progress: e.progress,
            comment: e.comment,
            status: `${STATUS[r.status]}${r.late ? '（期限後）' : ''}`,
          },
        ];
      }),
    );
  return { ...doc, goals, ...(midYearLines.length ? { midYearLines } : {}) };
}

/** The 施策 column: each goal's 総合計画 施策 by its id and name in the sheet's year (`label`). */
export function withMeasures(
  doc: SheetDocument,
  label: (measureId: string | undefined) => string | undefined,
): SheetDocument {
  return {
    ...doc,
    goals: doc.goals.map((goal) => {
      const measure = label(goal.measureId);
      return measure ? { ...goal, measure } : goal;
    }),
  };
}
