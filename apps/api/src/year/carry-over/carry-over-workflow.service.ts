import { Inject, Injectable } from '@nestjs/common';
import {
  CARRY_OVER_EVENTS,
  carryOverStreamId,
  CarryOverCommand,
  CarryOverEvent,
  CarryOverSheets,
  CarryTarget,
  decideCarryOver,
  decideGoal,
  fiscalYearLabel,
  evolveCarryOver,
  foldCarryOver,
  foldGoal,
  goalStreamId,
  IllegalTransition,
  NotFound,
  authorizeCarryOver,
  OriginGoal,
  sectionsInNextYear,
  successorsOn,
  tokyoDay,
} from '@goals/domain';
import { CLOCK, Clock } from '@goals/platform';
import { goalEvents } from '../../goals/goal-workflow.service';
import { OrganisationDirectory } from '../../organisation/organisation-directory.service';
import { CommandContext } from '../../shared/command-context';
import { derivedUuid } from '../../shared/event-envelope';
import { EventStreams } from '../../shared/event-streams';
import { CLOSED_YEAR, ClosedYear } from '../../sheets/closed-year.port';
import { SheetWorkflow } from '../../sheets/sheet-workflow.service';
import { YearWorkflow } from '../year-workflow.service';
import { AchievementScales } from '../../scales/achievement-scales.service';

/** What carrying answers per goal: the origin's 番号 and the draft it became with its 番号 on the new sheet. */
export interface CarriedGoal {
  from: { goalId: string; number: number };
  goalId: string;
  number: number;
}

/**
 * 次年度への引継ぎ on `carryover-<closed year's sheetId>`: the decision (which goals, which sections)
 * is appended there first, then each draft is written to its own goal stream and given its 番号 on
 * the new sheet. A crash in between leaves a decision whose draft is missing; carrying the goal
 * again finds it decided and writes the draft (its id is derived from the origin and the new sheet,
 * so nothing is ever written twice).
 */
@Injectable()
export class CarryOverWorkflow {
  constructor(
    private readonly streams: EventStreams,
    private readonly sheets: SheetWorkflow,
    private readonly year: YearWorkflow,
    private readonly organisation: OrganisationDirectory,
    @Inject(CLOSED_YEAR) private readonly guard: ClosedYear,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly scales: AchievementScales,
  ) {}

  /** Next year's sheet: its department (named as in its year) and year; 404 when there is no such sheet. */
  async target(toSheetId: string) {
    const { state } = await this.sheets.load(toSheetId);
    if (state.status !== 'open') throw new NotFound('sheet', toSheetId);
    const { departmentId, fiscalYear } = state.header;
    const department = (await this.organisation.naming()).department(departmentId, fiscalYear);
    return { sheetId: toSheetId, departmentId, fiscalYear, department, order: state.order };
  }

  /**
   * The closed year (the one before `toSheetId`'s) as the decider needs it, and its carry-over
   * stream; undefined when the department had no sheet that year.
   */
  async context(toSheetId: string) {
    const { departmentId, fiscalYear } = await this.target(toSheetId);
    const { sheetId: fromSheetId, stream: fromSheet } = await this.sheets.streamOf(departmentId, fiscalYear - 1);
    if (fromSheet.events.length === 0) return undefined;
    return this.build(fromSheetId, toSheetId);
  }

  /**
   * The closed year's goals with their ratings and scales, its sections as of 4月1日 of the next year,
   * and (when opened) next year's sheet.
   */
  private async build(fromSheetId: string, toSheetId?: string) {
    const [{ sheet: from, goals }, { state: year }, organisation, naming] = await Promise.all([
      this.year.sheet(fromSheetId),
      this.year.load(fromSheetId),
      this.organisation.current(),
      this.organisation.naming(),
    ]);
    // The levels of the year's own scale, best first (評価不能 is not one of them): its lower two are offered.
    const { levels } = await this.scales.scaleOf(from.fiscalYear);
    const next = { departmentId: from.departmentId, fiscalYear: from.fiscalYear + 1 };
    const today = tokyoDay(this.clock.now());
    const origin: OriginGoal[] = goals.map(({ number, goal }) => ({
      goalId: goal.goalId,
      number,
      title: goal.content.title,
      sections: goal.content.sections,
      status: goal.status,
      ...(goal.confirmedLevel ? { level: goal.confirmedLevel } : {}),
      // The scale the goal was rated on: its year's 達成度の区分.
      scale: levels,
    }));
    const sheets: CarryOverSheets = {
      from: { ...from, closed: year.closed },
      ...(toSheetId
        ? { to: { sheetId: toSheetId, ...next, department: naming.department(next.departmentId, next.fiscalYear) } }
        : {}),
      goals: origin,
      sectionsOf: (g) => sectionsInNextYear(organisation, g.sections, from.fiscalYear, next),
      carriedBy: (sectionIds) => successorsOn(organisation, sectionIds, today),
      newGoalId: (originGoalId) => derivedUuid('carried-goal', originGoalId, toSheetId ?? ''),
    };
    const stream = await this.streams.load(carryOverStreamId(fromSheetId));
    const contents = new Map(goals.map(({ goal }) => [goal.goalId, goal.content]));
    return { sheets, stream, state: foldCarryOver(CARRY_OVER_EVENTS.read(stream.events)), contents };
  }

  /** 「次年度へ引き継ぐ」: decided on the closed year's carry-over stream, then each draft written. */
  async carry(
    toSheetId: string,
    picks: { goalId: string; sections?: string[] }[],
    ctx: CommandContext,
  ): Promise<{ sheetId: string; revision: bigint; carried: CarriedGoal[] }> {
    const to = await this.target(toSheetId);
    // Who may carry into this sheet is known before the year before is looked for.
    authorizeCarryOver(ctx.actor, to);
    const context = await this.context(toSheetId);
    if (!context)
      throw new IllegalTransition(
        'CarryOverGoals',
        'no-previous-sheet',
        'the department has no sheet of the year before',
        `${fiscalYearLabel(to.fiscalYear - 1)}の${to.department}の整理表がないため、引き継ぐ目標はありません`,
      );
    const { sheets, stream, contents } = context;
    await this.guard.assertOpen(to);
    const rules = await this.organisation.goalRules(sheets.to!.departmentId, sheets.to!.fiscalYear);
    const command: CarryOverCommand = { type: 'CarryOverGoals', data: { goals: picks }, by: ctx.actor };
    const draftOf = (target: CarryTarget, from: { goalId: string; number: number }) =>
      decideGoal(
        {
          type: 'DraftGoal',
          data: {
            goalId: target.goalId,
            sheet: { sheetId: target.sheetId, departmentId: sheets.to!.departmentId, fiscalYear: target.fiscalYear },
            content: { ...contents.get(from.goalId)!, sections: target.sections },
            carriedFrom: { ...from, sheetId: sheets.from.sheetId, fiscalYear: sheets.from.fiscalYear },
          },
          by: ctx.actor,
        },
        { status: 'none' },
        rules,
      );
    const { revision, state, events } = await this.streams.decide(
      stream,
      {
        fold: (s) => foldCarryOver(CARRY_OVER_EVENTS.read(s.events)),
        decide: (state) => {
          const decided = decideCarryOver(command, state, sheets);
          // Each draft is decided before anything is written, so a draft the goal rules refuse
          // (a category no longer used) refuses the whole carry-over instead of half of it.
          for (const e of decided) if (e.type === 'GoalCarriedOver') draftOf(e.data.to, e.data.from);
          return decided;
        },
      },
      ctx,
    );
    const after = (events as CarryOverEvent[]).reduce(evolveCarryOver, state);
    const names = await this.organisation.legacyNames();
    const carried: CarriedGoal[] = [];
    for (const pick of picks) {
      const origin = sheets.goals.find((g) => g.goalId === pick.goalId)!;
      const target = after.carried[origin.goalId];
      const from = { goalId: origin.goalId, number: origin.number };
      // One request writes several goals: each gets its own key, so a retry recognises each write.
      const perGoal: CommandContext = {
        ...ctx,
        commandId: derivedUuid('carry', ctx.commandId, origin.goalId),
        ...(ctx.idempotencyKey ? { idempotencyKey: `${ctx.idempotencyKey}/${origin.goalId}` } : {}),
      };
      await this.streams.decide(
        goalStreamId(target.goalId),
        {
          fold: (s) => foldGoal(goalEvents(s, names)),
          // Written already (carried before, or a retry): nothing more to write.
          decide: (goal) => (goal.status === 'none' ? draftOf(target, from) : []),
        },
        perGoal,
        { ifMatch: false },
      );
      const number = await this.sheets.register(target.sheetId, target.goalId, perGoal);
      carried.push({ from, goalId: target.goalId, number });
    }
    return { sheetId: toSheetId, revision: revision ?? -1n, carried };
  }

  /** 継続 on a goal of a closed (or closing) year: offered next year whatever its rating. */
  async markContinuing(goalId: string, continuing: boolean, ctx: CommandContext): Promise<{ revision: bigint }> {
    const goal = foldGoal(
      goalEvents(await this.streams.load(goalStreamId(goalId)), await this.organisation.legacyNames()),
    );
    if (goal.status === 'none') throw new NotFound('goal', goalId);
    const { sheets } = await this.build(goal.sheetId);
    const { revision } = await this.streams.decide(
      carryOverStreamId(goal.sheetId),
      {
        fold: (s) => foldCarryOver(CARRY_OVER_EVENTS.read(s.events)),
        decide: (state) =>
          decideCarryOver({ type: 'MarkContinuing', data: { goalId, continuing }, by: ctx.actor }, state, sheets),
      },
      ctx,
    );
    return { revision: revision ?? -1n };
  }
}
