import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideGoal, foldGoal, goalStreamId, NotFound } from '@goals/domain';
import { SheetWorkflow } from '../../sheets/sheet-workflow.service';
import { idFor } from '../../shared/event-envelope';
import { EventStreams } from '../../shared/event-streams';
import { goalEvents } from '../goal-workflow.service';
import { DraftedGoal, DraftGoalCommand } from './draft-goal.command';
import { OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { CLOSED_YEAR, ClosedYear } from '../../sheets/closed-year.port';
import { PlanWorkflow } from '../../plan/plan-workflow.service';

/** A new goal: its own stream, and the next 番号 on its sheet. */
@CommandHandler(DraftGoalCommand)
export class DraftGoalHandler implements ICommandHandler<DraftGoalCommand> {
  constructor(
    private readonly streams: EventStreams,
    private readonly sheets: SheetWorkflow,
    private readonly organisation: OrganisationDirectory,
    @Inject(CLOSED_YEAR) private readonly year: ClosedYear,
    private readonly plan: PlanWorkflow,
  ) {}

  async execute({ sheetId, content, ctx }: DraftGoalCommand): Promise<DraftedGoal> {
    const { state: sheet } = await this.sheets.load(sheetId);
    if (sheet.status !== 'open') throw new NotFound('sheet', sheetId);
    const goalId = idFor(ctx, 'goal');
    const { departmentId, fiscalYear } = sheet.header;
    const names = await this.organisation.legacyNames();
    let number: number | undefined;
    const { revision } = await this.streams.decide(
      goalStreamId(goalId),
      {
        fold: (stream) => foldGoal(goalEvents(stream, names)),
        decide: async (goal) => {
          await this.year.assertOpen(sheet.header);
          // 共通/課名 arrives as the names of the sheet's year and is kept as section ids.
          const sections = await this.organisation.sectionIds(departmentId, fiscalYear, content.sections);
          // Decided first, so a draft the rules refuse takes no 番号.
          const events = decideGoal(
            {
              type: 'DraftGoal',
              data: { goalId, sheet: { sheetId, departmentId, fiscalYear }, content: { ...content, sections } },
              by: ctx.actor,
            },
            goal,
            {
              ...(await this.organisation.goalRules(departmentId, fiscalYear)),
              ...(content.measureId ? await this.plan.measureRules(fiscalYear) : {}),
            },
          );
          // A draft gets its 番号 or nothing is visible: the 番号 is written to the sheet's stream first
          // and the goal after it. A crash in between leaves a 番号 for a goal that does not exist, which
          // nothing shows (the sheet lists only goals that exist) — never a goal without 番号. A retry with
          // the same Idempotency-Key derives the same goal id, finds it registered and writes the goal;
          // without one, the unused 番号 stays a gap in the numbering (renumbering moves it after the goals).
          number = await this.sheets.register(sheetId, goalId, ctx);
          return events;
        },
      },
      ctx,
    );
    // A retry answers the 番号 the sheet gave the first time (registering again is a no-op).
    number ??= await this.sheets.register(sheetId, goalId, ctx);
    return { goalId, revision: revision!, number };
  }
}
