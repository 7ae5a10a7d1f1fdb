import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GoalWorkflow } from '../goal-workflow.service';
import { SubmitGoalCommand } from './submit-goal.command';

@CommandHandler(SubmitGoalCommand)
export class SubmitGoalHandler implements ICommandHandler<SubmitGoalCommand> {
  constructor(private readonly goals: GoalWorkflow) {}

  execute({ goalId, ctx }: SubmitGoalCommand) {
    return this.goals.execute(goalId, { type: 'SubmitGoal', data: {}, by: ctx.actor }, ctx);
  }
}
