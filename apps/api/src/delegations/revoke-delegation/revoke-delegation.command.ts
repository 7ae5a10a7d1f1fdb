import { Command } from '@nestjs/cqrs';
import { CommandContext } from '../../shared/command-context';

export class RevokeDelegationCommand extends Command<{
  delegationId: string;
  department: string;
  departmentId: string;
  revision: number;
}> {
  constructor(
    readonly delegationId: string,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}
