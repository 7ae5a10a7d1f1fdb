import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  COMMON_SECTION,
  fiscalYearOfDate,
  InvalidInput,
  jstDateOf,
  mayReadDepartment,
  NotAllowed,
} from '@goals/domain';
import { namedContent } from '../../organisation/naming';
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
    const postSections = actor.post?.sectionIds ?? [];
    // A 課 moved to another 部 since that year is found in the 部 it belonged to then.
    const known = filter.department
      ? await this.organisation.departmentNamed(filter.department, year)
      : actor.post?.departmentId &&
        (await this.organisation.departmentHolding(postSections, year, actor.post.departmentId));
    if (!known)
      throw InvalidInput.of(
        'department',
        'is required for a user outside the departments',
        '部に属していない方は、部（department）を指定してください',
      );
    const department = known.name;
    // Sections by name as the year names them; a section head's own by the ids of their post.
    const own =
      actor.post?.departmentId === known.departmentId
        ? postSections
        : postSections.filter((id) => known.sections.some((s) => s.sectionId === id));
    // Whoever does not read the 部 (the 課長 of a 課 moved out of it since) reads only their own 課 there.
    const readsDepartment = mayReadDepartment(actor, known.departmentId);
    if (!readsDepartment && !own.length)
      assertMayRead(actor, { departmentId: known.departmentId, name: department }, 'goals');
    let sectionIds: string[];
    if (filter.section) {
      if (filter.section !== COMMON_SECTION && !known.sections.some((s) => s.name === filter.section))
        throw InvalidInput.of(
          'section',
          `${filter.section} is not a section of ${department}`,
          `${filter.section}は${department}の課ではありません`,
        );
      sectionIds = [known.sections.find((s) => s.name === filter.section)?.sectionId ?? COMMON_SECTION];
      if (!readsDepartment && !own.includes(sectionIds[0]))
        throw new NotAllowed(
          'own-section',
          `${actor.userId} may read only their own sections' goals of ${department}`,
          `${department}の目標のうち、表示できるのは自分の課の目標だけです`,
        );
    } else sectionIds = own.length ? own : known.sections.map((s) => s.sectionId);
    // Every year of a 課長's own 課 (no year or 部 asked): with the goals their 課 left on the sheets of a
    // 部 it belonged to before it moved, which are still theirs to finish.
    const everyYearOfOwn = !filter.department && !filter.fiscalYear && !filter.section && own.length > 0;
    const departments = everyYearOfOwn ? await this.organisation.departmentsThatHeld(own) : [known.departmentId];
    const lists = await Promise.all(
      departments.flatMap((d) =>
        sectionIds.map((s) =>
          this.readModels.sectionGoals(d, s, {
            fiscalYear: filter.fiscalYear,
            includeCommon: readsDepartment && d === known.departmentId,
          }),
        ),
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
