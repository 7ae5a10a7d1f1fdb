import { CommandContext } from '../../shared/command-context';

export class RenumberGoalsCommand {
  constructor(
    readonly sheetId: string,
    readonly goalIds: string[],
    readonly ctx: CommandContext,
  ) {}
}
