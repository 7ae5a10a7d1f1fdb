import { ReminderKind } from '@goals/domain';

/** What a queued reminder carries: only the keys to re-read the truth from the events at send time. */
export interface ReminderJobData {
  reminderId: string;
  goalId: string;
  kind: ReminderKind | 'midYearReport';
  dueAt: string;
  /** A 中間報告 reminder is about a sheet's section (goalId is then empty). */
  sheetId?: string;
}

export type ReminderJobOutcome = 'sent' | 'alreadySent' | 'moot';
