/**
 * 機構改革: renaming and abolishing departments, moving, merging, splitting and abolishing sections.
 * Called by decideOrganisation with its collector of refusals, so one request lists every field at fault.
 */
import { FieldError } from '../errors';
import { addDays, CivilDate, isCivilDate } from '../fiscal-year';
import { OrganisationEvent, PostEnded, PostTerms } from './organisation.events';
import {
  Named,
  SectionRecord,
  OrganisationState,
  ReorganisationCommand,
  SectionTarget,
  indexOf,
} from './organisation.state';
import {
  Fail,
  nameOn,
  existsOn,
  departmentNamed,
  sectionNamed,
  departmentOf,
  departmentsFrom,
  sectionsEverIn,
  postsAmong,
  postsOfDepartment,
} from './organisation.lookups';
import { sectionNameOn, departmentNameOn, postTitle } from './organisation.queries';

/**
 * Every event of a 機構改革 carries its reason, the posts it ends and the sections it establishes
 * too, so the audit trail says why each of them happened.
 */
export function decideReorganisation(command: ReorganisationCommand, state: OrganisationState, fail: Fail) {
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
      const remaining = sectionsEverIn(state, d.departmentId).filter(
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
      const heads = postsOfDepartment(state, d.departmentId).filter(
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
  return postsAmong(state, ...[...sectionIds].map((id) => indexOf(state, 'posts').postsInSection.get(id))).filter(
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
