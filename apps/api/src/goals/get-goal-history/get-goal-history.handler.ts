import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { goalHistory, mayReadDepartment, NotAllowed } from '@goals/domain';
import { GoalWorkflow } from '../goal-workflow.service';
import { GetGoalHistoryQuery } from './get-goal-history.query';

@QueryHandler(GetGoalHistoryQuery)
export class GetGoalHistoryHandler implements IQueryHandler<GetGoalHistoryQuery> {
  constructor(private readonly goals: GoalWorkflow) {}

  async execute({ goalId, actor }: GetGoalHistoryQuery) {
    const { stream, goal } = await this.goals.load(goalId);
    if (!mayReadDepartment(actor, goal.department))
      throw new NotAllowed('own-department', `${actor.userId} may not read goals of ${goal.department}`);
    return {
      goalId,
      events: goalHistory(stream.events).map(({ event, changes }) => ({
        revision: Number(event.revision),
        position: event.position.toString(),
        type: event.type,
        actor: event.metadata.actor,
        occurredAt: event.metadata.occurredAt,
        reason: event.metadata.reason ?? null,
        correlationId: event.metadata.correlationId,
        changes,
      })),
    };
  }
}
