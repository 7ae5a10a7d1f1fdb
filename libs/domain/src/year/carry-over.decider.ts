/**
 * 次年度への引継ぎ as a decider. Once a year is closed, its unachieved and continuing goals are
 * offered to next year's sheet; the 部長 (any goal) or a 課長 (their own section's) picks which, and
 * each becomes a draft of the new year that remembers where it came from. Sections travel through
 * the organisation's lineage as of 4月1日 (carry-over-sections.ts); a split or abolished section
 * is chosen by the person, never guessed. Carrying a goal again answers the draft it already has.
 */
import { Actor, COMMON_SECTION } from '../directory';
import { IllegalTransition, InvalidInput, NotAllowed } from '../errors';
import { fiscalYearLabel, fiscalYearStart, formatWareki } from '../fiscal-year';
import { GoalStatus } from '../goal/goal-status';
import { isCommonGoal } from '../goal/goal-content';
import { authorizeGoalCommand } from '../permissions';
import { needsChoice, SectionMapping } from './carry-over-sections';
import { CarryOverEvent, CarryTarget } from './carry-over.events';

/**
 * The levels that make a goal a candidate: the bottom two of the scale it was rated on (達成できなかった,
 * 一部達成した on the default four). `scale` is that scale's ordered levels, best first; a 評価不能 is not
 * one of them. Per-year scales plug in here by passing the scale the goal was rated on.
 */
export function lowerLevels(scale: readonly string[]): readonly string[] {
  return scale.slice(-2);
}

export type CarryOverReason = 'lower-level' | 'continuing';

/** Why a goal of a closed year is offered to the next: rated low, or marked 継続; none means it is not. */
export function carryOverReasons(
  goal: { level?: string; scale: readonly string[] },
  continuing: boolean,
): CarryOverReason[] {
  const reasons: CarryOverReason[] = [];
  if (goal.level !== undefined && lowerLevels(goal.scale).includes(goal.level)) reasons.push('lower-level');
  if (continuing) reasons.push('continuing');
  return reasons;
}

/**
 * Who may carry goals into a department's sheet at all, asked before anything about the year before:
 * its 部長 and its 課長 (which goals each may carry is the decider's). Everyone else is refused as
 * the goal rules refuse them (監査 reads only, another department's heads are not theirs).
 */
export function authorizeCarryOver(actor: Actor, department: { departmentId: string; department: string }): void {
  if (actor.role === 'clerk')
    throw new NotAllowed(
      'carry-over-by-heads',
      'a clerk does not carry goals over',
      '次年度への引継ぎは部長または課長が行います',
    );
  const head = actor.role === 'departmentHead' || actor.role === 'sectionHead';
  if (head && actor.post?.departmentId === department.departmentId) return;
  authorizeGoalCommand(actor, 'CarryOverGoal', {
    departmentId: department.departmentId,
    sections: [COMMON_SECTION],
    names: { department: department.department, sections: [COMMON_SECTION] },
  });
}

/** A goal of the closed year as the carry-over sees it. */
export interface OriginGoal {
  goalId: string;
  number: number;
  title: string;
  /** Section ids of the closed year, or 共通. */
  sections: readonly string[];
  status: GoalStatus;
  /** The level it was given (the confirmed one), if rated. */
  level?: string;
  /** The ordered levels of the scale it was rated on, best first. */
  scale: readonly string[];
}

export interface CarryOverSheets {
  from: { sheetId: string; departmentId: string; department: string; fiscalYear: number; closed: boolean };
  /** Next year's sheet of the department, once opened. */
  to?: { sheetId: string; departmentId: string; department: string; fiscalYear: number };
  /** Every goal of the closed year's sheet. */
  goals: readonly OriginGoal[];
  /** The goal's sections on 4月1日 of the new year (sectionsInNextYear). */
  sectionsOf(goal: OriginGoal): SectionMapping[];
  /** The sections carrying these sections' work today: a 課長 of a successor marks its goals. */
  carriedBy?(sectionIds: readonly string[]): string[];
  /** The draft's id, derived from the origin and the new sheet, so carrying again names the same goal. */
  newGoalId(originGoalId: string): string;
}

export type MarkContinuing = {
  type: 'MarkContinuing';
  data: { goalId: string; continuing: boolean };
  by: Actor;
};
/** `sections`: the new goal's sections (ids of the new year), required where a section was split or abolished. */
export type CarryOverGoals = {
  type: 'CarryOverGoals';
  data: { goals: { goalId: string; sections?: string[] }[] };
  by: Actor;
};
export type CarryOverCommand = MarkContinuing | CarryOverGoals;

export interface CarryOverState {
  /** Goals marked 継続. */
  continuing: Record<string, true>;
  /** Origin goal id → the draft it became. */
  carried: Record<string, CarryTarget>;
}

export function initialCarryOverState(): CarryOverState {
  return { continuing: {}, carried: {} };
}

export function decideCarryOver(
  command: CarryOverCommand,
  state: CarryOverState,
  sheets: CarryOverSheets,
): CarryOverEvent[] {
  const { from } = sheets;
  const goalOf = (goalId: string, field: string) => {
    const goal = sheets.goals.find((g) => g.goalId === goalId);
    if (!goal) throw InvalidInput.of(field, 'not a goal of the sheet', 'この整理表の目標ではありません');
    return goal;
  };
  switch (command.type) {
    case 'MarkContinuing': {
      const { goalId, continuing } = command.data;
      const goal = goalOf(goalId, 'goalId');
      authorizeGoalCommand(command.by, 'MarkContinuing', {
        departmentId: from.departmentId,
        sections: goal.sections,
        ...(sheets.carriedBy ? { carriedBy: sheets.carriedBy(goal.sections) } : {}),
        names: { department: from.department, sections: originNames(sheets, goal) },
      });
      if (!!state.continuing[goalId] === continuing) return [];
      return [{ type: 'ContinuationMarked', data: { sheetId: from.sheetId, goalId, continuing } }];
    }
    case 'CarryOverGoals': {
      const to = sheets.to;
      if (!to || to.fiscalYear !== from.fiscalYear + 1 || to.departmentId !== from.departmentId)
        throw new IllegalTransition(
          command.type,
          'no-next-sheet',
          'the next fiscal year has no sheet of this department',
          `${fiscalYearLabel(from.fiscalYear + 1)}の${from.department}の整理表がまだありません。先に整理表を作成してください`,
        );
      if (!from.closed)
        throw new IllegalTransition(
          command.type,
          'year-open',
          `${fiscalYearLabel(from.fiscalYear)} is not closed`,
          `${fiscalYearLabel(from.fiscalYear)}の${from.department}の整理表はまだ年度が締められていません。年度を締めてから引き継いでください`,
        );
      if (command.by.role === 'clerk')
        throw new NotAllowed(
          'carry-over-by-heads',
          'a clerk does not carry goals over',
          '次年度への引継ぎは部長または課長が行います',
        );
      const picks = command.data.goals;
      if (!Array.isArray(picks) || picks.length === 0)
        throw InvalidInput.of('goals', 'choose at least one goal', '引き継ぐ目標を選んでください');
      const seen = new Set<string>();
      const events: CarryOverEvent[] = [];
      for (const [i, pick] of picks.entries()) {
        const goal = goalOf(pick.goalId, `goals[${i}].goalId`);
        if (seen.has(goal.goalId))
          throw InvalidInput.of(`goals[${i}].goalId`, 'chosen twice', `番号${goal.number}が重複しています`);
        seen.add(goal.goalId);
        // Carried before: the draft it became is the answer (to whoever may carry it), whatever this
        // request says about sections.
        const before = state.carried[goal.goalId];
        if (before) {
          authorizeGoalCommand(command.by, 'CarryOverGoal', {
            departmentId: to.departmentId,
            sections: before.sections,
          });
          continue;
        }
        if (carryOverReasons(goal, !!state.continuing[goal.goalId]).length === 0)
          throw new IllegalTransition(
            command.type,
            'not-a-candidate',
            `goal ${goal.number} was rated ${goal.level ?? 'nothing'} and is not marked continuing`,
            `番号${goal.number}「${goal.title}」は${goal.level ? `達成度が「${goal.level}」で` : '達成度がなく'}、継続の指定もないため引継ぎの候補ではありません`,
          );
        const mapping = sheets.sectionsOf(goal);
        const sections = isCommonGoal(goal.sections)
          ? [COMMON_SECTION]
          : chosenSections(goal, mapping, pick.sections, `goals[${i}].sections`, to.fiscalYear);
        authorizeGoalCommand(command.by, 'CarryOverGoal', {
          departmentId: to.departmentId,
          sections,
          names: { department: to.department, sections: newNames(mapping, sections) },
        });
        events.push({
          type: 'GoalCarriedOver',
          data: {
            from: { goalId: goal.goalId, sheetId: from.sheetId, fiscalYear: from.fiscalYear, number: goal.number },
            to: { goalId: sheets.newGoalId(goal.goalId), sheetId: to.sheetId, fiscalYear: to.fiscalYear, sections },
          },
        });
      }
      return events;
    }
  }
}

/**
 * The new goal's sections: as the request names them (each one the lineage offers), or, when it
 * names none, the successors, unless a section was split or abolished: then the person is asked.
 */
function chosenSections(
  goal: OriginGoal,
  mapping: SectionMapping[],
  named: string[] | undefined,
  field: string,
  toYear: number,
): string[] {
  const offered = mapping.flatMap((m) => (needsChoice(m) ? m.choices : [m.to]));
  if (named !== undefined) {
    const unknown = named.filter((s) => !offered.some((o) => o.sectionId === s));
    if (named.length === 0 || unknown.length > 0 || new Set(named).size !== named.length)
      throw InvalidInput.of(
        field,
        `choose among ${offered.map((o) => o.sectionId).join(', ')}`,
        `番号${goal.number}を引き継ぐ課は次から重複なく選んでください（${unique(offered.map((o) => o.name)).join('、')}）`,
      );
    return named;
  }
  const asks = mapping.filter(needsChoice);
  if (asks.length > 0) {
    const day = formatWareki(fiscalYearStart(toYear));
    throw InvalidInput.of(
      field,
      `choose where ${asks.map((m) => m.from.sectionId).join(', ')} go`,
      asks
        .map((m) =>
          m.outcome === 'split'
            ? `番号${goal.number}の${m.from.name}は${day}に分割されました。引き継ぐ課を選んでください（${m.choices.map((c) => c.name).join('、')}）`
            : `番号${goal.number}の${m.from.name}は${day}には廃止されていて、引き継ぐ課がありません。引き継ぐ課を選んでください（${m.choices.map((c) => c.name).join('、')}）`,
        )
        .join('\n'),
    );
  }
  return unique(mapping.map((m) => (needsChoice(m) ? '' : m.to.sectionId)).filter(Boolean));
}

function originNames(sheets: CarryOverSheets, goal: OriginGoal): string[] {
  if (isCommonGoal(goal.sections)) return [COMMON_SECTION];
  return sheets.sectionsOf(goal).map((m) => m.from.name);
}

function newNames(mapping: SectionMapping[], sections: readonly string[]): string[] {
  const names = new Map(
    mapping.flatMap((m) => (needsChoice(m) ? m.choices : [m.to])).map((s) => [s.sectionId, s.name]),
  );
  return sections.map((s) => names.get(s) ?? s);
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

export function evolveCarryOver(state: CarryOverState, event: CarryOverEvent): CarryOverState {
  switch (event.type) {
    case 'ContinuationMarked': {
      const continuing = { ...state.continuing };
      if (event.data.continuing) continuing[event.data.goalId] = true;
      else delete continuing[event.data.goalId];
      return { ...state, continuing };
    }
    case 'GoalCarriedOver':
      return { ...state, carried: { ...state.carried, [event.data.from.goalId]: event.data.to } };
  }
}

export function foldCarryOver(events: readonly CarryOverEvent[]): CarryOverState {
  return events.reduce(evolveCarryOver, initialCarryOverState());
}

/** A goal of the closed year as the 「次年度へ引き継ぐ」 screen lists it. */
export interface CarryOverCandidate {
  goal: OriginGoal;
  reasons: CarryOverReason[];
  continuing: boolean;
  sections: SectionMapping[];
  carried?: CarryTarget;
}

/** Every goal of the closed year with why it is offered (none: not a candidate, but it may be marked 継続). */
export function carryOverCandidates(state: CarryOverState, sheets: CarryOverSheets): CarryOverCandidate[] {
  return sheets.goals
    .filter((g) => g.status !== 'deleted')
    .map((goal) => {
      const continuing = !!state.continuing[goal.goalId];
      const carried = state.carried[goal.goalId];
      return {
        goal,
        reasons: carryOverReasons(goal, continuing),
        continuing,
        sections: sheets.sectionsOf(goal),
        ...(carried ? { carried } : {}),
      };
    });
}
