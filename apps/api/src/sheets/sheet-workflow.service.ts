import { Injectable } from '@nestjs/common';
import {
  decideSheet,
  evolveSheet,
  foldSheet,
  NotFound,
  SheetEvent,
  SheetState,
  goalStreamId,
  sheetStreamId,
  SHEET_EVENTS,
} from '@goals/domain';
import { WrongExpectedVersion } from '@goals/event-store';
import { CommandContext } from '../shared/command-context';
import { derivedUuid } from '../shared/event-envelope';
import { EventStreams, LoadedStream } from '../shared/event-streams';
import { OrganisationDirectory } from '../organisation/organisation-directory.service';

/** Registration retries a few times: 番号 is assigned by us, so a lost race is simply retried. */
const REGISTER_ATTEMPTS = 10;

export function sheetIdOf(department: string, fiscalYear: number): string {
  // One sheet per department and fiscal year: the id is derived, so opening it twice collides.
  return derivedUuid('sheet', department, String(fiscalYear));
}

export function sheetEvents(stream: LoadedStream): SheetEvent[] {
  return SHEET_EVENTS.read(stream.events);
}

@Injectable()
export class SheetWorkflow {
  constructor(
    private readonly streams: EventStreams,
    private readonly organisation: OrganisationDirectory,
  ) {}

  /** The directory as it stood in the sheet's fiscal year (a sheet that does not exist is refused by the decider). */
  private directoryOf(state: SheetState) {
    return this.organisation.directoryFor(state.status === 'open' ? state.header.fiscalYear : 0);
  }

  async load(sheetId: string): Promise<{ stream: LoadedStream; state: SheetState }> {
    const stream = await this.streams.load(sheetStreamId(sheetId));
    const state = foldSheet(sheetEvents(stream));
    if (state.status === 'none') throw new NotFound('sheet', sheetId);
    return { stream, state };
  }

  /** Gives a newly drafted goal the next 番号 on its sheet. */
  async register(sheetId: string, goalId: string, ctx: CommandContext): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      const { stream, state } = await this.load(sheetId);
      const events = decideSheet({ type: 'RegisterGoal', data: { goalId } }, state, await this.directoryOf(state));
      try {
        await this.streams.append(stream, events, ctx);
        const after = events.reduce(evolveSheet, state);
        return after.status === 'open' ? after.order.indexOf(goalId) + 1 : 0;
      } catch (e) {
        if (!(e instanceof WrongExpectedVersion) || attempt >= REGISTER_ATTEMPTS) throw e;
      }
    }
  }

  /**
   * Goals the sheet registered whose draft was never written (a crash between the two appends, see
   * GoalWorkflow.draft): nobody can see them, so nobody lists them; renumbering moves them last.
   */
  private async unusedNumbers(state: SheetState, listed: string[]): Promise<string[]> {
    if (state.status !== 'open') return [];
    const unlisted = state.order.filter((g) => !listed.includes(g));
    const reads = await Promise.all(unlisted.map((g) => this.streams.load(goalStreamId(g))));
    return unlisted.filter((_, i) => reads[i].events.length === 0);
  }

  async renumber(sheetId: string, goalIds: string[], fixed: string[], ctx: CommandContext): Promise<bigint> {
    const { stream, state } = await this.load(sheetId);
    const replay = this.streams.replayed(stream, ctx);
    if (replay) return replay.revision!;
    this.streams.assertExpected(stream, ctx);
    const order = [...goalIds, ...(await this.unusedNumbers(state, goalIds))];
    const command = { type: 'RenumberGoals' as const, data: { goalIds: order, fixed }, by: ctx.actor };
    const events = decideSheet(command, state, await this.directoryOf(state));
    return (await this.streams.append(stream, events, ctx)).revision!;
  }
}

