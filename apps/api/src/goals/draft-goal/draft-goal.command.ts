import { Command } from '@nestjs/cqrs';
import { GoalContent } from '@goals/domain';
import { CommandContext } from '../../shared/command-context';

export interface DraftedGoal {
  goalId: string;
  revision: bigint;
  /** 番号 on the sheet. */
  number: number;
}

export class DraftGoalCommand extends Command<DraftedGoal> {
  constructor(
    readonly sheetId: string,
    readonly content: GoalContent,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}
