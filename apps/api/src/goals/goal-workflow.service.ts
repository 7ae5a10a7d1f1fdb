import { Injectable } from '@nestjs/common';
import {
  decideGoal,
  ExistingGoal,
  foldGoal,
  GoalCommand,
  GoalEvent,
  GOAL_EVENTS,
  goalStreamId,
  NotFound,
  reminderStreamId,
} from '@goals/domain';
import { RecordedEvent } from '@goals/event-store';
import { DelegationWorkflow } from '../delegations/delegation-workflow.service';
import { CommandContext } from '../shared/command-context';
import { EventStreams, LoadedStream } from '../shared/event-streams';
import { OrganisationDirectory } from '../organisation/organisation-directory.service';

export type GoalTransition = Exclude<GoalCommand, { type: 'DraftGoal' }>;

export function goalEvents(stream: LoadedStream): GoalEvent[] {
  return GOAL_EVENTS.read(stream.events);
}

/** Runs goal commands: read the goal's stream, fold, decide, append at the revision it was decided on. */
@Injectable()
export class GoalWorkflow {
  constructor(
    private readonly streams: EventStreams,
    private readonly organisation: OrganisationDirectory,
    private readonly delegations: DelegationWorkflow,
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

  async execute(goalId: string, command: GoalTransition, ctx: CommandContext): Promise<{ revision: bigint }> {
    const { stream, goal } = await this.load(goalId);
    const replay = this.streams.replayed(stream, ctx);
    if (replay) return { revision: replay.revision! };
    this.streams.assertExpected(stream, ctx);
    // 代決: a delegate decides as themselves, acting for the head; the events say both (metadata onBehalfOf).
    const actingFor = await this.delegations.actingFor(command.by, command.type, goal.department);
    const events = decideGoal({ ...command, actingFor }, goal, await this.organisation.directoryFor(goal.fiscalYear));
    return { revision: (await this.streams.append(stream, events, actingFor ? { ...ctx, actingFor } : ctx)).revision! };
  }
}
