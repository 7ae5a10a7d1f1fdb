import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { COMMON_SECTION, findDepartment, fiscalYearOfDate, InvalidInput, jstDateOf } from '@goals/domain';
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
    const department = filter.department ?? actor.department;
    if (!department) throw InvalidInput.of('department', 'is required for a user outside the departments');
    assertMayRead(actor, department, 'goals');
    // Sections as named in the year asked for, or this year.
    const year = filter.fiscalYear ?? fiscalYearOfDate(jstDateOf(this.clock.now()));
    const known = findDepartment(await this.organisation.directoryFor(year), department);
    if (!known) throw InvalidInput.of('department', `${department} is not a department in the directory`);
    const sections = filter.section ? [filter.section] : actor.sections.length ? actor.sections : known.sections;
    for (const s of sections)
      if (s !== COMMON_SECTION && !known.sections.includes(s)) throw InvalidInput.of('section', `${s} is not a section of ${department}`);
    const lists = await Promise.all(
      sections.map((s) => this.readModels.sectionGoals(department, s, { fiscalYear: filter.fiscalYear, includeCommon: true })),
    );
    const goals = [...new Map(lists.flat().map((g) => [g.goalId, g])).values()];
    return {
      department,
      sections,
      items: goals.map((g) => ({
        goalId: g.goalId,
        sheetId: g.sheetId,
        fiscalYear: g.fiscalYear,
        number: g.number ?? null,
        status: g.status,
        revision: g.revision,
        ...g.content,
        lastReturnReason: g.lastReturnReason ?? null,
      })),
    };
  }
}
