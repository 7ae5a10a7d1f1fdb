import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GoalWorkflow } from '../goal-workflow.service';
import { DraftGoalCommand } from './draft-goal.command';

@CommandHandler(DraftGoalCommand)
export class DraftGoalHandler implements ICommandHandler<DraftGoalCommand> {
  constructor(private readonly goals: GoalWorkflow) {}

  execute({ sheetId, content, ctx }: DraftGoalCommand) {
    return this.goals.draft(sheetId, content, ctx);
  }
}
