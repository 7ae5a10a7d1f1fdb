/**
 * The department directory: who works where, and the vocabularies a sheet may use.
 * Categories, sections and the achievement scale are configuration, not code: another department
 * or another city has other sections and may use another scale. The defaults are those of the
 * 令和4年度 市民生活部 sheet.
 */
import { FieldError } from './errors';
import { isCivilDate } from './fiscal-year';

/** clerk: 庶務担当, who drafts goals for the sections named in their post; planning: 企画担当. */
export type Role = 'sectionHead' | 'departmentHead' | 'auditor' | 'admin' | 'clerk' | 'planning';
export const ROLES: readonly Role[] = ['sectionHead', 'departmentHead', 'auditor', 'admin', 'clerk', 'planning'];

/** On the sheet, 共通 in the 共通/課名 column means the goal is common to every section of the department. */
export const COMMON_SECTION = '共通';

export interface Department {
  name: string;
  /** 職名 of its head as printed on the sheet, e.g. 市民生活部長. */
  headTitle: string;
  sections: string[];
}

export interface DirectoryUser {
  id: string;
  name: string;
  role: Role;
  /** For section and department heads. */
  department?: string;
  /** For section heads: the sections they head. */
  sections?: string[];
  email?: string;
  /** 職員番号 */
  employeeNumber?: string;
}

export interface Directory {
  departments: Department[];
  categories: string[];
  /** Best first. */
  achievementScale: string[];
  users: DirectoryUser[];
  /**
   * The day the file's organisation takes effect when it seeds an empty store (YYYY-MM-DD); the
   * start of 令和元年度 when absent.
   */
  effectiveFrom?: string;
}

/** A post as an actor holds it on the day: 市民課長 is { kind: 'sectionHead', title: '市民課長', ... }. */
export interface ActorPost {
  kind: Role;
  title: string;
  departmentId?: string;
  sectionIds?: string[];
  /** The department's and sections' names on that day, for people to read. */
  department?: string;
  sections?: string[];
}

/**
 * Who is acting, as the domain sees them: taken from a verified token and the directory as of the
 * day. `role`, `department` and `sections` (names) are those of the post that decides what they
 * may do; `personId`, `name` and `post` say who they are and in which post they act, for the events.
 */
export interface Actor {
  /** The login id. */
  userId: string;
  role: Role;
  department?: string;
  sections: string[];
  personId?: string;
  name?: string;
  post?: ActorPost;
  /** Every post held that day, the deciding one first. */
  posts?: ActorPost[];
}

export const DEFAULT_CATEGORIES = ['行政改革', '施政方針', 'ビジョン', '個別計画', 'その他'];
export const DEFAULT_ACHIEVEMENT_SCALE = ['高度に達成した', 'ほぼ達成した', '一部達成した', '達成できなかった'];

export function findDepartment(directory: Directory, name: string): Department | undefined {
  return directory.departments.find((d) => d.name === name);
}

export function actorOf(user: DirectoryUser): Actor {
  return { userId: user.id, role: user.role, department: user.department, sections: user.sections ?? [] };
}

/** Checks a directory file's content; returns every problem found so the operator can fix them at once. */
export function validateDirectory(value: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const d = value as Partial<Directory>;
  const isStringList = (v: unknown): v is string[] =>
    Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string' && s.trim() !== '');
  if (typeof value !== 'object' || value === null) return [{ field: '(root)', reason: 'must be an object' }];
  if (!isStringList(d.categories)) errors.push({ field: 'categories', reason: 'must be a non-empty list of names' });
  if (!isStringList(d.achievementScale))
    errors.push({ field: 'achievementScale', reason: 'must be a non-empty list of levels' });
  if (d.effectiveFrom !== undefined && (typeof d.effectiveFrom !== 'string' || !isCivilDate(d.effectiveFrom)))
    errors.push({ field: 'effectiveFrom', reason: 'must be a date YYYY-MM-DD' });
  if (!Array.isArray(d.departments) || d.departments.length === 0) {
    errors.push({ field: 'departments', reason: 'must be a non-empty list' });
    return errors;
  }
  d.departments.forEach((dep, i) => {
    if (typeof dep?.name !== 'string' || dep.name.trim() === '')
      errors.push({ field: `departments[${i}].name`, reason: 'is required' });
    if (typeof dep?.headTitle !== 'string')
      errors.push({ field: `departments[${i}].headTitle`, reason: 'is required' });
    if (!isStringList(dep?.sections))
      errors.push({ field: `departments[${i}].sections`, reason: 'must be a non-empty list of section names' });
    else if (dep.sections.includes(COMMON_SECTION))
      errors.push({ field: `departments[${i}].sections`, reason: `${COMMON_SECTION} is reserved for common goals` });
  });
  if (!Array.isArray(d.users)) {
    errors.push({ field: 'users', reason: 'must be a list' });
    return errors;
  }
  const seen = new Set<string>();
  d.users.forEach((u, i) => {
    const at = `users[${i}]`;
    if (typeof u?.id !== 'string' || u.id.trim() === '') errors.push({ field: `${at}.id`, reason: 'is required' });
    else if (seen.has(u.id)) errors.push({ field: `${at}.id`, reason: `duplicate id ${u.id}` });
    else seen.add(u.id);
    if (!ROLES.includes(u?.role)) errors.push({ field: `${at}.role`, reason: `must be one of ${ROLES.join(', ')}` });
    if (u?.role === 'sectionHead' || u?.role === 'departmentHead') {
      const dep = d.departments!.find((x) => x.name === u.department);
      if (!dep) errors.push({ field: `${at}.department`, reason: `unknown department ${String(u.department)}` });
      else if (u.role === 'sectionHead') {
        if (!isStringList(u.sections))
          errors.push({ field: `${at}.sections`, reason: 'a section head needs sections' });
        else
          for (const s of u.sections)
            if (!dep.sections.includes(s))
              errors.push({ field: `${at}.sections`, reason: `${s} is not a section of ${dep.name}` });
      }
    }
  });
  return errors;
}
