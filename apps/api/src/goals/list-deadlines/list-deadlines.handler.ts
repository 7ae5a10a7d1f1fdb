import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { fiscalYearOfDate, readsEveryDepartment } from '@goals/domain';
import { ReadModelQueries } from '@goals/read-models';
import { OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { CLOCK, Clock } from '@goals/platform';
import { assertMayRead } from '../../shared/read-access';
import { ListDeadlinesQuery } from './list-deadlines.query';

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** Approved goals not yet rated, by the last day of their いつまで month, from today (Tokyo) on. */
@QueryHandler(ListDeadlinesQuery)
export class ListDeadlinesHandler implements IQueryHandler<ListDeadlinesQuery> {
  constructor(
    private readonly readModels: ReadModelQueries,
    private readonly organisation: OrganisationDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, filter }: ListDeadlinesQuery) {
    const today = new Date(this.clock.now().getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
    // A department asked for by name is the one that has the name this year.
    const named = filter.department;
    const departmentId =
      named !== undefined
        ? (await this.organisation.legacyNames()).departmentId(named, fiscalYearOfDate(today))
        : readsEveryDepartment(actor)
          ? undefined
          : actor.post?.departmentId;
    if (departmentId !== undefined)
      assertMayRead(actor, { departmentId, name: named ?? actor.department ?? departmentId }, 'deadlines');
    const goals = await this.readModels.upcomingDeadlines({
      from: filter.from ?? today,
      to: filter.to,
      departmentId,
      limit: filter.limit,
    });
    const naming = await this.organisation.naming();
    return {
      from: filter.from ?? today,
      to: filter.to ?? null,
      items: goals.map((g) => ({
        goalId: g.goalId,
        sheetId: g.sheetId,
        number: g.number ?? null,
        title: g.content.title,
        sections: naming.sections(g.content.sections, g.fiscalYear),
        sectionIds: g.content.sections,
        deadline: g.deadline,
        status: g.status,
      })),
    };
  }
}
