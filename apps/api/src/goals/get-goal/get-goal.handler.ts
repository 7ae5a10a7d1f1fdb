import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { numberOf } from '@goals/domain';
import { OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { assertMayReadGoal } from '../../shared/read-access';
import { SheetWorkflow } from '../../sheets/sheet-workflow.service';
import { PlanWorkflow } from '../../plan/plan-workflow.service';
import { CarryOverLinks } from '../../sheets/carry-over-links';
import { GoalWorkflow } from '../goal-workflow.service';
import { GetGoalQuery } from './get-goal.query';
import { goalView, GoalView } from './goal.view';

@QueryHandler(GetGoalQuery)
export class GetGoalHandler implements IQueryHandler<GetGoalQuery, GoalView> {
  constructor(
    private readonly goals: GoalWorkflow,
    private readonly sheets: SheetWorkflow,
    private readonly organisation: OrganisationDirectory,
    private readonly plan: PlanWorkflow,
    private readonly carryOver: CarryOverLinks,
  ) {}

  async execute({ goalId, actor }: GetGoalQuery): Promise<GoalView> {
    const { stream, goal } = await this.goals.load(goalId);
    const naming = await this.organisation.naming();
    const departmentName = naming.department(goal.departmentId, goal.fiscalYear);
    assertMayReadGoal(actor, await this.organisation.goalOwnership(goal), departmentName);
    const { state } = await this.sheets.load(goal.sheetId);
    const plan = goal.content.measureId ? await this.plan.forYear(goal.fiscalYear) : undefined;
    const links = (await this.carryOver.ofSheet(goal.sheetId, goal)).get(goalId) ?? {};
    return goalView(goal, numberOf(state, goalId), stream.revision, naming, { plan, links });
  }
}
