/**
 * What the 部長 is shown for a goal resubmitted after 差戻し: the fold of the audit trail that the goal
 * page draws as old → new per column.
 */
import type { AuditEntry } from '../../apps/web/src/api/views';
import { changesSinceReturn } from '../../apps/web/src/features/goals/changes-since-return';

let position = 0;
const entry = (type: string, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  position: String(++position),
  streamId: 'goal-1',
  revision: position,
  type,
  ...extra,
});
const revised = (changes: AuditEntry['changes']) => entry('GoalRevised', { changes });

it('is nothing for a goal never returned, and waits until the trail holds the resubmission', () => {
  const drafted = [entry('GoalDrafted'), entry('GoalSubmitted')];
  expect(changesSinceReturn(drafted)).toBeUndefined();
  const returned = [...drafted, entry('GoalReturned', { reason: '達成水準を具体的に' })];
  expect(changesSinceReturn([...returned, revised([{ field: 'method', before: 'a', after: 'b' }])])).toBeUndefined();
});

it('folds every revision after the last return per field, first before to last after, in the sheet’s column order', () => {
  const trail = [
    entry('GoalDrafted'),
    entry('GoalSubmitted'),
    entry('GoalReturned', { reason: '最初の理由' }),
    revised([{ field: 'title', before: '古い', after: '途中' }]),
    entry('GoalSubmitted'),
    entry('GoalReturned', { reason: '達成水準を具体的に' }),
    revised([
      { field: 'targetLevel', before: '時間短縮', after: '半減' },
      { field: 'deadlineMonth', before: 2, after: 3 },
    ]),
    revised([
      { field: 'targetLevel', before: '半減', after: '窓口での手続時間が半減' },
      { field: 'deadlineMonth', before: 3, after: 2 },
      { field: 'title', before: '途中', after: '途中' },
    ]),
    entry('GoalSubmitted'),
  ];
  expect(changesSinceReturn(trail)).toEqual({
    reason: '達成水準を具体的に',
    // いつまで changed and changed back, and 実施項目 was saved unchanged: neither is a change
    changes: [{ field: 'targetLevel', before: '時間短縮', after: '窓口での手続時間が半減' }],
  });
});

it('says so when the goal came back unchanged', () => {
  const trail = [entry('GoalSubmitted'), entry('GoalReturned', { reason: '再考を' }), entry('GoalSubmitted')];
  expect(changesSinceReturn(trail)).toEqual({ reason: '再考を', changes: [] });
});
