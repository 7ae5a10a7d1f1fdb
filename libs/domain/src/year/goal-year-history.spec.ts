import { goalYearSteps } from './goal-year-history';

const report = (type: string, data: Record<string, unknown>, stream = 'midyear-s-c1') => ({
  type,
  data: { sheetId: 's', sectionId: 'c1', window: 1, ...data },
  streamId: stream,
});
const entries = (progress: string, comment: string) => [
  { goalId: 'g1', progress, comment },
  { goalId: 'g2', progress: '順調', comment: '' },
];

describe('a goal’s 中間報告 and 引継ぎ in its history', () => {
  it('shows what reached the 部長 about the goal, and the 部長’s decisions on it; drafts stay the 課長’s', () => {
    const steps = goalYearSteps('g1', [
      report('MidYearReportSaved', { entries: entries('遅れ', '下書き') }),
      report('MidYearReportSubmitted', { entries: entries('やや遅れ', '調達の遅れ'), late: false }),
      report('MidYearReportReturned', { reason: '挽回策を' }),
      report('MidYearReportSubmitted', { entries: entries('やや遅れ', '12月に挽回'), late: true }),
      report('MidYearReportConfirmed', {}),
    ]);
    expect(steps.map((s) => [s.event.type, s.changes.map((c) => [c.field, c.before, c.after])])).toEqual([
      [
        'MidYearReportSubmitted',
        [
          ['midYearWindow', null, '第1回'],
          ['progress', null, 'やや遅れ'],
          ['progressComment', null, '調達の遅れ'],
        ],
      ],
      ['MidYearReportReturned', [['midYearWindow', null, '第1回']]],
      [
        'MidYearReportSubmitted',
        [
          ['midYearWindow', null, '第1回'],
          ['progress', 'やや遅れ', 'やや遅れ'],
          ['progressComment', '調達の遅れ', '12月に挽回'],
          ['late', null, '締切日後に提出'],
        ],
      ],
      ['MidYearReportConfirmed', [['midYearWindow', null, '第1回']]],
    ]);
  });

  it('leaves out a report the goal was not in, and the decisions on it', () => {
    const other = [{ goalId: 'g2', progress: '順調', comment: '' }];
    expect(
      goalYearSteps('g1', [
        report('MidYearReportSubmitted', { entries: other, late: false }),
        report('MidYearReportConfirmed', {}),
      ]),
    ).toEqual([]);
  });

  it('names 継続 and where the goal was carried', () => {
    const carry = (type: string, data: object) => ({
      type,
      data: data as Record<string, unknown>,
      streamId: 'carryover-s',
    });
    const steps = goalYearSteps(
      'g1',
      [
        carry('ContinuationMarked', { sheetId: 's', goalId: 'g1', continuing: true }),
        carry('ContinuationMarked', { sheetId: 's', goalId: 'g9', continuing: true }),
        carry('GoalCarriedOver', {
          from: { goalId: 'g1', sheetId: 's', fiscalYear: 2022, number: 1 },
          to: { goalId: 'n1', sheetId: 't', fiscalYear: 2023, sections: [] },
        }),
      ],
      { carriedTo: 'R5-No.4' },
    );
    expect(steps.map((s) => s.changes)).toEqual([
      [{ field: 'continuing', before: null, after: '継続' }],
      [{ field: 'carriedTo', before: null, after: 'R5-No.4' }],
    ]);
  });
});
