import { GoalStatus } from '../goal/goal.decider';
import type { CountedStatus } from './overview';
import { OverviewFilter, OverviewGoal, OverviewInput, overviewOf, OverviewSortKey } from './overview';

const SCALE = ['高度に達成した', 'ほぼ達成した', '一部達成した', '達成できなかった'];
const departments = [
  {
    departmentId: 'd-shimin',
    name: '市民生活部',
    sections: [
      { sectionId: 's-shimin', name: '市民課' },
      { sectionId: 's-keizai', name: '経済課' },
    ],
  },
  { departmentId: 'd-fukushi', name: '福祉部', sections: [{ sectionId: 's-fukushi', name: '福祉総務課' }] },
  { departmentId: 'd-kensetsu', name: '建設部', sections: [{ sectionId: 's-doro', name: '道路課' }] },
];

let n = 0;
function goal(departmentId: string, status: GoalStatus, extra: Partial<OverviewGoal> = {}): OverviewGoal {
  n += 1;
  return {
    goalId: `g${n}`,
    sheetId: `sheet-${departmentId}`,
    departmentId,
    fiscalYear: 2022,
    title: `目標${n}`,
    category: '行政改革',
    sections: departmentId === 'd-shimin' ? ['s-shimin'] : departmentId === 'd-fukushi' ? ['s-fukushi'] : ['s-doro'],
    status,
    ...extra,
  };
}

function input(goals: OverviewGoal[], extra: Partial<OverviewInput> = {}): OverviewInput {
  return {
    fiscalYear: 2022,
    today: '2022-05-10',
    departments,
    goals,
    achievementScale: SCALE,
    achievedLevels: 2,
    ...extra,
  };
}

describe('全庁の状況: one row per department of the year', () => {
  it.each<[string, CountedStatus]>([
    ['下書き', 'draft'],
    ['提出中', 'submitted'],
    ['差戻し', 'returned'],
    ['承認済', 'approved'],
    ['実績登録済', 'achievementRecorded'],
    ['確定', 'confirmed'],
  ])('counts a goal in %s under its department and the city', (_label, status) => {
    const g = goal('d-fukushi', status);
    const o = overviewOf(input([g, goal('d-shimin', 'draft')]));
    const fukushi = o.rows.find((r) => r.department === '福祉部')!;
    expect(fukushi.byStatus[status]).toEqual({ count: 1, goalIds: [g.goalId] });
    expect(o.total.byStatus[status].count).toBe(status === 'draft' ? 2 : 1);
  });

  it('lists a department with no goals at all, so the office sees who has not started', () => {
    const o = overviewOf(input([goal('d-shimin', 'approved')]));
    expect(o.rows.map((r) => [r.department, r.goals.count, r.notSubmitted.count])).toEqual([
      ['市民生活部', 1, 0],
      ['福祉部', 0, 0],
      ['建設部', 0, 0],
    ]);
  });

  it.each([
    // achieved levels, levels recorded, achieved, rated, rate
    [2, ['高度に達成した', 'ほぼ達成した', '一部達成した', '達成できなかった'], 2, 4, 0.5],
    [1, ['高度に達成した', 'ほぼ達成した', '一部達成した', '達成できなかった'], 1, 4, 0.25],
    [2, ['一部達成した', '達成できなかった'], 0, 2, 0],
    [2, [], 0, 0, null],
  ])('with the top %i levels as achieved, %j gives %i of %i (%p)', (top, levels, achieved, rated, rate) => {
    const goals = levels.map((level) => goal('d-shimin', 'confirmed', { achievement: level }));
    goals.push(goal('d-shimin', 'approved'));
    const row = overviewOf(input(goals, { achievedLevels: top })).rows[0];
    expect(row.achieved.count).toBe(achieved);
    expect(row.rated.count).toBe(rated);
    expect(row.achievementRate).toBe(rate);
    expect(row.achievement.map((a) => a.figure.count)).toEqual(SCALE.map((l) => levels.filter((x) => x === l).length));
  });

  it("keeps a level outside the year's scale apart, after it, and never as achieved", () => {
    const row = overviewOf(input([goal('d-shimin', 'confirmed', { achievement: 'A 達成' })])).rows[0];
    expect(row.achievement.map((a) => [a.level, a.figure.count])).toEqual([...SCALE.map((l) => [l, 0]), ['A 達成', 1]]);
    expect(row.achievementRate).toBe(0);
  });

  it('on a scale with 評価不能, counts it as given but in no rate, listed after the scale', () => {
    const scale = ['計画以上', '計画通り', '計画未満'];
    const goals = ['計画以上', '計画未満', '評価不能', '評価不能'].map((achievement) =>
      goal('d-shimin', 'confirmed', { achievement }),
    );
    const o = overviewOf(input(goals, { achievementScale: scale, achievedLevels: 2, notCounted: ['評価不能'] }));
    const row = o.rows[0];
    expect(row.achievement.map((a) => [a.level, a.figure.count])).toEqual([
      ['計画以上', 1],
      ['計画通り', 0],
      ['計画未満', 1],
      ['評価不能', 2],
    ]);
    expect([row.achieved.count, row.rated.count, row.achievementRate]).toEqual([1, 2, 0.5]);
    expect(o.notCounted).toEqual(['評価不能']);
  });

  it('counts the days since the oldest decision began waiting, in Asia/Tokyo days', () => {
    const older = goal('d-shimin', 'submitted', { waitingSince: '2022-04-30T15:30:00.000Z' }); // 5月1日 in Tokyo
    const newer = goal('d-shimin', 'achievementRecorded', { waitingSince: '2022-05-08T00:00:00.000Z' });
    const row = overviewOf(input([newer, older])).rows[0];
    expect(row.oldestPending).toEqual({ days: 9, goalId: older.goalId });
    expect(row.waitingDecision.count).toBe(2);
    expect(overviewOf(input([])).rows[0].oldestPending).toBeNull();
  });

  it.each<[OverviewFilter, string[]]>([
    [{ category: '施政方針' }, ['g-policy']],
    [{ sectionId: 's-keizai' }, ['g-keizai']],
    [{ sectionId: '共通' }, ['g-common']],
    [{ departmentIds: ['d-fukushi'] }, ['g-fukushi']],
  ])('filters by %j', (filter, expected) => {
    const goals = [
      goal('d-shimin', 'draft', { goalId: 'g-policy', category: '施政方針' }),
      goal('d-shimin', 'draft', { goalId: 'g-keizai', sections: ['s-keizai'] }),
      goal('d-shimin', 'draft', { goalId: 'g-common', sections: ['共通'] }),
      goal('d-fukushi', 'draft', { goalId: 'g-fukushi' }),
    ];
    const o = overviewOf(input(goals), filter);
    expect(o.total.goals.goalIds.sort()).toEqual(expected);
    if (filter.departmentIds) expect(o.rows.map((r) => r.departmentId)).toEqual(filter.departmentIds);
  });

  it.each<[OverviewSortKey, boolean, string[]]>([
    ['department', false, ['市民生活部', '福祉部', '建設部']],
    ['goals', true, ['福祉部', '市民生活部', '建設部']],
    ['achievementRate', true, ['市民生活部', '福祉部', '建設部']],
    ['achievementRate', false, ['福祉部', '市民生活部', '建設部']],
    ['notSubmitted', true, ['福祉部', '市民生活部', '建設部']],
  ])('sorts by %s (descending: %s), departments without the figure last', (by, descending, expected) => {
    const goals = [
      goal('d-shimin', 'confirmed', { achievement: '高度に達成した' }),
      goal('d-fukushi', 'confirmed', { achievement: '達成できなかった' }),
      goal('d-fukushi', 'draft'),
      goal('d-fukushi', 'returned'),
    ];
    expect(overviewOf(input(goals), {}, { by, descending }).rows.map((r) => r.department)).toEqual(expected);
  });

  it('counts the 中間報告 by 進捗状況 and names the sections that have not reported', () => {
    const reported = goal('d-shimin', 'approved');
    const late = goal('d-shimin', 'approved', { sections: ['s-keizai'] });
    const common = goal('d-shimin', 'approved', { sections: ['共通'] });
    const draft = goal('d-shimin', 'draft');
    const o = overviewOf(
      input([reported, late, common, draft], {
        progress: {
          levels: ['順調', 'やや遅れ', '遅れ', '完了'],
          reports: [{ goalId: reported.goalId, progress: 'やや遅れ' }],
        },
      }),
    );
    const row = o.rows[0];
    expect(row.progress!.byLevel.map((l) => [l.level, l.figure.count])).toEqual([
      ['順調', 0],
      ['やや遅れ', 1],
      ['遅れ', 0],
      ['完了', 0],
    ]);
    // A draft is not yet in force: nothing to report on.
    expect(row.progress!.notReported.goalIds).toEqual([late.goalId, common.goalId]);
    expect(row.progress!.sectionsNotReported.map((s) => s.name)).toEqual(['経済課', '共通']);
    expect(o.total.progress!.sectionsNotReported.map((s) => s.name)).toEqual(['経済課', '市民生活部 共通']);
  });

  it('has no 中間報告 figures in a year without one', () => {
    expect(overviewOf(input([goal('d-shimin', 'approved')])).rows[0].progress).toBeUndefined();
  });

  it('leaves out a deleted draft: it is no goal of the sheet', () => {
    const o = overviewOf(input([goal('d-shimin', 'deleted'), goal('d-shimin', 'draft')]));
    expect([o.rows[0].goals.count, o.rows[0].byStatus.draft.count]).toEqual([1, 1]);
  });

  it("leaves out another year's goals", () => {
    expect(overviewOf(input([goal('d-shimin', 'draft', { fiscalYear: 2021 })])).total.goals.count).toBe(0);
  });
});
