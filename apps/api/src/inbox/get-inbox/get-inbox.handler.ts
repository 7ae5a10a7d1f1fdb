import { Inject } from '@nestjs/common';
import { OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { namedContent } from '../../organisation/naming';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ReadModelQueries, ReviewItem } from '@goals/read-models';
import { ACTOR_RESOLVER, ActorResolver } from '../../auth/actor-resolver';
import { GetInboxQuery } from './get-inbox.query';

/** What waits for the caller: the department head's decisions and 後閲 reviews, a section head's goals to work on. */
@QueryHandler(GetInboxQuery)
export class GetInboxHandler implements IQueryHandler<GetInboxQuery> {
  constructor(
    private readonly readModels: ReadModelQueries,
    @Inject(ACTOR_RESOLVER) private readonly actors: ActorResolver,
    private readonly organisation: OrganisationDirectory,
  ) {}

  async execute({ actor }: GetInboxQuery) {
    // By the ids of the post held today; sections named as each goal's fiscal year names them.
    const departmentId = actor.post?.departmentId;
    const naming = await this.organisation.naming();
    if (actor.role === 'departmentHead' && departmentId) {
      // Decisions a delegate took in the head's stead (代決) wait here too, until the head reviews them (後閲).
      const [waiting, reviews] = await Promise.all([
        this.readModels.inbox(departmentId),
        this.readModels.reviews(departmentId),
      ]);
      const named = waiting.map(({ fiscalYear, sections, changes, ...item }) => ({
        ...item,
        sections: naming.sections(sections, fiscalYear),
        sectionIds: sections,
        fiscalYear,
        ...(changes ? { changes: namedContent(changes, fiscalYear, naming) } : {}),
      }));
      return { role: actor.role, items: [...named, ...(await Promise.all(reviews.map((r) => this.named(r))))] };
    }
    if (actor.role === 'sectionHead' && departmentId) {
      const goals = (
        await Promise.all((actor.post?.sectionIds ?? []).map((s) => this.readModels.sectionGoals(departmentId, s)))
      ).flat();
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
          sections: naming.sections(g.content.sections, g.fiscalYear),
          sectionIds: g.content.sections,
          reason: g.lastReturnReason ?? null,
          revision: g.revision,
        })),
      };
    }
    return { role: actor.role, items: [] };
  }

  /**
   * Who decided and for whom, as people read it: names and the posts they held on the day of the
   * decision (the directory of that day, as the decision itself was authorised), else the login id.
   */
  private async named(review: ReviewItem) {
    const at = new Date(review.waitingSince);
    const [decider, head] = await Promise.all([
      this.actors.resolve(review.decidedBy, at),
      this.actors.resolve(review.onBehalfOf, at),
    ]);
    return {
      ...review,
      decidedByName: decider?.name ?? review.decidedBy,
      decidedByPost: decider?.post?.title ?? null,
      onBehalfOfName: head?.name ?? review.onBehalfOf,
      onBehalfOfPost: head?.post?.title ?? null,
    };
  }
}
