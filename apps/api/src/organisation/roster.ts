/**
 * The staff roster as a 人事課 exports it (職員番号, 氏名, メール, 所属部, 所属課, 職, 発令日): each row
 * is an appointment (発令) from its date. A person not yet registered is registered (login id = 職員番号,
 * until an administrator gives another); their earlier open posts end the day before the 発令日.
 * A row that repeats a post the person already holds from that day changes nothing, so importing an
 * export again writes nothing. Problems are reported per line and column, in Japanese.
 */
import {
  addDays,
  decideOrganisation,
  departmentExistsOn,
  departmentNameOn,
  evolveOrganisation,
  InvalidInput,
  isCivilDate,
  normaliseDigits,
  OrganisationCommand,
  OrganisationState,
  PostKind,
  PostTerms,
  postDepartmentOn,
  postsOn,
  sectionDepartmentOn,
  sectionExistsOn,
  sectionNameOn,
} from '@goals/domain';
import { CsvRecord } from '@goals/sheet-file';

export const ROSTER_COLUMNS = ['職員番号', '氏名', 'メール', '所属部', '所属課', '職', '発令日'] as const;

const KINDS: [RegExp, PostKind][] = [
  [/部長$/, 'departmentHead'],
  [/課長$/, 'sectionHead'],
  [/^庶務担当$/, 'clerk'],
  [/^監査/, 'auditor'],
  [/^(管理者|システム管理者)$/, 'admin'],
];

/** The roster column a refusal of the decider is about. */
const ROSTER_FIELD: Record<string, string> = {
  from: '職',
  until: '職',
  departmentId: '所属部',
  sectionIds: '所属課',
};

export interface RosterProblem {
  field: string;
  reason: string;
}

function dateOf(text: string): string | undefined {
  const m = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?$/.exec(normaliseDigits(text.trim()));
  if (!m) return undefined;
  const date = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isCivilDate(date) ? date : undefined;
}

/** Ids the roster gives the people it registers and the posts it assigns, by line of the file. */
export type RosterIds = (kind: 'person' | 'post', line: number) => string;

/**
 * The commands the roster gives against `state` (a scratch copy: it is changed), or every problem
 * found. `ids` names what it creates: derived from the request's Idempotency-Key, a retry plans the same.
 */
export function rosterCommands(
  records: CsvRecord[],
  state: OrganisationState,
  ids: RosterIds,
): { commands: OrganisationCommand[]; problems: RosterProblem[] } {
  const problems: RosterProblem[] = [];
  const commands: OrganisationCommand[] = [];
  const [header, ...rows] = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!header)
    return {
      commands,
      problems: [
        {
          field: '1行目',
          reason: '名簿が空です。見出し行（職員番号,氏名,メール,所属部,所属課,職,発令日）から書いてください',
        },
      ],
    };
  const column = new Map(header.cells.map((c, i) => [c.trim(), i]));
  const missing = ROSTER_COLUMNS.filter((c) => !column.has(c));
  if (missing.length)
    return {
      commands,
      problems: [{ field: `${header.line}行目`, reason: `見出しに ${missing.join('、')} の列がありません` }],
    };
  const seen = new Map<string, number>();
  for (const row of rows) {
    const at = (col: string) => `${row.line}行目 ${col}`;
    const cell = (col: (typeof ROSTER_COLUMNS)[number]) => (row.cells[column.get(col)!] ?? '').trim();
    const before = problems.length;
    const number = cell('職員番号');
    if (!/^[A-Za-z0-9-]{1,20}$/.test(number))
      problems.push({ field: at('職員番号'), reason: `職員番号「${number}」は英数字20字以内で書いてください` });
    else if (seen.has(number))
      problems.push({ field: at('職員番号'), reason: `職員番号 ${number} が ${seen.get(number)}行目と重複しています` });
    else seen.set(number, row.line);
    const name = cell('氏名');
    if (!name) problems.push({ field: at('氏名'), reason: '氏名がありません' });
    const email = cell('メール');
    if (email && !/^[^\s@]+@[^\s@]+$/.test(email))
      problems.push({ field: at('メール'), reason: `メール「${email}」はメールアドレスではありません` });
    const from = dateOf(cell('発令日'));
    if (!from)
      problems.push({
        field: at('発令日'),
        reason: `発令日「${cell('発令日')}」は日付（例 2023-04-01）で書いてください`,
      });
    const title = cell('職');
    const kind = KINDS.find(([re]) => re.test(title))?.[1];
    if (!kind)
      problems.push({
        field: at('職'),
        reason: `職「${title}」は 部長・課長・庶務担当・監査・管理者 のどれかにしてください`,
      });
    if (problems.length > before || !from || !kind) continue;

    const departmentName = cell('所属部');
    const sectionNames = cell('所属課')
      .split(/[・、]/)
      .map((s) => s.trim())
      .filter(Boolean);
    let departmentId: string | undefined;
    let sectionIds: string[] | undefined;
    if (kind === 'departmentHead' || kind === 'sectionHead' || kind === 'clerk') {
      departmentId = [...state.departments.keys()].find(
        (id) => departmentExistsOn(state, id, from) && departmentNameOn(state, id, from) === departmentName,
      );
      if (!departmentId) {
        problems.push({ field: at('所属部'), reason: `所属部「${departmentName}」は ${from} に組織にありません` });
        continue;
      }
      if (kind !== 'departmentHead') {
        if (sectionNames.length === 0) problems.push({ field: at('所属課'), reason: `${title}には所属課が要ります` });
        sectionIds = [];
        for (const s of sectionNames) {
          const id = [...state.sections.values()].find(
            (x) =>
              sectionDepartmentOn(state, x.sectionId, from) === departmentId &&
              sectionExistsOn(state, x.sectionId, from) &&
              sectionNameOn(state, x.sectionId, from) === s,
          )?.sectionId;
          if (id) sectionIds.push(id);
          else
            problems.push({ field: at('所属課'), reason: `所属課「${s}」は${departmentName}に ${from} にありません` });
        }
        if (problems.length > before) continue;
      }
    }
    let person = [...state.people.values()].find((p) => p.employeeNumber === number);
    const lineCommands: OrganisationCommand[] = [];
    if (!person) {
      const personId = ids('person', row.line);
      lineCommands.push({
        type: 'RegisterPerson',
        data: { personId, name, loginId: number, employeeNumber: number, ...(email ? { email } : {}) },
      });
      person = { personId, name, loginId: number };
    }
    const same = (p: PostTerms) =>
      p.kind === kind &&
      p.from === from &&
      postDepartmentOn(state, p, from) === departmentId &&
      (p.sectionIds ?? []).join() === (sectionIds ?? []).join();
    const held = [...state.posts.values()].filter((p) => p.personId === person.personId);
    if (held.some(same)) continue;
    // 人事異動: what they held until now ends the day before the new post.
    for (const p of postsOn(state, person.personId, from))
      lineCommands.push({ type: 'EndPost', data: { postId: p.postId, until: addDays(from, -1) } });
    lineCommands.push({
      type: 'AssignPost',
      data: { postId: ids('post', row.line), personId: person.personId, kind, departmentId, sectionIds, from },
    });
    try {
      for (const c of lineCommands) for (const e of decideOrganisation(c, state)) evolveOrganisation(state, e);
      commands.push(...lineCommands);
    } catch (e) {
      if (!(e instanceof InvalidInput)) throw e;
      for (const f of e.errors) problems.push({ field: at(ROSTER_FIELD[f.field] ?? '職員番号'), reason: f.reason });
    }
  }
  return { commands, problems };
}

/** The roster as of a day: one row per post held that day, 発令日 being the day the post began. */
export function rosterRows(state: OrganisationState, day: string): string[][] {
  const rows: string[][] = [[...ROSTER_COLUMNS]];
  for (const person of state.people.values())
    for (const p of postsOn(state, person.personId, day)) {
      const departmentId = postDepartmentOn(state, p, day);
      const title =
        p.kind === 'departmentHead'
          ? '部長'
          : p.kind === 'sectionHead'
            ? '課長'
            : p.kind === 'clerk'
              ? '庶務担当'
              : p.kind === 'auditor'
                ? '監査'
                : '管理者';
      rows.push([
        person.employeeNumber ?? '',
        person.name,
        person.email ?? '',
        departmentId ? departmentNameOn(state, departmentId, day) : '',
        (p.sectionIds ?? []).map((s) => sectionNameOn(state, s, day)).join('・'),
        title,
        p.from,
      ]);
    }
  return rows;
}
