import { IllegalTransition, InvalidInput, NotAllowed } from '../errors';
import { deciderSpecification } from '../testing/decider-specification';
import { actors, departmentIds } from '../testing/fixtures';
import {
  assertYearOpen,
  decideYear,
  evolveYear,
  foldYear,
  initialYearState,
  windowOn,
  YearCommand,
  YearState,
} from './year.decider';
import { YearEvent } from './year.events';

const sheet = { sheetId: 's-r4', departmentId: departmentIds.市民生活部, department: '市民生活部', fiscalYear: 2022 };
const { given } = deciderSpecification<YearCommand, YearState, YearEvent>({
  decide: (c, s) => decideYear(c, s, sheet),
  evolve: evolveYear,
  initialState: initialYearState,
});

const open = (opensOn = '2022-09-01', closesOn = '2022-10-14', label?: string): YearCommand => ({
  type: 'OpenMidYearWindow',
  data: { opensOn, closesOn, ...(label ? { label } : {}) },
  by: actors.bucho,
});
const first: YearEvent = {
  type: 'MidYearWindowOpened',
  data: { sheetId: 's-r4', number: 1, opensOn: '2022-09-01', closesOn: '2022-10-14' },
};
const goals = [
  { goalId: 'a', number: 1, status: 'confirmed' as const },
  { goalId: 'b', number: 2, status: 'approved' as const },
];
const close = (excluded: { goalId: string; reason: string }[] = []): YearCommand => ({
  type: 'CloseYear',
  data: { excluded },
  by: actors.bucho,
  goals,
});
const closed: YearEvent = {
  type: 'YearClosed',
  data: { sheetId: 's-r4', excluded: [{ goalId: 'b', reason: '事業廃止' }] },
};

describe('the year of a sheet', () => {
  it('opens numbered 中間報告 windows, each after the last one closed', () => {
    given([]).when(open()).then([first]);
    given([first])
      .when(open('2022-12-01', '2023-01-13', '第3四半期'))
      .then([
        {
          type: 'MidYearWindowOpened',
          data: { sheetId: 's-r4', number: 2, opensOn: '2022-12-01', closesOn: '2023-01-13', label: '第3四半期' },
        },
      ]);
    given([first])
      .when(open('2022-10-01', '2022-10-31'))
      .thenThrows(IllegalTransition, (e) => expect(e.message).toContain('令和4年10月14日'));
  });

  it.each([
    ['an impossible 開始日', open('2022-02-30', '2022-10-14'), 'opensOn'],
    ['a 締切日 before the 開始日', open('2022-10-14', '2022-09-01'), 'closesOn'],
    ['a day outside the fiscal year', open('2022-03-01', '2022-04-30'), 'opensOn'],
    ['a 締切日 in the next year', open('2023-03-01', '2023-04-10'), 'closesOn'],
  ])('refuses %s, naming the field', (_what, command, field) => {
    given([])
      .when(command)
      .thenThrows(InvalidInput, (e) => expect(e.errors[0].field).toBe(field));
  });

  it.each([
    ['a section head', actors.shiminKacho, 'department-head-keeps-sheet'],
    ['the head of another department', actors.otherBucho, 'own-department'],
    ['an auditor', actors.auditor, 'auditor-read-only'],
  ])('is not run by %s', (_who, by, rule) => {
    given([])
      .when({ ...open(), by })
      .thenThrows(NotAllowed, (e) => expect(e.rule).toBe(rule));
  });

  it('closes only when every goal is 確定 or 対象外 with a reason', () => {
    given([])
      .when(close())
      .thenThrows(IllegalTransition, (e) => expect(e.message).toContain('番号2の達成状況が確定していません'));
    given([])
      .when(close([{ goalId: 'b', reason: '事業廃止' }]))
      .then([closed]);
    given([])
      .when(close([{ goalId: 'b', reason: '  ' }]))
      .thenThrows(InvalidInput, (e) => expect(e.errors[0].field).toBe('excluded[0].reason'));
    given([])
      .when(close([{ goalId: 'zz', reason: '理由' }]))
      .thenThrows(InvalidInput, (e) => expect(e.errors[0].field).toBe('excluded[0].goalId'));
  });

  it('refuses every change to a closed year with a Japanese reason, until it is reopened with one', () => {
    given([closed])
      .when(open())
      .thenThrows(IllegalTransition, (e) => expect(e.message).toContain('年度が締められています'));
    given([closed])
      .when(close([{ goalId: 'b', reason: '事業廃止' }]))
      .thenThrows(IllegalTransition);
    given([closed])
      .when({ type: 'ReopenYear', data: { reason: '' }, by: actors.bucho })
      .thenThrows(InvalidInput, (e) => expect(e.errors[0].field).toBe('reason'));
    given([closed])
      .when({ type: 'ReopenYear', data: { reason: '実績の誤りを訂正' }, by: actors.bucho })
      .then([{ type: 'YearReopened', data: { sheetId: 's-r4', reason: '実績の誤りを訂正' } }]);
    given([])
      .when({ type: 'ReopenYear', data: { reason: '理由' }, by: actors.bucho })
      .thenThrows(IllegalTransition);
    const reopened = foldYear([closed, { type: 'YearReopened', data: { sheetId: 's-r4', reason: '訂正' } }]);
    expect(() => assertYearOpen(reopened, sheet)).not.toThrow();
    expect(() => assertYearOpen(foldYear([closed]), sheet)).toThrow(
      '令和4年度の市民生活部の整理表は年度が締められています',
    );
  });

  it('finds the window a day belongs to: the last one opened by then', () => {
    const state = foldYear([first]);
    expect(windowOn(state, '2022-08-31')).toBeUndefined();
    expect(windowOn(state, '2022-10-20')?.number).toBe(1);
  });
});
