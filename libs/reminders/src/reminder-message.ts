/**
 * The words of a reminder, in Japanese as the city writes to its staff. Dates are shown in 和暦,
 * as on the sheet itself.
 */
import {
  departmentNameIn,
  ExistingGoal,
  fiscalYearLabel,
  formatWareki,
  jstDateOf,
  OrganisationState,
  Reminder,
  ReminderRecipient,
  sectionNamesIn,
} from '@goals/domain';

/** The goal's department and sections as its fiscal year's sheet names them. */
export interface GoalNames {
  department: string;
  sections: string[];
}

export function namesOfGoal(organisation: OrganisationState, goal: ExistingGoal): GoalNames {
  return {
    department: departmentNameIn(organisation, goal.departmentId, goal.fiscalYear),
    sections: sectionNamesIn(organisation, goal.content.sections, goal.fiscalYear),
  };
}

export interface ReminderMessage {
  /** Channels use only its id (Message-ID, X-Reminder-Id); a 中間報告 reminder is no goal's. */
  reminder: Pick<Reminder, 'id'>;
  recipients: ReminderRecipient[];
  subject: string;
  text: string;
  /** The JSON body of the webhook, for chat tools. */
  webhook: Record<string, unknown>;
}

export function composeReminderMessage(
  reminder: Reminder,
  goal: ExistingGoal,
  number: number | undefined,
  names: GoalNames,
): ReminderMessage {
  const label = `${number === undefined ? '番号未設定' : `番号${number}`}「${goal.content.title}」`;
  const deadline = formatWareki(reminder.deadline);
  const { subject, lead } = wording(reminder, label, deadline, fiscalYearLabel(goal.fiscalYear));
  const text = [
    `${reminder.recipients.map((r) => `${r.name} 様`).join('、') || 'ご担当者 様'}`,
    '',
    lead,
    '',
    `部　　：${names.department}`,
    `課　　：${names.sections.join('、')}`,
    `番号　：${number ?? '未設定'}`,
    `実施項目：${goal.content.title}`,
    `いつまで：${deadline}`,
    `年度　：${fiscalYearLabel(goal.fiscalYear)}`,
    '',
    'このメールは組織目標展開整理表の管理システムから自動で送信しています。',
  ].join('\n');
  return {
    reminder,
    recipients: reminder.recipients,
    subject,
    text,
    webhook: {
      type: 'goal.reminder',
      reminderId: reminder.id,
      kind: reminder.kind,
      goalId: goal.goalId,
      sheetId: goal.sheetId,
      department: names.department,
      departmentId: goal.departmentId,
      sections: names.sections,
      sectionIds: goal.content.sections,
      number: number ?? null,
      title: goal.content.title,
      deadline: reminder.deadline,
      deadlineWareki: deadline,
      dueAt: reminder.dueAt,
      recipients: reminder.recipients.map((r) => ({ userId: r.userId, name: r.name, email: r.email ?? null })),
      text: `${subject}\n${lead}`,
    },
  };
}

function wording(reminder: Reminder, label: string, deadline: string, year: string): { subject: string; lead: string } {
  switch (reminder.kind) {
    case 'deadlineApproaching':
      return {
        subject: `【期限まであと${reminder.days}日】${label}（いつまで：${deadline}）`,
        lead: `${label}の期限（${deadline}）まであと${reminder.days}日です。達成状況の記録をお願いします。`,
      };
    case 'deadlineOverdue':
      return {
        subject: `【期限超過】${label}（いつまで：${deadline}）`,
        lead: `${label}は期限（${deadline}）を過ぎましたが、達成状況がまだ記録されていません。記録をお願いします。`,
      };
    case 'pendingApproval':
      return {
        subject: `【承認待ち】${label}が${reminder.days}日間承認を待っています`,
        lead: `${label}は${formatWareki(addDaysBack(reminder))}に提出され、承認または差戻しを待っています。ご確認をお願いします。`,
      };
    case 'yearEnd':
      return {
        subject: `【年度終了】${year}の${label}の達成状況が未記録です`,
        lead: `${year}が終了しましたが、${label}（いつまで：${deadline}）の達成状況がまだ記録されていません。記録をお願いします。`,
      };
  }
}

/** The JST day the waiting began: the due day less the days waited. */
function addDaysBack(reminder: Reminder): string {
  return jstDateOf(new Date(Date.parse(reminder.dueAt) - (reminder.days ?? 0) * 24 * 3600 * 1000));
}
