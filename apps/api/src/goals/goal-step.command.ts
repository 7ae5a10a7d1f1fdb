import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../shared/command-context';
import { GoalTransition, GoalWorkflow } from './goal-workflow.service';

type WithoutActor<C> = C extends unknown ? Omit<C, 'by'> : never;

/** A step on an existing goal (submit, approve, amend, …) as a domain command; who gives it comes from the request. */
export type GoalStep = WithoutActor<GoalTransition>;

/**
 * Every step on an existing goal is the same write — load, decide, append at the revision decided on — so
 * one command and one handler serve them all: a new step needs a domain command and a controller, no
 * command class or handler of its own. Drafting (a new stream and a 番号) has its own.
 */
export class GoalStepCommand extends Command<{ revision: bigint }> {
  constructor(
    readonly goalId: string,
    readonly step: GoalStep,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(GoalStepCommand)
export class GoalStepHandler implements ICommandHandler<GoalStepCommand> {
  constructor(private readonly goals: GoalWorkflow) {}

  execute({ goalId, step, ctx }: GoalStepCommand): Promise<{ revision: bigint }> {
    const command: GoalTransition = { ...step, by: ctx.actor };
    return this.goals.execute(goalId, command, ctx);
  }
}
