/**
 * Lineage: where a section's work went after a merge or split, and where a section's came from. A
 * goal belongs to sections, not to people, so a goal of 市民課 still has an owner after 市民課 and
 * 経済課 become 市民経済課: the successor. A section abolished with no successor takes its goals
 * nowhere, which is why a reorganisation that would leave a goal without one is refused.
 */
import { FieldError } from '../errors';
import { CivilDate, fiscalYearEnd, fiscalYearLabel, fiscalYearStart } from '../fiscal-year';
import { addDays } from '../reminders/reminder-policy';
import { OrganisationEvent } from './organisation.events';
import {
  departmentNameOn,
  LineageLink,
  OrganisationState,
  sectionDepartmentOn,
  SectionInYear,
  sectionExistsIn,
  sectionExistsOn,
  sectionNameIn,
  sectionNameOn,
} from './organisation';

export interface LineageStep {
  sectionId: string;
  /** Its name on the day of the change: the last one a predecessor had, the first a successor has. */
  name: string;
  departmentId?: string;
  department?: string;
  change: 'merged' | 'split';
  effectiveFrom: CivilDate;
  reason?: string;
}

export interface SectionLineage {
  sectionId: string;
  establishedFrom: CivilDate;
  /** The first day it no longer exists. */
  abolishedFrom?: CivilDate;
  names: { from: CivilDate; name: string }[];
  departments: { from: CivilDate; departmentId: string; name: string }[];
  predecessors: LineageStep[];
  successors: LineageStep[];
}

export function sectionLineage(state: OrganisationState, sectionId: string): SectionLineage | undefined {
  const s = state.sections.get(sectionId);
  if (!s) return undefined;
  const step = (link: LineageLink, nameDay: CivilDate): LineageStep => {
    const departmentId = sectionDepartmentOn(state, link.sectionId, nameDay);
    return {
      sectionId: link.sectionId,
      name: sectionNameOn(state, link.sectionId, nameDay),
      ...(departmentId ? { departmentId, department: departmentNameOn(state, departmentId, nameDay) } : {}),
      change: link.change,
      effectiveFrom: link.effectiveFrom,
      ...(link.reason ? { reason: link.reason } : {}),
    };
  };
  const departments = [{ from: s.names[0].from, departmentId: s.departmentId }, ...s.moves];
  return {
    sectionId,
    establishedFrom: s.names[0].from,
    ...(s.abolishedFrom ? { abolishedFrom: s.abolishedFrom } : {}),
    names: s.names.map(({ from, name }) => ({ from, name })),
    departments: departments.map((d) => ({ ...d, name: departmentNameOn(state, d.departmentId, d.from) })),
    predecessors: s.predecessors.map((l) => step(l, addDays(l.effectiveFrom, -1))),
    successors: s.successors.map((l) => step(l, l.effectiveFrom)),
  };
}

/**
 * The sections that carry the work of these sections on a day: each itself while it exists, else
 * its successors (and theirs, through several reorganisations), none for a section simply
 * abolished or not yet established. Authorisation asks this of a goal's sections on the day a
 * person acts: 市民課's goal of last year is 市民経済課's to rate this April.
 */
export function successorsOn(state: OrganisationState, sectionIds: readonly string[], day: CivilDate): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const s = state.sections.get(id);
    if (!s || s.names[0].from > day) return;
    if (sectionExistsOn(state, id, day)) found.push(id);
    else for (const link of s.successors) walk(link.sectionId);
  };
  for (const id of sectionIds) walk(id);
  return found;
}

/**
 * A goal's sections of a fiscal year mapped to the sections that exist in that year: a section of
 * that year is itself; one that ended before the year began has its successors instead. Named as
 * of that year.
 */
export function sectionsOfGoalIn(
  state: OrganisationState,
  sectionIds: readonly string[],
  fiscalYear: number,
): SectionInYear[] {
  const start = fiscalYearStart(fiscalYear);
  const found = new Map<string, SectionInYear>();
  const seen = new Set<string>();
  const walk = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const s = state.sections.get(id);
    if (!s) return;
    if (sectionExistsIn(state, id, fiscalYear))
      found.set(id, { sectionId: id, name: sectionNameIn(state, id, fiscalYear) ?? id });
    else if (s.abolishedFrom && s.abolishedFrom <= start) for (const link of s.successors) walk(link.sectionId);
  };
  for (const id of sectionIds) walk(id);
  return [...found.values()];
}

/** The goals a reorganisation concerns: each with its fiscal year and the ids of the sections it names. */
export interface GoalSections {
  goalId: string;
  fiscalYear: number;
  sectionIds: readonly string[];
  /** 実施項目, to name the goal to the administrator. */
  title?: string;
}

/** The sections a reorganisation ends (abolished, merged, split), and from which day. */
export function sectionsEndedBy(
  events: readonly OrganisationEvent[],
): { sectionId: string; effectiveFrom: CivilDate }[] {
  return events.flatMap((e) => {
    switch (e.type) {
      case 'SectionAbolished':
        return [{ sectionId: e.data.sectionId, effectiveFrom: e.data.effectiveFrom }];
      case 'SectionsMerged':
        return e.data.sectionIds.map((sectionId) => ({ sectionId, effectiveFrom: e.data.effectiveFrom }));
      case 'SectionSplit':
        return [{ sectionId: e.data.sectionId, effectiveFrom: e.data.effectiveFrom }];
      default:
        return [];
    }
  });
}

/**
 * The rule "a reorganisation may not leave a goal with no section": given the organisation after
 * the reorganisation and the goals naming the sections it ends, each goal of a fiscal year the
 * change reaches must still have a section from the day it takes effect in that year (its own, or
 * a successor). A 共通 goal names no section and belongs to the department head, so it never fails.
 */
export function goalsLeftWithoutSection(
  after: OrganisationState,
  goals: readonly GoalSections[],
  effectiveFrom: CivilDate,
  field: string,
): FieldError[] {
  const problems: FieldError[] = [];
  for (const goal of goals) {
    if (goal.sectionIds.length === 0 || fiscalYearEnd(goal.fiscalYear) < effectiveFrom) continue;
    const start = fiscalYearStart(goal.fiscalYear);
    const day = effectiveFrom > start ? effectiveFrom : start;
    if (successorsOn(after, goal.sectionIds, day).length > 0) continue;
    const names = goal.sectionIds.map((id) => sectionNameIn(after, id, goal.fiscalYear) ?? id).join('、');
    problems.push({
      field,
      reason:
        `${fiscalYearLabel(goal.fiscalYear)}の目標「${goal.title ?? goal.goalId}」（${goal.goalId}）は ${names} の目標で、` +
        `${day} から引き継ぐ課がなくなります。統合・分割で引継ぎ先を決めるか、先に目標の課を変えてください`,
    });
  }
  return problems;
}
