import { DEFAULT_ACHIEVEMENT_SCALE } from '../directory';
import { IllegalTransition, InvalidInput, NotAllowed } from '../errors';
import {
  decideOrganisation,
  evolveOrganisation,
  OrganisationCommand,
  OrganisationState,
} from '../organisation/organisation';
import { deciderSpecification } from '../testing/decider-specification';
import { actors, departmentIds, organisation, sectionIds } from '../testing/fixtures';
import { sectionsInNextYear } from './carry-over-sections';
import {
  carryOverCandidates,
  carryOverReasons,
  CarryOverCommand,
  CarryOverSheets,
  CarryOverState,
  decideCarryOver,
  evolveCarryOver,
  initialCarryOverState,
  lowerLevels,
  OriginGoal,
} from './carry-over.decider';
import { CarryOverEvent, goalCitation } from './carry-over.events';

const D = departmentIds.市民生活部;
const [市民課, 経済課, 協働, 文化, 人権, スポーツ] = sectionIds(
  '市民課',
  '経済課',
  '協働コミュニティ課',
  '文化振興課',
  '人権平和課',
  'スポーツ振興課',
);

/**
 * 令和5年度の機構改革 (4月1日): 経済課 renamed 商工観光課; 協働コミュニティ課 and 文化振興課 merged into
 * 市民協働課; 人権平和課 split into 人権推進課 and 平和推進課; スポーツ振興課 abolished without successor.
 */
function reorganised(): OrganisationState {
  const state = structuredClone(organisation);
  const april = '2023-04-01';
  const commands: OrganisationCommand[] = [
    { type: 'RenameSection', data: { sectionId: 経済課, name: '商工観光課', effectiveFrom: april } },
    {
      type: 'MergeSections',
      data: { sectionIds: [協働, 文化], into: { sectionId: 'sec-0007', name: '市民協働課' }, effectiveFrom: april },
    },
    {
      type: 'SplitSection',
      data: {
        sectionId: 人権,
        into: [
          { sectionId: 'sec-0008', name: '人権推進課' },
          { sectionId: 'sec-0009', name: '平和推進課' },
        ],
        effectiveFrom: april,
      },
    },
    { type: 'AbolishSection', data: { sectionId: スポーツ, effectiveFrom: april } },
  ];
  for (const c of commands) for (const e of decideOrganisation(c, state)) evolveOrganisation(state, e);
  return state;
}
const lineage = reorganised();

const scale = DEFAULT_ACHIEVEMENT_SCALE;
const goal = (number: number, sections: string[], level?: string, status: OriginGoal['status'] = 'confirmed') => ({
  goalId: `g${number}`,
  number,
  title: `目標${number}`,
  sections,
  status,
  ...(level ? { level } : {}),
  scale,
});
const goals: OriginGoal[] = [
  goal(1, [市民課], '達成できなかった'),
  goal(2, [経済課], '一部達成した'),
  goal(3, [協働], '一部達成した'),
  goal(4, [人権], '達成できなかった'),
  goal(5, [スポーツ], '達成できなかった'),
  goal(6, [市民課], '高度に達成した'),
  goal(7, ['共通'], 'ほぼ達成した'),
];

const sheets = (closed = true, withNext = true): CarryOverSheets => ({
  from: { sheetId: 'r4', departmentId: D, department: '市民生活部', fiscalYear: 2022, closed },
  ...(withNext ? { to: { sheetId: 'r5', departmentId: D, department: '市民生活部', fiscalYear: 2023 } } : {}),
  goals,
  sectionsOf: (g) => sectionsInNextYear(lineage, g.sections, 2022, { departmentId: D, fiscalYear: 2023 }),
  newGoalId: (id) => `next-${id}`,
});

const spec = (s = sheets()) =>
  deciderSpecification<CarryOverCommand, CarryOverState, CarryOverEvent>({
    decide: (c, state) => decideCarryOver(c, state, s),
    evolve: evolveCarryOver,
    initialState: initialCarryOverState,
  });
const { given } = spec();

const carry = (picks: { goalId: string; sections?: string[] }[], by = actors.bucho): CarryOverCommand => ({
  type: 'CarryOverGoals',
  data: { goals: picks },
  by,
});
const carried = (number: number, sections: string[]): CarryOverEvent => ({
  type: 'GoalCarriedOver',
  data: {
    from: { goalId: `g${number}`, sheetId: 'r4', fiscalYear: 2022, number },
    to: { goalId: `next-g${number}`, sheetId: 'r5', fiscalYear: 2023, sections },
  },
});
const marked = (goalId: string, continuing = true): CarryOverEvent => ({
  type: 'ContinuationMarked',
  data: { sheetId: 'r4', goalId, continuing },
});
const mark = (goalId: string, by = actors.bucho, continuing = true): CarryOverCommand => ({
  type: 'MarkContinuing',
  data: { goalId, continuing },
  by,
});
const ja = (e: Error) => (e as InvalidInput | IllegalTransition | NotAllowed).ja ?? '';

describe('which goals are offered to next year', () => {
  it.each([
    ['達成できなかった', false, ['lower-level']],
    ['一部達成した', false, ['lower-level']],
    ['ほぼ達成した', false, []],
    ['高度に達成した', false, []],
    ['ほぼ達成した', true, ['continuing']],
    ['達成できなかった', true, ['lower-level', 'continuing']],
    [undefined, false, []],
    [undefined, true, ['continuing']],
  ] as const)('rated %s, marked 継続 %s: %j', (level, continuing, reasons) => {
    expect(carryOverReasons({ level, scale }, continuing)).toEqual(reasons);
  });

  it('takes the bottom two levels of the scale the goal was rated on, whatever its length', () => {
    expect(lowerLevels(['A 達成', 'B 一部達成', 'C 未達成'])).toEqual(['B 一部達成', 'C 未達成']);
    expect(carryOverReasons({ level: 'B 一部達成', scale: ['A 達成', 'B 一部達成', 'C 未達成'] }, false)).toEqual([
      'lower-level',
    ]);
  });

  it('cites a goal as offices do across years', () => {
    expect(goalCitation({ fiscalYear: 2025, number: 3 })).toBe('R7-No.3');
  });
});

describe('sections as of 4月1日 of the new year', () => {
  const map = (sections: string[]) =>
    sectionsInNextYear(lineage, sections, 2022, { departmentId: D, fiscalYear: 2023 });
  it.each([
    ['unchanged', 市民課, { outcome: 'same', to: { sectionId: 市民課, name: '市民課' } }],
    ['renamed', 経済課, { outcome: 'renamed', to: { sectionId: 経済課, name: '商工観光課' } }],
    ['merged', 協働, { outcome: 'merged', to: { sectionId: 'sec-0007', name: '市民協働課' } }],
    [
      'split',
      人権,
      {
        outcome: 'split',
        choices: [
          { sectionId: 'sec-0008', name: '人権推進課' },
          { sectionId: 'sec-0009', name: '平和推進課' },
        ],
      },
    ],
  ])('%s', (_, section, expected) => {
    expect(map([section])).toEqual([expect.objectContaining(expected)]);
  });

  it('asks about a section abolished without successor, offering every section of the department', () => {
    const [m] = map([スポーツ]);
    expect(m.outcome).toBe('abolished');
    expect(m.outcome === 'abolished' && m.choices.map((c) => c.name)).toEqual([
      '市民課',
      '商工観光課',
      '市民協働課',
      '人権推進課',
      '平和推進課',
    ]);
  });

  it('keeps 共通 as it is (no section to map)', () => {
    expect(map(['共通'])).toEqual([]);
  });
});

describe('carrying goals of a closed year into the next', () => {
  it('carries unachieved goals as drafts linked to their origin, sections through the lineage', () => {
    given([])
      .when(carry([{ goalId: 'g1' }, { goalId: 'g2' }, { goalId: 'g3' }]))
      .then([carried(1, [市民課]), carried(2, [経済課]), carried(3, ['sec-0007'])]);
  });

  it('asks where a split section goes, listing the choices, and carries once chosen', () => {
    given([])
      .when(carry([{ goalId: 'g4' }]))
      .thenThrows(InvalidInput, (e) => {
        expect(e.errors[0].field).toBe('goals[0].sections');
        expect(ja(e)).toBe(
          '番号4の人権平和課は令和5年4月1日に分割されました。引き継ぐ課を選んでください（人権推進課、平和推進課）',
        );
      });
    given([])
      .when(carry([{ goalId: 'g4', sections: ['sec-0009'] }]))
      .then([carried(4, ['sec-0009'])]);
  });

  it('asks about a section abolished without successor instead of guessing', () => {
    given([])
      .when(carry([{ goalId: 'g5' }]))
      .thenThrows(InvalidInput, (e) => expect(ja(e)).toContain('スポーツ振興課は令和5年4月1日には廃止されていて'));
    given([])
      .when(carry([{ goalId: 'g5', sections: [市民課] }]))
      .then([carried(5, [市民課])]);
  });

  it('refuses a section the lineage does not offer', () => {
    given([])
      .when(carry([{ goalId: 'g4', sections: [市民課] }]))
      .thenThrows(InvalidInput, (e) =>
        expect(ja(e)).toBe('番号4を引き継ぐ課は次から重複なく選んでください（人権推進課、平和推進課）'),
      );
  });

  it('carries again without writing anything: the draft it became is the answer', () => {
    given([carried(1, [市民課])])
      .when(carry([{ goalId: 'g1' }]))
      .thenNothingHappens();
    given([carried(4, ['sec-0009'])])
      .when(carry([{ goalId: 'g4' }]))
      .thenNothingHappens();
    given([carried(1, [市民課])])
      .when(carry([{ goalId: 'g1' }, { goalId: 'g2' }]))
      .then([carried(2, [経済課])]);
  });

  it('offers a well-rated goal only when marked 継続', () => {
    given([])
      .when(carry([{ goalId: 'g6' }]))
      .thenThrows(IllegalTransition, (e) =>
        expect(ja(e)).toBe(
          '番号6「目標6」は達成度が「高度に達成した」で、継続の指定もないため引継ぎの候補ではありません',
        ),
      );
    given([marked('g6')])
      .when(carry([{ goalId: 'g6' }]))
      .then([carried(6, [市民課])]);
    given([marked('g6'), marked('g6', false)])
      .when(carry([{ goalId: 'g6' }]))
      .thenThrows(IllegalTransition);
    given([marked('g7')])
      .when(carry([{ goalId: 'g7' }]))
      .then([carried(7, ['共通'])]);
  });

  it('waits for the year to be closed and for next year’s sheet', () => {
    spec(sheets(false))
      .given([])
      .when(carry([{ goalId: 'g1' }]))
      .thenThrows(IllegalTransition, (e) => expect(ja(e)).toContain('まだ年度が締められていません'));
    spec(sheets(true, false))
      .given([])
      .when(carry([{ goalId: 'g1' }]))
      .thenThrows(IllegalTransition, (e) => expect(ja(e)).toContain('令和5年度の市民生活部の整理表がまだありません'));
  });

  it('refuses an unknown goal, a goal chosen twice, and an empty choice', () => {
    given([])
      .when(carry([{ goalId: 'nope' }]))
      .thenThrows(InvalidInput, (e) => expect(e.errors[0].field).toBe('goals[0].goalId'));
    given([])
      .when(carry([{ goalId: 'g1' }, { goalId: 'g1' }]))
      .thenThrows(InvalidInput, (e) => expect(ja(e)).toBe('番号1が重複しています'));
    given([]).when(carry([])).thenThrows(InvalidInput);
  });

  it('lets a 課長 carry their own section’s goals, not another’s nor a 共通 one', () => {
    given([])
      .when(carry([{ goalId: 'g1' }], actors.shiminKacho))
      .then([carried(1, [市民課])]);
    given([])
      .when(carry([{ goalId: 'g2' }], actors.shiminKacho))
      .thenThrows(NotAllowed, (e) => expect(ja(e)).toContain('商工観光課の目標は次年度への引継ぎできません'));
    given([marked('g7')])
      .when(carry([{ goalId: 'g7' }], actors.shiminKacho))
      .thenThrows(NotAllowed);
    given([])
      .when(carry([{ goalId: 'g1' }], actors.auditor))
      .thenThrows(NotAllowed);
    given([])
      .when(carry([{ goalId: 'g1' }], actors.otherBucho))
      .thenThrows(NotAllowed);
  });
});

describe('marking a goal 継続', () => {
  it('marks and unmarks; marking again changes nothing', () => {
    given([])
      .when(mark('g6'))
      .then([marked('g6')]);
    given([marked('g6')])
      .when(mark('g6'))
      .thenNothingHappens();
    given([marked('g6')])
      .when(mark('g6', actors.bucho, false))
      .then([marked('g6', false)]);
  });

  it('is the 部長’s, or the 課長’s for their section’s goals', () => {
    given([])
      .when(mark('g6', actors.shiminKacho))
      .then([marked('g6')]);
    given([]).when(mark('g2', actors.shiminKacho)).thenThrows(NotAllowed);
    given([]).when(mark('g6', actors.auditor)).thenThrows(NotAllowed);
  });
});

describe('the candidates the screen lists', () => {
  it('lists every goal with why it is offered, its sections next year and where it went', () => {
    const state = [marked('g6'), carried(1, [市民課])].reduce(evolveCarryOver, initialCarryOverState());
    const list = carryOverCandidates(state, sheets());
    expect(list.map((c) => [c.goal.number, c.reasons, !!c.carried])).toEqual([
      [1, ['lower-level'], true],
      [2, ['lower-level'], false],
      [3, ['lower-level'], false],
      [4, ['lower-level'], false],
      [5, ['lower-level'], false],
      [6, ['continuing'], false],
      [7, [], false],
    ]);
    expect(list[3].sections[0].outcome).toBe('split');
  });
});
