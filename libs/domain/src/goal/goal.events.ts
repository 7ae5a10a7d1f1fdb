import { eventSchema, Upcaster } from '../events/event-schema';
import { LegacyNames } from '../organisation/organisation-names';
import { GoalContent } from './goal-content';
import type { CarryOrigin } from '../year/carry-over.events';

/**
 * What happened to one goal, in the order it happened. One stream per goal (`goal-<goalId>`),
 * so edits to different goals never contend; the goal's 番号 lives in its sheet's stream.
 */
export type GoalEvent =
  | GoalDrafted
  | GoalRevised
  | GoalSubmitted
  | GoalWithdrawn
  | GoalDeleted
  | GoalApproved
  | GoalReturned
  | GoalAmendmentRequested
  | GoalAmendmentWithdrawn
  | GoalAmendmentApproved
  | GoalAmendmentReturned
  | AchievementRecorded
  | AchievementConfirmed
  | ReminderSent;

/**
 * Schema versions of GoalDrafted, GoalRevised, GoalAmendmentRequested and GoalAmendmentApproved:
 * 1 named the department (`department`) and the sections (`sections`, names of the time); 2 refers
 * to them by id (`departmentId`, `sections` as section ids, 共通 as it is), so a 課 renamed on 4月1日
 * keeps its goals. Version 1 is read through the organisation (GoalReadContext).
 */
export type GoalDrafted = {
  type: 'GoalDrafted';
  data: { goalId: string; sheetId: string; departmentId: string; fiscalYear: number } & GoalContent & {
      /** 次年度への引継ぎ: the goal of the closed year this draft continues (absent for a new goal). */
      carriedFrom?: CarryOrigin;
    };
};
export type GoalRevised = { type: 'GoalRevised'; data: { goalId: string; changes: Partial<GoalContent> } };
export type GoalSubmitted = { type: 'GoalSubmitted'; data: { goalId: string } };
export type GoalWithdrawn = { type: 'GoalWithdrawn'; data: { goalId: string } };
/** A draft taken off the sheet; its 番号 stays taken and its history stays for the auditor. */
export type GoalDeleted = { type: 'GoalDeleted'; data: { goalId: string; sheetId: string; reason: string } };
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
 * The reminder service told people about this goal. It changes nothing about the goal itself. It is
 * written to the goal's own reminder stream (`reminders-<goalId>`), never to the goal's stream, so
 * a reminder cannot make a person's edit of the goal stale; the goal's history merges both streams.
 * Data folders written before that hold ReminderSent in the goal's stream, which is still read.
 * `reminderId` is the job id, deterministic from goal, kind and due date.
 *
 * Schema versions: 1 named the channels that delivered `channels`, which read as the channels
 * configured; 2 calls them `deliveredThrough` (upcast below).
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
    /** Channels that delivered it (e-mail, webhook); empty if none is configured. */
    deliveredThrough: string[];
  };
};

const reminderSentV1ToV2: Upcaster = ({ channels, ...rest }) => ({
  ...rest,
  deliveredThrough: Array.isArray(channels) ? channels : [],
});
const reminderSentUpcasters = { ReminderSent: { 1: reminderSentV1ToV2 } };

/**
 * What reading a goal's events written before ids needs: the organisation's ids for the names they
 * wrote, and, past the draft, the goal's department and fiscal year (carried along its stream).
 */
export interface GoalReadContext {
  names: LegacyNames;
  goal?: { departmentId: string; fiscalYear: number; departmentName?: string };
}

function needNames(context: GoalReadContext | undefined, type: string): LegacyNames {
  if (!context) throw new Error(`${type} of schema version 1 names its department: it is read with the organisation`);
  return context.names;
}

const goalDraftedV1ToV2: Upcaster<GoalReadContext> = ({ department, sections, ...rest }, context) => {
  const names = needNames(context, 'GoalDrafted');
  const fiscalYear = rest.fiscalYear as number;
  const departmentId = names.departmentId(department as string, fiscalYear);
  return {
    ...rest,
    departmentId,
    sections: (sections as string[]).map((s) => names.sectionId(departmentId, s, fiscalYear, department as string)),
  };
};

/** A change of 共通/課名 written before ids names sections of the goal's department, in its fiscal year. */
const changesV1ToV2: Upcaster<GoalReadContext> = (data, context) => {
  const changes = data.changes as Partial<Record<string, unknown>> | undefined;
  if (!changes || !Array.isArray(changes.sections)) return data;
  const names = needNames(context, 'a change of sections');
  const goal = context?.goal;
  if (!goal) throw new Error('a change of sections of schema version 1 is read after its goal was drafted');
  const sections = (changes.sections as string[]).map((s) =>
    names.sectionId(goal.departmentId, s, goal.fiscalYear, goal.departmentName),
  );
  return { ...data, changes: { ...changes, sections } };
};

const goalUpcasters = {
  ...reminderSentUpcasters,
  GoalDrafted: { 1: goalDraftedV1ToV2 },
  GoalRevised: { 1: changesV1ToV2 },
  GoalAmendmentRequested: { 1: changesV1ToV2 },
  GoalAmendmentApproved: { 1: changesV1ToV2 },
};

/** Along a goal's stream, its draft says which department and year later events belong to. */
function carryGoal(
  context: GoalReadContext | undefined,
  event: GoalEvent,
  stored: { data: unknown },
): GoalReadContext | undefined {
  if (!context || event.type !== 'GoalDrafted') return context;
  const written = (stored.data as { department?: unknown }).department;
  return {
    ...context,
    goal: {
      departmentId: event.data.departmentId,
      fiscalYear: event.data.fiscalYear,
      ...(typeof written === 'string' ? { departmentName: written } : {}),
    },
  };
}

export const GOAL_EVENT_TYPES = [
  'GoalDrafted',
  'GoalRevised',
  'GoalSubmitted',
  'GoalWithdrawn',
  'GoalDeleted',
  'GoalApproved',
  'GoalReturned',
  'GoalAmendmentRequested',
  'GoalAmendmentWithdrawn',
  'GoalAmendmentApproved',
  'GoalAmendmentReturned',
  'AchievementRecorded',
  'AchievementConfirmed',
  'ReminderSent',
] as const satisfies readonly GoalEvent['type'][];

export type GoalEventType = (typeof GOAL_EVENT_TYPES)[number];
// Every GoalEvent has its type in the list (the other direction is checked by `satisfies` above).
const _everyGoalEventListed: Exclude<GoalEvent['type'], GoalEventType> extends never ? true : never = true;
void _everyGoalEventListed;

/** The goal's stream: every type, today's versions, and how older stored shapes are read. */
export const GOAL_EVENTS = eventSchema<GoalEvent, GoalReadContext>(GOAL_EVENT_TYPES, goalUpcasters, carryGoal);

export const REMINDER_EVENT_TYPES = ['ReminderSent'] as const satisfies readonly ReminderSent['type'][];

/** A goal's reminder stream. */
export const REMINDER_EVENTS = eventSchema<ReminderSent>(REMINDER_EVENT_TYPES, reminderSentUpcasters);

export function reminderStreamId(goalId: string): string {
  return `reminders-${goalId}`;
}

export function goalStreamId(goalId: string): string {
  return `goal-${goalId}`;
}
