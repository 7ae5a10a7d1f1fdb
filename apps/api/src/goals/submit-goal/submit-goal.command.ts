import { CommandContext } from '../../shared/command-context';

export class SubmitGoalCommand {
  constructor(
    readonly goalId: string,
    readonly ctx: CommandContext,
  ) {}
}
