/**
 * 中間報告 reminders: scheduled per sheet (window × section) beside the goal reminders, through the
 * same queue, notifier and channels; recorded as MidYearReminderSent in the sheet's reminder stream.
 */
import {
  departmentNameIn,
  envelope,
  fiscalYearLabel,
  formatWareki,
  MID_YEAR_REMINDER_EVENTS,
  MidYearReminder,
  MidYearReminderSent,
  midYearReminderStreamId,
  OrganisationState,
  sectionNamesIn,
} from '@goals/domain';
import { derivedUuid, EventStore, WrongExpectedVersion } from '@goals/event-store';
import { MidYearReminderRead } from './mid-year-reminder-state.reader';
import { ReminderMessage } from './reminder-message';
import { REMINDER_ACTOR } from './reminder-record';

export function composeMidYearMessage(
  reminder: MidYearReminder,
  read: MidYearReminderRead,
  organisation: OrganisationState,
): ReminderMessage {
  const department = departmentNameIn(organisation, read.input.departmentId, read.fiscalYear);
  const [section] = sectionNamesIn(organisation, [reminder.sectionId], read.fiscalYear);
  const window = read.input.windows.find((w) => w.number === reminder.window)!;
  const name = window.label ?? `第${window.number}回`;
  const closesOn = formatWareki(reminder.closesOn);
  const subject = `【中間報告】${section}の${name}の中間報告が未提出です（締切日：${closesOn}）`;
  const lead = `${fiscalYearLabel(read.fiscalYear)}の${name}の中間報告（${formatWareki(window.opensOn)}〜${closesOn}）が、まだ部長に提出されていません。承認済みの目標ごとに進捗状況と進捗コメントを入力し、提出してください。`;
  const goals = read.goals.get(reminder.sectionId) ?? [];
  const text = [
    `${reminder.recipients.map((r) => `${r.name} 様`).join('、') || 'ご担当者 様'}`,
    '',
    lead,
    '',
    `部　　：${department}`,
    `課　　：${section}`,
    `締切日：${closesOn}`,
    '対象の目標：',
    ...goals.map((g) => `　番号${g.number}「${g.title}」`),
    '',
    'このメールは組織目標展開整理表の管理システムから自動で送信しています。',
  ].join('\n');
  return {
    reminder: { id: reminder.id },
    recipients: reminder.recipients,
    subject,
    text,
    webhook: {
      type: 'midYear.reminder',
      reminderId: reminder.id,
      kind: 'midYearReport',
      sheetId: reminder.sheetId,
      window: reminder.window,
      department,
      section,
      sectionId: reminder.sectionId,
      closesOn: reminder.closesOn,
      closesOnWareki: closesOn,
      dueAt: reminder.dueAt,
      recipients: reminder.recipients.map((r) => ({ userId: r.userId, name: r.name, email: r.email ?? null })),
      text: `${subject}\n${lead}`,
    },
  };
}

/** Exactly once, as recordReminderSent: at the stream's revision just read, re-read on a conflict. */
export async function recordMidYearReminderSent(
  store: EventStore,
  sent: MidYearReminderSent,
  now: Date,
  readRevision: bigint | 'no_stream',
): Promise<boolean> {
  const streamId = midYearReminderStreamId(sent.data.sheetId);
  let expected: bigint | 'no_stream' = readRevision;
  for (let attempt = 1; ; attempt++) {
    const event = envelope(sent, derivedUuid('MidYearReminderSent', sent.data.reminderId), {
      actor: REMINDER_ACTOR,
      occurredAt: now.toISOString(),
      correlationId: sent.data.reminderId,
      causationId: sent.data.reminderId,
    });
    try {
      await store.append(streamId, [event], { expectedRevision: expected });
      return true;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion) || attempt >= 10) throw error;
      const { events } = await store.readStream(streamId);
      if (MID_YEAR_REMINDER_EVENTS.read(events).some((e) => e.data.reminderId === sent.data.reminderId)) return false;
      expected = events.at(-1)?.revision ?? 'no_stream';
    }
  }
}
