import { InvalidInput } from '../errors';
import { ORGANISATION_EVENTS, OrganisationEvent } from './organisation.events';
import {
  actorOn,
  decideOrganisation,
  departmentsIn,
  directoryIn,
  emptyOrganisation,
  evolveOrganisation,
  holdersOn,
  OrganisationCommand,
  OrganisationState,
  postsOn,
  sectionsIn,
} from './organisation';

/** Decides and applies each command in turn, as the api does against the stream. */
function run(commands: OrganisationCommand[], state = emptyOrganisation()): OrganisationState {
  for (const c of commands) for (const e of decideOrganisation(c, state)) evolveOrganisation(state, e);
  return state;
}

const base: OrganisationCommand[] = [
  { type: 'EstablishDepartment', data: { departmentId: 'D', name: '市民生活部', effectiveFrom: '2022-04-01' } },
  {
    type: 'EstablishSection',
    data: { sectionId: 'S1', departmentId: 'D', name: '市民課', effectiveFrom: '2022-04-01' },
  },
  {
    type: 'EstablishSection',
    data: { sectionId: 'S2', departmentId: 'D', name: '経済課', effectiveFrom: '2022-04-01' },
  },
  { type: 'RegisterPerson', data: { personId: 'A', name: '青木', loginId: 'aoki', employeeNumber: '1001' } },
  { type: 'RegisterPerson', data: { personId: 'B', name: '馬場', loginId: 'baba', email: 'baba@example.lg.jp' } },
  {
    type: 'AssignPost',
    data: {
      postId: 'P1',
      personId: 'A',
      kind: 'sectionHead',
      departmentId: 'D',
      sectionIds: ['S1'],
      from: '2022-04-01',
      until: '2023-03-31',
    },
  },
  {
    type: 'AssignPost',
    data: {
      postId: 'P2',
      personId: 'A',
      kind: 'sectionHead',
      departmentId: 'D',
      sectionIds: ['S2'],
      from: '2023-04-01',
    },
  },
  {
    type: 'AssignPost',
    data: {
      postId: 'P3',
      personId: 'B',
      kind: 'sectionHead',
      departmentId: 'D',
      sectionIds: ['S1'],
      from: '2023-04-01',
    },
  },
];

function refusal(command: OrganisationCommand, state: OrganisationState) {
  try {
    decideOrganisation(command, state);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInput);
    return (e as InvalidInput).errors;
  }
  throw new Error('expected a refusal');
}

describe('the organisation', () => {
  it('moves a 課長 on 4月1日: the old section until 3月31日, the new one from that day, the successor too', () => {
    const state = run(base);
    expect(actorOn(state, 'aoki', '2023-03-31')).toMatchObject({
      personId: 'A',
      name: '青木',
      role: 'sectionHead',
      department: '市民生活部',
      sections: ['市民課'],
      post: { kind: 'sectionHead', title: '市民課長', departmentId: 'D', sectionIds: ['S1'] },
    });
    expect(actorOn(state, 'aoki', '2023-04-01')?.sections).toEqual(['経済課']);
    expect(actorOn(state, 'baba', '2023-03-31')).toBeUndefined();
    expect(actorOn(state, 'baba', '2023-04-01')?.sections).toEqual(['市民課']);
    expect(holdersOn(state, { kind: 'sectionHead', sectionId: 'S1' }, '2023-03-31').map((p) => p.name)).toEqual([
      '青木',
    ]);
    expect(holdersOn(state, { kind: 'sectionHead', sectionId: 'S1' }, '2023-04-01').map((p) => p.name)).toEqual([
      '馬場',
    ]);
    expect(postsOn(state, 'A', '2023-04-01').map((p) => p.postId)).toEqual(['P2']);
  });

  it('shows a renamed section under its new name from the fiscal year of the rename, and the old before', () => {
    const state = run([
      ...base,
      { type: 'RenameSection', data: { sectionId: 'S1', name: '市民窓口課', effectiveFrom: '2023-04-01' } },
    ]);
    expect(sectionsIn(state, 'D', 2022)).toEqual([
      { sectionId: 'S1', name: '市民課' },
      { sectionId: 'S2', name: '経済課' },
    ]);
    expect(sectionsIn(state, 'D', 2023).map((s) => s.name)).toEqual(['市民窓口課', '経済課']);
    expect(departmentsIn(state, 2021)).toEqual([]);
    expect(actorOn(state, 'baba', '2023-04-01')?.post?.title).toBe('市民窓口課長');
    expect(directoryIn(state, 2023, { categories: ['その他'], achievementScale: ['x'] }).departments).toEqual([
      { name: '市民生活部', headTitle: '市民生活部長', sections: ['市民窓口課', '経済課'] },
    ]);
  });

  it('refuses an overlapping 課長, an end before the start, unknown sections and people, naming the field', () => {
    const state = run(base);
    expect(
      refusal(
        {
          type: 'AssignPost',
          data: {
            postId: 'P9',
            personId: 'B',
            kind: 'sectionHead',
            departmentId: 'D',
            sectionIds: ['S2'],
            from: '2024-04-01',
          },
        },
        state,
      ),
    ).toEqual([{ field: 'from', reason: '青木 is 課長 of 経済課 from 2023-04-01' }]);
    expect(
      refusal(
        {
          type: 'AssignPost',
          data: { postId: 'P9', personId: 'B', kind: 'auditor', from: '2024-04-01', until: '2024-03-31' },
        },
        state,
      ),
    ).toEqual([{ field: 'until', reason: 'must not be before from' }]);
    const unknown = refusal(
      {
        type: 'AssignPost',
        data: { postId: 'P9', personId: 'X', kind: 'clerk', departmentId: 'D', sectionIds: ['S9'], from: '2024-04-01' },
      },
      state,
    );
    expect(unknown.map((e) => e.field)).toEqual(['personId', 'sectionIds']);
    expect(refusal({ type: 'EndPost', data: { postId: 'P2', until: '2023-03-01' } }, state)[0].field).toBe('until');
    expect(
      refusal(
        { type: 'RegisterPerson', data: { personId: 'C', name: '千葉', loginId: 'chiba', employeeNumber: '1001' } },
        state,
      )[0],
    ).toMatchObject({ field: 'employeeNumber' });
    // Ending the earlier post lets the next holder in.
    const ended = run([{ type: 'EndPost', data: { postId: 'P2', until: '2024-03-31' } }], state);
    expect(() =>
      decideOrganisation(
        {
          type: 'AssignPost',
          data: {
            postId: 'P9',
            personId: 'B',
            kind: 'sectionHead',
            departmentId: 'D',
            sectionIds: ['S2'],
            from: '2024-04-01',
          },
        },
        ended,
      ),
    ).not.toThrow();
  });

  it('reads its events through the typed layer', () => {
    const events = decideOrganisation(base[0], emptyOrganisation());
    const stored = events.map((e: OrganisationEvent) => ({ ...e, metadata: { schemaVersion: 1 } }));
    expect(ORGANISATION_EVENTS.read(stored).map((e) => e.type)).toEqual(['DepartmentEstablished']);
    expect(events[0].data).toMatchObject({ headTitle: '市民生活部長' });
  });
});
