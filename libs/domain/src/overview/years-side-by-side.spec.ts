import {
  decideOrganisation,
  emptyOrganisation,
  evolveOrganisation,
  OrganisationCommand,
} from '../organisation/organisation';
import { departmentLine, yearsSideBySide } from './years-side-by-side';
import { OverviewGoal, overviewOf } from './overview';

const SCALE = ['高度に達成した', 'ほぼ達成した', '一部達成した', '達成できなかった'];

/**
 * 令和4年度: 市民生活部 (市民課), 経済部 (商工課, 農政課), 福祉部 (福祉総務課).
 * 令和5年4月1日: 福祉部 is renamed 健康福祉部; 経済部 is abolished, its 課 moved to 市民生活部 (which
 * becomes 市民経済部) — 経済部's years join 市民経済部's line.
 */
function organisation() {
  const commands: OrganisationCommand[] = [
    {
      type: 'EstablishDepartment',
      data: { departmentId: 'd-shimin', name: '市民生活部', effectiveFrom: '2019-04-01' },
    },
    { type: 'EstablishDepartment', data: { departmentId: 'd-keizai', name: '経済部', effectiveFrom: '2019-04-01' } },
    { type: 'EstablishDepartment', data: { departmentId: 'd-fukushi', name: '福祉部', effectiveFrom: '2019-04-01' } },
    {
      type: 'EstablishSection',
      data: { sectionId: 's-shimin', departmentId: 'd-shimin', name: '市民課', effectiveFrom: '2019-04-01' },
    },
    {
      type: 'EstablishSection',
      data: { sectionId: 's-shoko', departmentId: 'd-keizai', name: '商工課', effectiveFrom: '2019-04-01' },
    },
    {
      type: 'EstablishSection',
      data: { sectionId: 's-nosei', departmentId: 'd-keizai', name: '農政課', effectiveFrom: '2019-04-01' },
    },
    {
      type: 'EstablishSection',
      data: { sectionId: 's-fukushi', departmentId: 'd-fukushi', name: '福祉総務課', effectiveFrom: '2019-04-01' },
    },
    { type: 'RenameDepartment', data: { departmentId: 'd-fukushi', name: '健康福祉部', effectiveFrom: '2023-04-01' } },
    { type: 'RenameDepartment', data: { departmentId: 'd-shimin', name: '市民経済部', effectiveFrom: '2023-04-01' } },
    { type: 'MoveSection', data: { sectionId: 's-shoko', departmentId: 'd-shimin', effectiveFrom: '2023-04-01' } },
    { type: 'MoveSection', data: { sectionId: 's-nosei', departmentId: 'd-shimin', effectiveFrom: '2023-04-01' } },
    { type: 'AbolishDepartment', data: { departmentId: 'd-keizai', effectiveFrom: '2023-04-01' } },
  ] as OrganisationCommand[];
  return commands.reduce(
    (state, c) => decideOrganisation(c, state).reduce(evolveOrganisation, state),
    emptyOrganisation(),
  );
}

const goal = (goalId: string, departmentId: string, fiscalYear: number, achievement?: string): OverviewGoal => ({
  goalId,
  sheetId: `${departmentId}-${fiscalYear}`,
  departmentId,
  fiscalYear,
  title: goalId,
  category: '行政改革',
  sections: ['共通'],
  status: achievement ? 'confirmed' : 'approved',
  ...(achievement ? { achievement } : {}),
});

describe('years side by side, along the departments’ lineage', () => {
  const state = organisation();

  it.each([
    ['d-shimin', 'd-shimin'],
    ['d-fukushi', 'd-fukushi'],
    ['d-keizai', 'd-shimin'],
  ])('%s belongs to the line of %s', (department, line) => {
    expect(departmentLine(state, department)).toBe(line);
  });

  it("keeps a renamed department's years together and joins a merged one's to where its 課 went", () => {
    const goals = [
      goal('a', 'd-shimin', 2022, '高度に達成した'),
      goal('b', 'd-keizai', 2022, '一部達成した'),
      goal('c', 'd-fukushi', 2022, 'ほぼ達成した'),
      goal('d', 'd-shimin', 2023, 'ほぼ達成した'),
      goal('e', 'd-fukushi', 2023, '達成できなかった'),
      goal('f', 'd-fukushi', 2023),
    ];
    const overviewFor = (fiscalYear: number, departments: { departmentId: string; name: string }[]) =>
      overviewOf({
        fiscalYear,
        today: '2024-03-31',
        departments: departments.map((d) => ({ ...d, sections: [] })),
        goals,
        achievementScale: SCALE,
        achievedLevels: 2,
      });
    const side = yearsSideBySide(state, [
      overviewFor(2023, [
        { departmentId: 'd-shimin', name: '市民経済部' },
        { departmentId: 'd-fukushi', name: '健康福祉部' },
      ]),
      overviewFor(2022, [
        { departmentId: 'd-shimin', name: '市民生活部' },
        { departmentId: 'd-keizai', name: '経済部' },
        { departmentId: 'd-fukushi', name: '福祉部' },
      ]),
    ]);
    expect(side.fiscalYears).toEqual([2022, 2023]);
    expect(
      side.lines.map((l) => [
        l.name,
        l.years.map((y) => [y.fiscalYear, y.departments.map((d) => d.name).join('・'), y.goals, y.achievementRate]),
      ]),
    ).toEqual([
      [
        '市民経済部',
        [
          [2022, '市民生活部・経済部', 2, 0.5],
          [2023, '市民経済部', 1, 1],
        ],
      ],
      [
        '健康福祉部',
        [
          [2022, '福祉部', 1, 1],
          [2023, '健康福祉部', 2, 0],
        ],
      ],
    ]);
    expect(side.city.map((c) => [c.fiscalYear, c.goals, c.rated, c.achieved])).toEqual([
      [2022, 3, 3, 2],
      [2023, 3, 2, 1],
    ]);
  });
});
