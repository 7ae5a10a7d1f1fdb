import { CommandContext } from '../../shared/command-context';

export class WithdrawGoalCommand {
  constructor(
    readonly goalId: string,
    readonly ctx: CommandContext,
  ) {}
}
