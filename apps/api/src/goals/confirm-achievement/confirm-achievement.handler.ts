import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GoalWorkflow } from '../goal-workflow.service';
import { ConfirmAchievementCommand } from './confirm-achievement.command';

@CommandHandler(ConfirmAchievementCommand)
export class ConfirmAchievementHandler implements ICommandHandler<ConfirmAchievementCommand> {
  constructor(private readonly goals: GoalWorkflow) {}

  execute({ goalId, body, ctx }: ConfirmAchievementCommand) {
    return this.goals.execute(goalId, { type: 'ConfirmAchievement', data: { level: body.level }, by: ctx.actor }, ctx);
  }
}
