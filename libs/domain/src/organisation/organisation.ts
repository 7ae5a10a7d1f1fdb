/**
 * The organisation's decider, fold and queries. Everything is as of a day: a 課 renamed on 4月1日
 * shows its old name for the year before, and a 課長 moved on 4月1日 holds the new post from that day.
 */
import { Actor, Department, Directory } from '../directory';
import { FieldError, InvalidInput } from '../errors';
import { addDays, CivilDate, fiscalYearEnd, fiscalYearStart, isCivilDate } from '../fiscal-year';
import {
  OrganisationEvent,
  PersonRegistered,
  PostEnded,
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
      else if (errors.length === 0 && !existsOn(department, d.effectiveFrom))
        fail('effectiveFrom', `${nameOn(department.names, d.effectiveFrom).name}は ${d.effectiveFrom} に存在しません`);
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
        if (sectionNamed(state, departmentOf(section, d.effectiveFrom), d.name, d.effectiveFrom))
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
      const department = state.departments.get(d.departmentId ?? '');
      if (needsDepartment && !department) fail('departmentId', `unknown department ${String(d.departmentId)}`);
      else if (needsDepartment && department && errors.length === 0) {
        const outside = outsideLifetime(department, d.from, d.until);
        if (outside) fail('departmentId', outside);
      }
      if (needsSections) {
        if (!Array.isArray(d.sectionIds) || d.sectionIds.length === 0) fail('sectionIds', 'name at least one section');
        else
          for (const id of d.sectionIds) {
            const s = state.sections.get(id);
            if (!s) fail('sectionIds', `unknown section ${id}`);
            else if (departmentOf(s, d.from) !== d.departmentId)
              fail('sectionIds', `${id} is not a section of that department`);
            else if (errors.length === 0) {
              const outside = outsideLifetime(s, d.from, d.until);
              if (outside) fail('sectionIds', outside);
            }
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
    default:
      return done(decideReorganisation(command, state, fail));
  }
}

type Fail = (field: string, reason: string) => void;

/** Why a post from `from` until `until` cannot belong to a department or section, if it cannot. */
function outsideLifetime(record: { names: Named[]; abolishedFrom?: CivilDate }, from: CivilDate, until?: CivilDate) {
  const name = nameOn(record.names, from).name;
  if (from < record.names[0].from) return `${name}は ${record.names[0].from} からです（${from} にはありません）`;
  if (record.abolishedFrom && (until ?? '9999-12-31') >= record.abolishedFrom)
    return `${name}は ${record.abolishedFrom} に廃止されます。${addDays(record.abolishedFrom, -1)} までの職にしてください`;
  return undefined;
}

/**
 * Every event of a 機構改革 carries its reason, the posts it ends and the sections it establishes
 * too, so the audit trail says why each of them happened.
 */
function decideReorganisation(command: ReorganisationCommand, state: OrganisationState, fail: Fail) {
  const events = reorganisationEvents(command, state, fail);
  const reason = typeof command.data.reason === 'string' ? command.data.reason.trim() : '';
  if (!reason) return events;
  return events.map((e): OrganisationEvent => {
    if (e.type === 'PostEnded') return { ...e, data: { ...e.data, reason } };
    if (e.type === 'SectionEstablished') return { ...e, data: { ...e.data, reason } };
    return e;
  });
}

function reorganisationEvents(
  command: ReorganisationCommand,
  state: OrganisationState,
  fail: Fail,
): OrganisationEvent[] {
  const failures: FieldError[] = [];
  const note: Fail = (field, reason) => {
    failures.push({ field, reason });
    fail(field, reason);
  };
  const day = command.data.effectiveFrom;
  if (typeof day !== 'string' || !isCivilDate(day)) {
    note('effectiveFrom', 'must be a date YYYY-MM-DD');
    return [];
  }
  const reason =
    typeof command.data.reason === 'string' && command.data.reason.trim() ? command.data.reason.trim() : undefined;
  const why = reason ? { reason } : {};
  switch (command.type) {
    case 'RenameDepartment': {
      const d = command.data;
      if (typeof d.name !== 'string' || d.name.trim() === '') note('name', 'is required');
      const department = state.departments.get(d.departmentId);
      if (!department) {
        note('departmentId', `${String(d.departmentId)} という部はありません`);
        return [];
      }
      checkChangeDay(department, day, note);
      const name = d.name?.trim();
      const clash = failures.length === 0 ? departmentNamed(state, name, day) : undefined;
      if (clash && clash.departmentId !== d.departmentId) note('name', `${name}は ${day} に既にある部の名前です`);
      const headTitle = d.headTitle?.trim() || `${name}長`;
      return [
        {
          type: 'DepartmentRenamed',
          data: { departmentId: d.departmentId, name, headTitle, effectiveFrom: day, ...why },
        },
      ];
    }
    case 'AbolishDepartment': {
      const d = command.data;
      const department = state.departments.get(d.departmentId);
      if (!department) {
        note('departmentId', `${String(d.departmentId)} という部はありません`);
        return [];
      }
      checkChangeDay(department, day, note);
      const renamed = department.names.slice(1).find((n) => n.from >= day);
      if (renamed)
        note(
          'effectiveFrom',
          `${renamed.name}への ${renamed.from} からの改称が登録されています。その日より前には廃止できません`,
        );
      if (failures.length > 0) return [];
      const name = nameOn(department.names, addDays(day, -1)).name;
      const remaining = [...state.sections.values()].filter(
        (s) => (!s.abolishedFrom || s.abolishedFrom > day) && departmentsFrom(s, day).includes(d.departmentId),
      );
      const events: OrganisationEvent[] = [];
      if (remaining.length > 0 && d.sectionsMoveTo === undefined)
        note(
          'sectionsMoveTo',
          `${name}には ${day} 以降も ${remaining.map((s) => nameOn(s.names, day).name).join('、')} があります。` +
            '先に移管か廃止をするか、sectionsMoveTo に移管先の部を指定してください',
        );
      else if (remaining.length > 0) {
        const to = d.sectionsMoveTo!;
        if (!checkDepartmentOn(state, to, day, 'sectionsMoveTo', note)) return [];
        if (to === d.departmentId) note('sectionsMoveTo', `${name}自身には移管できません`);
        for (const s of remaining) {
          const sectionName = nameOn(s.names, day).name;
          if (s.names[0].from > day || s.moves.some((m) => m.from > day))
            note(
              'sectionsMoveTo',
              `${sectionName}には ${day} より後の設置・移管が登録されています。先に手で移管してください`,
            );
          else if (sectionNamed(state, to, sectionName, day))
            note('sectionsMoveTo', `${departmentNameOn(state, to, day)}には ${day} に既に${sectionName}があります`);
          else
            events.push({
              type: 'SectionMoved',
              data: {
                sectionId: s.sectionId,
                fromDepartmentId: d.departmentId,
                departmentId: to,
                effectiveFrom: day,
                ...why,
              },
            });
        }
      }
      const heads = [...state.posts.values()].filter(
        (p) => p.kind === 'departmentHead' && p.departmentId === d.departmentId && (p.until ?? '9999-12-31') >= day,
      );
      events.unshift(...endPosts(state, heads, new Set(), day, d.endPosts === true, 'departmentId', note));
      return [
        ...events,
        { type: 'DepartmentAbolished', data: { departmentId: d.departmentId, effectiveFrom: day, ...why } },
      ];
    }
    case 'MoveSection': {
      const d = command.data;
      const section = state.sections.get(d.sectionId);
      if (!section) note('sectionId', `${String(d.sectionId)} という課はありません`);
      const toExists = checkDepartmentOn(state, d.departmentId, day, 'departmentId', note);
      if (!section || !toExists) return [];
      checkChangeDay(section, day, note);
      if (failures.length > 0) return [];
      const name = nameOn(section.names, day).name;
      const from = departmentOf(section, day);
      if (from === d.departmentId)
        note('departmentId', `${name}は ${day} に既に${departmentNameOn(state, from, day)}の課です`);
      else if (sectionNamed(state, d.departmentId, name, day))
        note('departmentId', `${departmentNameOn(state, d.departmentId, day)}には ${day} に既に${name}があります`);
      // A post over several sections belongs to one department: moving one of them alone would split it.
      const staying = from === d.departmentId ? [] : postsOutliving(state, new Set([d.sectionId]), day);
      for (const p of staying) {
        const others = (p.sectionIds ?? []).filter((id) => id !== d.sectionId);
        if (others.length > 0)
          note(
            'sectionId',
            `${describePost(state, p, day)}は ${others.map((id) => sectionNameOn(state, id, day)).join('、')} も兼ねています。` +
              `移管の前に終了か付け替えをしてください`,
          );
      }
      return [
        {
          type: 'SectionMoved',
          data: {
            sectionId: d.sectionId,
            fromDepartmentId: from,
            departmentId: d.departmentId,
            effectiveFrom: day,
            ...why,
          },
        },
      ];
    }
    case 'AbolishSection': {
      const d = command.data;
      const section = endingSection(state, d.sectionId, day, 'sectionId', note);
      if (!section) return [];
      const ended = endPosts(
        state,
        postsOutliving(state, new Set([d.sectionId]), day),
        new Set([d.sectionId]),
        day,
        d.endPosts === true,
        'sectionId',
        note,
      );
      return [...ended, { type: 'SectionAbolished', data: { sectionId: d.sectionId, effectiveFrom: day, ...why } }];
    }
    case 'MergeSections': {
      const d = command.data;
      const ids = Array.isArray(d.sectionIds) ? d.sectionIds : [];
      if (ids.length === 0) {
        note('sectionIds', '統合する課を指定してください');
        return [];
      }
      const sections: SectionRecord[] = [];
      for (const id of new Set(ids)) {
        const s = endingSection(state, id, day, 'sectionIds', note);
        if (s) sections.push(s);
      }
      if (new Set(ids).size < ids.length)
        note('sectionIds', `同じ課が二度指定されています（課をそれ自身と統合することはできません）`);
      const into = d.into ?? ({} as SectionTarget);
      if (into.name !== undefined && ids.length < 2)
        note('sectionIds', '新しい課への統合には二つ以上の課が要ります（一つの課なら改称か移管をしてください）');
      const departments = new Set(sections.map((s) => departmentOf(s, day)));
      const ending = new Set(ids);
      let target: OrganisationEvent[] = [];
      if (ids.includes(into.sectionId))
        note('into.sectionId', `${sectionNameOn(state, into.sectionId, day)}をそれ自身に統合することはできません`);
      // A new 課's department comes from the sections merged, so it is checked only once they are known.
      else if (into.name === undefined || failures.length === 0)
        target = checkTarget(
          state,
          into,
          day,
          'into',
          departments.size === 1 ? [...departments][0] : undefined,
          ending,
          new Set(),
          note,
        );
      if (failures.length > 0) return [];
      const ended = endPosts(
        state,
        postsOutliving(state, ending, day),
        ending,
        day,
        d.endPosts === true,
        'sectionIds',
        note,
      );
      return [
        ...ended,
        ...target,
        {
          type: 'SectionsMerged',
          data: { sectionIds: [...ids], intoSectionId: into.sectionId, effectiveFrom: day, ...why },
        },
      ];
    }
    case 'SplitSection': {
      const d = command.data;
      const section = endingSection(state, d.sectionId, day, 'sectionId', note);
      const into = Array.isArray(d.into) ? d.into : [];
      if (into.length < 2) note('into', '分割先の課を二つ以上指定してください');
      if (!section || failures.length > 0) return [];
      const ending = new Set([d.sectionId]);
      const established: OrganisationEvent[] = [];
      const newNames = new Set<string>();
      const seen = new Set<string>();
      into.forEach((t, i) => {
        const field = `into.${i}`;
        if (t.sectionId === d.sectionId)
          note(`${field}.sectionId`, `${nameOn(section.names, day).name}をそれ自身に分割することはできません`);
        else if (seen.has(t.sectionId)) note(`${field}.sectionId`, '同じ課が二度指定されています');
        else established.push(...checkTarget(state, t, day, field, departmentOf(section, day), ending, newNames, note));
        seen.add(t.sectionId);
      });
      const ended = endPosts(
        state,
        postsOutliving(state, ending, day),
        ending,
        day,
        d.endPosts === true,
        'sectionId',
        note,
      );
      return [
        ...ended,
        ...established,
        {
          type: 'SectionSplit',
          data: { sectionId: d.sectionId, intoSectionIds: into.map((t) => t.sectionId), effectiveFrom: day, ...why },
        },
      ];
    }
  }
}

/** A department or section changes only while it exists, and not on the day it was established. */
function checkChangeDay(record: { names: Named[]; abolishedFrom?: CivilDate }, day: CivilDate, fail: Fail): void {
  const name = nameOn(record.names, day).name;
  if (day <= record.names[0].from)
    fail('effectiveFrom', `${name}は ${record.names[0].from} に設置されました。それより後の日付にしてください`);
  else if (record.abolishedFrom && day >= record.abolishedFrom)
    fail('effectiveFrom', `${name}は ${record.abolishedFrom} に廃止されています`);
}

function checkDepartmentOn(
  state: OrganisationState,
  departmentId: string | undefined,
  day: CivilDate,
  field: string,
  fail: Fail,
) {
  const department = state.departments.get(departmentId ?? '');
  if (!department) {
    fail(field, `${String(departmentId)} という部はありません`);
    return undefined;
  }
  if (!existsOn(department, day)) {
    const name = nameOn(department.names, day).name;
    fail(
      field,
      department.abolishedFrom && department.abolishedFrom <= day
        ? `${name}は ${department.abolishedFrom} に廃止されます（${day} にはありません）`
        : `${name}は ${department.names[0].from} からです（${day} にはありません）`,
    );
    return undefined;
  }
  return department;
}

/**
 * A section that ends on `day` (abolished, merged into another, split): it existed before the day,
 * nothing about it is planned after, and its department still exists that day.
 */
function endingSection(state: OrganisationState, sectionId: string, day: CivilDate, field: string, fail: Fail) {
  const section = state.sections.get(sectionId);
  if (!section) {
    fail(field, `${String(sectionId)} という課はありません`);
    return undefined;
  }
  const name = nameOn(section.names, day).name;
  if (day <= section.names[0].from) {
    fail('effectiveFrom', `${name}は ${section.names[0].from} に設置されました。それより後の日付にしてください`);
    return undefined;
  }
  if (section.abolishedFrom) {
    fail(
      field,
      section.abolishedFrom <= day
        ? `${name}は ${section.abolishedFrom} に廃止されています`
        : `${name}は ${section.abolishedFrom} に廃止されることになっています`,
    );
    return undefined;
  }
  const later = [...section.names.slice(1), ...section.moves].find((c) => c.from >= day);
  if (later) {
    fail(field, `${name}には ${later.from} からの改称・移管が登録されています。その日より前には廃止できません`);
    return undefined;
  }
  const department = state.departments.get(departmentOf(section, day));
  if (department && !existsOn(department, day)) {
    fail(field, `${name}の部（${nameOn(department.names, day).name}）は ${day} に廃止されています`);
    return undefined;
  }
  return section;
}

/**
 * Where a merge or split puts the work: an existing section that exists on the day, or a new one,
 * established that day in its department under a name no other section there has that day (the
 * sections ending that day free theirs). Gives the event that establishes a new one.
 */
function checkTarget(
  state: OrganisationState,
  target: SectionTarget,
  day: CivilDate,
  field: string,
  defaultDepartment: string | undefined,
  ending: ReadonlySet<string>,
  newNames: Set<string>,
  fail: Fail,
): OrganisationEvent[] {
  if (target.name === undefined) {
    const s = state.sections.get(target.sectionId);
    if (!s) fail(`${field}.sectionId`, `${String(target.sectionId)} という課はありません`);
    else if (!existsOn(s, day)) fail(`${field}.sectionId`, `${nameOn(s.names, day).name}は ${day} にありません`);
    else if (target.departmentId !== undefined && target.departmentId !== departmentOf(s, day))
      fail(`${field}.departmentId`, '既にある課の部は変えられません（移管をしてください）');
    else checkDepartmentOn(state, departmentOf(s, day), day, `${field}.sectionId`, fail);
    return [];
  }
  const name = typeof target.name === 'string' ? target.name.trim() : '';
  if (name === '') {
    fail(`${field}.name`, 'is required');
    return [];
  }
  if (name === '共通') fail(`${field}.name`, '共通 is reserved for goals common to the whole department');
  if (state.sections.has(target.sectionId)) fail(`${field}.sectionId`, 'is already established');
  const departmentId = target.departmentId ?? defaultDepartment;
  if (departmentId === undefined) {
    fail(`${field}.departmentId`, '統合する課の部が一つではありません。新しい課の部を指定してください');
    return [];
  }
  if (!checkDepartmentOn(state, departmentId, day, `${field}.departmentId`, fail)) return [];
  const clash = sectionNamed(state, departmentId, name, day);
  if ((clash && !ending.has(clash.sectionId)) || newNames.has(`${departmentId}/${name}`))
    fail(`${field}.name`, `${departmentNameOn(state, departmentId, day)}には ${day} に既に${name}があります`);
  newNames.add(`${departmentId}/${name}`);
  return [
    { type: 'SectionEstablished', data: { sectionId: target.sectionId, departmentId, name, effectiveFrom: day } },
  ];
}

/** 課長 and 庶務担当 posts over any of the sections held on or after the day. */
function postsOutliving(state: OrganisationState, sectionIds: ReadonlySet<string>, day: CivilDate): PostTerms[] {
  return [...state.posts.values()].filter(
    (p) => (p.until ?? '9999-12-31') >= day && (p.sectionIds ?? []).some((id) => sectionIds.has(id)),
  );
}

function describePost(state: OrganisationState, post: PostTerms, day: CivilDate): string {
  const person = state.people.get(post.personId);
  const who = person ? `${person.name}（${person.loginId}）` : post.personId;
  const since = post.from < day ? addDays(day, -1) : post.from;
  return `${who}の${postTitle(state, post, since)}（${post.from}〜${post.until ?? ''}）`;
}

/**
 * The posts that would outlive what they belong to: refused, each named, unless the administrator
 * asked to end them on the day before. A post also over sections that carry on, or one that only
 * begins on or after the day, is not for this command to end: it needs a person's decision.
 */
function endPosts(
  state: OrganisationState,
  posts: PostTerms[],
  ending: ReadonlySet<string>,
  day: CivilDate,
  end: boolean,
  field: string,
  fail: Fail,
): PostEnded[] {
  const until = addDays(day, -1);
  const events: PostEnded[] = [];
  for (const p of posts) {
    const what = describePost(state, p, day);
    const others = (p.sectionIds ?? []).filter((id) => !ending.has(id));
    if (!end)
      fail(
        field,
        `${what}が ${day} 以降も続きます。先に ${until} までで終了するか付け替えてください` +
          `（endPosts: true なら ${until} までで終了します）`,
      );
    else if (p.from >= day) fail(field, `${what}は ${day} 以降の職です。付け替えてください`);
    else if (others.length > 0)
      fail(
        field,
        `${what}は ${others.map((id) => sectionNameOn(state, id, day)).join('、')} も兼ねています。終了か付け替えを先にしてください`,
      );
    else events.push({ type: 'PostEnded', data: { postId: p.postId, until } });
  }
  return events;
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
    (s) => departmentOf(s, day) === departmentId && existsOn(s, day) && nameOn(s.names, day).name === name,
  );
}

function departmentOf(section: SectionRecord, day: CivilDate): string {
  let current = section.departmentId;
  for (const m of section.moves) if (m.from <= day) current = m.departmentId;
  return current;
}

/** Every department the section belongs to on or after the day. */
function departmentsFrom(section: SectionRecord, day: CivilDate): string[] {
  return [departmentOf(section, day), ...section.moves.filter((m) => m.from > day).map((m) => m.departmentId)];
}

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
        (post.departmentId === undefined || postDepartmentOn(state, p, day) === post.departmentId) &&
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
    .filter((s) => existsInYear(s, fiscalYear) && departmentOf(s, yearDay(s, fiscalYear)) === departmentId)
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
const PRECEDENCE: readonly PostKind[] = ['departmentHead', 'sectionHead', 'clerk', 'auditor', 'planning', 'admin'];

/** The person with this login id as they act on `day`; undefined when unknown or holding no post. */
export function actorOn(state: OrganisationState, loginId: string, day: CivilDate): Actor | undefined {
  const person = [...state.people.values()].find((p) => p.loginId === loginId);
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
