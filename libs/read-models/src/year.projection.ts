/**
 * The year of a sheet as the read side keeps it: its 中間報告 windows, each section's report, and
 * whether the year is closed — one hash per sheet, field by field, so each event writes only what it
 * says and no projection needs the one before it.
 */
import { MID_YEAR_REPORT_EVENTS, MidYearReportEvent, YEAR_EVENTS, YearEvent } from '@goals/domain';
import { RecordedEvent } from '@goals/event-store';
import { Change } from './read-model.changes';

/** hash: the sheet's year; field names below. */
export const yearKey = (sheetId: string) => `year:${sheetId}`;
export const yearFields = {
  window: (n: number) => `window:${n}`,
  closed: 'closed',
  report: (n: number, sectionId: string, part: 'entries' | 'status' | 'reason' | 'late' | 'updatedAt') =>
    `report:${n}:${sectionId}:${part}`,
  /** The section's report stream revision (every window's reports share it): the If-Match of its next write. */
  revision: (sectionId: string) => `revision:${sectionId}`,
};

export function projectYear(event: RecordedEvent): Change[] | undefined {
  const yearEvent = YEAR_EVENTS.upcast(event);
  if (yearEvent) return yearChanges(yearEvent);
  const reportEvent = MID_YEAR_REPORT_EVENTS.upcast(event);
  if (reportEvent) return reportChanges(reportEvent, event);
  return undefined;
}

function yearChanges(event: YearEvent): Change[] {
  const key = yearKey(event.data.sheetId);
  switch (event.type) {
    case 'MidYearWindowOpened':
      return [{ op: 'hset', key, fields: { [yearFields.window(event.data.number)]: JSON.stringify(event.data) } }];
    case 'YearClosed':
      return [
        {
          op: 'hset',
          key,
          fields: { [yearFields.closed]: JSON.stringify({ closed: true, excluded: event.data.excluded }) },
        },
      ];
    case 'YearReopened':
      return [
        {
          op: 'hset',
          key,
          fields: { [yearFields.closed]: JSON.stringify({ closed: false, reopenReason: event.data.reason }) },
        },
      ];
  }
}

function reportChanges(event: MidYearReportEvent, recorded: RecordedEvent): Change[] {
  const { sheetId, window, sectionId } = event.data;
  const field = (part: Parameters<typeof yearFields.report>[2]) => yearFields.report(window, sectionId, part);
  const updatedAt =
    typeof recorded.metadata?.occurredAt === 'string' ? recorded.metadata.occurredAt : String(recorded.recordedAt);
  const common = { [yearFields.revision(sectionId)]: String(recorded.revision), [field('updatedAt')]: updatedAt };
  const key = yearKey(sheetId);
  switch (event.type) {
    case 'MidYearReportSaved':
      // Saving leaves the status alone: a report is saved only as none (read as 下書き) or 差戻し, and a
      // returned report stays returned, its reason on top, until it is submitted again.
      return [{ op: 'hset', key, fields: { ...common, [field('entries')]: JSON.stringify(event.data.entries) } }];
    case 'MidYearReportSubmitted':
      return [
        {
          op: 'hset',
          key,
          fields: {
            ...common,
            [field('entries')]: JSON.stringify(event.data.entries),
            [field('status')]: 'submitted',
            [field('late')]: String(event.data.late),
          },
        },
      ];
    case 'MidYearReportReturned':
      return [
        { op: 'hset', key, fields: { ...common, [field('status')]: 'returned', [field('reason')]: event.data.reason } },
      ];
    case 'MidYearReportConfirmed':
      return [{ op: 'hset', key, fields: { ...common, [field('status')]: 'confirmed' } }];
  }
}
