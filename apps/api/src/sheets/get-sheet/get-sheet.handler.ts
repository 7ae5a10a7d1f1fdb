import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { fiscalYearLabel, foldGoal, foldSheet, formatWareki, mayReadDepartment, NotAllowed, NotFound } from '@goals/domain';
import { RecordedEvent } from '@goals/event-store';
import { goalView } from '../../goals/get-goal/goal.view';
import { goalEvents, GoalWorkflow } from '../../goals/goal-workflow.service';
import { sheetEvents, SheetWorkflow } from '../sheet-workflow.service';
import { GetSheetQuery } from './get-sheet.query';

/**
 * The sheet folded from its events, header and rows in 番号 order. Folding the raw events (not a
 * read model) is what makes `asOf` trustworthy for an auditor.
 */
@QueryHandler(GetSheetQuery)
export class GetSheetHandler implements IQueryHandler<GetSheetQuery> {
  constructor(
    private readonly sheets: SheetWorkflow,
    private readonly goals: GoalWorkflow,
  ) {}

  async execute({ sheetId, actor, asOf, atPosition }: GetSheetQuery) {
    const asOfMs = asOf === undefined ? undefined : Date.parse(asOf);
    const upTo = <T extends RecordedEvent>(events: T[]) =>
      events.filter(
        (e) =>
          (atPosition === undefined || e.position <= atPosition) &&
          (asOfMs === undefined || Date.parse(e.recordedAt) <= asOfMs),
      );
    const { stream } = await this.sheets.load(sheetId);
    const sheet = foldSheet(sheetEvents({ ...stream, events: upTo(stream.events) }));
    if (sheet.status === 'none') throw new NotFound('sheet', `${sheetId} at that time`);
    const { header } = sheet;
    if (!mayReadDepartment(actor, header.department))
      throw new NotAllowed('own-department', `${actor.userId} may not read sheets of ${header.department}`);
    const rows = await Promise.all(
      sheet.order.map(async (goalId, i) => {
        const { stream: goalStream } = await this.goals.load(goalId);
        const events = upTo(goalStream.events);
        const goal = foldGoal(goalEvents({ ...goalStream, events }));
        return goal.status === 'none' ? undefined : goalView(goal, i + 1, events.at(-1)?.revision);
      }),
    );
    return {
      ...header,
      fiscalYearLabel: fiscalYearLabel(header.fiscalYear),
      createdOnWareki: formatWareki(header.createdOn),
      revision: Number(stream.revision),
      asOf: asOf ?? null,
      atPosition: atPosition?.toString() ?? null,
      rows: rows.filter((r) => r !== undefined),
    };
  }
}
