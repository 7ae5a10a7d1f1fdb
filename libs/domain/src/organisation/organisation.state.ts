/**
 * The organisation as the directory stream folds it: departments, sections, people and posts, each
 * with its names over time. Everything is as of a day: a 課 renamed on 4月1日 shows its old name for
 * the year before, and a 課長 moved on 4月1日 holds the new post from that day.
 */
import { CivilDate } from '../fiscal-year';
import { OrganisationEvent, PersonRegistered, PostTerms } from './organisation.events';

export interface Named {
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
/** Where a section's work came from or went, on the day of a merge or split. */

export interface LineageLink {
  sectionId: string;
  change: 'merged' | 'split';
  effectiveFrom: CivilDate;
  reason?: string;
}

export interface SectionRecord {
  sectionId: string;
  /** The department it was established in; `moves` say where it went since (sectionDepartmentOn reads both). */
  departmentId: string;
  names: Named[];
  moves: { from: CivilDate; departmentId: string }[];
  abolishedFrom?: CivilDate;
  /** The sections its work came from (it was established by a merge or split). */
  predecessors: LineageLink[];
  /** The sections its work went to (it ended in a merge or split); none when simply abolished. */
  successors: LineageLink[];
}

export type Person = PersonRegistered['data'] & {
  /** Login ids the person had before an administrator changed it; never given to anyone again. */
  previousLoginIds?: string[];
  /** Set when this record was a duplicate, merged into that person. */
  mergedInto?: string;
};

export interface OrganisationState {
  departments: Map<string, DepartmentRecord>;
  sections: Map<string, SectionRecord>;
  people: Map<string, Person>;
  posts: Map<string, PostTerms>;
  /** Kept by `evolveOrganisation` beside the records; see OrganisationIndex. */
  index: OrganisationIndex;
}

/**
 * What the fold keeps beside the records so that a question about one 部, 課, person or name looks
 * at theirs only: a directory of 2,000 部 over ten years holds tens of thousands of 課, people and
 * posts, and every goal command asks several such questions. Each set holds every record that ever
 * matched (a 課 since moved away, a name since given up, a login id since changed): the questions
 * still check the day or year on the record, so an index narrows a scan and never decides an answer.
 * Each list is in the order of its records' map (`rank`: each record's place in it), so that answers
 * come in the order a scan of the map gave them.
 */
export interface OrganisationIndex {
  rank: {
    departments: Map<string, number>;
    sections: Map<string, number>;
    people: Map<string, number>;
    posts: Map<string, number>;
  };
  /** Sections established in or moved to a department. */
  sectionsOf: Map<string, readonly string[]>;
  /** Departments that have had a name. */
  departmentsNamed: Map<string, readonly string[]>;
  /** People by a login id they have, or had before an administrator changed it. */
  loginIds: Map<string, readonly string[]>;
  previousLoginIds: Map<string, readonly string[]>;
  employeeNumbers: Map<string, readonly string[]>;
  emails: Map<string, readonly string[]>;
  /**
   * Posts by the person holding them, by each section they name, and by the department they name
   * when they name no known section (a 部長's; a 課長's department is their 課's).
   */
  postsOf: Map<string, readonly string[]>;
  postsInDepartment: Map<string, readonly string[]>;
  postsInSection: Map<string, readonly string[]>;
  /**
   * Marks the lists this state made since it was last cloned: those it may add to in place; any other
   * it replaces by a copy first (a clone shares it). Keeps a fold linear in a 部's hundreds of posts.
   */
  owner: object;
  /**
   * Answers worked out once for this state as it stands (the department list of a year: thousands
   * of 部 and 課, asked by every screen that lists them); any event clears them.
   */
  answers: Map<string, unknown>;
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
      data: {
        personId: string;
        name: string;
        loginId: string;
        email?: string;
        employeeNumber?: string;
        /** From an administrator's form: false means "warn me of a namesake" (409 same-name-exists). */
        sameNameConfirmed?: boolean;
      };
    }
  | { type: 'ChangeLoginId'; data: { personId: string; loginId: string; reason: string } }
  | { type: 'MergePerson'; data: { personId: string; intoPersonId: string; reason: string } }
  | { type: 'AssignPost'; data: PostTerms }
  | { type: 'EndPost'; data: { postId: string; until: string } }
  | ReorganisationCommand;

/**
 * 機構改革, each from a day (normally 4月1日). A section that ends (abolished, merged, split) may
 * not leave a 課長 or 庶務担当 post held after the day: the command is refused naming each one,
 * unless `endPosts` asks to end them on the day before as part of it (the section they belong to
 * is gone, so that is what an administrator usually means; the transfer to new posts is the
 * roster's or an assignment's). The same holds for a department's 部長.
 */
export type ReorganisationCommand =
  | {
      type: 'RenameDepartment';
      data: { departmentId: string; name: string; headTitle?: string; effectiveFrom: string; reason?: string };
    }
  | {
      type: 'AbolishDepartment';
      data: {
        departmentId: string;
        effectiveFrom: string;
        reason?: string;
        /** Where the sections still in it go, the same day; without it they must have been moved or abolished. */
        sectionsMoveTo?: string;
        endPosts?: boolean;
      };
    }
  | { type: 'MoveSection'; data: { sectionId: string; departmentId: string; effectiveFrom: string; reason?: string } }
  | {
      type: 'MergeSections';
      data: { sectionIds: string[]; into: SectionTarget; effectiveFrom: string; reason?: string; endPosts?: boolean };
    }
  | {
      type: 'SplitSection';
      data: { sectionId: string; into: SectionTarget[]; effectiveFrom: string; reason?: string; endPosts?: boolean };
    }
  | { type: 'AbolishSection'; data: { sectionId: string; effectiveFrom: string; reason?: string; endPosts?: boolean } };

/**
 * A section a merge or split gives its work to: an existing one (its id), or a new one (the id it
 * is to get, its name, and its department, by default the department of the section(s) it comes from).
 */
export interface SectionTarget {
  sectionId: string;
  name?: string;
  departmentId?: string;
}

export function emptyOrganisation(): OrganisationState {
  return {
    departments: new Map(),
    sections: new Map(),
    people: new Map(),
    posts: new Map(),
    index: {
      rank: { departments: new Map(), sections: new Map(), people: new Map(), posts: new Map() },
      sectionsOf: new Map(),
      departmentsNamed: new Map(),
      loginIds: new Map(),
      previousLoginIds: new Map(),
      employeeNumbers: new Map(),
      emails: new Map(),
      postsOf: new Map(),
      postsInDepartment: new Map(),
      postsInSection: new Map(),
      owner: {},
      answers: new Map(),
    },
  };
}

/**
 * A state of its own to try changes on, in the time of copying its maps: `evolveOrganisation` never
 * changes a record or an index set in place (it puts a changed copy in its map), so the copy and the
 * original share them safely. The api decides a directory write on such a copy of the state it keeps
 * instead of folding the whole stream again.
 */
export function cloneOrganisation(state: OrganisationState): OrganisationState {
  const { index } = state;
  // From now on the original shares its sets too: it copies one before adding to it.
  index.owner = {};
  return {
    departments: new Map(state.departments),
    sections: new Map(state.sections),
    people: new Map(state.people),
    posts: new Map(state.posts),
    index: {
      rank: {
        departments: new Map(index.rank.departments),
        sections: new Map(index.rank.sections),
        people: new Map(index.rank.people),
        posts: new Map(index.rank.posts),
      },
      sectionsOf: new Map(index.sectionsOf),
      departmentsNamed: new Map(index.departmentsNamed),
      loginIds: new Map(index.loginIds),
      previousLoginIds: new Map(index.previousLoginIds),
      employeeNumbers: new Map(index.employeeNumbers),
      emails: new Map(index.emails),
      postsOf: new Map(index.postsOf),
      postsInDepartment: new Map(index.postsInDepartment),
      postsInSection: new Map(index.postsInSection),
      owner: {},
      answers: new Map(),
    },
  };
}

/**
 * Applies one event to the state: its maps change in place (the fold owns its state: the api keeps
 * one per stream revision and applies only the events after it), the records and index sets it
 * touches are replaced by changed copies, so that a clone (cloneOrganisation) may share the rest.
 */
export function evolveOrganisation(state: OrganisationState, event: OrganisationEvent): OrganisationState {
  const { index } = state;
  if (index.answers.size > 0) index.answers.clear();
  switch (event.type) {
    case 'DepartmentEstablished': {
      const { departmentId, name, headTitle, effectiveFrom } = event.data;
      state.departments.set(departmentId, { departmentId, names: [{ from: effectiveFrom, name, headTitle }] });
      const isNew = ranked(index.rank.departments, departmentId);
      indexed(index, index.departmentsNamed, name, departmentId, index.rank.departments, isNew);
      break;
    }
    case 'DepartmentRenamed': {
      const { departmentId, name, headTitle, effectiveFrom } = event.data;
      const d = state.departments.get(departmentId);
      if (!d) break;
      state.departments.set(departmentId, { ...d, names: withName(d.names, { from: effectiveFrom, name, headTitle }) });
      indexed(index, index.departmentsNamed, name, departmentId, index.rank.departments);
      break;
    }
    case 'DepartmentAbolished': {
      const d = state.departments.get(event.data.departmentId);
      if (d) state.departments.set(d.departmentId, { ...d, abolishedFrom: event.data.effectiveFrom });
      break;
    }
    case 'SectionEstablished': {
      const { sectionId, departmentId, name, effectiveFrom } = event.data;
      state.sections.set(sectionId, {
        sectionId,
        departmentId,
        names: [{ from: effectiveFrom, name }],
        moves: [],
        predecessors: [],
        successors: [],
      });
      const isNew = ranked(index.rank.sections, sectionId);
      indexed(index, index.sectionsOf, departmentId, sectionId, index.rank.sections, isNew);
      break;
    }
    case 'SectionMoved': {
      const s = state.sections.get(event.data.sectionId);
      if (!s) break;
      const moves = [...s.moves, { from: event.data.effectiveFrom, departmentId: event.data.departmentId }];
      moves.sort((a, b) => a.from.localeCompare(b.from));
      state.sections.set(s.sectionId, { ...s, moves });
      indexed(index, index.sectionsOf, event.data.departmentId, s.sectionId, index.rank.sections);
      break;
    }
    case 'SectionsMerged': {
      const { sectionIds, intoSectionId, effectiveFrom, reason } = event.data;
      const link = (sectionId: string): LineageLink => ({
        sectionId,
        change: 'merged',
        effectiveFrom,
        ...(reason ? { reason } : {}),
      });
      for (const id of sectionIds) {
        if (!state.sections.has(id)) continue;
        changeSection(state, id, (s) => ({
          ...s,
          abolishedFrom: effectiveFrom,
          successors: [...s.successors, link(intoSectionId)],
        }));
        changeSection(state, intoSectionId, (s) => ({ ...s, predecessors: [...s.predecessors, link(id)] }));
      }
      break;
    }
    case 'SectionSplit': {
      const { sectionId, intoSectionIds, effectiveFrom, reason } = event.data;
      const link = (id: string): LineageLink => ({
        sectionId: id,
        change: 'split',
        effectiveFrom,
        ...(reason ? { reason } : {}),
      });
      if (!state.sections.has(sectionId)) break;
      changeSection(state, sectionId, (s) => ({ ...s, abolishedFrom: effectiveFrom }));
      for (const id of intoSectionIds) {
        changeSection(state, sectionId, (s) => ({ ...s, successors: [...s.successors, link(id)] }));
        changeSection(state, id, (s) => ({ ...s, predecessors: [...s.predecessors, link(sectionId)] }));
      }
      break;
    }
    case 'SectionRenamed':
      changeSection(state, event.data.sectionId, (s) => ({
        ...s,
        names: withName(s.names, { from: event.data.effectiveFrom, name: event.data.name }),
      }));
      break;
    case 'SectionAbolished':
      changeSection(state, event.data.sectionId, (s) => ({ ...s, abolishedFrom: event.data.effectiveFrom }));
      break;
    case 'PersonRegistered': {
      const { personId, loginId, employeeNumber, email } = event.data;
      state.people.set(personId, { ...event.data });
      const isNew = ranked(index.rank.people, personId);
      indexed(index, index.loginIds, loginId, personId, index.rank.people, isNew);
      if (employeeNumber !== undefined)
        indexed(index, index.employeeNumbers, employeeNumber, personId, index.rank.people, isNew);
      if (email !== undefined) indexed(index, index.emails, email, personId, index.rank.people, isNew);
      break;
    }
    case 'PersonLoginIdChanged': {
      const person = state.people.get(event.data.personId);
      if (person) {
        state.people.set(person.personId, {
          ...person,
          loginId: event.data.loginId,
          previousLoginIds: [...(person.previousLoginIds ?? []), event.data.previousLoginId],
        });
        indexed(index, index.loginIds, event.data.loginId, person.personId, index.rank.people);
        indexed(index, index.previousLoginIds, event.data.previousLoginId, person.personId, index.rank.people);
      }
      break;
    }
    case 'PersonMerged': {
      const { personId, intoPersonId } = event.data;
      const person = state.people.get(personId);
      if (person) state.people.set(person.personId, { ...person, mergedInto: intoPersonId });
      // Their posts follow them to the person kept.
      for (const postId of index.postsOf.get(personId) ?? []) {
        const post = state.posts.get(postId);
        if (post?.personId !== personId) continue;
        state.posts.set(postId, { ...post, personId: intoPersonId });
        indexed(index, index.postsOf, intoPersonId, postId, index.rank.posts);
      }
      break;
    }
    case 'PostAssigned': {
      const post = event.data;
      state.posts.set(post.postId, { ...post });
      const isNew = ranked(index.rank.posts, post.postId);
      indexed(index, index.postsOf, post.personId, post.postId, index.rank.posts, isNew);
      // A 課長's or 庶務担当's department is their first 課's (postDepartmentOn): found through the 課.
      const first = post.sectionIds?.[0];
      if (post.departmentId !== undefined && (first === undefined || !state.sections.has(first)))
        indexed(index, index.postsInDepartment, post.departmentId, post.postId, index.rank.posts, isNew);
      // A post naming a 課 twice is listed under it once.
      const sections = post.sectionIds ?? [];
      sections.forEach((sectionId, i) => {
        if (sections.indexOf(sectionId) === i)
          indexed(index, index.postsInSection, sectionId, post.postId, index.rank.posts, isNew);
      });
      break;
    }
    case 'PostEnded': {
      const post = state.posts.get(event.data.postId);
      if (post) state.posts.set(post.postId, { ...post, until: event.data.until });
      break;
    }
  }
  return state;
}

/** A name added to a record's names, oldest first: a new array, the record's own is left as it was. */
function withName(names: Named[], named: Named): Named[] {
  return [...names, named].sort((a, b) => a.from.localeCompare(b.from));
}

function changeSection(state: OrganisationState, sectionId: string, change: (s: SectionRecord) => SectionRecord) {
  const s = state.sections.get(sectionId);
  if (s) state.sections.set(sectionId, change(s));
}

/** Gives a record its place; true when it is new (not re-added under an id it had). */
function ranked(rank: Map<string, number>, id: string): boolean {
  if (rank.has(id)) return false;
  rank.set(id, rank.size);
  return true;
}

/**
 * Adds to the list under `key`, keeping it in rank order (a new record ranks last; a 課 moved in or a
 * post taken over may not): in place if this state made the list, else in a copy (a clone shares it).
 */
function indexed(
  index: OrganisationIndex,
  map: Map<string, readonly string[]>,
  key: string,
  id: string,
  rank: Map<string, number>,
  /** The record was just added to its map: it ranks last and is in no list yet (the fold's common case). */
  isNew = false,
): void {
  const existing = map.get(key) as Owned | undefined;
  if (!isNew && existing?.includes(id)) return;
  let list: Owned;
  if (existing && existing[OWNER] === index.owner) list = existing;
  else {
    list = existing ? [...existing] : [];
    list[OWNER] = index.owner;
    map.set(key, list);
  }
  if (isNew) {
    list.push(id);
    return;
  }
  const r = rank.get(id) ?? 0;
  let at = list.length;
  while (at > 0 && (rank.get(list[at - 1]) ?? 0) > r) at--;
  if (at === list.length) list.push(id);
  else list.splice(at, 0, id);
}

const OWNER = Symbol('owner');
type Owned = string[] & { [OWNER]?: object };

/** Ids from several index lists, each once, in rank order. */
export function inRankOrder(ids: Iterable<string> | undefined, rank: Map<string, number>): string[] {
  return ids ? [...new Set(ids)].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0)) : [];
}

export function foldOrganisation(events: readonly OrganisationEvent[], state = emptyOrganisation()): OrganisationState {
  for (const event of events) evolveOrganisation(state, event);
  return state;
}
