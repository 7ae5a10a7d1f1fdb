/** The directory's decider: the events an administration command gives, or InvalidInput naming each field. */
import { FieldError, InvalidInput } from '../errors';
import { isCivilDate } from '../fiscal-year';
import { OrganisationEvent, POST_KINDS, PostTerms } from './organisation.events';
import { Person, OrganisationState, OrganisationCommand, indexOf } from './organisation.state';
import {
  outsideLifetime,
  overlaps,
  nameOn,
  existsOn,
  departmentNamed,
  sectionNamed,
  departmentOf,
  peopleAmong,
  postsAmong,
  postsOfDepartment,
} from './organisation.lookups';
import { decideReorganisation } from './reorganisation.decider';
import { refuseSameName } from './same-name';
import { sectionNameOn } from './organisation.queries';

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
      for (const p of peopleUsing(state, d.loginId, d.employeeNumber)) {
        if (p.loginId === d.loginId) fail('loginId', `${d.loginId} is already someone's login id`);
        else if (p.previousLoginIds?.includes(d.loginId))
          fail('loginId', `${d.loginId} was someone's login id and is not given again`);
        if (d.employeeNumber && p.employeeNumber === d.employeeNumber)
          fail('employeeNumber', `職員番号 ${d.employeeNumber} is already registered (${p.name})`);
      }
      if (d.sameNameConfirmed === false) refuseSameName(state.people.values(), d.name);
      const data: Person = { personId: d.personId, name: d.name?.trim(), loginId: d.loginId?.trim() };
      if (d.email) data.email = d.email;
      if (d.employeeNumber) data.employeeNumber = d.employeeNumber;
      return done([{ type: 'PersonRegistered', data }]);
    }
    case 'ChangeLoginId': {
      const d = command.data;
      const person = state.people.get(d.personId);
      const refuse = (field: string, reason: string, ja: string) => errors.push({ field, reason, ja });
      if (!person) refuse('personId', `unknown person ${String(d.personId)}`, 'この職員は登録されていません');
      else if (person.mergedInto)
        refuse('personId', 'was merged into another person', 'この職員は統合済みのため、ログインIDを変更できません');
      if (typeof d.reason !== 'string' || d.reason.trim() === '')
        refuse('reason', 'is required', '変更の理由を入力してください');
      if (person && person.loginId === d.loginId)
        refuse('loginId', "is already this person's login id", 'いまのログインIDと同じです');
      else
        for (const p of peopleUsing(state, d.loginId)) {
          if (p.loginId === d.loginId)
            refuse(
              'loginId',
              `${d.loginId} is already someone's login id`,
              `${d.loginId} は${p.name}さんのログインIDです`,
            );
          else if (p.previousLoginIds?.includes(d.loginId))
            refuse(
              'loginId',
              `${d.loginId} was someone's login id and is not given again`,
              `${d.loginId} は以前${p.name}さんが使っていたログインIDのため、使えません`,
            );
        }
      return done([
        {
          type: 'PersonLoginIdChanged',
          data: { personId: d.personId, loginId: d.loginId, previousLoginId: person?.loginId ?? '', reason: d.reason },
        },
      ]);
    }
    case 'MergePerson': {
      const d = command.data;
      const refuse = (field: string, reason: string, ja: string) => errors.push({ field, reason, ja });
      const duplicate = state.people.get(d.personId);
      const kept = state.people.get(d.intoPersonId);
      if (!duplicate) refuse('personId', `unknown person ${String(d.personId)}`, 'この職員は登録されていません');
      else if (duplicate.mergedInto) refuse('personId', 'is already merged', 'この職員はすでに統合されています');
      if (!kept) refuse('intoPersonId', `unknown person ${String(d.intoPersonId)}`, '統合先の職員が登録されていません');
      else if (kept.mergedInto)
        refuse(
          'intoPersonId',
          'was merged into another person',
          '統合先の職員は統合済みです。残る方の職員を選んでください',
        );
      if (d.personId === d.intoPersonId)
        refuse('intoPersonId', 'must be another person', '同じ職員どうしは統合できません');
      if (typeof d.reason !== 'string' || d.reason.trim() === '')
        refuse('reason', 'is required', '統合の理由を入力してください');
      return done([
        { type: 'PersonMerged', data: { personId: d.personId, intoPersonId: d.intoPersonId, reason: d.reason } },
      ]);
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
        for (const other of postsSharing(state, d)) {
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

/** The people a new login id or 職員番号 could clash with: those who have or had it. */
function peopleUsing(state: OrganisationState, loginId: unknown, employeeNumber?: unknown): Person[] {
  const index = indexOf(state, 'people');
  const key = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const login = key(loginId);
  const number = key(employeeNumber);
  return peopleAmong(
    state,
    login === undefined ? undefined : index.loginIds.get(login),
    login === undefined ? undefined : index.previousLoginIds.get(login),
    number ? index.employeeNumbers.get(number) : undefined,
  );
}

/** The posts an assignment could overlap: the department's for a 部長, its sections' for a 課長 (no others clash). */
function postsSharing(state: OrganisationState, post: PostTerms): PostTerms[] {
  const index = indexOf(state, 'posts');
  if (post.kind === 'departmentHead') return postsOfDepartment(state, post.departmentId ?? '');
  if (post.kind !== 'sectionHead') return [];
  return postsAmong(state, ...(post.sectionIds ?? []).map((id) => index.postsInSection.get(id)));
}
