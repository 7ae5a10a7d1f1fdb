import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { GoalStatus } from '@goals/domain';
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
    const loaded = await Promise.all(current.map((id) => this.goals.load(id).then(({ goal }) => goal)));
    const fixed = loaded.filter((g) => SETTLED.includes(g.status)).map((g) => g.goalId);
    return { sheetId, revision: await this.sheets.renumber(sheetId, goalIds, fixed, ctx) };
  }
}
