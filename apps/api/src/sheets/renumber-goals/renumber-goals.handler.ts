import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { foldGoal, GOAL_EVENTS, goalStreamId, GoalStatus } from '@goals/domain';
import { OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { EventStreams } from '../../shared/event-streams';
import { SheetWorkflow } from '../sheet-workflow.service';
import { RenumberGoalsCommand } from './renumber-goals.command';

/** 番号 is stable once a goal is approved: those goals must keep their place. */
const SETTLED: readonly GoalStatus[] = ['approved', 'achievementRecorded', 'confirmed'];

@CommandHandler(RenumberGoalsCommand)
export class RenumberGoalsHandler implements ICommandHandler<RenumberGoalsCommand> {
  constructor(
    private readonly sheets: SheetWorkflow,
    private readonly streams: EventStreams,
    private readonly organisation: OrganisationDirectory,
  ) {}

  async execute({ sheetId, goalIds, ctx }: RenumberGoalsCommand) {
    const { state } = await this.sheets.load(sheetId);
    const current = state.status === 'open' ? state.order : [];
    // The goals' states, folded by the domain here: the sheet reads goals, it does not run them.
    // A 番号 whose draft was never written (a crash between the two appends) has no events: status none.
    const names = await this.organisation.legacyNames();
    const goals = await Promise.all(
      current.map(async (id) =>
        foldGoal(GOAL_EVENTS.read((await this.streams.load(goalStreamId(id))).events, { names })),
      ),
    );
    const fixed = goals.flatMap((g) => (g.status !== 'none' && SETTLED.includes(g.status) ? [g.goalId] : []));
    return { sheetId, revision: await this.sheets.renumber(sheetId, goalIds, fixed, ctx) };
  }
}
