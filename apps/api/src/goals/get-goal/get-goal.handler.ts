import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { mayReadDepartment, NotAllowed, numberOf } from '@goals/domain';
import { SheetWorkflow } from '../../sheets/sheet-workflow.service';
import { GoalWorkflow } from '../goal-workflow.service';
import { GetGoalQuery } from './get-goal.query';
import { goalView, GoalView } from './goal.view';

@QueryHandler(GetGoalQuery)
export class GetGoalHandler implements IQueryHandler<GetGoalQuery, GoalView> {
  constructor(
    private readonly goals: GoalWorkflow,
    private readonly sheets: SheetWorkflow,
  ) {}

  async execute({ goalId, actor }: GetGoalQuery): Promise<GoalView> {
    const { stream, goal } = await this.goals.load(goalId);
    if (!mayReadDepartment(actor, goal.department))
      throw new NotAllowed('own-department', `${actor.userId} may not read goals of ${goal.department}`);
    const { state } = await this.sheets.load(goal.sheetId);
    return goalView(goal, numberOf(state, goalId), stream.revision);
  }
}
