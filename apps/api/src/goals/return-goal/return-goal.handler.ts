import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GoalWorkflow } from '../goal-workflow.service';
import { ReturnGoalCommand } from './return-goal.command';

@CommandHandler(ReturnGoalCommand)
export class ReturnGoalHandler implements ICommandHandler<ReturnGoalCommand> {
  constructor(private readonly goals: GoalWorkflow) {}

  execute({ goalId, body, ctx }: ReturnGoalCommand) {
    return this.goals.execute(goalId, { type: 'ReturnGoal', data: { reason: body.reason }, by: ctx.actor }, ctx);
  }
}
