import { envelope, goalStreamId, REMINDER_EVENTS, ReminderSent, reminderStreamId } from '@goals/domain';
import { derivedUuid, EventStore, WrongExpectedVersion } from '@goals/event-store';

export const REMINDER_ACTOR = { userId: 'system:reminders', role: 'system' } as const;

/** Reminders of one goal recorded at the same moment contend for its stream; each tries again after the other. */
const RECORD_ATTEMPTS = 10;

/**
 * Appends ReminderSent to the goal's reminder stream, never to the goal's own stream: a person's
 * If-Match on the goal then never goes stale because a reminder went out. Resolves true if this call
 * recorded it, false if it was already recorded.
 *
 * Exactly once on every store: the append expects the reminder stream's exact revision as just
 * read, with this reminder not in it. Whatever retries it (the client after a lost answer, BullMQ
 * after a crash, a second notifier), a later attempt finds the stream moved on, and an exact expected
 * revision cannot fork the stream. The event id alone would not do on EventStoreDB: the server
 * checks ids only below the stream's current revision, and for `any` only in a bounded cache that a
 * restart empties. On a conflict the stream is read again: this reminder in it means done; another
 * reminder of the same goal means try again after it.
 */
export async function recordReminderSent(
  store: EventStore,
  sent: ReminderSent,
  now: Date,
  readRevision?: bigint | 'no_stream',
): Promise<boolean> {
  const { goalId, reminderId } = sent.data;
  const streamId = reminderStreamId(goalId);
  let expected = readRevision ?? (await currentRevision(store, goalId, reminderId));
  for (let attempt = 1; expected !== 'recorded'; attempt++) {
    const event = envelope(sent, derivedUuid('ReminderSent', reminderId), {
      actor: REMINDER_ACTOR,
      occurredAt: now.toISOString(),
      correlationId: reminderId,
      causationId: reminderId,
    });
    try {
      await store.append(streamId, [event], { expectedRevision: expected });
      return true;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion) || attempt >= RECORD_ATTEMPTS) throw error;
      expected = await currentRevision(store, goalId, reminderId);
    }
  }
  return false;
}

async function currentRevision(
  store: EventStore,
  goalId: string,
  reminderId: string,
): Promise<bigint | 'no_stream' | 'recorded'> {
  // Data folders from before reminder streams hold ReminderSent in the goal's stream: look in both.
  const [goal, reminders] = await Promise.all([
    store.readStream(goalStreamId(goalId)),
    store.readStream(reminderStreamId(goalId)),
  ]);
  // Only ReminderSent matters here, in either stream (REMINDER_EVENTS reads no other type).
  const sent = [...REMINDER_EVENTS.read(goal.events), ...REMINDER_EVENTS.read(reminders.events)];
  if (sent.some((e) => e.type === 'ReminderSent' && e.data.reminderId === reminderId)) return 'recorded';
  return reminders.events.at(-1)?.revision ?? 'no_stream';
}
