/**
 * The organisation's decider, fold and queries. Everything is as of a day: a 課 renamed on 4月1日
 * shows its old name for the year before, and a 課長 moved on 4月1日 holds the new post from that day.
 */
import { Actor, Department, Directory } from '../directory';
import { FieldError, InvalidInput } from '../errors';
import { CivilDate, fiscalYearEnd, fiscalYearStart, isCivilDate } from '../fiscal-year';
import {
  OrganisationEvent,
  PersonRegistered,
  POST_KINDS,
  POST_TITLES,
  PostKind,
  PostTerms,
} from './organisation.events';

interface Named {
  from: CivilDate;
  name: string;
  headTitle?: string;
}
export interface DepartmentRecord {
  departmentId: string;
  /** Every name it has had, oldest first. */
  names: Named[];
  abolishedFrom?: CivilDate;
}
export interface SectionRecord {
  sectionId: string;
  departmentId: string;
  names: Named[];
  abolishedFrom?: CivilDate;
}
export type Person = PersonRegistered['data'];

export interface OrganisationState {
  departments: Map<string, DepartmentRecord>;
  sections: Map<string, SectionRecord>;
  people: Map<string, Person>;
  posts: Map<string, PostTerms>;
}

export type OrganisationCommand =
  | {
      type: 'EstablishDepartment';
      data: { departmentId: string; name: string; headTitle?: string; effectiveFrom: string };
    }
  | { type: 'EstablishSection'; data: { sectionId: string; departmentId: string; name: string; effectiveFrom: string } }
  | { type: 'RenameSection'; data: { sectionId: string; name: string; effectiveFrom: string } }
  | {
      type: 'RegisterPerson';
      data: { personId: string; name: string; loginId: string; email?: string; employeeNumber?: string };
    }
  | { type: 'AssignPost'; data: PostTerms }
  | { type: 'EndPost'; data: { postId: string; until: string } };

export function emptyOrganisation(): OrganisationState {
  return { departments: new Map(), sections: new Map(), people: new Map(), posts: new Map() };
}

/**
 * Applies one event to the state in place. The fold owns its state (the api keeps one per stream
 * revision and applies only the events after it), so copying hundreds of records per event would
 * buy nothing.
 */
export function evolveOrganisation(state: OrganisationState, event: OrganisationEvent): OrganisationState {
  switch (event.type) {
    case 'DepartmentEstablished': {
      const { departmentId, name, headTitle, effectiveFrom } = event.data;
      state.departments.set(departmentId, { departmentId, names: [{ from: effectiveFrom, name, headTitle }] });
      break;
    }
    case 'DepartmentRenamed': {
      const { departmentId, name, headTitle, effectiveFrom } = event.data;
      addName(state.departments.get(departmentId)?.names, { from: effectiveFrom, name, headTitle });
      break;
    }
    case 'DepartmentAbolished': {
      const d = state.departments.get(event.data.departmentId);
      if (d) d.abolishedFrom = event.data.effectiveFrom;
      break;
    }
    case 'SectionEstablished': {
      const { sectionId, departmentId, name, effectiveFrom } = event.data;
      state.sections.set(sectionId, { sectionId, departmentId, names: [{ from: effectiveFrom, name }] });
      break;
    }
    case 'SectionRenamed':
      addName(state.sections.get(event.data.sectionId)?.names, {
        from: event.data.effectiveFrom,
        name: event.data.name,
      });
      break;
    case 'SectionAbolished': {
      const s = state.sections.get(event.data.sectionId);
      if (s) s.abolishedFrom = event.data.effectiveFrom;
      break;
    }
    case 'PersonRegistered':
      state.people.set(event.data.personId, { ...event.data });
      break;
    case 'PostAssigned':
      state.posts.set(event.data.postId, { ...event.data });
      break;
    case 'PostEnded': {
      const post = state.posts.get(event.data.postId);
      if (post) post.until = event.data.until;
      break;
    }
  }
  return state;
}

function addName(names: Named[] | undefined, named: Named): void {
  if (!names) return;
  names.push(named);
  names.sort((a, b) => a.from.localeCompare(b.from));
}

export function foldOrganisation(events: readonly OrganisationEvent[], state = emptyOrganisation()): OrganisationState {
  for (const event of events) evolveOrganisation(state, event);
  return state;
}

/** The events a command gives, or InvalidInput naming each field at fault; the state is not touched. */
export function decideOrganisation(command: OrganisationCommand, state: OrganisationState): OrganisationEvent[] {
  const errors: FieldError[] = [];
  const fail = (field: string, reason: string) => errors.push({ field, reason });
  const text = (field: string, value: unknown) => {
    if (typeof value !== 'string' || value.trim() === '') fail(field, 'is required');
  };
  const date = (field: string, value: unknown) => {
    if (typeof value !== 'string' || !isCivilDate(value)) fail(field, 'must be a date YYYY-MM-DD');
  };
  const done = (events: OrganisationEvent[]) => {
    if (errors.length > 0) throw new InvalidInput(errors);
    return events;
  };
  switch (command.type) {
    case 'EstablishDepartment': {
      const d = command.data;
      text('name', d.name);
      date('effectiveFrom', d.effectiveFrom);
      if (state.departments.has(d.departmentId)) fail('departmentId', 'is already established');
      if (errors.length === 0 && departmentNamed(state, d.name, d.effectiveFrom))
        fail('name', `a department named ${d.name} already exists on ${d.effectiveFrom}`);
      const headTitle = d.headTitle?.trim() || `${d.name}長`;
      return done([{ type: 'DepartmentEstablished', data: { ...d, name: d.name?.trim(), headTitle } }]);
    }
    case 'EstablishSection': {
      const d = command.data;
      text('name', d.name);
      date('effectiveFrom', d.effectiveFrom);
      if (d.name === '共通') fail('name', '共通 is reserved for goals common to the whole department');
      if (state.sections.has(d.sectionId)) fail('sectionId', 'is already established');
      const department = state.departments.get(d.departmentId);
      if (!department) fail('departmentId', `unknown department ${String(d.departmentId)}`);
      if (errors.length === 0 && sectionNamed(state, d.departmentId, d.name, d.effectiveFrom))
        fail('name', `${d.name} already exists in that department on ${d.effectiveFrom}`);
      return done([{ type: 'SectionEstablished', data: { ...d, name: d.name?.trim() } }]);
    }
    case 'RenameSection': {
      const d = command.data;
      text('name', d.name);
      date('effectiveFrom', d.effectiveFrom);
      const section = state.sections.get(d.sectionId);
      if (!section) fail('sectionId', `unknown section ${String(d.sectionId)}`);
      else if (errors.length === 0) {
        if (d.effectiveFrom <= section.names[0].from)
          fail('effectiveFrom', `must be after the section was established (${section.names[0].from})`);
        if (section.abolishedFrom && d.effectiveFrom >= section.abolishedFrom)
          fail('effectiveFrom', `the section is abolished from ${section.abolishedFrom}`);
        if (sectionNamed(state, section.departmentId, d.name, d.effectiveFrom))
          fail('name', `${d.name} already exists in that department on ${d.effectiveFrom}`);
      }
      return done([{ type: 'SectionRenamed', data: { ...d, name: d.name?.trim() } }]);
    }
    case 'RegisterPerson': {
      const d = command.data;
      text('name', d.name);
      text('loginId', d.loginId);
      if (d.email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(d.email)) fail('email', 'must be an e-mail address');
      if (state.people.has(d.personId)) fail('personId', 'is already registered');
      for (const p of state.people.values()) {
        if (p.loginId === d.loginId) fail('loginId', `${d.loginId} is already someone's login id`);
        if (d.employeeNumber && p.employeeNumber === d.employeeNumber)
          fail('employeeNumber', `職員番号 ${d.employeeNumber} is already registered (${p.name})`);
      }
      const data: Person = { personId: d.personId, name: d.name?.trim(), loginId: d.loginId?.trim() };
      if (d.email) data.email = d.email;
      if (d.employeeNumber) data.employeeNumber = d.employeeNumber;
      return done([{ type: 'PersonRegistered', data }]);
    }
    case 'AssignPost': {
      const d = command.data;
      date('from', d.from);
      if (d.until !== undefined) date('until', d.until);
      if (errors.length === 0 && d.until !== undefined && d.until < d.from) fail('until', 'must not be before from');
      if (!state.people.has(d.personId)) fail('personId', `unknown person ${String(d.personId)}`);
      if (state.posts.has(d.postId)) fail('postId', 'is already assigned');
      if (!POST_KINDS.includes(d.kind)) fail('kind', `must be one of ${POST_KINDS.join(', ')}`);
      const needsDepartment = d.kind === 'departmentHead' || d.kind === 'sectionHead' || d.kind === 'clerk';
      const needsSections = d.kind === 'sectionHead' || d.kind === 'clerk';
      if (needsDepartment && !state.departments.has(d.departmentId ?? ''))
        fail('departmentId', `unknown department ${String(d.departmentId)}`);
      if (needsSections) {
        if (!Array.isArray(d.sectionIds) || d.sectionIds.length === 0) fail('sectionIds', 'name at least one section');
        else
          for (const id of d.sectionIds) {
            const s = state.sections.get(id);
            if (!s) fail('sectionIds', `unknown section ${id}`);
            else if (s.departmentId !== d.departmentId) fail('sectionIds', `${id} is not a section of that department`);
          }
      }
      if (errors.length === 0)
        for (const other of state.posts.values()) {
          if (other.kind !== d.kind || !overlaps(other, d)) continue;
          const who = state.people.get(other.personId)?.name ?? other.personId;
          if (d.kind === 'departmentHead' && other.departmentId === d.departmentId)
            fail(
              'from',
              `${who} is 部長 of that department from ${other.from}${other.until ? ` until ${other.until}` : ''}`,
            );
          if (d.kind === 'sectionHead') {
            const shared = (other.sectionIds ?? []).filter((s) => d.sectionIds!.includes(s));
            if (shared.length > 0)
              fail(
                'from',
                `${who} is 課長 of ${shared.map((s) => sectionNameOn(state, s, d.from)).join('、')} ` +
                  `from ${other.from}${other.until ? ` until ${other.until}` : ''}`,
              );
          }
        }
      const data: PostTerms = { postId: d.postId, personId: d.personId, kind: d.kind, from: d.from };
      if (needsDepartment) data.departmentId = d.departmentId;
      if (needsSections) data.sectionIds = [...d.sectionIds!];
      if (d.until !== undefined) data.until = d.until;
      return done([{ type: 'PostAssigned', data }]);
    }
    case 'EndPost': {
      const d = command.data;
      date('until', d.until);
      const post = state.posts.get(d.postId);
      if (!post) fail('postId', `unknown post ${String(d.postId)}`);
      else if (errors.length === 0 && d.until < post.from)
        fail('until', `must not be before the post began (${post.from})`);
      return done([{ type: 'PostEnded', data: { postId: d.postId, until: d.until } }]);
    }
  }
}

function overlaps(a: { from: string; until?: string }, b: { from: string; until?: string }): boolean {
  return a.from <= (b.until ?? '9999-12-31') && b.from <= (a.until ?? '9999-12-31');
}

function nameOn(names: Named[], day: CivilDate): Named {
  let current = names[0];
  for (const n of names) if (n.from <= day) current = n;
  return current;
}

function existsOn(record: { names: Named[]; abolishedFrom?: CivilDate }, day: CivilDate): boolean {
  return record.names[0].from <= day && (!record.abolishedFrom || day < record.abolishedFrom);
}

function departmentNamed(state: OrganisationState, name: string, day: CivilDate): DepartmentRecord | undefined {
  return [...state.departments.values()].find((d) => existsOn(d, day) && nameOn(d.names, day).name === name);
}

function sectionNamed(state: OrganisationState, departmentId: string, name: string, day: CivilDate) {
  return [...state.sections.values()].find(
    (s) => s.departmentId === departmentId && existsOn(s, day) && nameOn(s.names, day).name === name,
  );
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
  return [...state.posts.values()].filter((p) => p.personId === personId && held(p, day));
}

function held(post: PostTerms, day: CivilDate): boolean {
  return post.from <= day && (post.until === undefined || day <= post.until);
}

/** Who held a post on a day: 部長 of a department, 課長 of a section, or anyone of a kind. */
export function holdersOn(
  state: OrganisationState,
  post: { kind: PostKind; departmentId?: string; sectionId?: string },
  day: CivilDate,
): Person[] {
  return [...state.posts.values()]
    .filter(
      (p) =>
        p.kind === post.kind &&
        held(p, day) &&
        (post.departmentId === undefined || p.departmentId === post.departmentId) &&
        (post.sectionId === undefined || (p.sectionIds ?? []).includes(post.sectionId)),
    )
    .flatMap((p) => state.people.get(p.personId) ?? []);
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

/**
 * The name a department or section goes by in a fiscal year: the one in force on 4月1日, or on the
 * day it was established if that was later in the year.
 */
function yearDay(record: { names: Named[] }, fiscalYear: number): CivilDate {
  const start = fiscalYearStart(fiscalYear);
  return record.names[0].from > start ? record.names[0].from : start;
}

function existsInYear(record: { names: Named[]; abolishedFrom?: CivilDate }, fiscalYear: number): boolean {
  return (
    record.names[0].from <= fiscalYearEnd(fiscalYear) &&
    (!record.abolishedFrom || record.abolishedFrom > fiscalYearStart(fiscalYear))
  );
}

/** The sections of a department in a fiscal year, named as of that year, in the order established. */
export function sectionsIn(state: OrganisationState, departmentId: string, fiscalYear: number): SectionInYear[] {
  return [...state.sections.values()]
    .filter((s) => s.departmentId === departmentId && existsInYear(s, fiscalYear))
    .map((s) => ({ sectionId: s.sectionId, name: nameOn(s.names, yearDay(s, fiscalYear)).name }));
}

export function departmentsIn(state: OrganisationState, fiscalYear: number): DepartmentInYear[] {
  return [...state.departments.values()]
    .filter((d) => existsInYear(d, fiscalYear))
    .map((d) => {
      const named = nameOn(d.names, yearDay(d, fiscalYear));
      return {
        departmentId: d.departmentId,
        name: named.name,
        headTitle: named.headTitle ?? `${named.name}長`,
        sections: sectionsIn(state, d.departmentId, fiscalYear),
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

/** A section's name in a fiscal year, even one it did not exist in (the nearest); undefined when unknown. */
export function sectionNameIn(state: OrganisationState, sectionId: string, fiscalYear: number): string | undefined {
  const s = state.sections.get(sectionId);
  return s && nameOn(s.names, yearDay(s, fiscalYear)).name;
}

/**
 * When a person holds several posts on one day (部長 and 管理者, say), the one that decides what they
 * may do first; the others are still listed on the actor.
 */
const PRECEDENCE: readonly PostKind[] = ['departmentHead', 'sectionHead', 'clerk', 'auditor', 'admin'];

/** The person with this login id as they act on `day`; undefined when unknown or holding no post. */
export function actorOn(state: OrganisationState, loginId: string, day: CivilDate): Actor | undefined {
  const person = [...state.people.values()].find((p) => p.loginId === loginId);
  if (!person) return undefined;
  const posts = postsOn(state, person.personId, day).sort(
    (a, b) => PRECEDENCE.indexOf(a.kind) - PRECEDENCE.indexOf(b.kind),
  );
  if (posts.length === 0) return undefined;
  const describe = (p: PostTerms) => ({
    kind: p.kind,
    title: postTitle(state, p, day),
    ...(p.departmentId
      ? { departmentId: p.departmentId, department: departmentNameOn(state, p.departmentId, day) }
      : {}),
    ...(p.sectionIds
      ? { sectionIds: [...p.sectionIds], sections: p.sectionIds.map((s) => sectionNameOn(state, s, day)) }
      : {}),
  });
  const main = posts[0];
  return {
    userId: person.loginId,
    personId: person.personId,
    name: person.name,
    role: main.kind,
    department: main.departmentId ? departmentNameOn(state, main.departmentId, day) : undefined,
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
  return [...state.people.values()].find((p) => p[claim] !== undefined && p[claim] === value);
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
