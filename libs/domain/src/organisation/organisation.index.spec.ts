/**
 * The fold's index narrows the questions asked of a big directory; it must never change an answer.
 * A directory with years of renames, moves, merges, login-id changes, merged people and rotating
 * posts is asked every question both ways: through the index, and by scanning every record as the
 * queries did before it; and so is the same directory folded afresh from its events, whose lists of
 * people and posts are built from the records when first asked. And a copy taken to try a change on
 * leaves the organisation as it was.
 */
import { InvalidInput } from '../errors';
import {
  actorOn,
  cloneOrganisation,
  decideOrganisation,
  departmentIn,
  departmentsIn,
  emptyOrganisation,
  evolveOrganisation,
  foldOrganisation,
  holdersOn,
  OrganisationCommand,
  OrganisationState,
  personBy,
  postsOn,
  sectionsIn,
} from './organisation';
import { OrganisationEvent } from './organisation.events';
import { departmentNamedIn, legacyNamesIn } from './organisation-names';
import { existsInYear, nameOn, yearDay, departmentOf, held } from './organisation.lookups';

/** Every event the generator's commands gave, in order. */
const recorded: OrganisationEvent[] = [];

/** Applies what the decider accepts; a refused command (a clash the generator did not foresee) is skipped. */
function apply(state: OrganisationState, command: OrganisationCommand): void {
  try {
    for (const e of decideOrganisation(command, state)) {
      evolveOrganisation(state, e);
      recorded.push(e);
    }
  } catch (e) {
    if (!(e instanceof InvalidInput)) throw e;
  }
}

/** A small deterministic generator (no Math.random: the same directory every run). */
function lcg(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return Math.floor(x / 65536) % n;
  };
}

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];

function growDirectory(): OrganisationState {
  const state = emptyOrganisation();
  const pick = lcg(7);
  const departments = ['D0', 'D1', 'D2', 'D3', 'D4'];
  for (const [i, id] of departments.entries())
    apply(state, {
      type: 'EstablishDepartment',
      data: { departmentId: id, name: `第${i}部`, effectiveFrom: '2019-04-01' },
    });
  let sections = 0;
  let people = 0;
  let posts = 0;
  const liveSections: string[] = [];
  for (const d of departments)
    for (let s = 0; s < 4; s++) {
      const sectionId = `S${sections++}`;
      apply(state, {
        type: 'EstablishSection',
        data: { sectionId, departmentId: d, name: `${d}課${s}`, effectiveFrom: '2019-04-01' },
      });
      liveSections.push(sectionId);
    }
  const register = () => {
    const personId = `P${people++}`;
    apply(state, {
      type: 'RegisterPerson',
      data: { personId, name: `職員${personId}`, loginId: `login-${personId}`, employeeNumber: `E${personId}` },
    });
    return personId;
  };
  for (const year of YEARS) {
    const day = `${year}-04-01`;
    const before = `${year}-03-31`;
    // Posts for the year: a 部長 per department, a 課長 per live section (some sections unheld).
    for (const d of departments) {
      const postId = `Q${posts++}`;
      apply(state, {
        type: 'AssignPost',
        data: {
          postId,
          personId: register(),
          kind: 'departmentHead',
          departmentId: d,
          from: day,
          until: `${year + 1}-03-31`,
        },
      });
    }
    for (const sectionId of liveSections) {
      if (pick(5) === 0) continue;
      const s = state.sections.get(sectionId)!;
      apply(state, {
        type: 'AssignPost',
        data: {
          postId: `Q${posts++}`,
          personId: pick(3) === 0 && people > 0 ? `P${pick(people)}` : register(),
          kind: pick(4) === 0 ? 'clerk' : 'sectionHead',
          departmentId: departmentOf(s, day),
          sectionIds: [sectionId],
          from: day,
          until: `${year + 1}-03-31`,
        },
      });
    }
    // The year's changes, from the next 4月1日.
    const next = `${year + 1}-04-01`;
    for (let k = 0; k < 6; k++) {
      const sectionId = liveSections[pick(liveSections.length)];
      switch (pick(6)) {
        case 0:
          apply(state, {
            type: 'RenameSection',
            data: { sectionId, name: `改${sectionId}${year}`, effectiveFrom: next },
          });
          break;
        case 1:
          apply(state, {
            type: 'MoveSection',
            data: { sectionId, departmentId: departments[pick(departments.length)], effectiveFrom: next },
          });
          break;
        case 2: {
          const other = liveSections[pick(liveSections.length)];
          if (other === sectionId) break;
          const into = `S${sections++}`;
          apply(state, {
            type: 'MergeSections',
            data: {
              sectionIds: [sectionId, other],
              into: { sectionId: into, name: `統${into}` },
              effectiveFrom: next,
              endPosts: true,
            },
          });
          if (state.sections.has(into)) {
            liveSections.splice(liveSections.indexOf(sectionId), 1);
            liveSections.splice(liveSections.indexOf(other), 1);
            liveSections.push(into);
          }
          break;
        }
        case 3: {
          const d = departments[pick(departments.length)];
          apply(state, {
            type: 'RenameDepartment',
            data: { departmentId: d, name: `第${departments.indexOf(d)}部${year}改`, effectiveFrom: next },
          });
          break;
        }
        case 4: {
          const personId = `P${pick(people)}`;
          apply(state, {
            type: 'ChangeLoginId',
            data: { personId, loginId: `new-${personId}-${year}`, reason: '表記の統一' },
          });
          break;
        }
        default: {
          const a = `P${pick(people)}`;
          const b = `P${pick(people)}`;
          apply(state, { type: 'MergePerson', data: { personId: a, intoPersonId: b, reason: '二重登録' } });
        }
      }
    }
    void before;
  }
  return state;
}

// The queries as they were before the index: a scan of every record.
const scan = {
  sectionsIn: (state: OrganisationState, departmentId: string, fy: number) =>
    [...state.sections.values()]
      .filter((s) => existsInYear(s, fy) && departmentOf(s, yearDay(s, fy)) === departmentId)
      .map((s) => ({ sectionId: s.sectionId, name: nameOn(s.names, yearDay(s, fy)).name })),
  departmentNamedIn: (state: OrganisationState, name: string, fy: number) =>
    departmentsIn(state, fy).find((d) => d.name === name),
  personBy: (state: OrganisationState, claim: 'loginId' | 'employeeNumber', value: string) =>
    [...state.people.values()].find((p) => p[claim] !== undefined && p[claim] === value),
  postsOn: (state: OrganisationState, personId: string, day: string) =>
    [...state.posts.values()].filter((p) => p.personId === personId && held(p, day)),
};

const grown = growDirectory();
const events = [...recorded];

describe.each([
  ['kept by the fold as the events come', () => grown],
  ['built from the records when first asked', () => foldOrganisation(events)],
])('the directory index, %s', (_, directory) => {
  const state = directory();
  const days = YEARS.flatMap((y) => [`${y}-04-01`, `${y}-10-01`, `${y + 1}-03-31`]);

  it('grows a directory with every kind of change (the generator is not trivial)', () => {
    expect(state.sections.size).toBeGreaterThan(20);
    expect(state.posts.size).toBeGreaterThan(80);
    expect([...state.sections.values()].some((s) => s.moves.length > 0)).toBe(true);
    expect([...state.sections.values()].some((s) => s.successors.length > 0)).toBe(true);
    expect([...state.departments.values()].some((d) => d.names.length > 1)).toBe(true);
    expect([...state.people.values()].some((p) => p.previousLoginIds)).toBe(true);
    expect([...state.people.values()].some((p) => p.mergedInto)).toBe(true);
  });

  it('lists each department’s sections of a year as a scan of every section does', () => {
    for (const fy of [...YEARS, 2025])
      for (const departmentId of state.departments.keys()) {
        expect(sectionsIn(state, departmentId, fy)).toEqual(scan.sectionsIn(state, departmentId, fy));
        expect(departmentIn(state, departmentId, fy)).toEqual(
          departmentsIn(state, fy).find((d) => d.departmentId === departmentId) ??
            departmentIn(state, departmentId, fy),
        );
      }
  });

  it('finds a department by a year’s name, as a scan of the year’s departments does', () => {
    const names = new Set([...state.departments.values()].flatMap((d) => d.names.map((n) => n.name)));
    for (const fy of [...YEARS, 2025])
      for (const name of [...names, '無い部'])
        expect(departmentNamedIn(state, name, fy)).toEqual(scan.departmentNamedIn(state, name, fy));
  });

  it('finds people by login id (old ones too) and 職員番号, and their posts and holders by day, as scans do', () => {
    const logins = [...state.people.values()].flatMap((p) => [p.loginId, ...(p.previousLoginIds ?? [])]);
    for (const loginId of [...logins, 'nobody']) {
      expect(personBy(state, 'loginId', loginId)).toEqual(scan.personBy(state, 'loginId', loginId));
      for (const day of days) {
        const actor = actorOn(state, loginId, day);
        const person = scan.personBy(state, 'loginId', loginId);
        expect(actor?.personId).toEqual(
          person && scan.postsOn(state, person.personId, day).length ? person.personId : undefined,
        );
      }
    }
    for (const p of state.people.values()) {
      if (p.employeeNumber) expect(personBy(state, 'employeeNumber', p.employeeNumber)).toEqual(p);
      for (const day of days) expect(postsOn(state, p.personId, day)).toEqual(scan.postsOn(state, p.personId, day));
    }
    for (const day of days) {
      for (const departmentId of state.departments.keys())
        expect(holdersOn(state, { kind: 'departmentHead', departmentId }, day)).toEqual(
          [...state.posts.values()]
            .filter((p) => p.kind === 'departmentHead' && held(p, day) && p.departmentId === departmentId)
            .flatMap((p) => state.people.get(p.personId) ?? []),
        );
      for (const sectionId of state.sections.keys())
        expect(holdersOn(state, { kind: 'sectionHead', sectionId }, day)).toEqual(
          [...state.posts.values()]
            .filter((p) => p.kind === 'sectionHead' && held(p, day) && (p.sectionIds ?? []).includes(sectionId))
            .flatMap((p) => state.people.get(p.personId) ?? []),
        );
    }
  });

  it('reads names written before ids as before: a department or section that ever had the name', () => {
    const names = legacyNamesIn(state, (...parts) => parts.join('/'));
    const renamed = [...state.departments.values()].find((d) => d.names.length > 1)!;
    expect(names.departmentId(renamed.names[0].name, 2030)).toBe(
      [...state.departments.values()].find((d) => d.names.some((n) => n.name === renamed.names[0].name))!.departmentId,
    );
    expect(names.departmentId('無い部', 2020)).toBe('department/無い部');
  });

  it('refuses a 課長 for a section someone heads those days, naming them, and a login id someone had', () => {
    const post = [...state.posts.values()].find((p) => p.kind === 'sectionHead' && p.until === '2025-03-31')!;
    const clash = () =>
      decideOrganisation(
        {
          type: 'AssignPost',
          data: { ...post, postId: 'new-post', personId: 'P0', from: '2024-10-01', until: '2025-03-31' },
        },
        state,
      );
    expect(clash).toThrow(InvalidInput);
    const changed = [...state.people.values()].find((p) => p.previousLoginIds)!;
    expect(() =>
      decideOrganisation(
        { type: 'RegisterPerson', data: { personId: 'new', name: '新人', loginId: changed.previousLoginIds![0] } },
        state,
      ),
    ).toThrow(/not given again/);
  });

  it('lists a 課 established after the year’s department list was read, on the next read', () => {
    const copy = cloneOrganisation(state);
    const departmentId = [...copy.departments.keys()][1];
    const before = departmentsIn(copy, 2024).find((d) => d.departmentId === departmentId)!.sections.length;
    apply(copy, {
      type: 'EstablishSection',
      data: { sectionId: 'ANEW', departmentId, name: '新しい課', effectiveFrom: '2024-04-01' },
    });
    const after = departmentsIn(copy, 2024).find((d) => d.departmentId === departmentId)!.sections;
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toEqual({ sectionId: 'ANEW', name: '新しい課' });
    expect(departmentsIn(state, 2024).find((d) => d.departmentId === departmentId)!.sections).toHaveLength(before);
  });

  it('keeps the organisation as it was when a copy taken to try changes on is changed', () => {
    const before = {
      sections: departmentsIn(state, 2024),
      actor: actorOn(state, [...state.people.values()][0].loginId, '2024-04-01'),
      posts: [...state.posts.values()].map((p) => ({ ...p })),
    };
    const copy = cloneOrganisation(state);
    const sectionId = [...copy.sections.values()].find((s) => !s.abolishedFrom)!.sectionId;
    const departmentId = [...copy.departments.keys()][0];
    for (const command of [
      { type: 'RenameSection', data: { sectionId, name: '試しの課', effectiveFrom: '2024-04-01' } },
      { type: 'MoveSection', data: { sectionId, departmentId, effectiveFrom: '2024-04-02' } },
      {
        type: 'EstablishSection',
        data: { sectionId: 'TRY', departmentId, name: '試行課', effectiveFrom: '2024-04-01' },
      },
      { type: 'MergePerson', data: { personId: 'P1', intoPersonId: 'P2', reason: '試し' } },
      { type: 'EndPost', data: { postId: 'Q0', until: '2019-04-01' } },
    ] as OrganisationCommand[])
      apply(copy, command);
    expect(sectionsIn(copy, departmentId, 2024).map((s) => s.name)).toContain('試行課');
    expect(departmentsIn(state, 2024)).toEqual(before.sections);
    expect(actorOn(state, [...state.people.values()][0].loginId, '2024-04-01')).toEqual(before.actor);
    expect([...state.posts.values()]).toEqual(before.posts);
    // And the original may go on changing without the copy seeing it.
    apply(state, {
      type: 'EstablishSection',
      data: { sectionId: 'LATER', departmentId, name: '後の課', effectiveFrom: '2024-04-01' },
    });
    expect(sectionsIn(copy, departmentId, 2024).map((s) => s.sectionId)).not.toContain('LATER');
    expect(sectionsIn(state, departmentId, 2024).map((s) => s.sectionId)).not.toContain('TRY');
  });
});
