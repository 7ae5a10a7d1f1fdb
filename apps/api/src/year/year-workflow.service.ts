import { Inject, Injectable } from '@nestjs/common';
import {
  assertYearOpen,
  decideYear,
  foldGoal,
  foldYear,
  goalStreamId,
  tokyoDay,
  YEAR_EVENTS,
  YearCommand,
  YearSheet,
  YearState,
  yearStreamId,
} from '@goals/domain';
import { CLOCK, Clock } from '@goals/platform';
import { goalEvents } from '../goals/goal-workflow.service';
import { OrganisationDirectory } from '../organisation/organisation-directory.service';
import { CommandContext } from '../shared/command-context';
import { EventStreams, LoadedStream } from '../shared/event-streams';
import { SheetWorkflow } from '../sheets/sheet-workflow.service';

type WithoutActor<C> = C extends unknown ? Omit<C, 'by' | 'goals'> : never;
/** A step on the year (open a window, close, reopen) as the request gives it; who and the goals come from here. */
export type YearStep = WithoutActor<YearCommand>;

/** Runs the year's commands on `year-<sheetId>`: read, fold, decide, append at the revision decided on. */
@Injectable()
export class YearWorkflow {
  constructor(
    private readonly streams: EventStreams,
    private readonly sheets: SheetWorkflow,
    private readonly organisation: OrganisationDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  today(): string {
    return tokyoDay(this.clock.now());
  }

  /** The sheet as the year's rules need it (404 when there is no such sheet), with its goals in 番号 order. */
  async sheet(sheetId: string) {
    const { state } = await this.sheets.load(sheetId);
    if (state.status !== 'open') throw new Error('unreachable: load refuses a sheet never opened');
    const { departmentId, fiscalYear } = state.header;
    const naming = await this.organisation.naming();
    const names = await this.organisation.legacyNames();
    const sheet: YearSheet = {
      sheetId,
      departmentId,
      fiscalYear,
      department: naming.department(departmentId, fiscalYear),
    };
    const streams = await Promise.all(state.order.map((g) => this.streams.load(goalStreamId(g))));
    // A 番号 registered whose draft was never written (a crash between the two appends) is no goal.
    const goals = state.order.flatMap((goalId, i) => {
      const goal = foldGoal(goalEvents(streams[i], names));
      return goal.status === 'none' ? [] : [{ number: i + 1, goal }];
    });
    return { sheet, goals, naming };
  }

  async load(sheetId: string): Promise<{ stream: LoadedStream; state: YearState }> {
    const stream = await this.streams.load(yearStreamId(sheetId));
    return { stream, state: foldYear(YEAR_EVENTS.read(stream.events)) };
  }

  /** Refuses a change to a sheet whose year is closed, with the reason people read. */
  async assertOpen(sheetId: string): Promise<void> {
    const { state } = await this.load(sheetId);
    if (!state.closed) return;
    const { sheet } = await this.sheet(sheetId);
    assertYearOpen(state, sheet);
  }

  async execute(sheetId: string, step: YearStep, ctx: CommandContext): Promise<{ revision: bigint; number?: number }> {
    const { sheet, goals } = await this.sheet(sheetId);
    const { revision, events } = await this.streams.decide(
      yearStreamId(sheetId),
      {
        fold: (stream) => foldYear(YEAR_EVENTS.read(stream.events)),
        decide: (state) =>
          decideYear(
            {
              ...step,
              by: ctx.actor,
              goals: goals.map(({ number, goal }) => ({ goalId: goal.goalId, number, status: goal.status })),
            } as YearCommand,
            state,
            sheet,
          ),
      },
      ctx,
    );
    // A retry answers as the first request did: the number of the window it opened.
    const opened = events.find((e) => e.type === 'MidYearWindowOpened') as { data: { number: number } } | undefined;
    return { revision: revision!, ...(opened ? { number: opened.data.number } : {}) };
  }
}
