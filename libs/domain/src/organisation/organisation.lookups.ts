/** Small lookups the deciders and the queries share; not exported from the library. */
import { addDays, CivilDate, fiscalYearEnd, fiscalYearStart } from '../fiscal-year';
import { PostTerms } from './organisation.events';
import {
  Named,
  DepartmentRecord,
  SectionRecord,
  OrganisationState,
  Person,
  inRankOrder,
  Ids,
  idsOf,
  ranks,
  indexOf,
} from './organisation.state';

export type Fail = (field: string, reason: string) => void;

/** Why a post from `from` until `until` cannot belong to a department or section, if it cannot. */
export function outsideLifetime(
  record: { names: Named[]; abolishedFrom?: CivilDate },
  from: CivilDate,
  until?: CivilDate,
) {
  const name = nameOn(record.names, from).name;
  if (from < record.names[0].from) return `${name}は ${record.names[0].from} からです（${from} にはありません）`;
  if (record.abolishedFrom && (until ?? '9999-12-31') >= record.abolishedFrom)
    return `${name}は ${record.abolishedFrom} に廃止されます。${addDays(record.abolishedFrom, -1)} までの職にしてください`;
  return undefined;
}

export function overlaps(a: { from: string; until?: string }, b: { from: string; until?: string }): boolean {
  return a.from <= (b.until ?? '9999-12-31') && b.from <= (a.until ?? '9999-12-31');
}

export function nameOn(names: Named[], day: CivilDate): Named {
  let current = names[0];
  for (const n of names) if (n.from <= day) current = n;
  return current;
}

export function existsOn(record: { names: Named[]; abolishedFrom?: CivilDate }, day: CivilDate): boolean {
  return record.names[0].from <= day && (!record.abolishedFrom || day < record.abolishedFrom);
}

export function departmentNamed(state: OrganisationState, name: string, day: CivilDate): DepartmentRecord | undefined {
  return departmentsEverNamed(state, name).find((d) => existsOn(d, day) && nameOn(d.names, day).name === name);
}

export function sectionNamed(state: OrganisationState, departmentId: string, name: string, day: CivilDate) {
  return sectionsEverIn(state, departmentId).find(
    (s) => departmentOf(s, day) === departmentId && existsOn(s, day) && nameOn(s.names, day).name === name,
  );
}

/** The departments that have had the name at some time, in the order established. */
export function departmentsEverNamed(state: OrganisationState, name: string): DepartmentRecord[] {
  return idsOf(state.index.departmentsNamed.get(name))
    .flatMap((id) => state.departments.get(id) ?? [])
    .filter((d) => d.names.some((n) => n.name === name));
}

/** The sections that have belonged to the department at some time, in the order established. */
export function sectionsEverIn(state: OrganisationState, departmentId: string): SectionRecord[] {
  return idsOf(state.index.sectionsOf.get(departmentId)).flatMap((id) => state.sections.get(id) ?? []);
}

/** Posts from index lists (several: the sections of an assignment, say), each once, in the order assigned. */
export function postsAmong(state: OrganisationState, ...lists: (Ids | undefined)[]): PostTerms[] {
  return among(state, lists, 'posts').flatMap((id) => state.posts.get(id) ?? []);
}

/** People from index lists (a login id now and before, say), each once, in the order registered. */
export function peopleAmong(state: OrganisationState, ...lists: (Ids | undefined)[]): Person[] {
  return among(state, lists, 'people').flatMap((id) => state.people.get(id) ?? []);
}

/**
 * Posts that name the department or belong to it through a 課 that has been in it: its 部長's, and
 * its 課長's and 庶務担当's (whose department is their first 課's), in the order assigned.
 */
export function postsOfDepartment(state: OrganisationState, departmentId: string): PostTerms[] {
  const index = indexOf(state, 'posts');
  const ofSections = idsOf(index.sectionsOf.get(departmentId)).map((id) => index.postsInSection.get(id));
  return postsAmong(state, index.postsInDepartment.get(departmentId), ...ofSections);
}

/** One list as it is (already in the records' order); several merged in that order. */
function among(state: OrganisationState, lists: (Ids | undefined)[], kind: 'posts' | 'people'): readonly string[] {
  const present = lists.filter((list) => list !== undefined && list.length > 0) as Ids[];
  if (present.length <= 1) return idsOf(present[0]);
  return inRankOrder(present.flatMap(idsOf), ranks(state, kind));
}

export function departmentOf(section: SectionRecord, day: CivilDate): string {
  let current = section.departmentId;
  for (const m of section.moves) if (m.from <= day) current = m.departmentId;
  return current;
}

/** Every department the section belongs to on or after the day. */
export function departmentsFrom(section: SectionRecord, day: CivilDate): string[] {
  return [departmentOf(section, day), ...section.moves.filter((m) => m.from > day).map((m) => m.departmentId)];
}

export function held(post: PostTerms, day: CivilDate): boolean {
  return post.from <= day && (post.until === undefined || day <= post.until);
}

/**
 * The name a department or section goes by in a fiscal year: the one in force on 4月1日, or on the
 * day it was established if that was later in the year.
 */
export function yearDay(record: { names: Named[] }, fiscalYear: number): CivilDate {
  const start = fiscalYearStart(fiscalYear);
  return record.names[0].from > start ? record.names[0].from : start;
}

export function existsInYear(record: { names: Named[]; abolishedFrom?: CivilDate }, fiscalYear: number): boolean {
  return (
    record.names[0].from <= fiscalYearEnd(fiscalYear) &&
    (!record.abolishedFrom || record.abolishedFrom > fiscalYearStart(fiscalYear))
  );
}
