import { GoalContent } from '@goals/domain';
import { CommandContext } from '../../shared/command-context';

export class ReviseGoalCommand {
  constructor(
    readonly goalId: string,
    readonly changes: Partial<GoalContent>,
    readonly ctx: CommandContext,
  ) {}
}
