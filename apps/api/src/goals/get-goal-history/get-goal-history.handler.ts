import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { goalHistory, mayReadDepartment, NotAllowed } from '@goals/domain';
import { GoalWorkflow } from '../goal-workflow.service';
import { GetGoalHistoryQuery } from './get-goal-history.query';

@QueryHandler(GetGoalHistoryQuery)
export class GetGoalHistoryHandler implements IQueryHandler<GetGoalHistoryQuery> {
  constructor(private readonly goals: GoalWorkflow) {}

  async execute({ goalId, actor, page }: GetGoalHistoryQuery) {
    const { events, goal } = await this.goals.history(goalId);
    if (!mayReadDepartment(actor, goal.department))
      throw new NotAllowed('own-department', `${actor.userId} may not read goals of ${goal.department}`);
    // Changes are diffs between consecutive states, so the whole stream is folded; only the page is sent.
    const steps = goalHistory(events);
    return {
      goalId,
      total: steps.length,
      offset: page.offset,
      limit: page.limit,
      events: steps.slice(page.offset, page.offset + page.limit).map(({ event, changes }) => ({
        streamId: event.streamId,
        revision: Number(event.revision),
        position: event.position.toString(),
        type: event.type,
        actor: event.metadata.actor,
        // 代決: the head on whose behalf the actor decided, or null.
        onBehalfOf: typeof event.metadata.onBehalfOf === 'string' ? event.metadata.onBehalfOf : null,
        occurredAt: event.metadata.occurredAt,
        reason: event.metadata.reason ?? null,
        correlationId: event.metadata.correlationId,
        changes,
      })),
    };
  }
}
