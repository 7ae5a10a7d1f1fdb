/**
 * The year of a sheet as people read it — windows, each section's 中間報告, the close — built the
 * same way from the read model (today) and from the events folded up to a moment (time travel).
 */
import type { Redis } from 'ioredis';
import {
  evolveMidYearReport,
  evolveYear,
  initialMidYearReportState,
  initialYearState,
  MID_YEAR_REPORT_EVENTS,
  MidYearReportState,
  MidYearReportStatus,
  MidYearWindow,
  ProgressEntry,
  YEAR_EVENTS,
  YearState,
} from '@goals/domain';
import { RecordedEvent } from '@goals/event-store';
import { yearFields, yearKey } from './year.projection';

export interface MidYearReportView {
  window: number;
  sectionId: string;
  status: MidYearReportStatus;
  entries: ProgressEntry[];
  lastReturnReason?: string;
  late?: boolean;
  /** The report stream's revision: what the 課長 or 部長 sends back as If-Match. */
  revision: number;
  updatedAt?: string;
}

export interface YearView {
  windows: MidYearWindow[];
  closed: boolean;
  excluded: { goalId: string; reason: string }[];
  reopenReason?: string;
  reports: MidYearReportView[];
}

/** 中間報告 column of the sheet: a goal's latest progress that reached the 部長 (submitted or confirmed). */
export interface GoalProgress {
  window: number;
  label?: string;
  progress: ProgressEntry['progress'];
  comment: string;
  reportStatus: MidYearReportStatus;
}

export function progressOf(year: YearView, goalId: string): GoalProgress | undefined {
  const reported = year.reports
    .filter((r) => r.status === 'submitted' || r.status === 'confirmed')
    .sort((a, b) => b.window - a.window);
  for (const report of reported) {
    const entry = report.entries.find((e) => e.goalId === goalId);
    if (!entry) continue;
    const label = year.windows.find((w) => w.number === report.window)?.label;
    return {
      window: report.window,
      ...(label ? { label } : {}),
      progress: entry.progress,
      comment: entry.comment,
      reportStatus: report.status,
    };
  }
  return undefined;
}

export async function readYearView(redis: Redis, prefix: string, sheetId: string): Promise<YearView> {
  return yearViewOf(await redis.hgetall(prefix + yearKey(sheetId)));
}

export function yearViewOf(hash: Record<string, string>): YearView {
  const windows: MidYearWindow[] = [];
  const reports = new Map<string, MidYearReportView>();
  const revisions = new Map<string, number>();
  for (const [field, value] of Object.entries(hash)) {
    const v = /^revision:(.+)$/.exec(field);
    if (v) revisions.set(v[1], Number(value));
    const w = /^window:(\d+)$/.exec(field);
    if (w) windows.push(JSON.parse(value) as MidYearWindow);
    const r = /^report:(\d+):(.+):(entries|status|reason|late|updatedAt)$/.exec(field);
    if (!r) continue;
    const id = `${r[1]}:${r[2]}`;
    const report = reports.get(id) ?? {
      window: Number(r[1]),
      sectionId: r[2],
      status: 'draft' as MidYearReportStatus,
      entries: [],
      revision: 0,
    };
    if (r[3] === 'entries') report.entries = JSON.parse(value) as ProgressEntry[];
    if (r[3] === 'status') report.status = value as MidYearReportStatus;
    if (r[3] === 'reason') report.lastReturnReason = value;
    if (r[3] === 'late') report.late = value === 'true';
    if (r[3] === 'updatedAt') report.updatedAt = value;
    reports.set(id, report);
  }
  for (const report of reports.values()) report.revision = revisions.get(report.sectionId) ?? 0;
  const closed = hash[yearFields.closed]
    ? (JSON.parse(hash[yearFields.closed]) as {
        closed: boolean;
        excluded?: YearView['excluded'];
        reopenReason?: string;
      })
    : { closed: false };
  return {
    windows: windows.sort((a, b) => a.number - b.number),
    closed: closed.closed,
    excluded: closed.excluded ?? [],
    ...(closed.reopenReason ? { reopenReason: closed.reopenReason } : {}),
    reports: [...reports.values()].sort((a, b) => a.window - b.window || a.sectionId.localeCompare(b.sectionId)),
  };
}

/** Folds year and report events (already cut at the moment asked for) with the domain's own evolve. */
export class YearFold {
  private year: YearState = initialYearState();
  private reopenReason?: string;
  private readonly sections = new Map<string, { state: MidYearReportState; revision: number; updatedAt?: string }>();

  /** True when the event was the year's or a report's. */
  apply(event: RecordedEvent): boolean {
    const yearEvent = YEAR_EVENTS.upcast(event);
    if (yearEvent) {
      this.year = evolveYear(this.year, yearEvent);
      if (yearEvent.type === 'YearReopened') this.reopenReason = yearEvent.data.reason;
      if (yearEvent.type === 'YearClosed') this.reopenReason = undefined;
      return true;
    }
    const reportEvent = MID_YEAR_REPORT_EVENTS.upcast(event);
    if (!reportEvent) return false;
    const section = this.sections.get(reportEvent.data.sectionId) ?? {
      state: initialMidYearReportState(),
      revision: 0,
    };
    this.sections.set(reportEvent.data.sectionId, {
      state: evolveMidYearReport(section.state, reportEvent),
      revision: Number(event.revision),
      updatedAt: typeof event.metadata?.occurredAt === 'string' ? event.metadata.occurredAt : undefined,
    });
    return true;
  }

  view(): YearView {
    const reports: MidYearReportView[] = [];
    for (const [sectionId, { state, revision, updatedAt }] of this.sections)
      for (const [n, report] of Object.entries(state.reports))
        reports.push({
          window: Number(n),
          sectionId,
          status: report.status,
          entries: report.entries,
          ...(report.lastReturnReason ? { lastReturnReason: report.lastReturnReason } : {}),
          ...(report.late !== undefined ? { late: report.late } : {}),
          revision,
          ...(updatedAt ? { updatedAt } : {}),
        });
    return {
      windows: this.year.windows,
      closed: this.year.closed,
      excluded: this.year.excluded,
      ...(this.reopenReason ? { reopenReason: this.reopenReason } : {}),
      reports: reports.sort((a, b) => a.window - b.window || a.sectionId.localeCompare(b.sectionId)),
    };
  }
}
