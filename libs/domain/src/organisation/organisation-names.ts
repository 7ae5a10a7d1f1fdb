/**
 * Ids and names. Goals and sheets refer to departments and sections by id, so renaming a 課 moves
 * nothing; people type and read names, and a name means what it meant in the sheet's fiscal year: a
 * section renamed from 令和6年4月1日 is its old name on the 令和5年度 sheet and its new one on the
 * 令和6年度 sheet, whenever the rename was entered.
 */
import { COMMON_SECTION } from '../directory';
import { InvalidInput } from '../errors';
import { fiscalYearLabel } from '../fiscal-year';
import { departmentIn, DepartmentInYear, OrganisationState, sectionNameIn, SectionRecord } from './organisation';
import { departmentsEverNamed, existsInYear, nameOn, sectionsEverIn, yearDay } from './organisation.lookups';

/** The department that went by this name in a fiscal year. */
export function departmentNamedIn(
  state: OrganisationState,
  name: string,
  fiscalYear: number,
): DepartmentInYear | undefined {
  const found = departmentsEverNamed(state, name).find(
    (d) => existsInYear(d, fiscalYear) && nameOn(d.names, yearDay(d, fiscalYear)).name === name,
  );
  return found && departmentIn(state, found.departmentId, fiscalYear);
}

/**
 * A department that existed in the fiscal year and has had this name at some time (a 部長 names
 * their department as it is called today), the first established.
 */
export function departmentEverNamedIn(
  state: OrganisationState,
  name: string,
  fiscalYear: number,
): DepartmentInYear | undefined {
  const found = departmentsEverNamed(state, name).find((d) => existsInYear(d, fiscalYear));
  return found && departmentIn(state, found.departmentId, fiscalYear);
}

/**
 * 共通/課名 as a person writes it (names of that year's sheet, or 共通) as the ids a goal keeps.
 * Names the department did not have that year are refused, naming them and the sections it had.
 */
export function sectionIdsNamed(
  state: OrganisationState,
  departmentId: string,
  fiscalYear: number,
  names: readonly string[],
  field = 'sections',
): string[] {
  const department = departmentIn(state, departmentId, fiscalYear);
  const sections = department?.sections ?? [];
  const unknown = names.filter((n) => n !== COMMON_SECTION && !sections.some((s) => s.name === n));
  if (unknown.length)
    throw InvalidInput.of(
      field,
      `${unknown.join('、')} is not a section of ${department?.name ?? departmentId} in ${fiscalYearLabel(fiscalYear)}` +
        ` (${sections.map((s) => s.name).join('、') || 'none'})`,
      `${unknown.join('、')}は${fiscalYearLabel(fiscalYear)}の${department?.name ?? '部'}の課ではありません` +
        `（この年度の課: ${sections.map((s) => s.name).join('、') || 'なし'}）`,
    );
  return names.map((n) => (n === COMMON_SECTION ? n : sections.find((s) => s.name === n)!.sectionId));
}

/** The names a goal's section ids go by in a fiscal year; 共通 stays 共通. */
export function sectionNamesIn(state: OrganisationState, sectionIds: readonly string[], fiscalYear: number): string[] {
  return sectionIds.map((id) => (id === COMMON_SECTION ? id : (sectionNameIn(state, id, fiscalYear) ?? id)));
}

/** The department's name in a fiscal year, or its id when the directory does not know it. */
export function departmentNameIn(state: OrganisationState, departmentId: string, fiscalYear: number): string {
  // Its name alone: departmentIn would list its sections too.
  const d = state.departments.get(departmentId);
  return d ? nameOn(d.names, yearDay(d, fiscalYear)).name : departmentId;
}

/**
 * Events written before goals and sheets referred to ids (schema version 1) name the department and
 * the sections. Reading them needs the ids those names stood for, in the event's fiscal year.
 */
export interface LegacyNames {
  departmentId(name: string, fiscalYear: number): string;
  /** `departmentName`: the department's name as the old event wrote it, where known. */
  sectionId(departmentId: string, name: string, fiscalYear: number, departmentName?: string): string;
}

/**
 * How names written before ids are read, against the organisation as it is now:
 * 1. the department (section of that department) that had the name in the fiscal year;
 * 2. else the one that had the name at any time (renamed since, by a 機構改革 entered later);
 * 3. else the id the directory seed gives a name (`derive('department', name)`,
 *    `derive('section', department, section)`; see apps/api/src/organisation/directory-seed.ts).
 *    Data written by the release of 2026-11-24 knew only config/directory.json, whose seed gives
 *    exactly these ids, so this holds even before the directory stream is written.
 * `derive` is the caller's derived-id function: the domain has no hash of its own.
 */
export function legacyNamesIn(state: OrganisationState, derive: (...parts: string[]) => string): LegacyNames {
  const everNamed = (record: { names: { name: string }[] }, name: string) => record.names.some((n) => n.name === name);
  // A replay reads the same few names thousands of times: each answer is worked out once per state.
  const answers = new Map<string, string>();
  const once = (key: string[], work: () => string) => {
    const k = key.join('\u0000');
    let id = answers.get(k);
    if (id === undefined) answers.set(k, (id = work()));
    return id;
  };
  const names: LegacyNames = {
    departmentId(name, fiscalYear) {
      const inYear = departmentNamedIn(state, name, fiscalYear);
      if (inYear) return inYear.departmentId;
      const ever = departmentsEverNamed(state, name)[0];
      return ever?.departmentId ?? derive('department', name);
    },
    sectionId(departmentId, name, fiscalYear, departmentName) {
      if (name === COMMON_SECTION) return name;
      const department = departmentIn(state, departmentId, fiscalYear);
      const inYear = department?.sections.find((s) => s.name === name);
      if (inYear) return inYear.sectionId;
      const ever = sectionsEverIn(state, departmentId).find(
        (s: SectionRecord) => s.departmentId === departmentId && everNamed(s, name),
      );
      if (ever) return ever.sectionId;
      // The seed derives a section's id from its department's name: the name the old event was written under.
      return derive('section', departmentName ?? department?.name ?? departmentId, name);
    },
  };
  return {
    departmentId: (name, fiscalYear) =>
      once(['d', name, String(fiscalYear)], () => names.departmentId(name, fiscalYear)),
    sectionId: (departmentId, name, fiscalYear, departmentName) =>
      once(['s', departmentId, name, String(fiscalYear), departmentName ?? ''], () =>
        names.sectionId(departmentId, name, fiscalYear, departmentName),
      ),
  };
}
