import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadModelQueries } from '@goals/read-models';
import { GetInboxQuery } from './get-inbox.query';

/** What waits for the caller: the department head's decisions and 後閲 reviews, a section head's goals to work on. */
@QueryHandler(GetInboxQuery)
export class GetInboxHandler implements IQueryHandler<GetInboxQuery> {
  constructor(private readonly readModels: ReadModelQueries) {}

  async execute({ actor }: GetInboxQuery) {
    if (actor.role === 'departmentHead' && actor.department) {
      // Decisions a delegate took in the head's stead (代決) wait here too, until the head reviews them (後閲).
      const [waiting, reviews] = await Promise.all([this.readModels.inbox(actor.department), this.readModels.reviews(actor.department)]);
      return { role: actor.role, items: [...waiting, ...reviews] };
    }
    if (actor.role === 'sectionHead' && actor.department) {
      const goals = (await Promise.all(actor.sections.map((s) => this.readModels.sectionGoals(actor.department!, s)))).flat();
      const unique = [...new Map(goals.map((g) => [g.goalId, g])).values()];
      // A section head's to-do: goals to write or rework, and approved goals awaiting their rating.
      const todo = unique.filter((g) => g.status === 'draft' || g.status === 'returned' || g.status === 'approved');
      return {
        role: actor.role,
        items: todo.map((g) => ({
          kind: g.status === 'approved' ? 'achievement-to-record' : g.status === 'returned' ? 'returned' : 'draft',
          goalId: g.goalId,
          sheetId: g.sheetId,
          number: g.number ?? null,
          title: g.content.title,
          sections: g.content.sections,
          reason: g.lastReturnReason ?? null,
          revision: g.revision,
        })),
      };
    }
    return { role: actor.role, items: [] };
  }
}
