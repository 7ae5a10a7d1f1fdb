import { Inject, Injectable } from '@nestjs/common';
import {
  decideGoal,
  ExistingGoal,
  fiscalYearOfDate,
  foldGoal,
  GoalCommand,
  GoalContent,
  GoalEvent,
  GOAL_EVENTS,
  goalStreamId,
  LegacyNames,
  NotFound,
  proposersOf,
  reminderStreamId,
  tokyoDay,
} from '@goals/domain';
import { RecordedEvent } from '@goals/event-store';
import { DelegationWorkflow } from '../delegations/delegation-workflow.service';
import { CommandContext } from '../shared/command-context';
import { EventStreams, LoadedStream } from '../shared/event-streams';
import { OrganisationDirectory } from '../organisation/organisation-directory.service';
import { CLOSED_YEAR, ClosedYear } from '../sheets/closed-year.port';
import { PlanWorkflow } from '../plan/plan-workflow.service';

export type GoalTransition = Exclude<GoalCommand, { type: 'DraftGoal' }>;

/** A goal's events in today's shape; those written before ids are read through the organisation. */
export function goalEvents(stream: LoadedStream, names: LegacyNames): GoalEvent[] {
  return GOAL_EVENTS.read(stream.events, { names });
}

/** Runs goal commands: read the goal's stream, fold, decide, append at the revision it was decided on. */
@Injectable()
export class GoalWorkflow {
  constructor(
    private readonly streams: EventStreams,
    private readonly organisation: OrganisationDirectory,
    private readonly delegations: DelegationWorkflow,
    @Inject(CLOSED_YEAR) private readonly year: ClosedYear,
    private readonly plan: PlanWorkflow,
  ) {}

  async load(goalId: string): Promise<{ stream: LoadedStream; goal: ExistingGoal }> {
    const stream = await this.streams.load(goalStreamId(goalId));
    return { stream, goal: existing(goalId, foldGoal(goalEvents(stream, await this.organisation.legacyNames()))) };
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

  /**
   * 共通/課名 as people write it: the names of the goal's fiscal year, kept as section ids (a name the
   * department did not have that year is refused with 400).
   */
  async sectionsOf<C extends Partial<GoalContent>>(
    goal: Pick<ExistingGoal, 'departmentId' | 'fiscalYear'>,
    content: C,
  ) {
    if (content.sections === undefined) return content;
    const sections = await this.organisation.sectionIds(goal.departmentId, goal.fiscalYear, content.sections);
    return { ...content, sections };
  }

  async execute(goalId: string, command: GoalTransition, ctx: CommandContext): Promise<{ revision: bigint }> {
    const names = await this.organisation.legacyNames();
    const { revision } = await this.streams.decide(
      goalStreamId(goalId),
      {
        fold: (stream) => existing(goalId, foldGoal(goalEvents(stream, names))),
        decide: async (goal, stream) => {
          await this.year.assertOpen(goal);
          const decided =
            command.type === 'ReviseGoal' || command.type === 'AmendGoal'
              ? { ...command, data: { ...command.data, changes: await this.sectionsOf(goal, command.data.changes) } }
              : command;
          // 代決: a delegate decides as themselves, acting for the head; the events say both (metadata onBehalfOf).
          // Delegations are kept by the department's id; its name of today is what the decision shows.
          const today = tokyoDay(this.delegations.now());
          const departmentToday = (await this.organisation.naming()).department(
            goal.departmentId,
            fiscalYearOfDate(today),
          );
          const actingFor = await this.delegations.actingFor(command.by, command.type, {
            departmentId: goal.departmentId,
            name: departmentToday,
          });
          // The 総合計画 is read only for a change naming a 施策: the other steps never look at it.
          const namesMeasure =
            (decided.type === 'ReviseGoal' || decided.type === 'AmendGoal') &&
            decided.data.changes.measureId !== undefined;
          const rules = {
            ...(await this.organisation.goalRules(goal.departmentId, goal.fiscalYear, today)),
            ...(namesMeasure ? await this.plan.measureRules(goal.fiscalYear) : {}),
          };
          // 決裁: who proposed what is decided, from the goal's recorded events, never its decider.
          const proposedBy = proposersOf(stream.events, command.type);
          return {
            events: decideGoal({ ...decided, actingFor, proposedBy } as GoalTransition, goal, rules),
            actingFor,
          };
        },
      },
      ctx,
    );
    return { revision: revision! };
  }
}

function existing(goalId: string, goal: ReturnType<typeof foldGoal>): ExistingGoal {
  if (goal.status === 'none') throw new NotFound('goal', goalId);
  return goal;
}
