import { IllegalTransition, InvalidInput, NotAllowed } from '../errors';
import { actors, departmentIds } from '../testing/fixtures';
import { deciderSpecification } from '../testing/decider-specification';
import {
  decideSheet,
  evolveSheet,
  initialSheetState,
  numberOf,
  foldSheet,
  SheetCommand,
  SheetState,
} from './sheet.decider';
import { SheetEvent, SheetHeader } from './sheet.events';

const { given } = deciderSpecification<SheetCommand, SheetState, SheetEvent>({
  decide: (c, s) => decideSheet(c, s, shiminSeikatsu),
  evolve: evolveSheet,
  initialState: initialSheetState,
});

const shiminSeikatsu = { departmentId: departmentIds.市民生活部, name: '市民生活部' };
const header: SheetHeader = {
  sheetId: 's-r4',
  departmentId: departmentIds.市民生活部,
  fiscalYear: 2022,
  createdOn: '2022-04-01',
  headTitle: '市民生活部長',
  headName: '沢柳和彦',
};
const opened: SheetEvent = { type: 'SheetOpened', data: header };
const registered = (goalId: string, number: number): SheetEvent => ({
  type: 'GoalRegistered',
  data: { sheetId: 's-r4', goalId, number },
});

describe('sheet', () => {
  it('is opened by the head of its department, once', () => {
    given([]).when({ type: 'OpenSheet', data: header, by: actors.bucho }).then([opened]);
    given([opened]).when({ type: 'OpenSheet', data: header, by: actors.bucho }).thenThrows(IllegalTransition);
  });

  it.each([
    ['a section head', actors.shiminKacho, 'department-head-keeps-sheet'],
    ['the head of another department', actors.otherBucho, 'own-department'],
    ['an auditor', actors.auditor, 'auditor-read-only'],
    ['an admin', actors.admin, 'admin-directory-only'],
  ])('is not opened by %s', (_who, by, rule) => {
    given([])
      .when({ type: 'OpenSheet', data: header, by })
      .thenThrows(NotAllowed, (e) => expect(e.rule).toBe(rule));
  });

  it('refuses an unknown department and an impossible 作成日', () => {
    given([])
      .when({ type: 'OpenSheet', data: { ...header, departmentId: 'dep-9999' }, by: actors.bucho })
      .thenThrows(InvalidInput);
    given([])
      .when({ type: 'OpenSheet', data: { ...header, createdOn: '2022-02-30' }, by: actors.bucho })
      .thenThrows(InvalidInput);
  });

  it('hands out 番号 in drafting order, once per goal', () => {
    given([opened, registered('a', 1)])
      .when({ type: 'RegisterGoal', data: { goalId: 'b' } })
      .then([registered('b', 2)]);
    given([opened, registered('a', 1)])
      .when({ type: 'RegisterGoal', data: { goalId: 'a' } })
      .thenNothingHappens();
  });

  it('renumbers goals, keeping approved ones in place', () => {
    const history = [opened, registered('a', 1), registered('b', 2), registered('c', 3)];
    given(history)
      .when({ type: 'RenumberGoals', data: { goalIds: ['a', 'c', 'b'], fixed: ['a'] }, by: actors.bucho })
      .then([{ type: 'GoalsRenumbered', data: { sheetId: 's-r4', goalIds: ['a', 'c', 'b'] } }]);
    expect(
      numberOf(
        foldSheet([...history, { type: 'GoalsRenumbered', data: { sheetId: 's-r4', goalIds: ['a', 'c', 'b'] } }]),
        'c',
      ),
    ).toBe(2);
    given(history)
      .when({ type: 'RenumberGoals', data: { goalIds: ['b', 'a', 'c'], fixed: ['a'] }, by: actors.bucho })
      .thenThrows(IllegalTransition, (e) => expect(e.message).toContain('番号 1 is approved'));
    given(history)
      .when({ type: 'RenumberGoals', data: { goalIds: ['a', 'b'], fixed: [] }, by: actors.bucho })
      .thenThrows(InvalidInput);
    given(history)
      .when({ type: 'RenumberGoals', data: { goalIds: ['c', 'b', 'a'], fixed: [] }, by: actors.shiminKacho })
      .thenThrows(NotAllowed);
  });
});
