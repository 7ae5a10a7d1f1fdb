import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideGoal, foldGoal, goalStreamId, NotFound } from '@goals/domain';
import { SheetWorkflow } from '../../sheets/sheet-workflow.service';
import { derivedUuid } from '../../shared/event-envelope';
import { EventStreams } from '../../shared/event-streams';
import { goalEvents } from '../goal-workflow.service';
import { DraftedGoal, DraftGoalCommand } from './draft-goal.command';
import { OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { YearGuard } from '../../year/year-guard.service';

/** A new goal: its own stream, and the next 番号 on its sheet. */
@CommandHandler(DraftGoalCommand)
export class DraftGoalHandler implements ICommandHandler<DraftGoalCommand> {
  constructor(
    private readonly streams: EventStreams,
    private readonly sheets: SheetWorkflow,
    private readonly organisation: OrganisationDirectory,
    private readonly year: YearGuard,
  ) {}

  async execute({ sheetId, content, ctx }: DraftGoalCommand): Promise<DraftedGoal> {
    const { state: sheet } = await this.sheets.load(sheetId);
    if (sheet.status !== 'open') throw new NotFound('sheet', sheetId);
    const goalId = ctx.idempotencyKey ? derivedUuid('goal', ctx.actor.userId, ctx.idempotencyKey) : randomUUID();
    const stream = await this.streams.load(goalStreamId(goalId));
    const replayed = this.streams.replayed(stream, ctx)?.revision;
    if (replayed !== undefined)
      return { goalId, revision: replayed, number: await this.sheets.register(sheetId, goalId, ctx) };
    const { departmentId, fiscalYear } = sheet.header;
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
      foldGoal(goalEvents(stream, await this.organisation.legacyNames())),
      await this.organisation.goalRules(departmentId, fiscalYear),
    );
    // A draft gets its 番号 or nothing is visible: the 番号 is written to the sheet's stream first
    // and the goal after it. A crash in between leaves a 番号 for a goal that does not exist, which
    // nothing shows (the sheet lists only goals that exist) — never a goal without 番号. A retry with
    // the same Idempotency-Key derives the same goal id, finds it registered and writes the goal;
    // without one, the unused 番号 stays a gap in the numbering (renumbering moves it after the goals).
    const number = await this.sheets.register(sheetId, goalId, ctx);
    const revision = (await this.streams.append(stream, events, ctx)).revision!;
    return { goalId, revision, number };
  }
}
