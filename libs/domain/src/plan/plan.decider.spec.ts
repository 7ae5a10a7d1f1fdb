import { Actor } from '../directory';
import { InvalidInput, NotAllowed } from '../errors';
import { validateGoalContent } from '../goal/goal-content';
import { deciderSpecification } from '../testing/decider-specification';
import { actors, commandOf, events, goal1 as content, rules } from '../testing/fixtures';
import { decideGoal, evolveGoal, foldGoal } from '../goal/goal.decider';
import { measureLabel, planForYear, PlanState } from './plan';
import { decidePlan, evolvePlan, foldPlan, initialPlanState, LoadPlan, PlanCommand } from './plan.decider';
import { PlanEntry, PlanEvent } from './plan.events';

const { given } = deciderSpecification<PlanCommand, PlanState, PlanEvent>({
  decide: decidePlan,
  evolve: evolvePlan,
  initialState: initialPlanState,
});

const sixth: PlanEntry[] = [
  { id: '1', name: '安全・安心に暮らせるまち' },
  { id: '1-1', name: '市民サービスの向上', parentId: '1' },
  { id: '1-1-1', name: '窓口サービスの充実', parentId: '1-1' },
  { id: '1-1-2', name: '行政のデジタル化', parentId: '1-1' },
  { id: '2', name: '活力あるまち' },
  { id: '2-1', name: '地域経済の振興', parentId: '2' },
];
const load = (data: Partial<LoadPlan['data']> = {}, by: Actor = actors.admin): LoadPlan => ({
  type: 'LoadPlan',
  data: { validFrom: '2021-04-01', title: '第6次総合計画', entries: sixth, ...data },
  by,
});
const loaded = (validFrom = '2021-04-01', entries = sixth): PlanEvent => ({
  type: 'ComprehensivePlanLoaded',
  data: { validFrom, title: '第6次総合計画', levels: ['基本目標', '政策', '施策'], entries },
});

function sortedKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k]]),
  );
}

describe('総合計画: an administrator loads the city’s 施策 as dated versions', () => {
  it('loads a version, children after their parents whatever order the file had', () => {
    given([]).when(load()).then([loaded()]);
    const shuffled = [sixth[2], sixth[5], sixth[0], sixth[1], sixth[4], sixth[3]];
    given([])
      .when(load({ entries: shuffled }))
      .then([loaded('2021-04-01', [sixth[0], sixth[1], sixth[2], sixth[3], sixth[4], sixth[5]])]);
  });

  it('loading the same version again changes nothing; another list for the same day corrects it', () => {
    given([loaded()]).when(load()).thenNothingHappens();
    // As read back from the store: every object's keys in canonical order, not the order the command wrote.
    const asStored = JSON.parse(JSON.stringify(loaded(), (_, v: unknown) => sortedKeys(v))) as PlanEvent;
    given([asStored]).when(load()).thenNothingHappens();
    const corrected = [...sixth, { id: '2-1-1', name: '企業誘致', parentId: '2-1' }];
    given([loaded()])
      .when(load({ entries: corrected }))
      .then([loaded('2021-04-01', corrected)]);
  });

  it('keeps the old version for the years before a new one begins', () => {
    const later = [
      { id: 'A', name: '新しい基本目標' },
      { id: 'A-1', name: '新しい施策', parentId: 'A' },
    ];
    const state = foldPlan([loaded(), loaded('2026-04-01', later)]);
    expect(planForYear(state, 2020)).toBeUndefined();
    expect(planForYear(state, 2021)?.version.validFrom).toBe('2021-04-01');
    expect(planForYear(state, 2025)?.version.validFrom).toBe('2021-04-01');
    expect(planForYear(state, 2026)?.version.validFrom).toBe('2026-04-01');
    // A version dated within a year is that year's plan.
    expect(planForYear(foldPlan([loaded('2021-10-01')]), 2021)?.version.validFrom).toBe('2021-10-01');
    // A correction of the older version keeps both.
    const corrected = evolvePlan(state, loaded('2021-04-01', sixth.slice(0, 2)));
    expect(corrected.versions.map((v) => [v.validFrom, v.entries.length])).toEqual([
      ['2021-04-01', 2],
      ['2026-04-01', 2],
    ]);
  });

  it('knows each entry’s level, its ancestors and whether a goal may name it', () => {
    const plan = planForYear(foldPlan([loaded()]), 2022)!;
    expect(plan.nodes.map((n) => [n.id, n.level, n.ancestors.join('>'), n.leaf])).toEqual([
      ['1', '基本目標', '', false],
      ['1-1', '政策', '1', false],
      ['1-1-1', '施策', '1>1-1', true],
      ['1-1-2', '施策', '1>1-1', true],
      ['2', '基本目標', '', false],
      ['2-1', '政策', '2', true],
    ]);
    expect(measureLabel('1-1-2', plan)).toBe('1-1-2 行政のデジタル化');
    expect(measureLabel('9-9', plan)).toBe('9-9');
    expect(measureLabel('', plan)).toBeUndefined();
  });

  it.each<[string, Partial<LoadPlan['data']>, string, RegExp]>([
    ['a 適用開始日 that is no date', { validFrom: '2021-02-30' }, 'validFrom', /適用開始日は日付/],
    ['an empty list', { entries: [] }, 'entries', /施策の一覧が空です/],
    ['an entry without id', { entries: [{ id: ' ', name: 'x' }] }, 'entries[0].id', /IDを入力してください/],
    ['an entry without name', { entries: [{ id: '1', name: '' }] }, 'entries[0].name', /ID「1」の名称を入力/],
    ['an id twice', { entries: [sixth[0], { id: '1', name: '別' }] }, 'entries[1].id', /ID「1」が二度あります/],
    [
      'a parent not in the list',
      { entries: [{ id: '1-1', name: 'x', parentId: '9' }] },
      'entries[0].parentId',
      /親ID「9」が一覧にありません/,
    ],
    [
      'a loop of parents',
      {
        entries: [
          { id: 'a', name: 'x', parentId: 'b' },
          { id: 'b', name: 'y', parentId: 'a' },
        ],
      },
      'entries[0].parentId',
      /戻ってしまいます/,
    ],
    [
      'a line deeper than the plan’s levels',
      { entries: [...sixth, { id: '1-1-1-1', name: '事業', parentId: '1-1-1' }] },
      'entries[6].parentId',
      /4段目です。階層は基本目標・政策・施策の3段まで/,
    ],
    ['an id of 41 characters', { entries: [{ id: 'x'.repeat(41), name: 'x' }] }, 'entries[0].id', /40字以内/],
    ['a name with a line break', { entries: [{ id: '1', name: 'a\nb' }] }, 'entries[0].name', /一行/],
    ['no level names', { levels: [] }, 'levels', /階層の名前/],
  ])('refuses %s, naming the field in Japanese; nothing is loaded', (_what, data, field, ja) => {
    given([])
      .when(load(data))
      .thenThrows(InvalidInput, (e) => {
        expect(e.errors.map((x) => x.field)).toContain(field);
        expect(e.ja).toMatch(ja);
      });
  });

  it('takes a plan of four levels when the city names them', () => {
    given([])
      .when(
        load({
          levels: ['基本目標', '政策', '施策', '事業'],
          entries: [...sixth, { id: 'x', name: '事業', parentId: '1-1-1' }],
        }),
      )
      .then([
        {
          type: 'ComprehensivePlanLoaded',
          data: {
            validFrom: '2021-04-01',
            title: '第6次総合計画',
            levels: ['基本目標', '政策', '施策', '事業'],
            entries: [
              sixth[0],
              sixth[1],
              sixth[2],
              { id: 'x', name: '事業', parentId: '1-1-1' },
              sixth[3],
              sixth[4],
              sixth[5],
            ],
          },
        },
      ]);
  });

  it.each([
    ['a section head', actors.shiminKacho, '総合計画を読み込めるのは管理者だけです'],
    ['a department head', actors.bucho, '総合計画を読み込めるのは管理者だけです'],
    ['an auditor', actors.auditor, undefined],
  ])('is not loaded by %s', (_who, by, ja) => {
    given([])
      .when(load({}, by))
      .thenThrows(NotAllowed, (e) => ja && expect(e.ja).toBe(ja));
  });
});

describe('a goal names one 施策 of its year’s plan, or none', () => {
  const plan = planForYear(foldPlan([loaded()]), 2022);
  const withPlan = { ...rules, measures: { fiscalYear: 2022, plan } };
  const errorsOf = (measureId: string | undefined, r = withPlan) =>
    validateGoalContent({ ...content, measureId }, r).map((e) => [e.field, e.ja]);

  it.each<[string, string | undefined, RegExp | null]>([
    ['none', undefined, null],
    ['none after one (empty)', '', null],
    ['a 施策', '1-1-1', null],
    ['a 政策 with no 施策 below it', '2-1', null],
    ['a 政策 with 施策 below it', '1-1', /「1-1 市民サービスの向上」は政策です。その下の施策から選んでください/],
    ['an id not in the plan', '9-9-9', /施策「9-9-9」は令和4年度の総合計画（第6次総合計画）にありません/],
    ['an id with spaces around it', ' 1-1-1', /施策は一覧から選ぶか/],
  ])('%s', (_what, measureId, ja) => {
    const errors = errorsOf(measureId);
    if (!ja) expect(errors).toEqual([]);
    else expect(errors).toEqual([['measureId', expect.stringMatching(ja)]]);
  });

  it('refuses a 施策 in a year for which the city has loaded no plan', () => {
    expect(errorsOf('1-1-1', { ...rules, measures: { fiscalYear: 2019, plan: undefined } })).toEqual([
      ['measureId', '令和元年度の総合計画が読み込まれていないため、施策は選べません（管理者が読み込みます）'],
    ]);
  });
});

describe('the goal decider keeps the 施策 with the goal', () => {
  const plan = planForYear(foldPlan([loaded()]), 2022);
  const withPlan = { ...rules, measures: { fiscalYear: 2022, plan } };
  const draft = commandOf('DraftGoal', actors.shiminKacho, { ...content, measureId: '1-1-2' });

  it('drafts a goal naming a 施策, and a draft without one says nothing of it', () => {
    const [drafted] = decideGoal(draft, foldGoal([]), withPlan);
    expect(drafted).toEqual(events.drafted({ ...content, measureId: '1-1-2' }));
    const [plain] = decideGoal(
      commandOf('DraftGoal', actors.shiminKacho, { ...content, measureId: '' }),
      foldGoal([]),
      withPlan,
    );
    expect(plain).toEqual(events.drafted(content));
    expect('measureId' in plain.data).toBe(false);
  });

  it('revises the 施策 and takes it away with an empty id; the same 施策 again is no change', () => {
    const state = foldGoal([events.drafted({ ...content, measureId: '1-1-2' })]);
    const revise = (measureId: string) =>
      decideGoal({ type: 'ReviseGoal', by: actors.shiminKacho, data: { changes: { measureId } } }, state, withPlan);
    expect(revise('1-1-1')).toEqual([events.revised({ measureId: '1-1-1' })]);
    expect(revise('1-1-2')).toEqual([]);
    const [cleared] = revise('');
    expect(cleared).toEqual(events.revised({ measureId: '' }));
    const after = evolveGoal(state, cleared);
    expect(after.status !== 'none' && after.content.measureId).toBe('');
  });

  it('refuses a draft naming a 施策 not in the plan and writes nothing', () => {
    expect(() =>
      decideGoal(commandOf('DraftGoal', actors.shiminKacho, { ...content, measureId: 'X' }), foldGoal([]), withPlan),
    ).toThrow(InvalidInput);
  });
});
