import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GoalWorkflow } from '../goal-workflow.service';
import { ReviseGoalCommand } from './revise-goal.command';

@CommandHandler(ReviseGoalCommand)
export class ReviseGoalHandler implements ICommandHandler<ReviseGoalCommand> {
  constructor(private readonly goals: GoalWorkflow) {}

  execute({ goalId, changes, ctx }: ReviseGoalCommand) {
    return this.goals.execute(goalId, { type: 'ReviseGoal', data: { changes }, by: ctx.actor }, ctx);
  }
}
