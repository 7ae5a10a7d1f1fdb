import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  decideGoal,
  ExistingGoal,
  foldGoal,
  GoalCommand,
  GoalContent,
  GoalEvent,
  GOAL_EVENTS,
  goalStreamId,
  NotFound,
  reminderStreamId,
} from '@goals/domain';
import { RecordedEvent } from '@goals/event-store';
import { APP_CONFIG, AppConfig } from '@goals/infrastructure';
import { DelegationWorkflow } from '../delegations/delegation-workflow.service';
import { SheetWorkflow } from '../sheets/sheet-workflow.service';
import { CommandContext } from '../shared/command-context';
import { derivedUuid } from '../shared/event-envelope';
import { EventStreams, LoadedStream } from '../shared/event-streams';

export type GoalTransition = Exclude<GoalCommand, { type: 'DraftGoal' }>;

export function goalEvents(stream: LoadedStream): GoalEvent[] {
  return GOAL_EVENTS.read(stream.events);
}

/** Runs goal commands: read the goal's stream, fold, decide, append at the revision it was decided on. */
@Injectable()
export class GoalWorkflow {
  constructor(
    private readonly streams: EventStreams,
    private readonly sheets: SheetWorkflow,
    private readonly delegations: DelegationWorkflow,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async load(goalId: string): Promise<{ stream: LoadedStream; goal: ExistingGoal }> {
    const stream = await this.streams.load(goalStreamId(goalId));
    const goal = foldGoal(goalEvents(stream));
    if (goal.status === 'none') throw new NotFound('goal', goalId);
    return { stream, goal };
  }

  /**
   * The goal's events with the reminders sent about it, in the order they happened: reminders live
   * in a stream of their own (so they never make a person's edit stale) but belong to the history.
   */
  async history(goalId: string): Promise<{ goal: ExistingGoal; events: RecordedEvent[] }> {
    const [{ stream, goal }, reminders] = await Promise.all([
      this.load(goalId),
      this.streams.load(reminderStreamId(goalId)),
    ]);
    const events = [...stream.events, ...reminders.events].sort((a, b) =>
      a.position < b.position ? -1 : a.position > b.position ? 1 : 0,
    );
    return { goal, events };
  }

  async draft(sheetId: string, content: GoalContent, ctx: CommandContext): Promise<{ goalId: string; revision: bigint; number: number }> {
    const { state: sheet } = await this.sheets.load(sheetId);
    if (sheet.status !== 'open') throw new NotFound('sheet', sheetId);
    const goalId = ctx.idempotencyKey ? derivedUuid('goal', ctx.actor.userId, ctx.idempotencyKey) : randomUUID();
    const stream = await this.streams.load(goalStreamId(goalId));
    const replayed = this.streams.replayed(stream, ctx)?.revision;
    if (replayed !== undefined)
      return { goalId, revision: replayed, number: await this.sheets.register(sheetId, goalId, ctx) };
    const { department, fiscalYear } = sheet.header;
    // Decided first, so a draft the rules refuse takes no 番号.
    const events = decideGoal(
      { type: 'DraftGoal', data: { goalId, sheet: { sheetId, department, fiscalYear }, content }, by: ctx.actor },
      foldGoal(goalEvents(stream)),
      this.config.directory,
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

  async execute(goalId: string, command: GoalTransition, ctx: CommandContext): Promise<{ revision: bigint }> {
    const { stream, goal } = await this.load(goalId);
    const replay = this.streams.replayed(stream, ctx);
    if (replay) return { revision: replay.revision! };
    this.streams.assertExpected(stream, ctx);
    // 代決: a delegate decides as themselves, acting for the head; the events say both (metadata onBehalfOf).
    const actingFor = await this.delegations.actingFor(command.by, command.type, goal.department);
    const events = decideGoal({ ...command, actingFor }, goal, this.config.directory);
    return { revision: (await this.streams.append(stream, events, actingFor ? { ...ctx, actingFor } : ctx)).revision! };
  }
}
