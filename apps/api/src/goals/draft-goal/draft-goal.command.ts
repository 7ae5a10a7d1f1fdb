import { GoalContent } from '@goals/domain';
import { CommandContext } from '../../shared/command-context';

export class DraftGoalCommand {
  constructor(
    readonly sheetId: string,
    readonly content: GoalContent,
    readonly ctx: CommandContext,
  ) {}
}
