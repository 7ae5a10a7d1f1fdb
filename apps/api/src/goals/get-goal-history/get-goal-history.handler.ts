import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  carryOverStreamId,
  COMMON_SECTION,
  goalHistory,
  goalYearSteps,
  importedStepOf,
  midYearReportStreamId,
} from '@goals/domain';
import { RecordedEvent } from '@goals/event-store';
import { EventStreams } from '../../shared/event-streams';
import { CarryOverLinks } from '../../sheets/carry-over-links';
import { OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { assertMayReadGoal } from '../../shared/read-access';
import { GoalWorkflow } from '../goal-workflow.service';
import { GetGoalHistoryQuery } from './get-goal-history.query';

@QueryHandler(GetGoalHistoryQuery)
export class GetGoalHistoryHandler implements IQueryHandler<GetGoalHistoryQuery> {
  constructor(
    private readonly goals: GoalWorkflow,
    private readonly organisation: OrganisationDirectory,
    private readonly streams: EventStreams,
    private readonly carryOver: CarryOverLinks,
  ) {}

  async execute({ goalId, actor, page }: GetGoalHistoryQuery) {
    const { events, goal } = await this.goals.history(goalId);
    const naming = await this.organisation.naming();
    const departmentName = naming.department(goal.departmentId, goal.fiscalYear);
    assertMayReadGoal(actor, await this.organisation.goalOwnership(goal), departmentName);
    // Changes are diffs between consecutive states, so the whole stream is folded; only the page is sent.
    // Events written before ids are read through the organisation, and every change of 共通/課名 is
    // shown with the names of the goal's year, whatever the event's age.
    const own = goalHistory(events, { names: await this.organisation.legacyNames() });
    // The 中間報告 lines about the goal (its sections' report streams) and 次年度への引継ぎ (the sheet's
    // carry-over stream) belong to its history too.
    const sections = goal.content.sections.filter((s) => s !== COMMON_SECTION);
    const year = await Promise.all(
      [...sections.map((s) => midYearReportStreamId(goal.sheetId, s)), carryOverStreamId(goal.sheetId)].map((id) =>
        this.streams.load(id),
      ),
    );
    const carriedTo = (await this.carryOver.ofSheet(goal.sheetId, goal)).get(goalId)?.carriedTo?.citation;
    const steps = [
      ...own,
      ...goalYearSteps(goalId, byPosition(year.flatMap((s) => s.events)), carriedTo ? { carriedTo } : {}),
    ].sort((a, b) => comparePositions(a.event, b.event));
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
        // 中間報告を確認: the 部長's comment on the report.
        ...(typeof event.data.comment === 'string' ? { comment: event.data.comment } : {}),
        correlationId: event.metadata.correlationId,
        changes: changes.map((c) => ({ ...c, before: named(c.field, c.before), after: named(c.field, c.after) })),
      })),
    };
  }
}

function comparePositions(a: RecordedEvent, b: RecordedEvent): number {
  return a.position < b.position ? -1 : a.position > b.position ? 1 : 0;
}

function byPosition(events: RecordedEvent[]): RecordedEvent[] {
  return [...events].sort(comparePositions);
}
