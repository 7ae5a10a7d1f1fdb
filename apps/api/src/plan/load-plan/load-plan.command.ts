import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { LoadPlan } from '@goals/domain';
import { CommandContext } from '../../shared/command-context';
import { PlanWorkflow } from '../plan-workflow.service';

/** Load a version of the 総合計画, from a JSON body or a CSV/TSV file alike. */
export class LoadPlanCommand extends Command<{ revision: bigint | undefined; loaded: boolean }> {
  constructor(
    readonly data: LoadPlan['data'],
    readonly ctx: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(LoadPlanCommand)
export class LoadPlanHandler implements ICommandHandler<LoadPlanCommand> {
  constructor(private readonly plan: PlanWorkflow) {}

  execute({ data, ctx }: LoadPlanCommand) {
    return this.plan.load(data, ctx);
  }
}
