import { GoalContent } from './goal-content';

/**
 * What happened to one goal, in the order it happened. One stream per goal (`goal-<goalId>`),
 * so edits to different goals never contend; the goal's 番号 lives in its sheet's stream.
 */
export type GoalEvent =
  | GoalDrafted
  | GoalRevised
  | GoalSubmitted
  | GoalWithdrawn
  | GoalApproved
  | GoalReturned
  | GoalAmendmentRequested
  | GoalAmendmentWithdrawn
  | GoalAmendmentApproved
  | GoalAmendmentReturned
  | AchievementRecorded
  | AchievementConfirmed
  | ReminderSent;

export type GoalDrafted = {
  type: 'GoalDrafted';
  data: { goalId: string; sheetId: string; department: string; fiscalYear: number } & GoalContent;
};
export type GoalRevised = { type: 'GoalRevised'; data: { goalId: string; changes: Partial<GoalContent> } };
export type GoalSubmitted = { type: 'GoalSubmitted'; data: { goalId: string } };
export type GoalWithdrawn = { type: 'GoalWithdrawn'; data: { goalId: string } };
export type GoalApproved = { type: 'GoalApproved'; data: { goalId: string; comment?: string } };
export type GoalReturned = { type: 'GoalReturned'; data: { goalId: string; reason: string } };
/** A change request on an approved goal: the approved text stays in force until it is approved. */
export type GoalAmendmentRequested = {
  type: 'GoalAmendmentRequested';
  data: { goalId: string; changes: Partial<GoalContent>; reason: string };
};
export type GoalAmendmentWithdrawn = { type: 'GoalAmendmentWithdrawn'; data: { goalId: string } };
export type GoalAmendmentApproved = {
  type: 'GoalAmendmentApproved';
  data: { goalId: string; changes: Partial<GoalContent>; comment?: string };
};
export type GoalAmendmentReturned = { type: 'GoalAmendmentReturned'; data: { goalId: string; reason: string } };
export type AchievementRecorded = {
  type: 'AchievementRecorded';
  data: { goalId: string; level: string; comment?: string };
};
export type AchievementConfirmed = {
  type: 'AchievementConfirmed';
  data: { goalId: string; level: string; recordedLevel: string };
};

/**
 * The reminder service told people about this goal. It changes nothing about the goal itself; it is
 * in the goal's stream so the goal's history shows what was sent to whom and when, and so a reminder
 * is never sent twice (`reminderId` is the job id, deterministic from goal, kind and due date).
 */
export type ReminderSent = {
  type: 'ReminderSent';
  data: {
    goalId: string;
    reminderId: string;
    kind: string;
    /** ISO-8601 instant the reminder was due. */
    dueAt: string;
    recipients: { userId: string; email?: string }[];
    channels: string[];
  };
};

export type GoalEventType = GoalEvent['type'];

export const GOAL_EVENT_TYPES: readonly GoalEventType[] = [
  'GoalDrafted',
  'GoalRevised',
  'GoalSubmitted',
  'GoalWithdrawn',
  'GoalApproved',
  'GoalReturned',
  'GoalAmendmentRequested',
  'GoalAmendmentWithdrawn',
  'GoalAmendmentApproved',
  'GoalAmendmentReturned',
  'AchievementRecorded',
  'AchievementConfirmed',
  'ReminderSent',
];

export function goalStreamId(goalId: string): string {
  return `goal-${goalId}`;
}
