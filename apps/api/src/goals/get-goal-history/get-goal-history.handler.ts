import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { goalHistory, importedStepOf } from '@goals/domain';
import { OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { assertMayReadGoal } from '../../shared/read-access';
import { GoalWorkflow } from '../goal-workflow.service';
import { GetGoalHistoryQuery } from './get-goal-history.query';

@QueryHandler(GetGoalHistoryQuery)
export class GetGoalHistoryHandler implements IQueryHandler<GetGoalHistoryQuery> {
  constructor(
    private readonly goals: GoalWorkflow,
    private readonly organisation: OrganisationDirectory,
  ) {}

  async execute({ goalId, actor, page }: GetGoalHistoryQuery) {
    const { events, goal } = await this.goals.history(goalId);
    const naming = await this.organisation.naming();
    const departmentName = naming.department(goal.departmentId, goal.fiscalYear);
    assertMayReadGoal(actor, await this.organisation.goalOwnership(goal), departmentName);
    // Changes are diffs between consecutive states, so the whole stream is folded; only the page is sent.
    // Events written before ids are read through the organisation, and every change of 共通/課名 is
    // shown with the names of the goal's year, whatever the event's age.
    const steps = goalHistory(events, { names: await this.organisation.legacyNames() });
    const named = (field: string, value: unknown) =>
      field === 'sections' && Array.isArray(value) ? naming.sections(value as string[], goal.fiscalYear) : value;
    return {
      goalId,
      total: steps.length,
      offset: page.offset,
      limit: page.limit,
      events: steps.slice(page.offset, page.offset + page.limit).map(({ event, changes }) => ({
        streamId: event.streamId,
        revision: Number(event.revision),
        position: event.position.toString(),
        type: event.type,
        actor: event.metadata.actor,
        // 代決: the head on whose behalf the actor decided, or null.
        onBehalfOf: typeof event.metadata.onBehalfOf === 'string' ? event.metadata.onBehalfOf : null,
        // 取込み: taken from a file (name, SHA-256, line), the actor being who imported it; null for a person's step.
        imported: importedStepOf(event.metadata) ?? null,
        occurredAt: event.metadata.occurredAt,
        reason: event.metadata.reason ?? null,
        correlationId: event.metadata.correlationId,
        changes: changes.map((c) => ({ ...c, before: named(c.field, c.before), after: named(c.field, c.after) })),
      })),
    };
  }
}
