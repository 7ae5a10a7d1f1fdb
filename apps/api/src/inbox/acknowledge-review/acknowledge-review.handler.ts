import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { fiscalYearOfDate, NotFound } from '@goals/domain';
import { ReadModelQueries } from '@goals/read-models';
import { DelegationWorkflow } from '../../delegations/delegation-workflow.service';
import { GoalWorkflow } from '../../goals/goal-workflow.service';
import { OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { AcknowledgeReviewCommand } from './acknowledge-review.command';

/**
 * 後閲: the head has read a decision taken in their stead. The read model says which goal the
 * review is about; whether that decision really was taken by 代決 is read from the goal's stream.
 */
@CommandHandler(AcknowledgeReviewCommand)
export class AcknowledgeReviewHandler implements ICommandHandler<AcknowledgeReviewCommand> {
  constructor(
    private readonly readModels: ReadModelQueries,
    private readonly goals: GoalWorkflow,
    private readonly delegations: DelegationWorkflow,
    private readonly organisation: OrganisationDirectory,
  ) {}

  async execute({ reviewId, ctx }: AcknowledgeReviewCommand) {
    const item = await this.readModels.review(reviewId);
    if (!item) throw new NotFound('review item', reviewId);
    const { stream, goal } = await this.goals.load(item.goalId);
    const decided = stream.events.find((e) => e.id === reviewId);
    const onBehalfOf = decided?.metadata.onBehalfOf;
    // Recorded on the stream of the goal's department, by id; its name of today, for people to read.
    const today = fiscalYearOfDate(this.delegations.today());
    const department = (await this.organisation.naming()).department(goal.departmentId, today);
    const { revision } = await this.delegations.execute(
      {
        type: 'AcknowledgeDelegatedDecision',
        by: ctx.actor,
        data: {
          reviewId,
          goalId: goal.goalId,
          departmentId: goal.departmentId,
          department,
          decision: decided && { onBehalfOf: typeof onBehalfOf === 'string' ? onBehalfOf : undefined },
        },
      },
      ctx,
    );
    return { reviewId, goalId: goal.goalId, revision: Number(revision ?? -1) };
  }
}
