import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GoalStatus, NotFound } from '@goals/domain';
import { GoalWorkflow } from '../../goals/goal-workflow.service';
import { SheetWorkflow } from '../sheet-workflow.service';
import { RenumberGoalsCommand } from './renumber-goals.command';

/** 番号 is stable once a goal is approved: those goals must keep their place. */
const SETTLED: readonly GoalStatus[] = ['approved', 'achievementRecorded', 'confirmed'];

@CommandHandler(RenumberGoalsCommand)
export class RenumberGoalsHandler implements ICommandHandler<RenumberGoalsCommand> {
  constructor(
    private readonly sheets: SheetWorkflow,
    private readonly goals: GoalWorkflow,
  ) {}

  async execute({ sheetId, goalIds, ctx }: RenumberGoalsCommand) {
    const { state } = await this.sheets.load(sheetId);
    const current = state.status === 'open' ? state.order : [];
    // A 番号 whose draft was never written (a crash between the two appends) has no goal to load.
    const loaded = await Promise.all(
      current.map((id) =>
        this.goals.load(id).then(
          ({ goal }) => goal,
          (e: unknown) => {
            if (e instanceof NotFound) return undefined;
            throw e;
          },
        ),
      ),
    );
    const fixed = loaded.filter((g) => g !== undefined && SETTLED.includes(g.status)).map((g) => g!.goalId);
    return { sheetId, revision: await this.sheets.renumber(sheetId, goalIds, fixed, ctx) };
  }
}
