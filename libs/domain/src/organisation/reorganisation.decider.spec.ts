import { FieldError, InvalidInput } from '../errors';
import { OrganisationEvent } from './organisation.events';
import {
  actorOn,
  decideOrganisation,
  departmentIn,
  departmentsIn,
  emptyOrganisation,
  evolveOrganisation,
  holdersOn,
  OrganisationCommand,
  OrganisationState,
  sectionsIn,
} from './organisation';
import {
  goalsLeftWithoutSection,
  sectionLineage,
  sectionsEndedBy,
  sectionsOfGoalIn,
  successorsOn,
} from './section-lineage';

/** Decides and applies each command in turn, as the api does against the stream; the events given. */
function run(commands: OrganisationCommand[], state = emptyOrganisation()): OrganisationEvent[] {
  const events: OrganisationEvent[] = [];
  for (const c of commands)
    for (const e of decideOrganisation(c, state)) {
      evolveOrganisation(state, e);
      events.push(e);
    }
  return events;
}

const SEEDED = '2019-04-01';
const APRIL = '2024-04-01';
const section = (sectionId: string, departmentId: string, name: string): OrganisationCommand => ({
  type: 'EstablishSection',
  data: { sectionId, departmentId, name, effectiveFrom: SEEDED },
});
const person = (personId: string, name: string): OrganisationCommand => ({
  type: 'RegisterPerson',
  data: { personId, name, loginId: personId.toLowerCase() },
});
const head = (
  postId: string,
  personId: string,
  departmentId: string,
  sectionIds: string[],
  from = SEEDED,
): OrganisationCommand => ({
  type: 'AssignPost',
  data: { postId, personId, kind: 'sectionHead', departmentId, sectionIds, from },
});

/** 市民生活部 (市民課, 経済課, 協働コミュニティ課, 文化振興課) and 総務部 (総務課), each 課 with its 課長. */
function city(): OrganisationState {
  const state = emptyOrganisation();
  run(
    [
      { type: 'EstablishDepartment', data: { departmentId: 'D1', name: '市民生活部', effectiveFrom: SEEDED } },
      { type: 'EstablishDepartment', data: { departmentId: 'D2', name: '総務部', effectiveFrom: SEEDED } },
      section('S1', 'D1', '市民課'),
      section('S2', 'D1', '経済課'),
      section('S3', 'D1', '協働コミュニティ課'),
      section('S4', 'D1', '文化振興課'),
      section('S5', 'D2', '総務課'),
      person('AOKI', '青木'),
      person('BABA', '馬場'),
      person('CHIBA', '千葉'),
      person('DOI', '土井'),
      person('ENDO', '遠藤'),
      person('FUJI', '藤井'),
      head('P1', 'AOKI', 'D1', ['S1']),
      head('P2', 'BABA', 'D1', ['S2']),
      head('P3', 'CHIBA', 'D1', ['S3']),
      head('P4', 'DOI', 'D1', ['S4']),
      {
        type: 'AssignPost',
        data: { postId: 'P5', personId: 'ENDO', kind: 'departmentHead', departmentId: 'D2', from: SEEDED },
      },
      // 庶務担当 of two 課 at once (兼務).
      {
        type: 'AssignPost',
        data: {
          postId: 'P6',
          personId: 'FUJI',
          kind: 'clerk',
          departmentId: 'D1',
          sectionIds: ['S3', 'S4'],
          from: SEEDED,
        },
      },
    ],
    state,
  );
  return state;
}

function refusal(commands: OrganisationCommand[], state: OrganisationState): FieldError[] {
  const before = JSON.stringify([...state.sections.values(), ...state.posts.values()]);
  try {
    run(commands, state);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInput);
    // Decided in full before anything is applied: the refused command changed nothing.
    expect(JSON.stringify([...state.sections.values(), ...state.posts.values()])).toBe(before);
    return (e as InvalidInput).errors;
  }
  throw new Error('expected a refusal');
}

const merge = (endPosts = true): OrganisationCommand => ({
  type: 'MergeSections',
  data: {
    sectionIds: ['S1', 'S2'],
    into: { sectionId: 'N1', name: '市民経済課' },
    effectiveFrom: APRIL,
    reason: '令和6年度機構改革',
    endPosts,
  },
});
const split = (endPosts = true): OrganisationCommand => ({
  type: 'SplitSection',
  data: {
    sectionId: 'S3',
    into: [
      { sectionId: 'N2', name: '協働推進課' },
      { sectionId: 'N3', name: 'コミュニティ課' },
    ],
    effectiveFrom: APRIL,
    reason: '令和6年度機構改革',
    endPosts,
  },
});
const names = (state: OrganisationState, departmentId: string, year: number) =>
  sectionsIn(state, departmentId, year).map((s) => s.name);

describe('機構改革', () => {
  it('merges 市民課 and 経済課 into a new 市民経済課 on 4月1日: old names for the old year, lineage both ways', () => {
    const state = city();
    const events = run([merge()], state);
    expect(events).toEqual([
      { type: 'PostEnded', data: { postId: 'P1', until: '2024-03-31', reason: '令和6年度機構改革' } },
      { type: 'PostEnded', data: { postId: 'P2', until: '2024-03-31', reason: '令和6年度機構改革' } },
      {
        type: 'SectionEstablished',
        data: {
          sectionId: 'N1',
          departmentId: 'D1',
          name: '市民経済課',
          effectiveFrom: APRIL,
          reason: '令和6年度機構改革',
        },
      },
      {
        type: 'SectionsMerged',
        data: { sectionIds: ['S1', 'S2'], intoSectionId: 'N1', effectiveFrom: APRIL, reason: '令和6年度機構改革' },
      },
    ]);
    expect(names(state, 'D1', 2023)).toEqual(['市民課', '経済課', '協働コミュニティ課', '文化振興課']);
    expect(names(state, 'D1', 2024)).toEqual(['協働コミュニティ課', '文化振興課', '市民経済課']);
    expect(sectionLineage(state, 'S1')).toMatchObject({
      abolishedFrom: APRIL,
      successors: [{ sectionId: 'N1', name: '市民経済課', department: '市民生活部', change: 'merged' }],
      predecessors: [],
    });
    expect(sectionLineage(state, 'N1')?.predecessors).toEqual([
      expect.objectContaining({ sectionId: 'S1', name: '市民課', change: 'merged', reason: '令和6年度機構改革' }),
      expect.objectContaining({ sectionId: 'S2', name: '経済課', effectiveFrom: APRIL }),
    ]);
    // The old 課長 keeps the old 課 until 3月31日 and holds nothing from 4月1日 unless assigned.
    expect(actorOn(state, 'aoki', '2024-03-31')?.post?.title).toBe('市民課長');
    expect(actorOn(state, 'aoki', APRIL)).toBeUndefined();
    run([head('P9', 'AOKI', 'D1', ['N1'], APRIL)], state);
    expect(actorOn(state, 'aoki', APRIL)?.post?.title).toBe('市民経済課長');
  });

  it('merges into an existing 課, which takes the work and keeps its name', () => {
    const state = city();
    run(
      [
        {
          type: 'MergeSections',
          data: { sectionIds: ['S2'], into: { sectionId: 'S1' }, effectiveFrom: APRIL, endPosts: true },
        },
      ],
      state,
    );
    expect(names(state, 'D1', 2024)).toEqual(['市民課', '協働コミュニティ課', '文化振興課']);
    expect(sectionLineage(state, 'S1')?.predecessors.map((p) => p.name)).toEqual(['経済課']);
    expect(actorOn(state, 'aoki', APRIL)?.post?.title).toBe('市民課長');
  });

  it('splits 協働コミュニティ課 into two once its 兼務 庶務担当 is dealt with; the goal goes to both', () => {
    const state = city();
    // The 庶務担当 also serves 文化振興課, which carries on: that is not the command's to end.
    expect(refusal([split()], state)).toEqual([
      {
        field: 'sectionId',
        reason:
          '藤井（fuji）の協働コミュニティ課・文化振興課 庶務担当（2019-04-01〜）は 文化振興課 も兼ねています。終了か付け替えを先にしてください',
      },
    ]);
    run([{ type: 'EndPost', data: { postId: 'P6', until: '2024-03-31' } }, split()], state);
    expect(names(state, 'D1', 2024)).toEqual(['市民課', '経済課', '文化振興課', '協働推進課', 'コミュニティ課']);
    expect(sectionLineage(state, 'S3')?.successors.map((s) => [s.name, s.change])).toEqual([
      ['協働推進課', 'split'],
      ['コミュニティ課', 'split'],
    ]);
    expect(sectionLineage(state, 'N3')?.predecessors.map((s) => s.name)).toEqual(['協働コミュニティ課']);
    expect(sectionsOfGoalIn(state, ['S3'], 2024).map((s) => s.name)).toEqual(['協働推進課', 'コミュニティ課']);
    expect(sectionsOfGoalIn(state, ['S3'], 2023).map((s) => s.name)).toEqual(['協働コミュニティ課']);
  });

  it('refuses to end a 課 while its 課長 would still hold the post, naming post and person, writing nothing', () => {
    const state = city();
    expect(refusal([merge(false)], state)).toEqual([
      {
        field: 'sectionIds',
        reason:
          '青木（aoki）の市民課長（2019-04-01〜）が 2024-04-01 以降も続きます。' +
          '先に 2024-03-31 までで終了するか付け替えてください（endPosts: true なら 2024-03-31 までで終了します）',
      },
      expect.objectContaining({ field: 'sectionIds', reason: expect.stringContaining('馬場（baba）の経済課長') }),
    ]);
    // Ended beforehand by hand, the merge needs no endPosts.
    run(
      [
        { type: 'EndPost', data: { postId: 'P1', until: '2024-03-31' } },
        { type: 'EndPost', data: { postId: 'P2', until: '2024-03-31' } },
        merge(false),
      ],
      state,
    );
    expect(names(state, 'D1', 2024)).toContain('市民経済課');
  });

  it('refuses a post that begins on or after the day, even with endPosts: it needs reassigning', () => {
    const state = city();
    run(
      [
        { type: 'EndPost', data: { postId: 'P4', until: '2025-03-31' } },
        head('P7', 'AOKI', 'D1', ['S4'], '2025-04-01'),
        { type: 'EndPost', data: { postId: 'P6', until: '2024-03-31' } },
      ],
      state,
    );
    const errors = refusal(
      [{ type: 'AbolishSection', data: { sectionId: 'S4', effectiveFrom: '2025-04-01', endPosts: true } }],
      state,
    );
    expect(errors).toEqual([
      {
        field: 'sectionId',
        reason: '青木（aoki）の文化振興課長（2025-04-01〜）は 2025-04-01 以降の職です。付け替えてください',
      },
    ]);
  });

  it('refuses unknown ids, days outside the 課 life, itself, fewer than two, the same department, name clashes', () => {
    const state = city();
    const fields = (command: OrganisationCommand) => refusal([command], state);
    expect(
      fields({
        type: 'MergeSections',
        data: { sectionIds: ['S1', 'X'], into: { sectionId: 'Y' }, effectiveFrom: APRIL },
      }),
    ).toEqual([
      { field: 'sectionIds', reason: 'X という課はありません' },
      { field: 'into.sectionId', reason: 'Y という課はありません' },
    ]);
    expect(fields({ type: 'AbolishSection', data: { sectionId: 'S1', effectiveFrom: SEEDED } })).toEqual([
      { field: 'effectiveFrom', reason: '市民課は 2019-04-01 に設置されました。それより後の日付にしてください' },
    ]);
    expect(
      fields({
        type: 'MergeSections',
        data: { sectionIds: ['S1', 'S1'], into: { sectionId: 'S1' }, effectiveFrom: APRIL },
      }),
    ).toEqual([
      { field: 'sectionIds', reason: '同じ課が二度指定されています（課をそれ自身と統合することはできません）' },
      { field: 'into.sectionId', reason: '市民課をそれ自身に統合することはできません' },
    ]);
    expect(
      fields({
        type: 'SplitSection',
        data: { sectionId: 'S3', into: [{ sectionId: 'N2', name: '協働推進課' }], effectiveFrom: APRIL },
      }),
    ).toEqual([{ field: 'into', reason: '分割先の課を二つ以上指定してください' }]);
    expect(
      fields({
        type: 'SplitSection',
        data: {
          sectionId: 'S3',
          into: [
            { sectionId: 'N2', name: '経済課' },
            { sectionId: 'N3', name: '協働課' },
            { sectionId: 'N4', name: '協働課' },
          ],
          effectiveFrom: APRIL,
          endPosts: true,
        },
      }).slice(0, 2),
    ).toEqual([
      { field: 'into.0.name', reason: '市民生活部には 2024-04-01 に既に経済課があります' },
      { field: 'into.2.name', reason: '市民生活部には 2024-04-01 に既に協働課があります' },
    ]);
    expect(
      fields({ type: 'MoveSection', data: { sectionId: 'S4', departmentId: 'D1', effectiveFrom: APRIL } }),
    ).toEqual([{ field: 'departmentId', reason: '文化振興課は 2024-04-01 に既に市民生活部の課です' }]);
    expect(
      fields({ type: 'MoveSection', data: { sectionId: 'S4', departmentId: 'D9', effectiveFrom: APRIL } }),
    ).toEqual([{ field: 'departmentId', reason: 'D9 という部はありません' }]);
    // A merge that frees a name lets the new 課 take it.
    expect(() =>
      run(
        [
          {
            type: 'MergeSections',
            data: {
              sectionIds: ['S1', 'S2'],
              into: { sectionId: 'N1', name: '市民課' },
              effectiveFrom: APRIL,
              endPosts: true,
            },
          },
        ],
        city(),
      ),
    ).not.toThrow();
  });

  it('refuses a change after a 課 was abolished, and a 課 moved into a department abolished that day', () => {
    const state = city();
    run(
      [
        { type: 'EndPost', data: { postId: 'P6', until: '2024-03-31' } },
        { type: 'AbolishSection', data: { sectionId: 'S4', effectiveFrom: APRIL, endPosts: true, reason: '事務移管' } },
        {
          type: 'AbolishDepartment',
          data: { departmentId: 'D2', effectiveFrom: APRIL, sectionsMoveTo: 'D1', endPosts: true },
        },
      ],
      state,
    );
    expect(
      refusal([{ type: 'AbolishSection', data: { sectionId: 'S4', effectiveFrom: '2025-04-01' } }], state),
    ).toEqual([{ field: 'sectionId', reason: '文化振興課は 2024-04-01 に廃止されています' }]);
    expect(
      refusal([{ type: 'MoveSection', data: { sectionId: 'S3', departmentId: 'D2', effectiveFrom: APRIL } }], state),
    ).toEqual([{ field: 'departmentId', reason: '総務部は 2024-04-01 に廃止されます（2024-04-01 にはありません）' }]);
    expect(refusal([head('P8', 'AOKI', 'D1', ['S4'], '2023-04-01')], state)).toEqual([
      { field: 'sectionIds', reason: '文化振興課は 2024-04-01 に廃止されます。2024-03-31 までの職にしてください' },
    ]);
    expect(sectionLineage(state, 'S4')).toMatchObject({ abolishedFrom: APRIL, successors: [] });
  });

  it('merges 課 of two departments only into a department named for the new 課, and not one abolished that day', () => {
    const state = city();
    const across = (into: { departmentId?: string }): OrganisationCommand => ({
      type: 'MergeSections',
      data: {
        sectionIds: ['S4', 'S5'],
        into: { sectionId: 'N7', name: '文化総務課', ...into },
        effectiveFrom: APRIL,
        endPosts: true,
      },
    });
    run([{ type: 'EndPost', data: { postId: 'P6', until: '2024-03-31' } }], state);
    expect(refusal([across({})], state)).toEqual([
      { field: 'into.departmentId', reason: '統合する課の部が一つではありません。新しい課の部を指定してください' },
    ]);
    run(
      [
        { type: 'EstablishDepartment', data: { departmentId: 'D3', name: '企画部', effectiveFrom: '2023-04-01' } },
        { type: 'AbolishDepartment', data: { departmentId: 'D3', effectiveFrom: APRIL } },
      ],
      state,
    );
    expect(refusal([across({ departmentId: 'D3' })], state)).toEqual([
      { field: 'into.departmentId', reason: '企画部は 2024-04-01 に廃止されます（2024-04-01 にはありません）' },
    ]);
    run([across({ departmentId: 'D2' })], state);
    expect(names(state, 'D2', 2024)).toEqual(['文化総務課']);
    expect(sectionLineage(state, 'N7')?.predecessors.map((p) => [p.name, p.department])).toEqual([
      ['文化振興課', '市民生活部'],
      ['総務課', '総務部'],
    ]);
  });

  it('abolishes a department only once its 課 are moved or abolished, or told where they go', () => {
    const state = city();
    expect(refusal([{ type: 'AbolishDepartment', data: { departmentId: 'D2', effectiveFrom: APRIL } }], state)).toEqual(
      [
        {
          field: 'sectionsMoveTo',
          reason:
            '総務部には 2024-04-01 以降も 総務課 があります。先に移管か廃止をするか、sectionsMoveTo に移管先の部を指定してください',
        },
        {
          field: 'departmentId',
          reason: expect.stringContaining('遠藤（endo）の総務部長（2019-04-01〜）が 2024-04-01 以降も続きます'),
        },
      ],
    );
    expect(
      refusal(
        [{ type: 'AbolishDepartment', data: { departmentId: 'D2', effectiveFrom: APRIL, sectionsMoveTo: 'D2' } }],
        state,
      )[0],
    ).toEqual({ field: 'sectionsMoveTo', reason: '総務部自身には移管できません' });
    const events = run(
      [
        {
          type: 'AbolishDepartment',
          data: { departmentId: 'D2', effectiveFrom: APRIL, sectionsMoveTo: 'D1', endPosts: true, reason: '統合' },
        },
      ],
      state,
    );
    expect(events.map((e) => e.type)).toEqual(['PostEnded', 'SectionMoved', 'DepartmentAbolished']);
    expect(departmentsIn(state, 2023).map((d) => d.name)).toEqual(['市民生活部', '総務部']);
    expect(departmentsIn(state, 2024).map((d) => [d.name, d.sections.map((s) => s.name)])).toEqual([
      ['市民生活部', ['市民課', '経済課', '協働コミュニティ課', '文化振興課', '総務課']],
    ]);
    expect(names(state, 'D2', 2023)).toEqual(['総務課']);
    // The whole list, in one pass over the 課, says what each department alone says, year by year.
    for (const fiscalYear of [2022, 2023, 2024])
      expect(departmentsIn(state, fiscalYear)).toEqual(
        departmentsIn(state, fiscalYear).map((d) => departmentIn(state, d.departmentId, fiscalYear)),
      );
  });

  it('moves a 課 to another department with its 課長, who answers to that department from the day', () => {
    const state = city();
    // The 兼務 庶務担当 of 協働コミュニティ課 and 文化振興課 would belong to two departments.
    expect(
      refusal([{ type: 'MoveSection', data: { sectionId: 'S4', departmentId: 'D2', effectiveFrom: APRIL } }], state),
    ).toEqual([
      {
        field: 'sectionId',
        reason: expect.stringContaining('は 協働コミュニティ課 も兼ねています。移管の前に終了か付け替えをしてください'),
      },
    ]);
    run(
      [
        { type: 'EndPost', data: { postId: 'P6', until: '2024-03-31' } },
        { type: 'MoveSection', data: { sectionId: 'S4', departmentId: 'D2', effectiveFrom: APRIL, reason: '移管' } },
      ],
      state,
    );
    expect(names(state, 'D2', 2024)).toEqual(['文化振興課', '総務課']);
    expect(names(state, 'D1', 2024)).not.toContain('文化振興課');
    expect(actorOn(state, 'doi', '2024-03-31')?.department).toBe('市民生活部');
    expect(actorOn(state, 'doi', APRIL)?.department).toBe('総務部');
    expect(holdersOn(state, { kind: 'sectionHead', departmentId: 'D2' }, APRIL).map((p) => p.name)).toEqual(['土井']);
    expect(sectionLineage(state, 'S4')?.departments.map((d) => [d.from, d.name])).toEqual([
      [SEEDED, '市民生活部'],
      [APRIL, '総務部'],
    ]);
  });

  it('renames a department and the 職名 of its head from the day; a name another department has is refused', () => {
    const state = city();
    expect(
      refusal(
        [{ type: 'RenameDepartment', data: { departmentId: 'D1', name: '総務部', effectiveFrom: APRIL, reason: 'x' } }],
        state,
      ),
    ).toEqual([{ field: 'name', reason: '総務部は 2024-04-01 に既にある部の名前です' }]);
    run(
      [
        {
          type: 'RenameDepartment',
          data: {
            departmentId: 'D2',
            name: '総務企画部',
            headTitle: '総務企画部長',
            effectiveFrom: APRIL,
            reason: '改称',
          },
        },
      ],
      state,
    );
    expect(departmentsIn(state, 2023).find((d) => d.departmentId === 'D2')?.headTitle).toBe('総務部長');
    expect(departmentsIn(state, 2024).find((d) => d.departmentId === 'D2')).toMatchObject({
      name: '総務企画部',
      headTitle: '総務企画部長',
    });
    expect(actorOn(state, 'endo', APRIL)?.post?.title).toBe('総務企画部長');
    // Abolished before a rename already entered for a later day: refused, the rename named.
    expect(
      refusal([{ type: 'AbolishDepartment', data: { departmentId: 'D2', effectiveFrom: '2023-04-01' } }], state)[0],
    ).toEqual({
      field: 'effectiveFrom',
      reason: '総務企画部への 2024-04-01 からの改称が登録されています。その日より前には廃止できません',
    });
  });
});

describe('goals through lineage', () => {
  const goal = (goalId: string, fiscalYear: number, sectionIds: string[]) => ({
    goalId,
    fiscalYear,
    sectionIds,
    title: `目標${goalId}`,
  });

  it('refuses a reorganisation that leaves a goal of that year or later with no section', () => {
    const state = city();
    const events = run(
      [
        { type: 'EndPost', data: { postId: 'P6', until: '2024-03-31' } },
        { type: 'AbolishSection', data: { sectionId: 'S4', effectiveFrom: APRIL, endPosts: true } },
      ],
      state,
    );
    expect(sectionsEndedBy(events)).toEqual([{ sectionId: 'S4', effectiveFrom: APRIL }]);
    const goals = [
      goal('1', 2024, ['S4']),
      goal('2', 2023, ['S4']),
      goal('3', 2025, ['S4', 'S3']),
      goal('4', 2025, []),
    ];
    expect(goalsLeftWithoutSection(state, goals, APRIL, 'sectionId')).toEqual([
      {
        field: 'sectionId',
        reason:
          '令和6年度の目標「目標1」（1）は 文化振興課 の目標で、2024-04-01 から引き継ぐ課がなくなります。' +
          '統合・分割で引継ぎ先を決めるか、先に目標の課を変えてください',
      },
    ]);
  });

  it('counts a mid-year abolition from its day, and a merge as a successor', () => {
    const state = city();
    run([{ type: 'AbolishSection', data: { sectionId: 'S1', effectiveFrom: '2024-10-01', endPosts: true } }], state);
    expect(goalsLeftWithoutSection(state, [goal('1', 2024, ['S1'])], '2024-10-01', 'sectionId')[0].reason).toContain(
      '2024-10-01 から引き継ぐ課がなくなります',
    );
    const merged = city();
    run([merge()], merged);
    expect(goalsLeftWithoutSection(merged, [goal('1', 2024, ['S1']), goal('2', 2025, ['S2'])], APRIL, 'x')).toEqual([]);
  });

  it('maps a goal of a year to the sections of that year, through several reorganisations', () => {
    const state = city();
    run(
      [
        merge(),
        {
          type: 'SplitSection',
          data: {
            sectionId: 'N1',
            into: [
              { sectionId: 'N5', name: '市民窓口課' },
              { sectionId: 'N6', name: '産業振興課' },
            ],
            effectiveFrom: '2025-04-01',
          },
        },
      ],
      state,
    );
    expect(sectionsOfGoalIn(state, ['S1'], 2023)).toEqual([{ sectionId: 'S1', name: '市民課' }]);
    expect(sectionsOfGoalIn(state, ['S1', 'S2'], 2024)).toEqual([{ sectionId: 'N1', name: '市民経済課' }]);
    expect(sectionsOfGoalIn(state, ['S1'], 2025).map((s) => s.name)).toEqual(['市民窓口課', '産業振興課']);
    expect(sectionsOfGoalIn(state, ['N5'], 2023)).toEqual([]);
    expect(successorsOn(state, ['S2', 'S4'], '2025-05-01')).toEqual(['N5', 'N6', 'S4']);
    expect(successorsOn(state, ['S2'], '2024-03-31')).toEqual(['S2']);
  });
});
