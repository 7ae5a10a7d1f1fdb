import { GoalStatus } from '../goal/goal.decider';
import { planForYear } from '../plan/plan';
import { foldPlan } from '../plan/plan.decider';
import { measureOverviewOf } from './measure-overview';
import { OverviewGoal, OverviewInput } from './overview';

const SCALE = ['高度に達成した', 'ほぼ達成した', '一部達成した', '達成できなかった'];
const plan = planForYear(
  foldPlan([
    {
      type: 'ComprehensivePlanLoaded',
      data: {
        validFrom: '2021-04-01',
        title: '第6次総合計画',
        levels: ['基本目標', '政策', '施策'],
        entries: [
          { id: '1', name: '安全・安心に暮らせるまち' },
          { id: '1-1', name: '市民サービスの向上', parentId: '1' },
          { id: '1-1-1', name: '窓口サービスの充実', parentId: '1-1' },
          { id: '1-1-2', name: '行政のデジタル化', parentId: '1-1' },
          { id: '2', name: '活力あるまち' },
          { id: '2-1', name: '地域経済の振興', parentId: '2' },
        ],
      },
    },
  ]),
  2022,
);
const departments = [
  { departmentId: 'd-shimin', name: '市民生活部', sections: [{ sectionId: 's-shimin', name: '市民課' }] },
  { departmentId: 'd-keizai', name: '経済部', sections: [{ sectionId: 's-shoko', name: '商工課' }] },
];

let n = 0;
function goal(
  departmentId: string,
  measureId: string | undefined,
  status: GoalStatus,
  achievement?: string,
): OverviewGoal {
  n += 1;
  return {
    goalId: `g${n}`,
    sheetId: `sheet-${departmentId}`,
    departmentId,
    fiscalYear: 2022,
    title: `目標${n}`,
    category: n % 2 ? '行政改革' : '施政方針',
    sections: departmentId === 'd-shimin' ? ['s-shimin'] : ['s-shoko'],
    status,
    ...(measureId ? { measureId } : {}),
    ...(achievement ? { achievement } : {}),
  };
}
const input = (goals: OverviewGoal[]): OverviewInput => ({
  fiscalYear: 2022,
  today: '2023-03-20',
  departments,
  goals,
  achievementScale: SCALE,
  achievedLevels: 2,
});

describe('施策別: the overview grouped by the 総合計画', () => {
  const a = goal('d-shimin', '1-1-1', 'confirmed', '高度に達成した');
  const b = goal('d-shimin', '1-1-2', 'achievementRecorded', '一部達成した');
  const c = goal('d-keizai', '1-1-2', 'approved');
  const d = goal('d-keizai', '2-1', 'draft');
  const e = goal('d-keizai', undefined, 'submitted');
  const f = goal('d-shimin', 'dropped-from-plan', 'draft');
  const o = measureOverviewOf(input([a, b, c, d, e, f]), plan);
  const row = (id: string) => o.rows.find((r) => r.measureId === id)!;

  it('lists every entry of the year’s plan in its order, with its level and depth, goals or not', () => {
    expect(o.rows.map((r) => [r.measureId, r.level, r.depth, r.figures.goals.count])).toEqual([
      ['1', '基本目標', 0, 3],
      ['1-1', '政策', 1, 3],
      ['1-1-1', '施策', 2, 1],
      ['1-1-2', '施策', 2, 2],
      ['2', '基本目標', 0, 1],
      ['2-1', '政策', 1, 1],
    ]);
    expect(o.plan).toEqual({ validFrom: '2021-04-01', title: '第6次総合計画', levels: ['基本目標', '政策', '施策'] });
  });

  it('counts each 施策’s goals by status and achievement, and rolls them up to the 政策 and 基本目標', () => {
    expect(row('1-1-2').figures.byStatus.achievementRecorded.goalIds).toEqual([b.goalId]);
    expect(row('1-1-2').figures.byStatus.approved.goalIds).toEqual([c.goalId]);
    expect(row('1-1').figures.achievement.map((l) => l.figure.count)).toEqual([1, 0, 1, 0]);
    expect(row('1').figures.rated.goalIds).toEqual([a.goalId, b.goalId]);
    expect(row('1').figures.achievementRate).toBe(0.5);
    expect(row('1-1-1').figures.achievementRate).toBe(1);
    expect(row('2').figures.notSubmitted.goalIds).toEqual([d.goalId]);
  });

  it('counts goals without a 施策 of the plan apart, and the city’s total once each', () => {
    expect(o.unlinked.goals.goalIds).toEqual([e.goalId, f.goalId]);
    expect(o.unlinked.department).toBe('施策の指定なし');
    expect(o.total.goals.count).toBe(6);
  });

  it('filters by department, category and section as the department view does', () => {
    const keizai = measureOverviewOf(input([a, b, c, d, e, f]), plan, { departmentIds: ['d-keizai'] });
    expect(keizai.rows.map((r) => r.figures.goals.count)).toEqual([1, 1, 0, 1, 1, 1]);
    expect(keizai.total.goals.count).toBe(3);
    const reform = measureOverviewOf(input([a, b, c, d, e, f]), plan, { category: '行政改革' });
    expect(reform.total.goals.goalIds).toEqual([a, c, e].map((g) => g.goalId));
    expect(measureOverviewOf(input([a, b, c]), plan, { sectionId: 's-shoko' }).rows[0].figures.goals.goalIds).toEqual([
      c.goalId,
    ]);
  });

  it('without a plan for the year, every goal is unlinked and there are no rows', () => {
    const none = measureOverviewOf(input([a, e]), undefined);
    expect(none.plan).toBeUndefined();
    expect(none.rows).toEqual([]);
    expect(none.unlinked.goals.count).toBe(2);
  });
});
