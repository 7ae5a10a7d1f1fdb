import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  decideGoal,
  ExistingGoal,
  foldGoal,
  GoalCommand,
  GoalContent,
  GoalEvent,
  GOAL_EVENT_TYPES,
  goalStreamId,
  NotFound,
} from '@goals/domain';
import { APP_CONFIG, AppConfig } from '@goals/infrastructure';
import { SheetWorkflow } from '../sheets/sheet-workflow.service';
import { CommandContext } from '../shared/command-context';
import { derivedUuid } from '../shared/event-envelope';
import { EventStreams, LoadedStream } from '../shared/event-streams';

export type GoalTransition = Exclude<GoalCommand, { type: 'DraftGoal' }>;

export function goalEvents(stream: LoadedStream): GoalEvent[] {
  return stream.events.filter((e) => (GOAL_EVENT_TYPES as readonly string[]).includes(e.type)) as unknown as GoalEvent[];
}

/** Runs goal commands: read the goal's stream, fold, decide, append at the revision it was decided on. */
@Injectable()
export class GoalWorkflow {
  constructor(
    private readonly streams: EventStreams,
    private readonly sheets: SheetWorkflow,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async load(goalId: string): Promise<{ stream: LoadedStream; goal: ExistingGoal }> {
    const stream = await this.streams.load(goalStreamId(goalId));
    const goal = foldGoal(goalEvents(stream));
    if (goal.status === 'none') throw new NotFound('goal', goalId);
    return { stream, goal };
  }

  async draft(sheetId: string, content: GoalContent, ctx: CommandContext): Promise<{ goalId: string; revision: bigint; number: number }> {
    const { state: sheet } = await this.sheets.load(sheetId);
    if (sheet.status !== 'open') throw new NotFound('sheet', sheetId);
    const goalId = ctx.idempotencyKey ? derivedUuid('goal', ctx.actor.userId, ctx.idempotencyKey) : randomUUID();
    const stream = await this.streams.load(goalStreamId(goalId));
    let revision = this.streams.replayed(stream, ctx)?.revision;
    if (revision === undefined) {
      const { department, fiscalYear } = sheet.header;
      const events = decideGoal(
        { type: 'DraftGoal', data: { goalId, sheet: { sheetId, department, fiscalYear }, content }, by: ctx.actor },
        foldGoal(goalEvents(stream)),
        this.config.directory,
      );
      revision = (await this.streams.append(stream, events, ctx)).revision!;
    }
    // Registered after the draft is stored: a crash in between leaves a draft without 番号, which
    // a retry with the same Idempotency-Key completes, rather than a 番号 without a goal.
    const number = await this.sheets.register(sheetId, goalId, ctx);
    return { goalId, revision, number };
  }

  async execute(goalId: string, command: GoalTransition, ctx: CommandContext): Promise<{ revision: bigint }> {
    const { stream, goal } = await this.load(goalId);
    const replay = this.streams.replayed(stream, ctx);
    if (replay) return { revision: replay.revision! };
    this.streams.assertExpected(stream, ctx);
    const events = decideGoal(command, goal, this.config.directory);
    return { revision: (await this.streams.append(stream, events, ctx)).revision! };
  }
}
