import { organisation } from '../testing/fixtures';
import { jstInstant } from '../reminders/reminder-policy';
import { MidYearReminderInput, midYearRemindersDue } from './mid-year-reminders';

const input: MidYearReminderInput = {
  sheetId: 's-r4',
  departmentId: 'dep-0001',
  windows: [
    { sheetId: 's-r4', number: 1, opensOn: '2022-09-01', closesOn: '2022-10-14' },
    { sheetId: 's-r4', number: 2, opensOn: '2022-12-01', closesOn: '2022-12-05' },
  ],
  sections: [
    { sectionId: 'sec-0001', reportedIn: [] },
    { sectionId: 'sec-0002', reportedIn: [1] },
  ],
  sent: [],
  closed: false,
};
const due = (i: Partial<MidYearReminderInput>, now: string) =>
  midYearRemindersDue({ ...input, ...i }, new Date(now), organisation, { sendAtHourJst: 9 }).map((r) => [
    r.window,
    r.sectionId,
    r.dueDate,
  ]);

describe('中間報告 reminders', () => {
  it('remind each section that has not reported, 7 days before the 締切日 (the 開始日 of a short window)', () => {
    expect(due({}, '2022-09-01T00:00:00Z')).toEqual([
      [1, 'sec-0001', '2022-10-07'],
      [2, 'sec-0001', '2022-12-01'],
      [2, 'sec-0002', '2022-12-01'],
    ]);
    expect(
      midYearRemindersDue(input, new Date('2022-09-01T00:00:00Z'), organisation, { sendAtHourJst: 9 })[0].dueAt,
    ).toBe(jstInstant('2022-10-07', 9).toISOString());
  });

  it('are sent once, not after the 締切日, and not in a closed year', () => {
    const sent = ['midyear.s-r4.1.sec-0001.2022-10-07'];
    expect(due({ sent }, '2022-10-08T00:00:00Z').filter(([w]) => w === 1)).toEqual([]);
    expect(due({}, '2022-10-15T00:00:00Z').filter(([w]) => w === 1)).toEqual([]);
    expect(due({ closed: true }, '2022-09-01T00:00:00Z')).toEqual([]);
  });
});
