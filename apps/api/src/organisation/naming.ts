import { GoalContent } from '@goals/domain';

/** Names of a fiscal year for ids, over the organisation as it is now. */
export interface Naming {
  department(departmentId: string, fiscalYear: number): string;
  sections(sectionIds: readonly string[], fiscalYear: number): string[];
}

/**
 * A goal's columns as people read them: 共通/課名 as the names of the goal's fiscal year (a section
 * renamed later is still its old name on an older sheet), with the ids beside them.
 */
export function namedContent<C extends Partial<GoalContent>>(content: C, fiscalYear: number, naming: Naming) {
  if (content.sections === undefined) return content;
  return { ...content, sections: naming.sections(content.sections, fiscalYear), sectionIds: content.sections };
}
