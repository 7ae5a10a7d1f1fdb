/**
 * Which reminders a goal should have, and when. Pure: the caller passes "now", the directory and
 * the settings; no clock, no queue, no I/O.
 *
 * Times are in Asia/Tokyo. Japan has no daylight saving time, so JST is always UTC+9 and plain
 * arithmetic is enough. Every reminder is sent at `sendAtHourJst` (09:00 by default) on its due day,
 * so nobody is woken at night by a goal submitted at 23:50.
 *
 * Kinds, for a goal whose いつまで is the last day D of its deadline month in its fiscal year:
 * - deadlineApproaching: D − 30 and D − 7 days (configurable), while approved and not yet rated;
 * - deadlineOverdue: D + 1 day, same condition;
 * - yearEnd: the fiscal year's end (31 March) + 1 day, same condition. A 3月 goal's overdue day is
 *   the year-end day, so it gets the year-end reminder only;
 * - pendingApproval: N days (3 by default) after the submission (or amendment request), then every
 *   N days, while it waits for the department head's decision.
 *
 * A goal that came into the service after its fiscal year was over (an old sheet brought in) is a
 * record of that year, not work to chase: it gets no deadline or year-end reminders, rated or not.
 *
 * The deadline reminders of one goal form a series in which a later one supersedes an earlier one:
 * when several are already past (the goal was approved late, or the service was down), only the
 * latest past one is still wanted, so a returning service sends one catch-up reminder, not three.
 */
import { COMMON_SECTION } from '../directory';
import { holdersOn, OrganisationState, Person } from '../organisation/organisation';
import { successorsOn } from '../organisation/section-lineage';
import { addDays, CivilDate, deadlineDate, fiscalYearEnd } from '../fiscal-year';
import { isCommonGoal } from '../goal/goal-content';
import { evolveGoal, GoalState, initialGoalState } from '../goal/goal.decider';
import { GoalEvent } from '../goal/goal.events';

export type ReminderKind = 'deadlineApproaching' | 'deadlineOverdue' | 'pendingApproval' | 'yearEnd';

export interface ReminderSettings {
  /** Days before the end of the deadline month: [30, 7] by default. */
  deadlineDaysBefore: number[];
  /** Days after the end of the deadline month for the overdue reminder. */
  overdueDaysAfter: number;
  /** A submission waiting this many days reminds the department head, and again every as many days. */
  pendingApprovalEveryDays: number;
  /** Days after the fiscal year's end (31 March) for the year-end reminder. */
  yearEndDaysAfter: number;
  /** Hour of the day (JST, 0–23) at which reminders are due. */
  sendAtHourJst: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  deadlineDaysBefore: [30, 7],
  overdueDaysAfter: 1,
  pendingApprovalEveryDays: 3,
  yearEndDaysAfter: 1,
  sendAtHourJst: 9,
};

export interface ReminderRecipient {
  userId: string;
  name: string;
  email?: string;
}

export interface Reminder {
  /** Deterministic from goal, kind and due day; a BullMQ job id, so it never contains ':'. */
  id: string;
  goalId: string;
  kind: ReminderKind;
  /** ISO-8601 instant. */
  dueAt: string;
  /** The due day in JST. */
  dueDate: CivilDate;
  /** いつまで: the last day of the goal's deadline month. */
  deadline: CivilDate;
  /** deadlineApproaching: days left until the deadline. pendingApproval: days waited so far. */
  days?: number;
  recipients: ReminderRecipient[];
}

/** What the reminders need to know of a goal, folded from its stream. */
export interface GoalReminderState {
  goal: GoalState;
  /** When the current submission or amendment request began waiting for a decision (ISO instant). */
  awaitingDecisionSince?: string;
  /** Ids of reminders already sent (from ReminderSent). */
  sent: string[];
  /** When the goal was drafted (ISO instant): a goal entered after its year ended is not chased. */
  enteredAt?: string;
}

/** A goal event with the instant it happened (its metadata's occurredAt). */
export interface DatedGoalEvent {
  event: GoalEvent;
  occurredAt: string;
}

export function initialGoalReminderState(): GoalReminderState {
  return { goal: initialGoalState(), sent: [] };
}

export function evolveGoalReminderState(
  state: GoalReminderState,
  { event, occurredAt }: DatedGoalEvent,
): GoalReminderState {
  const goal = evolveGoal(state.goal, event);
  switch (event.type) {
    case 'GoalDrafted':
      return { ...state, goal, enteredAt: state.enteredAt ?? occurredAt };
    case 'GoalSubmitted':
    case 'GoalAmendmentRequested':
      return { ...state, goal, awaitingDecisionSince: occurredAt };
    case 'GoalApproved':
    case 'GoalReturned':
    case 'GoalWithdrawn':
    case 'GoalAmendmentApproved':
    case 'GoalAmendmentReturned':
    case 'GoalAmendmentWithdrawn':
      return { ...state, goal, awaitingDecisionSince: undefined };
    case 'ReminderSent':
      return { ...state, goal, sent: [...state.sent, event.data.reminderId] };
    default:
      return { ...state, goal };
  }
}

export function foldGoalReminderState(events: readonly DatedGoalEvent[]): GoalReminderState {
  return events.reduce(evolveGoalReminderState, initialGoalReminderState());
}

/** The reminders that should exist for the goal as of `now`: scheduled if future, sent soon if past. */
/**
 * `organisation`: the event-sourced directory; each reminder goes to whoever holds the post on its due
 * day, or on the last day of the goal's fiscal year when it falls due after that year.
 */
export function remindersDue(
  state: GoalReminderState,
  now: Date,
  organisation: OrganisationState,
  settings: ReminderSettings = DEFAULT_REMINDER_SETTINGS,
): Reminder[] {
  const goal = state.goal;
  if (goal.status === 'none') return [];
  const deadline = deadlineDate(goal.fiscalYear, goal.content.deadlineMonth);
  // A reminder of a fiscal year goes to those who held the post in that year: one due after it ends
  // (the year-end reminder, a late one) goes to the holder of its last day, not to whoever came on 4月1日.
  const lastDay = fiscalYearEnd(goal.fiscalYear);
  const heldOn = (dueDate: CivilDate): CivilDate => (dueDate > lastDay ? lastDay : dueDate);
  const at = (kind: ReminderKind, dueDate: CivilDate, days?: number): Reminder => ({
    id: reminderId(goal.goalId, kind, dueDate),
    goalId: goal.goalId,
    kind,
    dueAt: jstInstant(dueDate, settings.sendAtHourJst).toISOString(),
    dueDate,
    deadline,
    ...(days === undefined ? {} : { days }),
    recipients: recipientsOf(kind, goal.departmentId, goal.content.sections, organisation, heldOn(dueDate)),
  });
  const wanted: Reminder[] = [];

  // Achievement can only be recorded on an approved goal, so only approved goals are chased for it.
  if (goal.status === 'approved' && !enteredAfterItsYear(state)) {
    const yearEnd = addDays(fiscalYearEnd(goal.fiscalYear), settings.yearEndDaysAfter);
    const series = [
      ...settings.deadlineDaysBefore.map((d) => at('deadlineApproaching', addDays(deadline, -d), d)),
      at('deadlineOverdue', addDays(deadline, settings.overdueDaysAfter)),
    ].filter((r) => r.dueDate < yearEnd);
    series.push(at('yearEnd', yearEnd));
    wanted.push(...latestPastAndFuture(series, now, state.sent));
  }

  if (state.awaitingDecisionSince) {
    const every = settings.pendingApprovalEveryDays;
    const from = jstDateOf(new Date(state.awaitingDecisionSince));
    const nth = (k: number) => at('pendingApproval', addDays(from, k * every), k * every);
    // The latest repetition already due (if any) and the next one.
    let k = 1;
    while (Date.parse(nth(k + 1).dueAt) <= now.getTime()) k += 1;
    const series = Date.parse(nth(k).dueAt) <= now.getTime() ? [nth(k), nth(k + 1)] : [nth(k)];
    wanted.push(...latestPastAndFuture(series, now, state.sent));
  }
  return wanted;
}

function enteredAfterItsYear(state: GoalReminderState): boolean {
  if (state.goal.status === 'none' || !state.enteredAt) return false;
  return jstDateOf(new Date(state.enteredAt)) > fiscalYearEnd(state.goal.fiscalYear);
}

/** Job ids for BullMQ, which refuses ':' in custom ids; goal ids are UUIDs, but be safe. */
export function reminderId(goalId: string, kind: ReminderKind, dueDate: CivilDate): string {
  return `${goalId.replace(/:/g, '_')}.${kind}.${dueDate}`;
}

function latestPastAndFuture(series: Reminder[], now: Date, sent: readonly string[]): Reminder[] {
  const sorted = [...series].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const past = sorted.filter((r) => Date.parse(r.dueAt) <= now.getTime());
  const future = sorted.filter((r) => Date.parse(r.dueAt) > now.getTime());
  const latestPast = past.at(-1);
  return [...(latestPast ? [latestPast] : []), ...future].filter((r) => !sent.includes(r.id));
}

/**
 * Section heads of the goal's sections; the department head for 共通 goals, for decisions, and for a
 * section nobody heads that day (someone must hear of it). Posts as held on `day`, by id: a 課長
 * moved on 4月1日 is no longer reminded of the old section's goals from that day, and the 課長 of
 * the 課 a merge or split handed them to is.
 */
export function recipientsOf(
  kind: ReminderKind,
  departmentId: string,
  sections: readonly string[],
  organisation: OrganisationState,
  day: CivilDate,
): ReminderRecipient[] {
  const heads = holdersOn(organisation, { kind: 'departmentHead', departmentId }, day);
  if (kind === 'pendingApproval' || isCommonGoal(sections)) return unique(heads).map(recipient);
  const found: Person[] = [];
  let unheaded = false;
  for (const sectionId of sections.filter((s) => s !== COMMON_SECTION)) {
    // A 課 merged or split since the goal was written is reminded through its successors (lineage).
    const carried = successorsOn(organisation, [sectionId], day);
    const sectionHeads = (carried.length ? carried : [sectionId]).flatMap((id) =>
      holdersOn(organisation, { kind: 'sectionHead', sectionId: id }, day),
    );
    if (sectionHeads.length === 0) unheaded = true;
    found.push(...sectionHeads);
  }
  if (unheaded) found.push(...heads);
  return unique(found).map(recipient);
}

function unique(people: Person[]): Person[] {
  return [...new Map(people.map((p) => [p.personId, p])).values()];
}

function recipient(p: Person): ReminderRecipient {
  return { userId: p.loginId, name: p.name, ...(p.email ? { email: p.email } : {}) };
}

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The instant of `hour`:00 JST on a civil date. */
export function jstInstant(date: CivilDate, hour: number): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, hour) - JST_OFFSET_MS);
}

/** The civil date in Tokyo at an instant. */
export function jstDateOf(instant: Date): CivilDate {
  return new Date(instant.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
}
