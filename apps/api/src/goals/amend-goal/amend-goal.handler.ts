import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GoalWorkflow } from '../goal-workflow.service';
import { AmendGoalCommand } from './amend-goal.command';

@CommandHandler(AmendGoalCommand)
export class AmendGoalHandler implements ICommandHandler<AmendGoalCommand> {
  constructor(private readonly goals: GoalWorkflow) {}

  execute({ goalId, changes, reason, ctx }: AmendGoalCommand) {
    return this.goals.execute(goalId, { type: 'AmendGoal', data: { changes, reason }, by: ctx.actor }, ctx);
  }
}
