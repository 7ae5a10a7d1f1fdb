import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadModelQueries } from '@goals/read-models';
import { CLOCK, Clock } from '@goals/platform';
import { assertMayRead } from '../../shared/read-access';
import { ListDeadlinesQuery } from './list-deadlines.query';

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** Approved goals not yet rated, by the last day of their いつまで month, from today (Tokyo) on. */
@QueryHandler(ListDeadlinesQuery)
export class ListDeadlinesHandler implements IQueryHandler<ListDeadlinesQuery> {
  constructor(
    private readonly readModels: ReadModelQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ actor, filter }: ListDeadlinesQuery) {
    const department = actor.role === 'auditor' ? filter.department : (filter.department ?? actor.department);
    if (department !== undefined) assertMayRead(actor, department, 'deadlines');
    const today = new Date(this.clock.now().getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);
    const goals = await this.readModels.upcomingDeadlines({
      from: filter.from ?? today,
      to: filter.to,
      department,
      limit: filter.limit,
    });
    return {
      from: filter.from ?? today,
      to: filter.to ?? null,
      items: goals.map((g) => ({
        goalId: g.goalId,
        sheetId: g.sheetId,
        number: g.number ?? null,
        title: g.content.title,
        sections: g.content.sections,
        deadline: g.deadline,
        status: g.status,
      })),
    };
  }
}
