import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GoalWorkflow } from '../goal-workflow.service';
import { RecordAchievementCommand } from './record-achievement.command';

@CommandHandler(RecordAchievementCommand)
export class RecordAchievementHandler implements ICommandHandler<RecordAchievementCommand> {
  constructor(private readonly goals: GoalWorkflow) {}

  execute({ goalId, body, ctx }: RecordAchievementCommand) {
    return this.goals.execute(goalId, { type: 'RecordAchievement', data: { level: body.level, comment: body.comment }, by: ctx.actor }, ctx);
  }
}
