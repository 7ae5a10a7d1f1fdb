import { decodeGoalView, encodeGoalView } from './goal-view.codec';
import { GoalView } from './read-model.views';

describe('a goal view as Redis keeps it', () => {
  // What Redis holds must not change with how it is written: a rebuild is compared with the live models.
  it('is the view’s JSON with short field names, in the view’s order, and reads back as the view', () => {
    const view = {
      status: 'approved',
      goalId: 'g1',
      sheetId: 's1',
      departmentId: 'd1',
      fiscalYear: 2023,
      content: { title: '市民課の目標\n"窓口"', sections: ['c1', 'c2'], deadlineMonth: 3, method: undefined },
      pendingAmendment: { changes: { title: '新しい目標' }, reason: '数値で' },
      revision: 4,
      updatedAt: '2023-01-01T00:00:00.000Z',
      achievement: { level: 'ほぼ達成した', comment: '' },
      confirmedLevel: undefined,
    } as unknown as GoalView;
    const stored = encodeGoalView(view);
    expect(stored).toBe(
      '{"a":"approved","b":"g1","c":"s1","d":"d1","e":2023,"f":{"q":"市民課の目標\\n\\"窓口\\"","v":["c1","c2"],"u":3},' +
        '"g":{"m":{"q":"新しい目標"},"n":"数値で"},"k":4,"l":"2023-01-01T00:00:00.000Z","i":{"o":"ほぼ達成した","p":""}}',
    );
    expect(decodeGoalView(stored)).toEqual(JSON.parse(JSON.stringify(view)));
  });
});
