import { Actor } from '../directory';
import { IllegalTransition, InvalidInput, NotFound } from '../errors';
import { isCivilDate } from '../fiscal-year';
import { authorizeSheetCommand } from '../permissions';
import { TEXT_LIMITS } from '../goal/goal-content';
import { SheetEvent, SheetHeader } from './sheet.events';

export type OpenSheet = { type: 'OpenSheet'; data: SheetHeader; by: Actor };
/** Registration follows a goal's draft; the goal decider has already checked who drafts it. */
export type RegisterGoal = { type: 'RegisterGoal'; data: { goalId: string } };
export type RenumberGoals = {
  type: 'RenumberGoals';
  /** `fixed`: goals already approved, whose 番号 must not move. */
  data: { goalIds: string[]; fixed: readonly string[] };
  by: Actor;
};
export type SheetCommand = OpenSheet | RegisterGoal | RenumberGoals;

export type SheetState = { status: 'none' } | { status: 'open'; header: SheetHeader; order: string[] };

export function initialSheetState(): SheetState {
  return { status: 'none' };
}

/**
 * `department`: the sheet's department as the directory names it in the sheet's fiscal year, or
 * undefined when the directory has no such department that year.
 */
export function decideSheet(
  command: SheetCommand,
  state: SheetState,
  department: { departmentId: string; name: string } | undefined,
): SheetEvent[] {
  if (command.type === 'OpenSheet') {
    const header = command.data;
    if (!department || department.departmentId !== header.departmentId)
      throw InvalidInput.of(
        'department',
        `${header.departmentId} is not a department in the directory`,
        `${header.fiscalYear}年度の組織にこの部（${header.departmentId}）はありません。部を選び直してください`,
      );
    authorizeSheetCommand(command.by, 'OpenSheet', department);
    if (!isCivilDate(header.createdOn))
      throw InvalidInput.of(
        'createdOn',
        'must be a date, YYYY-MM-DD',
        '作成日は日付（例: 2026-04-01）で指定してください',
      );
    if (header.headName.length > TEXT_LIMITS.title)
      throw InvalidInput.of(
        'headName',
        `must be at most ${TEXT_LIMITS.title} characters`,
        `部長の氏名は${TEXT_LIMITS.title}字以内で入力してください（現在${header.headName.length}字）`,
      );
    if (state.status !== 'none')
      throw new IllegalTransition(
        command.type,
        'open',
        `the ${header.fiscalYear} sheet of ${department.name} is already open`,
        `${department.name}の${header.fiscalYear}年度の整理表はもう作成されています`,
      );
    return [{ type: 'SheetOpened', data: header }];
  }
  if (state.status === 'none') throw new NotFound('sheet', '(unknown)', 'この整理表は見つかりません');
  const sheetId = state.header.sheetId;
  switch (command.type) {
    case 'RegisterGoal':
      if (state.order.includes(command.data.goalId)) return [];
      return [
        { type: 'GoalRegistered', data: { sheetId, goalId: command.data.goalId, number: state.order.length + 1 } },
      ];
    case 'RenumberGoals': {
      authorizeSheetCommand(command.by, 'RenumberGoals', {
        departmentId: state.header.departmentId,
        name: department?.name,
      });
      const { goalIds, fixed } = command.data;
      const current = new Set(state.order);
      if (
        goalIds.length !== state.order.length ||
        new Set(goalIds).size !== goalIds.length ||
        !goalIds.every((g) => current.has(g))
      )
        throw InvalidInput.of(
          'goalIds',
          `must list each of the sheet's ${state.order.length} goals exactly once`,
          `整理表の${state.order.length}件の目標をそれぞれ一度ずつ並べてください`,
        );
      const moved = fixed.filter((g) => goalIds.indexOf(g) !== state.order.indexOf(g));
      if (moved.length)
        throw new IllegalTransition(
          'RenumberGoals',
          'approved',
          `番号 ${moved.map((g) => state.order.indexOf(g) + 1).join(', ')} ${moved.length > 1 ? 'are' : 'is'} approved and cannot move`,
          `番号${moved.map((g) => state.order.indexOf(g) + 1).join('、')}は承認済みのため、番号を動かせません`,
        );
      if (goalIds.every((g, i) => state.order[i] === g)) return [];
      return [{ type: 'GoalsRenumbered', data: { sheetId, goalIds } }];
    }
  }
}

export function evolveSheet(state: SheetState, event: SheetEvent): SheetState {
  switch (event.type) {
    case 'SheetOpened':
      return { status: 'open', header: event.data, order: [] };
    case 'GoalRegistered':
      return state.status === 'open' ? { ...state, order: [...state.order, event.data.goalId] } : state;
    case 'GoalsRenumbered':
      return state.status === 'open' ? { ...state, order: [...event.data.goalIds] } : state;
  }
}

export function foldSheet(events: readonly SheetEvent[]): SheetState {
  return events.reduce(evolveSheet, initialSheetState());
}

/** 番号 of a goal on its sheet, 1-based; undefined if the sheet does not list it. */
export function numberOf(state: SheetState, goalId: string): number | undefined {
  if (state.status !== 'open') return undefined;
  const i = state.order.indexOf(goalId);
  return i < 0 ? undefined : i + 1;
}
