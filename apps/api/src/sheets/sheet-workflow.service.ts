import { Inject, Injectable } from '@nestjs/common';
import {
  decideSheet,
  evolveSheet,
  foldGoal,
  foldSheet,
  GOAL_EVENTS,
  LegacyNames,
  NotFound,
  OrganisationState,
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
import { CLOSED_YEAR, ClosedYear } from './closed-year.port';

/** Registration retries a few times: 番号 is assigned by us, so a lost race is simply retried. */
const REGISTER_ATTEMPTS = 10;

/**
 * One sheet per department and fiscal year, so its id is derived from both and opening it twice
 * collides. Sheets opened since departments have ids derive it from the department's id, which no
 * rename changes. Sheets opened before (by the release of 2026-11-24 and the months after it) derived
 * it from the department's NAME, and stored ids never change; so a sheet of (department, year) is
 * looked up under the id-derived id first, then under each name the department has ever had (the
 * name it was opened under is one of them, whatever renames came later). Only the id-derived id is
 * ever given to a new sheet, so two departments that once shared a name cannot take each other's.
 */
export function sheetIdOf(departmentId: string, fiscalYear: number): string {
  return derivedUuid('sheet', departmentId, String(fiscalYear));
}

/** Where the department's sheet of that year may be stored: today's id first, then the name-derived ones. */
export function sheetIdsOf(organisation: OrganisationState, departmentId: string, fiscalYear: number): string[] {
  const names = organisation.departments.get(departmentId)?.names.map((n) => n.name) ?? [];
  return [
    sheetIdOf(departmentId, fiscalYear),
    ...[...new Set(names)].map((name) => derivedUuid('sheet', name, String(fiscalYear))),
  ];
}

export function sheetEvents(stream: LoadedStream, names: LegacyNames): SheetEvent[] {
  return SHEET_EVENTS.read(stream.events, { names });
}

@Injectable()
export class SheetWorkflow {
  constructor(
    private readonly streams: EventStreams,
    private readonly organisation: OrganisationDirectory,
    @Inject(CLOSED_YEAR) private readonly year: ClosedYear,
  ) {}

  /** The sheet's department as named in its fiscal year (a sheet that does not exist is refused by the decider). */
  private async departmentOf(state: SheetState) {
    if (state.status !== 'open') return undefined;
    return this.organisation.departmentIn(state.header.departmentId, state.header.fiscalYear);
  }

  async load(sheetId: string): Promise<{ stream: LoadedStream; state: SheetState }> {
    const stream = await this.streams.load(sheetStreamId(sheetId));
    return { stream, state: this.opened(sheetId, stream, await this.organisation.legacyNames()) };
  }

  /** The stream of the department's sheet of that year: the one stored, or the empty one a new sheet gets. */
  async streamOf(departmentId: string, fiscalYear: number): Promise<{ sheetId: string; stream: LoadedStream }> {
    const candidates = sheetIdsOf(await this.organisation.current(), departmentId, fiscalYear);
    for (const sheetId of candidates) {
      const stream = await this.streams.load(sheetStreamId(sheetId));
      if (stream.events.length > 0) return { sheetId, stream };
    }
    return { sheetId: candidates[0], stream: await this.streams.load(sheetStreamId(candidates[0])) };
  }

  /** Gives a newly drafted goal the next 番号 on its sheet. */
  async register(sheetId: string, goalId: string, ctx: CommandContext): Promise<number> {
    const names = await this.organisation.legacyNames();
    for (let attempt = 1; ; attempt++) {
      try {
        // The request's If-Match is the goal's revision, not the sheet's: 番号 is ours to give.
        const { state, events } = await this.streams.decide(
          sheetStreamId(sheetId),
          {
            fold: (stream) => this.opened(sheetId, stream, names),
            decide: async (state) =>
              decideSheet({ type: 'RegisterGoal', data: { goalId } }, state, await this.departmentOf(state)),
          },
          ctx,
          { ifMatch: false },
        );
        const after = (events as SheetEvent[]).reduce(evolveSheet, state);
        return after.status === 'open' ? after.order.indexOf(goalId) + 1 : 0;
      } catch (e) {
        // Registration retries a lost race: 番号 is assigned by us.
        if (!(e instanceof WrongExpectedVersion) || attempt >= REGISTER_ATTEMPTS) throw e;
      }
    }
  }

  private opened(sheetId: string, stream: LoadedStream, names: LegacyNames): SheetState {
    const state = foldSheet(sheetEvents(stream, names));
    if (state.status === 'none') throw new NotFound('sheet', sheetId);
    return state;
  }

  /**
   * Goals the sheet registered that nobody sees any more: a draft never written (a crash between the
   * two appends, see GoalWorkflow.draft) or a draft deleted. Nobody lists them, so renumbering moves
   * them last; their 番号 is never handed out again.
   */
  private async unusedNumbers(state: SheetState, listed: string[], names: LegacyNames): Promise<string[]> {
    if (state.status !== 'open') return [];
    const unlisted = state.order.filter((g) => !listed.includes(g));
    const reads = await Promise.all(unlisted.map((g) => this.streams.load(goalStreamId(g))));
    return unlisted.filter(
      (_, i) =>
        reads[i].events.length === 0 || foldGoal(GOAL_EVENTS.read(reads[i].events, { names })).status === 'deleted',
    );
  }

  async renumber(sheetId: string, goalIds: string[], fixed: string[], ctx: CommandContext): Promise<bigint> {
    const names = await this.organisation.legacyNames();
    const { revision } = await this.streams.decide(
      sheetStreamId(sheetId),
      {
        fold: (stream) => this.opened(sheetId, stream, names),
        decide: async (state) => {
          if (state.status === 'open') await this.year.assertOpen(state.header);
          const order = [...goalIds, ...(await this.unusedNumbers(state, goalIds, names))];
          const command = { type: 'RenumberGoals' as const, data: { goalIds: order, fixed }, by: ctx.actor };
          return decideSheet(command, state, await this.departmentOf(state));
        },
      },
      ctx,
    );
    return revision!;
  }
}
