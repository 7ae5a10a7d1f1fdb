/**
 * Which 中間報告 reminders a sheet should have, and when. Pure, like the goal reminders: "now", the
 * organisation and the settings are passed in.
 *
 * One reminder per window and section whose report has not reached the 部長 (not submitted, or
 * returned and not yet submitted again): due `daysBefore` days before the 締切日 (7 by default), or on
 * the 開始日 for a window shorter than that, at the goal reminders' hour (09:00 JST). It is sent once;
 * after the 締切日 it is no longer wanted (the 部長 sees who has not reported in the 受信箱).
 */
import { addDays, CivilDate } from '../fiscal-year';
import { OrganisationState } from '../organisation/organisation';
import { jstDateOf, jstInstant, recipientsOf, ReminderRecipient } from '../reminders/reminder-policy';
import { eventSchema } from '../events/event-schema';
import { MidYearWindow } from './year.events';

export const MID_YEAR_REMINDER_DAYS_BEFORE = 7;

export interface MidYearReminderInput {
  sheetId: string;
  departmentId: string;
  windows: readonly MidYearWindow[];
  /** Sections with approved goals on the sheet, and the windows their report reached the 部長 in. */
  sections: readonly { sectionId: string; reportedIn: readonly number[] }[];
  /** Ids of reminders already sent. */
  sent: readonly string[];
  closed: boolean;
}

export interface MidYearReminder {
  /** Deterministic from sheet, window, section and due day; a BullMQ job id, so no ':'. */
  id: string;
  sheetId: string;
  window: number;
  sectionId: string;
  dueAt: string;
  dueDate: CivilDate;
  /** 締切日 */
  closesOn: CivilDate;
  recipients: ReminderRecipient[];
}

export function midYearRemindersDue(
  input: MidYearReminderInput,
  now: Date,
  organisation: OrganisationState,
  settings: { daysBefore?: number; sendAtHourJst: number },
): MidYearReminder[] {
  if (input.closed) return [];
  const today = jstDateOf(now);
  const wanted: MidYearReminder[] = [];
  for (const window of input.windows) {
    if (today > window.closesOn) continue;
    const before = addDays(window.closesOn, -(settings.daysBefore ?? MID_YEAR_REMINDER_DAYS_BEFORE));
    const dueDate = before < window.opensOn ? window.opensOn : before;
    for (const { sectionId, reportedIn } of input.sections) {
      if (reportedIn.includes(window.number)) continue;
      const id = `midyear.${input.sheetId}.${window.number}.${sectionId}.${dueDate}`.replace(/:/g, '_');
      if (input.sent.includes(id)) continue;
      wanted.push({
        id,
        sheetId: input.sheetId,
        window: window.number,
        sectionId,
        dueAt: jstInstant(dueDate, settings.sendAtHourJst).toISOString(),
        dueDate,
        closesOn: window.closesOn,
        recipients: recipientsOf('deadlineApproaching', input.departmentId, [sectionId], organisation, dueDate),
      });
    }
  }
  return wanted;
}

/** A 中間報告 reminder that went out, in `midyear-reminders-<sheetId>`: no person's If-Match ever waits on it. */
export type MidYearReminderSent = {
  type: 'MidYearReminderSent';
  data: {
    sheetId: string;
    window: number;
    sectionId: string;
    reminderId: string;
    dueAt: string;
    recipients: { userId: string; email?: string }[];
    deliveredThrough: string[];
  };
};

export const MID_YEAR_REMINDER_EVENTS = eventSchema<MidYearReminderSent>(['MidYearReminderSent']);

export function midYearReminderStreamId(sheetId: string): string {
  return `midyear-reminders-${sheetId}`;
}
