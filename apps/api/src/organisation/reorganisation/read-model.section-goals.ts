/**
 * SectionGoals over the goals' read model, which indexes goals by (department id, section id) and
 * fiscal year. Each fiscal year from the change on is asked for the departments the section belongs
 * to that year. The read model follows the events a moment later: a goal drafted in the same instant
 * as the reorganisation may not be seen yet.
 */
import { COMMON_SECTION, departmentsIn, GoalSections } from '@goals/domain';
import { ReadModelQueries } from '@goals/read-models';
import { SectionGoals } from './section-goals.port';

export function readModelSectionGoals(readModels: ReadModelQueries): SectionGoals {
  return {
    async goalsNaming(sectionIds, fromFiscalYear, organisation) {
      // Goals live on sheets; no sheet of a later year means no goal of one.
      const newest = (await readModels.sheets({ limit: 1 })).items[0]?.fiscalYear;
      const found = new Map<string, GoalSections>();
      for (let year = fromFiscalYear; newest !== undefined && year <= newest; year++) {
        for (const department of departmentsIn(organisation, year)) {
          for (const section of department.sections.filter((s) => sectionIds.includes(s.sectionId))) {
            const goals = await readModels.sectionGoals(department.departmentId, section.sectionId, {
              fiscalYear: year,
            });
            for (const goal of goals)
              found.set(goal.goalId, {
                goalId: goal.goalId,
                fiscalYear: goal.fiscalYear,
                title: goal.content.title,
                sectionIds: goal.content.sections.filter((id) => id !== COMMON_SECTION),
              });
          }
        }
      }
      return [...found.values()];
    },
  };
}
