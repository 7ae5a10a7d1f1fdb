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
  | AchievementConfirmed;

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
];

export function goalStreamId(goalId: string): string {
  return `goal-${goalId}`;
}
