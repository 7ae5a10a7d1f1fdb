import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GoalWorkflow } from '../goal-workflow.service';
import { WithdrawGoalCommand } from './withdraw-goal.command';

@CommandHandler(WithdrawGoalCommand)
export class WithdrawGoalHandler implements ICommandHandler<WithdrawGoalCommand> {
  constructor(private readonly goals: GoalWorkflow) {}

  execute({ goalId, ctx }: WithdrawGoalCommand) {
    return this.goals.execute(goalId, { type: 'WithdrawGoal', data: {}, by: ctx.actor }, ctx);
  }
}
