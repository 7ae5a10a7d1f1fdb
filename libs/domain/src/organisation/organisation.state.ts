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
 * Each list is in the order of its records' map, so that answers come in the order a scan of the
 * map gave them; a list of one is kept as the id itself (most login ids, 職員番号 and e-mail
 * addresses name one person: a fold of 300,000 events makes no array for them; `idsOf` reads both).
 */
export interface OrganisationIndex {
  /**
   * Each record's place in its map, for merging lists and for adding a record to a list out of turn
   * (a 課 moved in, a post taken over). Filled when first needed (`ranks`), then kept up by the fold:
   * the fold of a whole stream adds records in turn and needs none.
   */
  rank: {
    departments: Map<string, number>;
    sections: Map<string, number>;
    people: Map<string, number>;
    posts: Map<string, number>;
  };
  /** Sections established in or moved to a department. */
  sectionsOf: Map<string, Ids>;
  /** Departments that have had a name. */
  departmentsNamed: Map<string, Ids>;
  /**
   * Which of the two big families of lists are kept: people by their claims, posts by person, 部 and
   * 課 (over a hundred thousand entries at 2,000 部 × 10 years). Each is built in one pass over its
   * records when first asked (`indexOf`), then kept up by the fold: a fold of the whole stream that
   * no one asks builds neither and costs what it cost before the index.
   */
  built: { people: boolean; posts: boolean };
  /** People by a login id they have, or had before an administrator changed it. */
  loginIds: Map<string, Ids>;
  previousLoginIds: Map<string, Ids>;
  employeeNumbers: Map<string, Ids>;
  emails: Map<string, Ids>;
  /**
   * Posts by the person holding them, by each section they name, and by the department they name
   * when they name no known section (a 部長's; a 課長's department is their 課's).
   */
  postsOf: Map<string, Ids>;
  postsInDepartment: Map<string, Ids>;
  postsInSection: Map<string, Ids>;
  /**
   * What a state shares with a copy (cloneOrganisation) and must not change in place: until a state
   * is copied, nothing (the fold of a whole stream changes its records and lists in place, with no
   * bookkeeping); once it is, every record and list, except the lists it has made since, listed here
   * by index and key ('all': a family built since). Keeps a fold linear in a 部's hundreds of posts,
   * and a copy's cost in its maps.
   */
  copied: Map<Map<string, Ids>, Set<string> | 'all'> | undefined;
  /**
   * Answers worked out once for this state as it stands (the department list of a year: thousands
   * of 部 and 課, asked by every screen that lists them); any event clears them.
   */
  answers: Map<string, unknown>;
}

/** The ids an index keeps under one key: one id, or several in their records' order. */
export type Ids = string | readonly string[];

/** The ids of an index list as a list. */
export function idsOf(ids: Ids | undefined): readonly string[] {
  return ids === undefined ? [] : typeof ids === 'string' ? [ids] : ids;
}

export type RecordKind = 'departments' | 'sections' | 'people' | 'posts';

/** Each record's place in its map (see OrganisationIndex.rank), filled up to the map's end first. */
export function ranks(state: OrganisationState, kind: RecordKind): Map<string, number> {
  const rank = state.index.rank[kind];
  const records = state[kind];
  if (rank.size < records.size) {
    // It holds the first rank.size records (records are never removed): rank the rest.
    let at = 0;
    for (const id of records.keys()) if (at++ >= rank.size) rank.set(id, at - 1);
  }
  return rank;
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
      built: { people: false, posts: false },
      loginIds: new Map(),
      previousLoginIds: new Map(),
      employeeNumbers: new Map(),
      emails: new Map(),
      postsOf: new Map(),
      postsInDepartment: new Map(),
      postsInSection: new Map(),
      copied: undefined,
      answers: new Map(),
    },
  };
}

/**
 * A state of its own to try changes on, in the time of copying its maps: from now on neither it nor
 * the original changes a record or a list in place (`evolveOrganisation` puts a changed copy in its
 * map; see OrganisationIndex.copied), so the two share them safely. The api decides a directory
 * write on such a copy of the state it keeps instead of folding the whole stream again.
 */
export function cloneOrganisation(state: OrganisationState): OrganisationState {
  const { index } = state;
  // From now on the original shares its lists too: it copies one before adding to it.
  index.copied = new Map();
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
      built: { ...index.built },
      loginIds: new Map(index.loginIds),
      previousLoginIds: new Map(index.previousLoginIds),
      employeeNumbers: new Map(index.employeeNumbers),
      emails: new Map(index.emails),
      postsOf: new Map(index.postsOf),
      postsInDepartment: new Map(index.postsInDepartment),
      postsInSection: new Map(index.postsInSection),
      copied: new Map(),
      answers: new Map(),
    },
  };
}

/**
 * Applies one event to the state: its maps change in place (the fold owns its state: the api keeps
 * one per stream revision and applies only the events after it). Once the state has been copied
 * (cloneOrganisation), the records and lists it touches are replaced by changed copies, so that the
 * copy may share the rest; before, a fold of the whole stream changes them in place.
 */
export function evolveOrganisation(state: OrganisationState, event: OrganisationEvent): OrganisationState {
  const { index } = state;
  if (index.answers.size > 0) index.answers.clear();
  switch (event.type) {
    case 'DepartmentEstablished': {
      const { departmentId, name, headTitle, effectiveFrom } = event.data;
      const isNew = added(state, 'departments', departmentId, {
        departmentId,
        names: [{ from: effectiveFrom, name, headTitle }],
      });
      indexed(state, index.departmentsNamed, name, departmentId, 'departments', isNew);
      break;
    }
    case 'DepartmentRenamed': {
      const { departmentId, name, headTitle, effectiveFrom } = event.data;
      const d = state.departments.get(departmentId);
      if (!d) break;
      state.departments.set(departmentId, { ...d, names: withName(d.names, { from: effectiveFrom, name, headTitle }) });
      indexed(state, index.departmentsNamed, name, departmentId, 'departments');
      break;
    }
    case 'DepartmentAbolished': {
      const d = state.departments.get(event.data.departmentId);
      if (d) state.departments.set(d.departmentId, { ...d, abolishedFrom: event.data.effectiveFrom });
      break;
    }
    case 'SectionEstablished': {
      const { sectionId, departmentId, name, effectiveFrom } = event.data;
      const isNew = added(state, 'sections', sectionId, {
        sectionId,
        departmentId,
        names: [{ from: effectiveFrom, name }],
        moves: [],
        predecessors: [],
        successors: [],
      });
      indexed(state, index.sectionsOf, departmentId, sectionId, 'sections', isNew);
      break;
    }
    case 'SectionMoved': {
      const s = state.sections.get(event.data.sectionId);
      if (!s) break;
      const moves = [...s.moves, { from: event.data.effectiveFrom, departmentId: event.data.departmentId }];
      moves.sort((a, b) => a.from.localeCompare(b.from));
      state.sections.set(s.sectionId, { ...s, moves });
      indexed(state, index.sectionsOf, event.data.departmentId, s.sectionId, 'sections');
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
      const isNew = added(state, 'people', personId, { ...event.data });
      if (!index.built.people) break;
      indexed(state, index.loginIds, loginId, personId, 'people', isNew);
      if (employeeNumber !== undefined)
        indexed(state, index.employeeNumbers, employeeNumber, personId, 'people', isNew);
      if (email !== undefined) indexed(state, index.emails, email, personId, 'people', isNew);
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
        if (!index.built.people) break;
        indexed(state, index.loginIds, event.data.loginId, person.personId, 'people');
        indexed(state, index.previousLoginIds, event.data.previousLoginId, person.personId, 'people');
      }
      break;
    }
    case 'PersonMerged': {
      const { personId, intoPersonId } = event.data;
      const person = state.people.get(personId);
      if (person) state.people.set(person.personId, { ...person, mergedInto: intoPersonId });
      // Their posts follow them to the person kept.
      for (const postId of idsOf(indexOf(state, 'posts').postsOf.get(personId))) {
        const post = state.posts.get(postId);
        if (post?.personId !== personId) continue;
        state.posts.set(postId, { ...post, personId: intoPersonId });
        indexed(state, index.postsOf, intoPersonId, postId, 'posts');
      }
      break;
    }
    case 'PostAssigned': {
      const post = event.data;
      const isNew = added(state, 'posts', post.postId, { ...post });
      if (!index.built.posts) break;
      indexed(state, index.postsOf, post.personId, post.postId, 'posts', isNew);
      // A 課長's or 庶務担当's department is their first 課's (postDepartmentOn): found through the 課.
      const first = post.sectionIds?.[0];
      if (post.departmentId !== undefined && (first === undefined || !state.sections.has(first)))
        indexed(state, index.postsInDepartment, post.departmentId, post.postId, 'posts', isNew);
      // A post naming a 課 twice is listed under it once.
      const sections = post.sectionIds;
      if (sections)
        for (let i = 0; i < sections.length; i++)
          if (i === 0 || sections.indexOf(sections[i]) === i)
            indexed(state, index.postsInSection, sections[i], post.postId, 'posts', isNew);
      break;
    }
    case 'PostEnded': {
      const post = state.posts.get(event.data.postId);
      // The commonest event of a directory's years: a fold no copy shares changes the record in place.
      if (!post) break;
      if (index.copied === undefined) post.until = event.data.until;
      else state.posts.set(post.postId, { ...post, until: event.data.until });
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

/**
 * Sets a record; true when it is new (not set again under an id it had): a new one takes the next
 * place, which the fold writes down only once the places are kept (see `ranks`).
 */
function added<K extends RecordKind>(
  state: OrganisationState,
  kind: K,
  id: string,
  record: OrganisationState[K] extends Map<string, infer R> ? R : never,
): boolean {
  const records = state[kind] as Map<string, unknown>;
  // One lookup, not two: a map that grows was given a new id.
  const size = records.size;
  records.set(id, record);
  if (records.size === size) return false;
  const rank = state.index.rank[kind];
  if (rank.size === size && size > 0) rank.set(id, size);
  return true;
}

/**
 * Adds to the list under `key`, keeping it in the records' order (a new record comes last; a 課
 * moved in or a post taken over may not): in place if this state may change it, else in a copy
 * (a clone shares it; see OrganisationIndex.copied).
 */
function indexed(
  state: OrganisationState,
  map: Map<string, Ids>,
  key: string,
  id: string,
  kind: RecordKind,
  /** The record was just added to its map: it comes last and is in no list yet (the fold's common case). */
  isNew = false,
): void {
  const { index } = state;
  const existing = map.get(key);
  // The fold's common case first: a new record added to a list of this state's own.
  if (isNew && index.copied === undefined && typeof existing === 'object') {
    (existing as string[]).push(id);
    return;
  }
  if (existing === undefined) {
    map.set(key, id);
    own(index, map, key);
    return;
  }
  if (!isNew && (existing === id || (typeof existing !== 'string' && existing.includes(id)))) return;
  let list: string[];
  if (typeof existing === 'string') {
    list = [existing];
    map.set(key, list);
    own(index, map, key);
  } else if (owns(index, map, key)) list = existing as string[];
  else {
    list = [...existing];
    map.set(key, list);
    own(index, map, key);
  }
  if (isNew) {
    list.push(id);
    return;
  }
  const rank = ranks(state, kind);
  const r = rank.get(id) ?? 0;
  let at = list.length;
  while (at > 0 && (rank.get(list[at - 1]) ?? 0) > r) at--;
  if (at === list.length) list.push(id);
  else list.splice(at, 0, id);
}

/** Whether this state may add to the list in place: it is not shared with a copy. */
function owns(index: OrganisationIndex, map: Map<string, Ids>, key: string): boolean {
  if (index.copied === undefined) return true;
  const copied = index.copied.get(map);
  return copied === 'all' || (copied !== undefined && copied.has(key));
}

/** Notes a list this state made after a clone: it may add to it in place. */
function own(index: OrganisationIndex, map: Map<string, Ids>, key: string): void {
  if (index.copied === undefined) return;
  let copied = index.copied.get(map);
  if (copied === 'all') return;
  if (!copied) index.copied.set(map, (copied = new Set()));
  copied.add(key);
}

/**
 * The index with the family of lists built (see OrganisationIndex.built): people by their claims,
 * or posts by person, 部 and 課. Building it does not change an answer, so a state given out may
 * build it: lists new to this state, in its records' order.
 */
export function indexOf(state: OrganisationState, family: 'people' | 'posts'): OrganisationIndex {
  const { index } = state;
  if (index.built[family]) return index;
  const maps =
    family === 'people'
      ? [index.loginIds, index.previousLoginIds, index.employeeNumbers, index.emails]
      : [index.postsOf, index.postsInDepartment, index.postsInSection];
  for (const map of maps) {
    map.clear();
    index.copied?.set(map, 'all');
  }
  if (family === 'people')
    for (const p of state.people.values()) {
      listed(index.loginIds, p.loginId, p.personId);
      for (const previous of p.previousLoginIds ?? []) {
        listed(index.loginIds, previous, p.personId);
        listed(index.previousLoginIds, previous, p.personId);
      }
      if (p.employeeNumber !== undefined) listed(index.employeeNumbers, p.employeeNumber, p.personId);
      if (p.email !== undefined) listed(index.emails, p.email, p.personId);
    }
  else
    for (const post of state.posts.values()) {
      listed(index.postsOf, post.personId, post.postId);
      const sections = post.sectionIds ?? [];
      if (post.departmentId !== undefined && (sections.length === 0 || !state.sections.has(sections[0])))
        listed(index.postsInDepartment, post.departmentId, post.postId);
      for (const sectionId of sections) listed(index.postsInSection, sectionId, post.postId);
    }
  index.built[family] = true;
  return index;
}

/** Adds a record, taken in its map's order, to a list being built: once, at its end. */
function listed(map: Map<string, Ids>, key: string, id: string): void {
  const existing = map.get(key);
  if (existing === undefined) map.set(key, id);
  else if (typeof existing === 'string') {
    if (existing !== id) map.set(key, [existing, id]);
  } else if (existing[existing.length - 1] !== id) (existing as string[]).push(id);
}

/** Ids from several index lists, each once, in rank order. */
export function inRankOrder(ids: Iterable<string> | undefined, rank: Map<string, number>): string[] {
  return ids ? [...new Set(ids)].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0)) : [];
}

export function foldOrganisation(events: readonly OrganisationEvent[], state = emptyOrganisation()): OrganisationState {
  for (const event of events) evolveOrganisation(state, event);
  return state;
}
