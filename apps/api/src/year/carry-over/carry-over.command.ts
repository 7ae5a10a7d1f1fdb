import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../shared/command-context';
import { CarriedGoal, CarryOverWorkflow } from './carry-over-workflow.service';

/** 「次年度へ引き継ぐ」 into `sheetId`, next year's sheet. */
export class CarryOverGoalsCommand extends Command<{ sheetId: string; revision: bigint; carried: CarriedGoal[] }> {
  constructor(
    readonly sheetId: string,
    readonly goals: { goalId: string; sections?: string[] }[],
    readonly ctx: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(CarryOverGoalsCommand)
export class CarryOverGoalsHandler implements ICommandHandler<CarryOverGoalsCommand> {
  constructor(private readonly carryOver: CarryOverWorkflow) {}

  execute({ sheetId, goals, ctx }: CarryOverGoalsCommand) {
    return this.carryOver.carry(sheetId, goals, ctx);
  }
}

/** 継続 on a goal, or taken away. */
export class MarkContinuingCommand extends Command<{ revision: bigint }> {
  constructor(
    readonly goalId: string,
    readonly continuing: boolean,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(MarkContinuingCommand)
export class MarkContinuingHandler implements ICommandHandler<MarkContinuingCommand> {
  constructor(private readonly carryOver: CarryOverWorkflow) {}

  execute({ goalId, continuing, ctx }: MarkContinuingCommand) {
    return this.carryOver.markContinuing(goalId, continuing, ctx);
  }
}
