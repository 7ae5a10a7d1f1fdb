import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { isCivilDate } from '@goals/domain';
import { ACTOR_RESOLVER, ActorResolver } from '../../auth/actor-resolver';
import { idFor } from '../../shared/event-envelope';
import { DelegationWorkflow } from '../delegation-workflow.service';
import { GrantDelegationCommand } from './grant-delegation.command';

@CommandHandler(GrantDelegationCommand)
export class GrantDelegationHandler implements ICommandHandler<GrantDelegationCommand> {
  constructor(
    private readonly delegations: DelegationWorkflow,
    @Inject(ACTOR_RESOLVER) private readonly actors: ActorResolver,
  ) {}

  async execute({ body, ctx }: GrantDelegationCommand) {
    const department = await this.delegations.departmentFor(ctx.actor, 'GrantDelegation', body.department);
    // An administrator enters it for the head who holds the post on the first day.
    const delegatedBy =
      ctx.actor.role === 'admin' ? await this.delegations.headOn(department.departmentId, body.from) : ctx.actor.userId;
    const delegationId = idFor(ctx, 'delegation');
    // The delegate as they will hold their posts on the first day: someone leaving before it is unknown then.
    const today = this.delegations.today();
    const on =
      isCivilDate(body.from) && body.from > today ? new Date(`${body.from}T00:00:00+09:00`) : this.delegations.now();
    const delegateActor = await this.actors.resolve(body.delegate, on);
    const { revision } = await this.delegations.execute(
      {
        type: 'GrantDelegation',
        by: ctx.actor,
        data: {
          delegationId,
          departmentId: department.departmentId,
          department: department.name,
          delegate: body.delegate,
          delegateActor,
          delegatedBy,
          from: body.from,
          until: body.until,
          reason: body.reason,
          decisions: body.decisions,
        },
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
