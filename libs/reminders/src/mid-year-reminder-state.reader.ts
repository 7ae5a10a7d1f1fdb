import {
  foldGoal,
  foldMidYearReport,
  foldSheet,
  foldYear,
  GOAL_EVENTS,
  goalStreamId,
  LegacyNames,
  MID_YEAR_REMINDER_EVENTS,
  MID_YEAR_REPORT_EVENTS,
  MidYearReminderInput,
  midYearReminderStreamId,
  midYearReportStreamId,
  SHEET_EVENTS,
  sheetStreamId,
  YEAR_EVENTS,
  yearStreamId,
} from '@goals/domain';
import { EventStore } from '@goals/event-store';

const APPROVED = new Set(['approved', 'achievementRecorded', 'confirmed']);

export interface MidYearReminderRead {
  input: MidYearReminderInput;
  fiscalYear: number;
  /** Where the next MidYearReminderSent goes. */
  reminders: { revision: bigint | 'no_stream' };
  /** Titles and 番号 of each section's approved goals, for the message. */
  goals: Map<string, { number: number; title: string }[]>;
}

/**
 * What the 中間報告 reminders of a sheet depend on, folded from its streams: the windows, the
 * sections with approved goals and whether their report reached the 部長, the reminders sent.
 * Undefined when the sheet has no window (nothing to remind of).
 */
export async function readMidYearReminders(
  store: EventStore,
  sheetId: string,
  names: LegacyNames,
): Promise<MidYearReminderRead | undefined> {
  const year = foldYear(YEAR_EVENTS.read((await store.readStream(yearStreamId(sheetId))).events));
  if (year.windows.length === 0) return undefined;
  const sheet = foldSheet(SHEET_EVENTS.read((await store.readStream(sheetStreamId(sheetId))).events, { names }));
  if (sheet.status !== 'open') return undefined;
  const goals = new Map<string, { number: number; title: string }[]>();
  for (const [i, goalId] of sheet.order.entries()) {
    const goal = foldGoal(GOAL_EVENTS.read((await store.readStream(goalStreamId(goalId))).events, { names }));
    if (goal.status === 'none' || !APPROVED.has(goal.status)) continue;
    for (const sectionId of goal.content.sections.filter((s) => s !== '共通'))
      goals.set(sectionId, [...(goals.get(sectionId) ?? []), { number: i + 1, title: goal.content.title }]);
  }
  const sections = await Promise.all(
    [...goals.keys()].map(async (sectionId) => {
      const { reports } = foldMidYearReport(
        MID_YEAR_REPORT_EVENTS.read((await store.readStream(midYearReportStreamId(sheetId, sectionId))).events),
      );
      const reportedIn = Object.entries(reports)
        .filter(([, r]) => r.status === 'submitted' || r.status === 'confirmed')
        .map(([n]) => Number(n));
      return { sectionId, reportedIn };
    }),
  );
  const sentStream = await store.readStream(midYearReminderStreamId(sheetId));
  return {
    input: {
      sheetId,
      departmentId: sheet.header.departmentId,
      windows: year.windows,
      sections,
      sent: MID_YEAR_REMINDER_EVENTS.read(sentStream.events).map((e) => e.data.reminderId),
      closed: year.closed,
    },
    fiscalYear: sheet.header.fiscalYear,
    reminders: { revision: sentStream.events.at(-1)?.revision ?? 'no_stream' },
    goals,
  };
}

const YEAR_STREAM = /^(?:year|midyear)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/;

/** The sheet a year stream or a section's 中間報告 stream is about. */
export function sheetIdOfYearStream(streamId: string): string | undefined {
  return YEAR_STREAM.exec(streamId)?.[1];
}
