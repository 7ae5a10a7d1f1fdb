import {
  foldGoalReminderState,
  foldSheet,
  GOAL_EVENT_TYPES,
  GoalEvent,
  GoalReminderState,
  goalStreamId,
  numberOf,
  SHEET_EVENT_TYPES,
  SheetEvent,
  sheetStreamId,
} from '@goals/domain';
import { EventStore, RecordedEvent, StreamNotFound } from '@goals/event-store';

/** The goal's reminder state, folded from its stream; undefined when the goal does not exist. */
export async function readGoalReminderState(store: EventStore, goalId: string): Promise<GoalReminderState | undefined> {
  const events = await readOrEmpty(store, goalStreamId(goalId));
  if (events.length === 0) return undefined;
  return foldGoalReminderState(
    events
      .filter((e) => (GOAL_EVENT_TYPES as readonly string[]).includes(e.type))
      .map((e) => ({ event: { type: e.type, data: e.data } as GoalEvent, occurredAt: e.metadata.occurredAt })),
  );
}

/** 番号 of the goal on its sheet, from the sheet's stream. */
export async function readGoalNumber(store: EventStore, sheetId: string, goalId: string): Promise<number | undefined> {
  const events = await readOrEmpty(store, sheetStreamId(sheetId));
  const sheet = foldSheet(
    events
      .filter((e) => (SHEET_EVENT_TYPES as readonly string[]).includes(e.type))
      .map((e) => ({ type: e.type, data: e.data }) as SheetEvent),
  );
  return numberOf(sheet, goalId);
}

async function readOrEmpty(store: EventStore, streamId: string): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(streamId);
  } catch (error) {
    if (error instanceof StreamNotFound) return [];
    throw error;
  }
}

const GOAL_STREAM = /^goal-(.+)$/;

export function goalIdOfStream(streamId: string): string | undefined {
  return GOAL_STREAM.exec(streamId)?.[1];
}
