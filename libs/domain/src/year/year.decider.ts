/**
 * The sheet's year as a decider: the 部長 opens numbered 中間報告 windows, closes the year when every
 * goal is 確定 (or set aside as 対象外 with a reason), and reopens it with a reason.
 *
 *   open ──中間報告を開始 (n times)──▶ open ──年度を締める──▶ closed ──再開(reason)──▶ open
 */
import { Actor } from '../directory';
import { IllegalTransition, InvalidInput, NotAllowed } from '../errors';
import { fiscalYearEnd, fiscalYearLabel, fiscalYearStart, formatWareki, isCivilDate } from '../fiscal-year';
import { GoalStatus } from '../goal/goal.decider';
import { TEXT_LIMITS } from '../goal/goal-content';
import { MidYearWindow, YearEvent } from './year.events';

/** What the year's commands need of the sheet: which one, its department and year, for rules and refusals. */
export interface YearSheet {
  sheetId: string;
  departmentId: string;
  /** The department's name in the sheet's year, for refusals people read. */
  department: string;
  fiscalYear: number;
}

export type OpenMidYearWindow = {
  type: 'OpenMidYearWindow';
  data: { opensOn: string; closesOn: string; label?: string };
  by: Actor;
};
/** `goals`: every goal on the sheet, with its 番号 and state, as the store holds them now. */
export type CloseYear = {
  type: 'CloseYear';
  data: { excluded: { goalId: string; reason: string }[] };
  by: Actor;
  goals: readonly { goalId: string; number: number; status: GoalStatus }[];
};
export type ReopenYear = { type: 'ReopenYear'; data: { reason: string }; by: Actor };
export type YearCommand = OpenMidYearWindow | CloseYear | ReopenYear;

export interface YearState {
  windows: MidYearWindow[];
  closed: boolean;
  /** 対象外 goals of the last close, with their reasons. */
  excluded: { goalId: string; reason: string }[];
}

export function initialYearState(): YearState {
  return { windows: [], closed: false, excluded: [] };
}

export function decideYear(command: YearCommand, state: YearState, sheet: YearSheet): YearEvent[] {
  authorizeYearCommand(command.by, sheet);
  const { sheetId } = sheet;
  switch (command.type) {
    case 'OpenMidYearWindow': {
      assertYearOpen(state, sheet);
      const { opensOn, closesOn, label } = command.data;
      if (!isCivilDate(opensOn)) throw InvalidInput.of('opensOn', '開始日は YYYY-MM-DD の日付で指定してください');
      if (!isCivilDate(closesOn)) throw InvalidInput.of('closesOn', '締切日は YYYY-MM-DD の日付で指定してください');
      const [first, last] = [fiscalYearStart(sheet.fiscalYear), fiscalYearEnd(sheet.fiscalYear)];
      if (opensOn < first || closesOn > last)
        throw InvalidInput.of(
          opensOn < first ? 'opensOn' : 'closesOn',
          `${fiscalYearLabel(sheet.fiscalYear)}（${formatWareki(first)}〜${formatWareki(last)}）の中の日付を指定してください`,
        );
      if (closesOn < opensOn) throw InvalidInput.of('closesOn', '締切日は開始日より後の日付を指定してください');
      const previous = state.windows.at(-1);
      if (previous && opensOn <= previous.closesOn)
        throw new IllegalTransition(
          command.type,
          'window-open',
          `第${previous.number}回の中間報告の締切日（${formatWareki(previous.closesOn)}）より後に開始してください`,
        );
      if (label !== undefined && (label.trim() === '' || label.length > 50))
        throw InvalidInput.of('label', '呼び名は1〜50文字で指定してください');
      const number = state.windows.length + 1;
      return [
        {
          type: 'MidYearWindowOpened',
          data: { sheetId, number, opensOn, closesOn, ...(label !== undefined ? { label } : {}) },
        },
      ];
    }
    case 'CloseYear': {
      assertYearOpen(state, sheet);
      const excluded = new Map<string, string>();
      for (const [i, { goalId, reason }] of command.data.excluded.entries()) {
        const goal = command.goals.find((g) => g.goalId === goalId);
        if (!goal) throw InvalidInput.of(`excluded[${i}].goalId`, 'この整理表の目標ではありません');
        if (typeof reason !== 'string' || reason.trim() === '')
          throw InvalidInput.of(`excluded[${i}].reason`, `番号${goal.number}を対象外とする理由を入力してください`);
        if (reason.length > TEXT_LIMITS.reason)
          throw InvalidInput.of(`excluded[${i}].reason`, `理由は${TEXT_LIMITS.reason}文字以内で入力してください`);
        if (excluded.has(goalId)) throw InvalidInput.of(`excluded[${i}].goalId`, `番号${goal.number}が重複しています`);
        excluded.set(goalId, reason);
      }
      const open = command.goals.filter((g) => g.status !== 'confirmed' && !excluded.has(g.goalId));
      if (open.length)
        throw new IllegalTransition(
          command.type,
          'goals-open',
          `番号${open
            .map((g) => g.number)
            .sort((a, b) => a - b)
            .join('、')}の達成状況が確定していません。確定するか、理由を付けて対象外にしてから年度を締めてください`,
        );
      return [
        {
          type: 'YearClosed',
          data: { sheetId, excluded: [...excluded].map(([goalId, reason]) => ({ goalId, reason })) },
        },
      ];
    }
    case 'ReopenYear': {
      if (!state.closed)
        throw new IllegalTransition(command.type, 'open', `${fiscalYearLabel(sheet.fiscalYear)}は締められていません`);
      const reason = command.data.reason;
      if (typeof reason !== 'string' || reason.trim() === '')
        throw InvalidInput.of('reason', '再開する理由を入力してください');
      if (reason.length > TEXT_LIMITS.reason)
        throw InvalidInput.of('reason', `理由は${TEXT_LIMITS.reason}文字以内で入力してください`);
      return [{ type: 'YearReopened', data: { sheetId, reason } }];
    }
  }
}

export function evolveYear(state: YearState, event: YearEvent): YearState {
  switch (event.type) {
    case 'MidYearWindowOpened':
      return { ...state, windows: [...state.windows, event.data] };
    case 'YearClosed':
      return { ...state, closed: true, excluded: event.data.excluded };
    case 'YearReopened':
      return { ...state, closed: false, excluded: [] };
  }
}

export function foldYear(events: readonly YearEvent[]): YearState {
  return events.reduce(evolveYear, initialYearState());
}

/** A closed year refuses every change, and says so in the words people read. */
export function assertYearOpen(
  state: Pick<YearState, 'closed'>,
  sheet: Pick<YearSheet, 'department' | 'fiscalYear'>,
): void {
  if (!state.closed) return;
  const ja = closedYearReason(sheet);
  throw new IllegalTransition('change', 'closed', ja, ja);
}

export function closedYearReason(sheet: Pick<YearSheet, 'department' | 'fiscalYear'>): string {
  return `${fiscalYearLabel(sheet.fiscalYear)}の${sheet.department}の整理表は年度が締められています。変更するには部長が理由を付けて「再開」してください`;
}

/** The window a day falls in, or the last one opened before it (a late report still belongs to it). */
export function windowOn(state: YearState, day: string): MidYearWindow | undefined {
  return [...state.windows].reverse().find((w) => w.opensOn <= day);
}

function authorizeYearCommand(actor: Actor, sheet: YearSheet): void {
  if (actor.role === 'auditor') throw new NotAllowed('auditor-read-only', '監査は閲覧のみです');
  if (actor.role === 'admin') throw new NotAllowed('admin-directory-only', '管理者は組織の管理のみ行えます');
  if (actor.role !== 'departmentHead')
    throw new NotAllowed('department-head-keeps-sheet', `年度の運営は${sheet.department}長が行います`);
  if (actor.post?.departmentId !== sheet.departmentId)
    throw new NotAllowed('own-department', `${actor.userId}は${sheet.department}に所属していません`);
}
