import { GoalEvent } from '../goal/goal.events';
import { foldOrganisation } from '../organisation/organisation';
import { OrganisationEvent, PostKind } from '../organisation/organisation.events';
import {
  DatedGoalEvent,
  DEFAULT_REMINDER_SETTINGS,
  foldGoalReminderState,
  jstDateOf,
  jstInstant,
  Reminder,
  remindersDue,
} from './reminder-policy';

const DEPT = 'dep-1';
const SECTION = { 市民課: 'sec-1', 保険年金課: 'sec-2', 環境課: 'sec-3' } as const;
const sections = (...names: (keyof typeof SECTION | '共通')[]) => names.map((n) => (n === '共通' ? n : SECTION[n]));
const person = (personId: string, name: string, email?: string): OrganisationEvent => ({
  type: 'PersonRegistered',
  data: { personId, name, loginId: personId, ...(email ? { email } : {}) },
});
const post = (personId: string, kind: PostKind, sectionIds?: string[], from = '2019-04-01', until?: string) =>
  ({
    type: 'PostAssigned',
    data: {
      postId: `post-${personId}-${from}`,
      personId,
      kind,
      departmentId: DEPT,
      ...(sectionIds ? { sectionIds } : {}),
      from,
      ...(until ? { until } : {}),
    },
  }) satisfies OrganisationEvent;

/** 市民課長 is 市民 花子 until 令和5年3月31日 and 窓口 三郎 from 令和5年4月1日. */
const events: OrganisationEvent[] = [
  {
    type: 'DepartmentEstablished',
    data: { departmentId: DEPT, name: '市民生活部', headTitle: '市民生活部長', effectiveFrom: '2019-04-01' },
  },
  ...Object.entries(SECTION).map(([name, sectionId]): OrganisationEvent => ({
    type: 'SectionEstablished',
    data: { sectionId, departmentId: DEPT, name, effectiveFrom: '2019-04-01' },
  })),
  person('head', '部長 一郎', 'head@city.example'),
  person('shimin', '市民 花子', 'shimin@city.example'),
  person('hoken', '保険 次郎'),
  person('madoguchi', '窓口 三郎'),
  post('head', 'departmentHead'),
  post('shimin', 'sectionHead', sections('市民課'), '2019-04-01', '2023-03-31'),
  post('madoguchi', 'sectionHead', sections('市民課'), '2023-04-01'),
  post('hoken', 'sectionHead', sections('保険年金課')),
];
const directory = foldOrganisation(events);

const goalId = '0f8e1c2a-1111-4222-8333-944455556666';

function drafted(fiscalYear: number, deadlineMonth: number, sectionIds: string[] = sections('市民課')): GoalEvent {
  return {
    type: 'GoalDrafted',
    data: {
      goalId,
      sheetId: 's1',
      departmentId: DEPT,
      fiscalYear,
      title: '窓口の待ち時間短縮',
      category: '行政改革',
      targetLevel: '平均15分以内',
      method: '予約制の導入',
      deadlineMonth,
      sections: sectionIds,
    },
  };
}

/** A goal's history, each event at a JST wall-clock time. */
function history(...steps: [GoalEvent, string][]): DatedGoalEvent[] {
  return steps.map(([event, jst]) => ({ event, occurredAt: new Date(`${jst}+09:00`).toISOString() }));
}

const submitted: GoalEvent = { type: 'GoalSubmitted', data: { goalId } };
const approved: GoalEvent = { type: 'GoalApproved', data: { goalId } };
const achieved: GoalEvent = { type: 'AchievementRecorded', data: { goalId, level: 'ほぼ達成した' } };
const sent = (r: Reminder): GoalEvent => ({
  type: 'ReminderSent',
  data: { goalId, reminderId: r.id, kind: r.kind, dueAt: r.dueAt, recipients: [], deliveredThrough: ['email'] },
});

const jst = (text: string) => new Date(`${text}+09:00`);
const summary = (rs: Reminder[]) => rs.map((r) => `${r.kind} ${r.dueDate}`);

function approvedGoal(fiscalYear: number, month: number, sections?: string[]) {
  return foldGoalReminderState(
    history(
      [drafted(fiscalYear, month, sections), `${fiscalYear}-04-10T10:00:00`],
      [submitted, `${fiscalYear}-04-11T10:00:00`],
      [approved, `${fiscalYear}-04-12T10:00:00`],
    ),
  );
}

describe('reminder policy', () => {
  describe('deadline reminders of an approved goal, at 09:00 JST', () => {
    it('12月 of 令和4年度: 30 and 7 days before 31 December 2022, and on 1 January 2023', () => {
      const due = remindersDue(approvedGoal(2022, 12), jst('2022-05-01T00:00:00'), directory);
      expect(summary(due)).toEqual([
        'deadlineApproaching 2022-12-01',
        'deadlineApproaching 2022-12-24',
        'deadlineOverdue 2023-01-01',
        'yearEnd 2023-04-01',
      ]);
      expect(due[0].dueAt).toBe('2022-12-01T00:00:00.000Z');
      expect(due[0].deadline).toBe('2022-12-31');
      expect(due[0].days).toBe(30);
    });

    it('1月 of 令和4年度 falls in 2023, and its reminders start in December 2022', () => {
      const due = remindersDue(approvedGoal(2022, 1), jst('2022-05-01T00:00:00'), directory);
      expect(summary(due)).toEqual([
        'deadlineApproaching 2023-01-01',
        'deadlineApproaching 2023-01-24',
        'deadlineOverdue 2023-02-01',
        'yearEnd 2023-04-01',
      ]);
    });

    it('3月: the overdue day is the year-end day, so only the year-end reminder is sent that day', () => {
      const due = remindersDue(approvedGoal(2022, 3), jst('2022-05-01T00:00:00'), directory);
      expect(summary(due)).toEqual([
        'deadlineApproaching 2023-03-01',
        'deadlineApproaching 2023-03-24',
        'yearEnd 2023-04-01',
      ]);
    });

    it('leap February (令和5年度 2月 is February 2024, 29 days) and a common year', () => {
      expect(summary(remindersDue(approvedGoal(2023, 2), jst('2023-05-01T00:00:00'), directory))).toEqual([
        'deadlineApproaching 2024-01-30',
        'deadlineApproaching 2024-02-22',
        'deadlineOverdue 2024-03-01',
        'yearEnd 2024-04-01',
      ]);
      expect(summary(remindersDue(approvedGoal(2022, 2), jst('2022-05-01T00:00:00'), directory))).toEqual([
        'deadlineApproaching 2023-01-29',
        'deadlineApproaching 2023-02-21',
        'deadlineOverdue 2023-03-01',
        'yearEnd 2023-04-01',
      ]);
    });

    it('the offsets and the hour are configuration', () => {
      const settings = {
        ...DEFAULT_REMINDER_SETTINGS,
        deadlineDaysBefore: [14],
        overdueDaysAfter: 3,
        sendAtHourJst: 13,
      };
      const due = remindersDue(approvedGoal(2022, 6), jst('2022-05-01T00:00:00'), directory, settings);
      expect(summary(due)).toEqual([
        'deadlineApproaching 2022-06-16',
        'deadlineOverdue 2022-07-03',
        'yearEnd 2023-04-01',
      ]);
      expect(due[0].dueAt).toBe('2022-06-16T04:00:00.000Z');
    });

    it('none for a goal still in draft, and none once the achievement is recorded', () => {
      const draft = foldGoalReminderState(history([drafted(2022, 12), '2022-04-10T10:00:00']));
      expect(remindersDue(draft, jst('2022-05-01T00:00:00'), directory)).toEqual([]);
      const rated = foldGoalReminderState([
        ...history(
          [drafted(2022, 12), '2022-04-10T10:00:00'],
          [submitted, '2022-04-11T10:00:00'],
          [approved, '2022-04-12T10:00:00'],
        ),
        ...history([achieved, '2022-12-10T10:00:00']),
      ]);
      expect(remindersDue(rated, jst('2022-12-10T10:00:01'), directory)).toEqual([]);
    });

    it('a reminder already sent is not wanted again, and a later one supersedes earlier unsent ones', () => {
      const state = approvedGoal(2022, 12);
      const now = jst('2022-12-01T09:00:00');
      const [first] = remindersDue(state, now, directory);
      expect(first.kind).toBe('deadlineApproaching');
      const afterSending = foldGoalReminderState([
        ...history(
          [drafted(2022, 12), '2022-04-10T10:00:00'],
          [submitted, '2022-04-11T10:00:00'],
          [approved, '2022-04-12T10:00:00'],
        ),
        { event: sent(first), occurredAt: now.toISOString() },
      ]);
      expect(summary(remindersDue(afterSending, now, directory))).toEqual([
        'deadlineApproaching 2022-12-24',
        'deadlineOverdue 2023-01-01',
        'yearEnd 2023-04-01',
      ]);
      // The service was down from 30 November to 2 January: one catch-up reminder, the overdue one.
      expect(summary(remindersDue(state, jst('2023-01-02T12:00:00'), directory))).toEqual([
        'deadlineOverdue 2023-01-01',
        'yearEnd 2023-04-01',
      ]);
    });
  });

  describe('a goal brought in from an old sheet', () => {
    const entered = (jstWhen: string) =>
      foldGoalReminderState(history([drafted(2021, 12), jstWhen], [submitted, jstWhen], [approved, jstWhen]));

    it('is not chased when it entered after its fiscal year ended, though it was never rated', () => {
      // 令和3年度 ended on 31 March 2022; imported on 1 April 2022 and a year later.
      expect(remindersDue(entered('2022-04-01T08:00:00'), jst('2022-04-01T09:00:00'), directory)).toEqual([]);
      expect(remindersDue(entered('2023-05-10T10:00:00'), jst('2023-05-10T10:00:00'), directory)).toEqual([]);
    });

    it('is chased as any other when it entered on the last day of its year or before', () => {
      expect(summary(remindersDue(entered('2022-03-31T23:00:00'), jst('2022-03-31T23:00:00'), directory))).toEqual([
        'deadlineOverdue 2022-01-01',
        'yearEnd 2022-04-01',
      ]);
      expect(summary(remindersDue(entered('2021-11-01T10:00:00'), jst('2021-11-01T10:00:00'), directory))).toEqual([
        'deadlineApproaching 2021-12-01',
        'deadlineApproaching 2021-12-24',
        'deadlineOverdue 2022-01-01',
        'yearEnd 2022-04-01',
      ]);
    });
  });

  describe('pending approval', () => {
    const waiting = foldGoalReminderState(
      history([drafted(2022, 12), '2022-04-10T10:00:00'], [submitted, '2022-04-11T23:50:00']),
    );

    it('reminds the department head 3 days after the submission (JST day), at 09:00, and again every 3 days', () => {
      const first = remindersDue(waiting, jst('2022-04-12T00:00:00'), directory);
      expect(summary(first)).toEqual(['pendingApproval 2022-04-14']);
      expect(first[0].recipients.map((r) => r.userId)).toEqual(['head']);
      const afterFirst = foldGoalReminderState([
        ...history([drafted(2022, 12), '2022-04-10T10:00:00'], [submitted, '2022-04-11T23:50:00']),
        { event: sent(first[0]), occurredAt: first[0].dueAt },
      ]);
      expect(summary(remindersDue(afterFirst, jst('2022-04-14T09:00:01'), directory))).toEqual([
        'pendingApproval 2022-04-17',
      ]);
    });

    it('stops when decided, and counts again from a resubmission', () => {
      const returned = foldGoalReminderState(
        history(
          [drafted(2022, 12), '2022-04-10T10:00:00'],
          [submitted, '2022-04-11T10:00:00'],
          [{ type: 'GoalReturned', data: { goalId, reason: '数値目標を' } }, '2022-04-13T10:00:00'],
        ),
      );
      expect(remindersDue(returned, jst('2022-04-13T10:00:01'), directory)).toEqual([]);
      const again = foldGoalReminderState(
        history(
          [drafted(2022, 12), '2022-04-10T10:00:00'],
          [submitted, '2022-04-11T10:00:00'],
          [{ type: 'GoalReturned', data: { goalId, reason: '数値目標を' } }, '2022-04-13T10:00:00'],
          [submitted, '2022-04-20T10:00:00'],
        ),
      );
      expect(summary(remindersDue(again, jst('2022-04-20T10:00:01'), directory))).toEqual([
        'pendingApproval 2022-04-23',
      ]);
    });

    it('an amendment waiting for a decision is a pending approval too, beside the deadline reminders', () => {
      const amended = foldGoalReminderState([
        ...history(
          [drafted(2022, 12), '2022-04-10T10:00:00'],
          [submitted, '2022-04-11T10:00:00'],
          [approved, '2022-04-12T10:00:00'],
        ),
        ...history([
          { type: 'GoalAmendmentRequested', data: { goalId, changes: { deadlineMonth: 1 }, reason: '延期' } },
          '2022-11-29T10:00:00',
        ]),
      ]);
      expect(summary(remindersDue(amended, jst('2022-11-29T10:00:01'), directory))).toContain(
        'pendingApproval 2022-12-02',
      );
    });
  });

  describe('recipients', () => {
    it('the heads of the goal’s sections; 共通 goals and sections nobody heads go to the department head', () => {
      const now = jst('2022-05-01T00:00:00');
      expect(
        remindersDue(approvedGoal(2022, 12, sections('市民課', '保険年金課')), now, directory)[0].recipients,
      ).toEqual([
        { userId: 'shimin', name: '市民 花子', email: 'shimin@city.example' },
        { userId: 'hoken', name: '保険 次郎' },
      ]);
      expect(
        remindersDue(approvedGoal(2022, 12, sections('共通')), now, directory)[0].recipients.map((r) => r.userId),
      ).toEqual(['head']);
      expect(
        remindersDue(approvedGoal(2022, 12, sections('環境課')), now, directory)[0].recipients.map((r) => r.userId),
      ).toEqual(['head']);
    });

    it('the 課長 of the 課 a merge handed the goal to, from the day of the merge', () => {
      const merged = foldOrganisation([
        ...events,
        {
          type: 'SectionEstablished',
          data: { sectionId: 'sec-9', departmentId: DEPT, name: '市民保険課', effectiveFrom: '2023-01-01' },
        },
        {
          type: 'SectionsMerged',
          data: {
            sectionIds: [SECTION.市民課, SECTION.保険年金課],
            intoSectionId: 'sec-9',
            effectiveFrom: '2023-01-01',
          },
        },
        person('godo', '合同 四郎'),
        post('godo', 'sectionHead', ['sec-9'], '2023-01-01'),
      ]);
      const due = remindersDue(approvedGoal(2022, 12), jst('2022-05-01T00:00:00'), merged);
      expect(due.map((r) => [r.dueDate, r.recipients.map((p) => p.userId)])).toEqual([
        ['2022-12-01', ['shimin']],
        ['2022-12-24', ['shimin']],
        ['2023-01-01', ['godo']],
        ['2023-04-01', ['godo']],
      ]);
    });

    it('whoever holds the post on the day the reminder is due, within the goal’s fiscal year', () => {
      const due = remindersDue(approvedGoal(2022, 12), jst('2022-05-01T00:00:00'), directory);
      expect(due.map((r) => [r.dueDate, r.recipients.map((p) => p.userId)])).toEqual([
        ['2022-12-01', ['shimin']],
        ['2022-12-24', ['shimin']],
        ['2023-01-01', ['shimin']],
        // Due after 令和4年度 ended: the 課長 who held the post that year, not the one who came on 4月1日.
        ['2023-04-01', ['shimin']],
      ]);
    });

    it('a reminder of a past year goes only to those who held the post in that year', () => {
      // A 令和4年度 goal approved late: every reminder falls due in 令和5年度, when madoguchi heads 市民課.
      const late = foldGoalReminderState(
        history(
          [drafted(2022, 3), '2022-04-10T10:00:00'],
          [submitted, '2022-04-11T10:00:00'],
          [approved, '2023-03-30T10:00:00'],
        ),
      );
      const due = remindersDue(late, jst('2023-05-01T00:00:00'), directory);
      expect(due.length).toBeGreaterThan(0);
      for (const r of due)
        expect([r.dueDate > '2023-03-31', r.recipients.map((p) => p.userId)]).toEqual([true, ['shimin']]);
    });
  });

  it('job ids are deterministic, name goal, kind and due day, and contain no colon', () => {
    const a = remindersDue(approvedGoal(2022, 12), jst('2022-05-01T00:00:00'), directory);
    const b = remindersDue(approvedGoal(2022, 12), jst('2022-06-01T00:00:00'), directory);
    expect(a.map((r) => r.id)).toEqual(b.map((r) => r.id));
    expect(a[0].id).toBe(`${goalId}.deadlineApproaching.2022-12-01`);
    expect(a.every((r) => !r.id.includes(':'))).toBe(true);
  });

  it('JST is UTC+9 all year: the day changes at 15:00 UTC', () => {
    expect(jstDateOf(new Date('2023-03-31T14:59:59.999Z'))).toBe('2023-03-31');
    expect(jstDateOf(new Date('2023-03-31T15:00:00.000Z'))).toBe('2023-04-01');
    expect(jstInstant('2024-02-29', 9).toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('ReminderSent leaves the goal itself unchanged', () => {
    const before = approvedGoal(2022, 12);
    const r = remindersDue(before, jst('2022-12-01T09:00:00'), directory)[0];
    const after = foldGoalReminderState([
      ...history(
        [drafted(2022, 12), '2022-04-10T10:00:00'],
        [submitted, '2022-04-11T10:00:00'],
        [approved, '2022-04-12T10:00:00'],
      ),
      { event: sent(r), occurredAt: r.dueAt },
    ]);
    expect(after.goal).toEqual(before.goal);
  });
});
