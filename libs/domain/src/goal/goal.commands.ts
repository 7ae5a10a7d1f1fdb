import { Actor } from '../directory';
import { ActingFor } from '../delegation/acting-for';
import { GoalContent } from './goal-content';
import type { CarryOrigin } from '../year/carry-over.events';

/** Every command says who gives it; time and ids come from outside the domain. */
interface Command<T extends string, D> {
  type: T;
  data: D;
  by: Actor;
  /** 代決: the delegation in force under which `by` decides for the department head today. */
  actingFor?: ActingFor;
  /** Who proposed what a decision decides (proposersOf over the goal's recorded events): never its decider. */
  proposedBy?: readonly string[];
}

export type DraftGoal = Command<
  'DraftGoal',
  {
    goalId: string;
    sheet: { sheetId: string; departmentId: string; fiscalYear: number };
    content: GoalContent;
    /** 次年度への引継ぎ: the closed year's goal this draft continues. */
    carriedFrom?: CarryOrigin;
  }
>;
export type ReviseGoal = Command<'ReviseGoal', { changes: Partial<GoalContent> }>;
export type SubmitGoal = Command<'SubmitGoal', Record<string, never>>;
export type WithdrawGoal = Command<'WithdrawGoal', Record<string, never>>;
/** A draft written by mistake (a double 提出 made two): it leaves the sheet, its history stays. */
export type DeleteGoal = Command<'DeleteGoal', { reason: string }>;
export type ApproveGoal = Command<'ApproveGoal', { comment?: string }>;
export type ReturnGoal = Command<'ReturnGoal', { reason: string }>;
export type AmendGoal = Command<'AmendGoal', { changes: Partial<GoalContent>; reason: string }>;
export type RecordAchievement = Command<'RecordAchievement', { level: string; comment?: string }>;
export type ConfirmAchievement = Command<'ConfirmAchievement', { level?: string }>;

export type GoalCommand =
  | DraftGoal
  | ReviseGoal
  | SubmitGoal
  | WithdrawGoal
  | DeleteGoal
  | ApproveGoal
  | ReturnGoal
  | AmendGoal
  | RecordAchievement
  | ConfirmAchievement;

export type GoalCommandType = GoalCommand['type'];

export const GOAL_COMMAND_TYPES: readonly GoalCommandType[] = [
  'DraftGoal',
  'ReviseGoal',
  'SubmitGoal',
  'WithdrawGoal',
  'DeleteGoal',
  'ApproveGoal',
  'ReturnGoal',
  'AmendGoal',
  'RecordAchievement',
  'ConfirmAchievement',
];
