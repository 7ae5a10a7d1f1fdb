import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GoalWorkflow } from '../goal-workflow.service';
import { ApproveGoalCommand } from './approve-goal.command';

@CommandHandler(ApproveGoalCommand)
export class ApproveGoalHandler implements ICommandHandler<ApproveGoalCommand> {
  constructor(private readonly goals: GoalWorkflow) {}

  execute({ goalId, body, ctx }: ApproveGoalCommand) {
    return this.goals.execute(goalId, { type: 'ApproveGoal', data: { comment: body.comment }, by: ctx.actor }, ctx);
  }
}
