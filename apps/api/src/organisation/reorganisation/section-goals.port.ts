/**
 * What a reorganisation needs to know of the goals: which goals of a fiscal year on or after the
 * change name the sections it ends, with the ids of every section each names. The organisation
 * decides with it whether a goal would be left without a section; where the goals are kept is the
 * provider's business.
 */
import { GoalSections, OrganisationState } from '@goals/domain';

export const SECTION_GOALS = Symbol('SectionGoals');

export interface SectionGoals {
  /** `organisation` is as it stood before the change, so each section is looked for in the department it then belonged to. */
  goalsNaming(
    sectionIds: readonly string[],
    fromFiscalYear: number,
    organisation: OrganisationState,
  ): Promise<GoalSections[]>;
}
