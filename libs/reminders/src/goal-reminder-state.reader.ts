import {
  DatedGoalEvent,
  foldGoalReminderState,
  foldSheet,
  GOAL_EVENTS,
  GoalReminderState,
  goalStreamId,
  LegacyNames,
  numberOf,
  REMINDER_EVENTS,
  reminderStreamId,
  SHEET_EVENTS,
  sheetStreamId,
} from '@goals/domain';
import { EventStore } from '@goals/event-store';

export interface GoalReminderRead {
  state: GoalReminderState;
  /** The goal's reminder stream as read: its last revision is where the next ReminderSent goes. */
  reminders: { revision: bigint | 'no_stream' };
}

/**
 * The goal's reminder state: its own stream folded with its reminder stream (reminders sent; older
 * data folders also hold ReminderSent in the goal's stream). Undefined when the goal does not exist.
 */
export async function readGoalReminders(
  store: EventStore,
  goalId: string,
  names: LegacyNames,
): Promise<GoalReminderRead | undefined> {
  const [goal, reminders] = await Promise.all([
    store.readStream(goalStreamId(goalId)),
    store.readStream(reminderStreamId(goalId)),
  ]);
  if (!goal.exists) return undefined;
  const events = [...GOAL_EVENTS.read(goal.events, { names }), ...REMINDER_EVENTS.read(reminders.events)].sort(
    (a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0),
  );
  return {
    state: foldGoalReminderState(events.map((e): DatedGoalEvent => ({ event: e, occurredAt: e.metadata.occurredAt }))),
    reminders: { revision: reminders.events.at(-1)?.revision ?? 'no_stream' },
  };
}

/** The goal's reminder state, folded from its streams; undefined when the goal does not exist. */
export async function readGoalReminderState(
  store: EventStore,
  goalId: string,
  names: LegacyNames,
): Promise<GoalReminderState | undefined> {
  return (await readGoalReminders(store, goalId, names))?.state;
}

/** 番号 of the goal on its sheet, from the sheet's stream. */
export async function readGoalNumber(
  store: EventStore,
  sheetId: string,
  goalId: string,
  names: LegacyNames,
): Promise<number | undefined> {
  const { events } = await store.readStream(sheetStreamId(sheetId));
  return numberOf(foldSheet(SHEET_EVENTS.read(events, { names })), goalId);
}

const GOAL_STREAM = /^(?:goal|reminders)-(.+)$/;

/** The goal a goal stream or a goal's reminder stream is about. */
export function goalIdOfStream(streamId: string): string | undefined {
  return GOAL_STREAM.exec(streamId)?.[1];
}
