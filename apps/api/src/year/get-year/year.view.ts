import { formatWareki, PROGRESS_LEVELS, SheetHeader } from '@goals/domain';
import { SheetRow, YearView } from '@goals/read-models';
import { Naming } from '../../organisation/organisation-directory.service';

const APPROVED: readonly string[] = ['approved', 'achievementRecorded', 'confirmed'];

/**
 * The year as the 部長, 課長 and auditor read it: each window in 和暦 and, per section with approved
 * goals, its report — status, lines in 番号 order with their titles, counts by 進捗状況 and who has
 * not reported yet.
 */
export function yearView(
  header: SheetHeader,
  rows: readonly SheetRow[],
  year: YearView,
  naming: Naming,
  today: string,
) {
  const approved = rows.filter((r) => APPROVED.includes(r.status));
  const sectionIds = [...new Set(approved.flatMap((r) => r.content.sections))].filter((s) => s !== '共通');
  const name = (id: string) => naming.sections([id], header.fiscalYear)[0] ?? id;
  const row = (goalId: string) => rows.find((r) => r.goalId === goalId);
  return {
    sheetId: header.sheetId,
    today,
    closed: year.closed,
    excluded: year.excluded.map((e) => ({ ...e, number: row(e.goalId)?.number ?? null })),
    reopenReason: year.reopenReason ?? null,
    windows: year.windows.map((w) => {
      const sections = sectionIds.map((sectionId) => {
        const report = year.reports.find((r) => r.window === w.number && r.sectionId === sectionId);
        return {
          sectionId,
          section: name(sectionId),
          status: report?.status ?? 'none',
          late: report?.late ?? false,
          lastReturnReason: report?.lastReturnReason ?? null,
          revision: report ? report.revision : (year.reports.find((r) => r.sectionId === sectionId)?.revision ?? null),
          updatedAt: report?.updatedAt ?? null,
          goals: approved
            .filter((r) => r.content.sections.includes(sectionId))
            .map((r) => {
              const entry = report?.entries.find((e) => e.goalId === r.goalId);
              return {
                goalId: r.goalId,
                number: r.number,
                title: r.content.title,
                progress: entry?.progress ?? null,
                comment: entry?.comment ?? '',
              };
            }),
        };
      });
      const reported = sections.filter((s) => s.status === 'submitted' || s.status === 'confirmed');
      const counts = Object.fromEntries(
        PROGRESS_LEVELS.map((p) => [p, reported.flatMap((s) => s.goals).filter((g) => g.progress === p).length]),
      );
      return {
        number: w.number,
        label: w.label ?? null,
        opensOn: w.opensOn,
        closesOn: w.closesOn,
        opensOnWareki: formatWareki(w.opensOn),
        closesOnWareki: formatWareki(w.closesOn),
        /** open: today is within 開始日 … 締切日; after it reports still come in, marked late. */
        phase: today < w.opensOn ? 'upcoming' : today <= w.closesOn ? 'open' : 'past',
        sections,
        counts,
        notReported: sections.filter((s) => s.status !== 'submitted' && s.status !== 'confirmed').map((s) => s.section),
      };
    }),
  };
}
