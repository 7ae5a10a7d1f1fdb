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
      state.sections.set(sectionId, {
        sectionId,
        departmentId,
        names: [{ from: effectiveFrom, name }],
        moves: [],
        predecessors: [],
        successors: [],
      });
      break;
    }
    case 'SectionMoved': {
      const s = state.sections.get(event.data.sectionId);
      if (!s) break;
      s.moves.push({ from: event.data.effectiveFrom, departmentId: event.data.departmentId });
      s.moves.sort((a, b) => a.from.localeCompare(b.from));
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
        const s = state.sections.get(id);
        if (!s) continue;
        s.abolishedFrom = effectiveFrom;
        s.successors.push(link(intoSectionId));
        state.sections.get(intoSectionId)?.predecessors.push(link(id));
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
      const s = state.sections.get(sectionId);
      if (!s) break;
      s.abolishedFrom = effectiveFrom;
      for (const id of intoSectionIds) {
        s.successors.push(link(id));
        state.sections.get(id)?.predecessors.push(link(sectionId));
      }
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
    case 'PersonLoginIdChanged': {
      const person = state.people.get(event.data.personId);
      if (person)
        state.people.set(person.personId, {
          ...person,
          loginId: event.data.loginId,
          previousLoginIds: [...(person.previousLoginIds ?? []), event.data.previousLoginId],
        });
      break;
    }
    case 'PersonMerged': {
      const person = state.people.get(event.data.personId);
      if (person) state.people.set(person.personId, { ...person, mergedInto: event.data.intoPersonId });
      for (const post of state.posts.values())
        if (post.personId === event.data.personId) post.personId = event.data.intoPersonId;
      break;
    }
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

export function addName(names: Named[] | undefined, named: Named): void {
  if (!names) return;
  names.push(named);
  names.sort((a, b) => a.from.localeCompare(b.from));
}

export function foldOrganisation(events: readonly OrganisationEvent[], state = emptyOrganisation()): OrganisationState {
  for (const event of events) evolveOrganisation(state, event);
  return state;
}
