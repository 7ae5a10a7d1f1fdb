import { Command } from '@nestjs/cqrs';
import { CommandContext } from '../../shared/command-context';
import { GrantDelegationRequest } from './grant-delegation.request.dto';

export class GrantDelegationCommand extends Command<{
  delegationId: string;
  department: string;
  departmentId: string;
  revision: number;
}> {
  constructor(
    readonly body: GrantDelegationRequest,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}
