import { CommandContext } from '../../shared/command-context';

export class RevokeDelegationCommand {
  constructor(
    readonly delegationId: string,
    readonly ctx: CommandContext,
  ) {}
}
