import { GoalContent } from '@goals/domain';
import { CommandContext } from '../../shared/command-context';

export class AmendGoalCommand {
  constructor(
    readonly goalId: string,
    readonly changes: Partial<GoalContent>,
    readonly reason: string,
    readonly ctx: CommandContext,
  ) {}
}
