/**
 * Where a goal's sections go in next year's sheet: the organisation's lineage as of 4月1日 of the
 * new year. A renamed section is itself; a merged one is the section it was merged into; a split
 * one has several successors and a person chooses; one abolished without successor is asked about,
 * never guessed (any section of the department may be chosen, or none is carried).
 */
import { COMMON_SECTION } from '../directory';
import { fiscalYearStart } from '../fiscal-year';
import {
  OrganisationState,
  sectionDepartmentOn,
  SectionInYear,
  sectionNameIn,
  sectionsIn,
} from '../organisation/organisation';
import { successorsOn } from '../organisation/section-lineage';

export type SectionOutcome = 'same' | 'renamed' | 'merged' | 'split' | 'abolished';

export type SectionMapping =
  | { from: SectionInYear; outcome: 'same' | 'renamed' | 'merged'; to: SectionInYear }
  /** `choices`: the successors of a split; every section of the department for one abolished. */
  | { from: SectionInYear; outcome: 'split' | 'abolished'; choices: SectionInYear[] };

/** Whether a person must choose where the section's goals go. */
export function needsChoice(
  mapping: SectionMapping,
): mapping is Extract<SectionMapping, { outcome: 'split' | 'abolished' }> {
  return mapping.outcome === 'split' || mapping.outcome === 'abolished';
}

/**
 * Each section of a goal of `fromYear` as it stands on 4月1日 of `toYear` in the department whose
 * sheet receives it. 共通 names no section and stays 共通. A successor that now belongs to another
 * department is not this sheet's to give, so it counts as no successor.
 */
export function sectionsInNextYear(
  state: OrganisationState,
  sectionIds: readonly string[],
  fromYear: number,
  to: { departmentId: string; fiscalYear: number },
): SectionMapping[] {
  const day = fiscalYearStart(to.fiscalYear);
  const named = (sectionId: string, fiscalYear: number): SectionInYear => ({
    sectionId,
    name: sectionNameIn(state, sectionId, fiscalYear) ?? sectionId,
  });
  return sectionIds
    .filter((id) => id !== COMMON_SECTION)
    .map((id): SectionMapping => {
      const from = named(id, fromYear);
      const successors = successorsOn(state, [id], day)
        .filter((s) => sectionDepartmentOn(state, s, day) === to.departmentId)
        .map((s) => named(s, to.fiscalYear));
      if (successors.length === 1) {
        const [only] = successors;
        const outcome = only.sectionId !== id ? 'merged' : only.name !== from.name ? 'renamed' : 'same';
        return { from, outcome, to: only };
      }
      if (successors.length > 1) return { from, outcome: 'split', choices: successors };
      return { from, outcome: 'abolished', choices: sectionsIn(state, to.departmentId, to.fiscalYear) };
    });
}
