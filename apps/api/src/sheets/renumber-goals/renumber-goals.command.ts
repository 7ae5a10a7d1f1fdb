import { Command } from '@nestjs/cqrs';
import { CommandContext } from '../../shared/command-context';

export class RenumberGoalsCommand extends Command<{ sheetId: string; revision: bigint }> {
  constructor(
    readonly sheetId: string,
    readonly goalIds: string[],
    readonly ctx: CommandContext,
  ) {
    super();
  }
}
