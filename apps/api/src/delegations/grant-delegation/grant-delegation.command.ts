import { CommandContext } from '../../shared/command-context';
import { GrantDelegationRequest } from './grant-delegation.request.dto';

export class GrantDelegationCommand {
  constructor(
    readonly body: GrantDelegationRequest,
    readonly ctx: CommandContext,
  ) {}
}
