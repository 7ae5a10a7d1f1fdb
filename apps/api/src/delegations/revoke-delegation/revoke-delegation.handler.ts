import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DelegationWorkflow } from '../delegation-workflow.service';
import { RevokeDelegationCommand } from './revoke-delegation.command';

@CommandHandler(RevokeDelegationCommand)
export class RevokeDelegationHandler implements ICommandHandler<RevokeDelegationCommand> {
  constructor(private readonly delegations: DelegationWorkflow) {}

  async execute({ delegationId, ctx }: RevokeDelegationCommand) {
    const department =
      ctx.actor.role === 'admin'
        ? await this.delegations.departmentOf(delegationId)
        : this.delegations.ownDepartment(ctx.actor, 'RevokeDelegation');
    const { revision } = await this.delegations.execute(
      {
        type: 'RevokeDelegation',
        by: ctx.actor,
        data: { delegationId, departmentId: department.departmentId, department: department.name },
      },
      ctx,
    );
    return {
      delegationId,
      department: department.name,
      departmentId: department.departmentId,
      revision: Number(revision),
    };
  }
}
