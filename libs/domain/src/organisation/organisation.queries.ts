/** Questions asked of the organisation as of a day or a fiscal year: who holds what, what is called what. */
import { Actor, Department, Directory } from '../directory';
import { CivilDate, fiscalYearStart } from '../fiscal-year';
import { POST_TITLES, PostKind, PostTerms } from './organisation.events';
import { Person, OrganisationState, inRankOrder, ranks, indexOf } from './organisation.state';
import {
  nameOn,
  existsOn,
  departmentOf,
  held,
  yearDay,
  existsInYear,
  postsAmong,
  peopleAmong,
  sectionsEverIn,
  postsOfDepartment,
} from './organisation.lookups';

/** The department a section belongs to on a day (moves included). */
export function sectionDepartmentOn(state: OrganisationState, sectionId: string, day: CivilDate): string | undefined {
  const s = state.sections.get(sectionId);
  return s ? departmentOf(s, day) : undefined;
}

export function departmentExistsOn(state: OrganisationState, departmentId: string, day: CivilDate): boolean {
  const d = state.departments.get(departmentId);
  return d !== undefined && existsOn(d, day);
}

/** Whether the section exists on the day: established by then and not yet abolished, merged or split. */
export function sectionExistsOn(state: OrganisationState, sectionId: string, day: CivilDate): boolean {
  const s = state.sections.get(sectionId);
  return s !== undefined && existsOn(s, day);
}

/** Whether the section exists on any day of the fiscal year. */
export function sectionExistsIn(state: OrganisationState, sectionId: string, fiscalYear: number): boolean {
  const s = state.sections.get(sectionId);
  return s !== undefined && existsInYear(s, fiscalYear);
}

/**
 * The department a post belongs to on a day. A 課長's or 庶務担当's follows their sections, so a
 * section moved to another department takes its 課長 with it; a 部長's is the department's own.
 */
export function postDepartmentOn(state: OrganisationState, post: PostTerms, day: CivilDate): string | undefined {
  const first = post.sectionIds?.[0];
  return (first !== undefined ? sectionDepartmentOn(state, first, day) : undefined) ?? post.departmentId;
}

export function sectionNameOn(state: OrganisationState, sectionId: string, day: CivilDate): string {
  const s = state.sections.get(sectionId);
  return s ? nameOn(s.names, day).name : sectionId;
}

export function departmentNameOn(state: OrganisationState, departmentId: string, day: CivilDate): string {
  const d = state.departments.get(departmentId);
  return d ? nameOn(d.names, day).name : departmentId;
}

/** The posts a person holds on a day. */
export function postsOn(state: OrganisationState, personId: string, day: CivilDate): PostTerms[] {
  return postsOf(state, personId).filter((p) => held(p, day));
}

/** Every post the person has held, holds or will hold, in the order assigned. */
export function postsOf(state: OrganisationState, personId: string): PostTerms[] {
  return postsAmong(state, indexOf(state, 'posts').postsOf.get(personId)).filter((p) => p.personId === personId);
}

/** Who held a post on a day: 部長 of a department, 課長 of a section, or anyone of a kind. */
export function holdersOn(
  state: OrganisationState,
  post: { kind: PostKind; departmentId?: string; sectionId?: string },
  day: CivilDate,
): Person[] {
  return candidatePosts(state, post)
    .filter(
      (p) =>
        p.kind === post.kind &&
        held(p, day) &&
        (post.departmentId === undefined || postDepartmentOn(state, p, day) === post.departmentId) &&
        (post.sectionId === undefined || (p.sectionIds ?? []).includes(post.sectionId)),
    )
    .flatMap((p) => state.people.get(p.personId) ?? []);
}

/**
 * The posts that may answer holdersOn: a section's (as named on the post), a department's (its own,
 * and those of the sections that have belonged to it: a 課長's department follows their section).
 */
function candidatePosts(state: OrganisationState, post: { departmentId?: string; sectionId?: string }): PostTerms[] {
  const index = indexOf(state, 'posts');
  if (post.sectionId !== undefined) return postsAmong(state, index.postsInSection.get(post.sectionId));
  if (post.departmentId === undefined) return [...state.posts.values()];
  return postsOfDepartment(state, post.departmentId);
}

export interface SectionInYear {
  sectionId: string;
  name: string;
}

export interface DepartmentInYear {
  departmentId: string;
  name: string;
  headTitle: string;
  sections: SectionInYear[];
}

/** The sections of a department in a fiscal year, named as of that year, in the order established. */
export function sectionsIn(state: OrganisationState, departmentId: string, fiscalYear: number): SectionInYear[] {
  return sectionsEverIn(state, departmentId)
    .filter((s) => existsInYear(s, fiscalYear) && departmentOf(s, yearDay(s, fiscalYear)) === departmentId)
    .map((s) => ({ sectionId: s.sectionId, name: nameOn(s.names, yearDay(s, fiscalYear)).name }));
}

/**
 * Every department of a fiscal year with its sections, named as of that year, in the order
 * established. Worked out once per state and year (until the next event): the list is shared by
 * every caller, who must not change it.
 */
export function departmentsIn(state: OrganisationState, fiscalYear: number): DepartmentInYear[] {
  const key = `departmentsIn:${fiscalYear}`;
  let answer = state.index.answers.get(key) as DepartmentInYear[] | undefined;
  if (!answer) state.index.answers.set(key, (answer = listDepartmentsIn(state, fiscalYear)));
  return answer;
}

function listDepartmentsIn(state: OrganisationState, fiscalYear: number): DepartmentInYear[] {
  // One pass over the sections for every department, not one per department (2,000 部 × 16,000 課).
  const sectionsOf = new Map<string, SectionInYear[]>();
  for (const s of state.sections.values()) {
    if (!existsInYear(s, fiscalYear)) continue;
    const day = yearDay(s, fiscalYear);
    const departmentId = departmentOf(s, day);
    const list = sectionsOf.get(departmentId) ?? [];
    list.push({ sectionId: s.sectionId, name: nameOn(s.names, day).name });
    sectionsOf.set(departmentId, list);
  }
  return [...state.departments.values()]
    .filter((d) => existsInYear(d, fiscalYear))
    .map((d) => {
      const named = nameOn(d.names, yearDay(d, fiscalYear));
      return {
        departmentId: d.departmentId,
        name: named.name,
        headTitle: named.headTitle ?? `${named.name}長`,
        sections: sectionsOf.get(d.departmentId) ?? [],
      };
    });
}

/** A department as named in a fiscal year, with its sections of that year; undefined when unknown. */
export function departmentIn(
  state: OrganisationState,
  departmentId: string,
  fiscalYear: number,
): DepartmentInYear | undefined {
  const d = state.departments.get(departmentId);
  if (!d) return undefined;
  const named = nameOn(d.names, yearDay(d, fiscalYear));
  return {
    departmentId,
    name: named.name,
    headTitle: named.headTitle ?? `${named.name}長`,
    sections: sectionsIn(state, departmentId, fiscalYear),
  };
}

/**
 * The first department (in the order established) that had any of these sections in the fiscal
 * year; the same as searching departmentsIn, without listing every department.
 */
export function departmentWithSectionsIn(
  state: OrganisationState,
  sectionIds: readonly string[],
  fiscalYear: number,
): DepartmentInYear | undefined {
  const holding = new Set<string>();
  for (const id of sectionIds) {
    const s = state.sections.get(id);
    if (s && existsInYear(s, fiscalYear)) holding.add(departmentOf(s, yearDay(s, fiscalYear)));
  }
  const found = inRankOrder(holding, ranks(state, 'departments')).find((id) => {
    const d = state.departments.get(id);
    return d !== undefined && existsInYear(d, fiscalYear);
  });
  return found === undefined ? undefined : departmentIn(state, found, fiscalYear);
}

/** A section's name in a fiscal year, even one it did not exist in (the nearest); undefined when unknown. */
export function sectionNameIn(state: OrganisationState, sectionId: string, fiscalYear: number): string | undefined {
  const s = state.sections.get(sectionId);
  return s && nameOn(s.names, yearDay(s, fiscalYear)).name;
}

/**
 * When a person holds several posts on one day (部長 and 管理者, say), the one that decides what they
 * may do first; the others are still listed on the actor.
 */
const PRECEDENCE: readonly PostKind[] = ['departmentHead', 'sectionHead', 'clerk', 'auditor', 'planning', 'admin'];

/** The person with this login id as they act on `day`; undefined when unknown or holding no post. */
export function actorOn(state: OrganisationState, loginId: string, day: CivilDate): Actor | undefined {
  const person = personBy(state, 'loginId', loginId);
  if (!person) return undefined;
  const posts = postsOn(state, person.personId, day).sort(
    (a, b) => PRECEDENCE.indexOf(a.kind) - PRECEDENCE.indexOf(b.kind),
  );
  if (posts.length === 0) return undefined;
  const describe = (p: PostTerms) => {
    const departmentId = postDepartmentOn(state, p, day);
    return {
      kind: p.kind,
      title: postTitle(state, p, day),
      ...(departmentId ? { departmentId, department: departmentNameOn(state, departmentId, day) } : {}),
      ...(p.sectionIds
        ? { sectionIds: [...p.sectionIds], sections: p.sectionIds.map((s) => sectionNameOn(state, s, day)) }
        : {}),
    };
  };
  const main = posts[0];
  const mainDepartment = postDepartmentOn(state, main, day);
  return {
    userId: person.loginId,
    personId: person.personId,
    name: person.name,
    role: main.kind,
    department: mainDepartment ? departmentNameOn(state, mainDepartment, day) : undefined,
    sections: (main.sectionIds ?? []).map((s) => sectionNameOn(state, s, day)),
    post: describe(main),
    posts: posts.map(describe),
  };
}

/** 市民課長, 市民生活部長, 市民課 庶務担当, 監査, 管理者: the post as the people of the city name it. */
export function postTitle(state: OrganisationState, post: PostTerms, day: CivilDate): string {
  const sections = (post.sectionIds ?? []).map((s) => sectionNameOn(state, s, day)).join('・');
  if (post.kind === 'departmentHead') {
    const d = state.departments.get(post.departmentId ?? '');
    return d ? (nameOn(d.names, day).headTitle ?? `${nameOn(d.names, day).name}長`) : POST_TITLES.departmentHead;
  }
  if (post.kind === 'sectionHead') return `${sections}長`;
  if (post.kind === 'clerk') return `${sections} ${POST_TITLES.clerk}`;
  return POST_TITLES[post.kind];
}

/** A person found by the claim an identity provider sends. */
export function personBy(
  state: OrganisationState,
  claim: 'loginId' | 'email' | 'employeeNumber',
  value: string,
): Person | undefined {
  const index = indexOf(state, 'people');
  const byClaim = { loginId: index.loginIds, email: index.emails, employeeNumber: index.employeeNumbers }[claim];
  return peopleAmong(state, byClaim.get(value)).find((p) => p[claim] !== undefined && p[claim] === value);
}

/**
 * The directory in the shape the sheet, goal and import code reads (names, not ids) as it stood in a
 * fiscal year: its departments and sections named as of that year, and whoever held a post on 4月1日.
 */
export function directoryIn(
  state: OrganisationState,
  fiscalYear: number,
  vocabulary: Pick<Directory, 'categories' | 'achievementScale'>,
): Directory {
  const departments: Department[] = departmentsIn(state, fiscalYear).map((d) => ({
    name: d.name,
    headTitle: d.headTitle,
    sections: d.sections.map((s) => s.name),
  }));
  const day = fiscalYearStart(fiscalYear);
  const users = [...state.people.values()].flatMap((p) => {
    const actor = actorOn(state, p.loginId, day);
    if (!actor) return [];
    return [
      {
        id: p.loginId,
        name: p.name,
        role: actor.role,
        ...(actor.department ? { department: actor.department } : {}),
        ...(actor.sections.length > 0 ? { sections: actor.sections } : {}),
        ...(p.email ? { email: p.email } : {}),
      },
    ];
  });
  return { departments, categories: vocabulary.categories, achievementScale: vocabulary.achievementScale, users };
}
