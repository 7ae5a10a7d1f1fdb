import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { COMMON_SECTION, fiscalYearOfDate, InvalidInput, jstDateOf } from '@goals/domain';
import { namedContent } from '../get-goal/goal.view';
import { ReadModelQueries } from '@goals/read-models';
import { CLOCK, Clock } from '@goals/platform';
import { OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { assertMayRead } from '../../shared/read-access';
import { ListSectionGoalsQuery } from './list-section-goals.query';

/** A section's goals (a section head's own by default), with the department's 共通 goals beside them. */
@QueryHandler(ListSectionGoalsQuery)
export class ListSectionGoalsHandler implements IQueryHandler<ListSectionGoalsQuery> {
  constructor(
    private readonly readModels: ReadModelQueries,
    private readonly organisation: OrganisationDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, filter }: ListSectionGoalsQuery) {
    // Sections as named in the year asked for, or this year.
    const year = filter.fiscalYear ?? fiscalYearOfDate(jstDateOf(this.clock.now()));
    const known = filter.department
      ? await this.organisation.departmentNamed(filter.department, year)
      : actor.post?.departmentId && (await this.organisation.departmentIn(actor.post.departmentId, year));
    if (!known) throw InvalidInput.of('department', 'is required for a user outside the departments');
    const department = known.name;
    assertMayRead(actor, { departmentId: known.departmentId, name: department }, 'goals');
    // Sections by name as the year names them; a section head's own by the ids of their post.
    const own = actor.post?.departmentId === known.departmentId ? (actor.post.sectionIds ?? []) : [];
    let sectionIds: string[];
    if (filter.section) {
      if (filter.section !== COMMON_SECTION && !known.sections.some((s) => s.name === filter.section))
        throw InvalidInput.of('section', `${filter.section} is not a section of ${department}`);
      sectionIds = [known.sections.find((s) => s.name === filter.section)?.sectionId ?? COMMON_SECTION];
    } else sectionIds = own.length ? own : known.sections.map((s) => s.sectionId);
    const lists = await Promise.all(
      sectionIds.map((s) =>
        this.readModels.sectionGoals(known.departmentId, s, { fiscalYear: filter.fiscalYear, includeCommon: true }),
      ),
    );
    const goals = [...new Map(lists.flat().map((g) => [g.goalId, g])).values()];
    const naming = await this.organisation.naming();
    return {
      department,
      departmentId: known.departmentId,
      sections: naming.sections(sectionIds, year),
      sectionIds,
      items: goals.map((g) => ({
        goalId: g.goalId,
        sheetId: g.sheetId,
        fiscalYear: g.fiscalYear,
        number: g.number ?? null,
        status: g.status,
        revision: g.revision,
        ...namedContent(g.content, g.fiscalYear, naming),
        lastReturnReason: g.lastReturnReason ?? null,
      })),
    };
  }
}
