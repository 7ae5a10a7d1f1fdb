/**
 * The web application's query keys and the live updates that read them: a goal or a sheet is read
 * again only when the live stream says it moved, lists on any change, who is signed in never.
 */
import { movedBy, queryKeys } from '../../apps/web/src/api/query-keys';
import { fiscalYearChoices } from '../../apps/web/src/lib/wareki';

describe('live updates by query key', () => {
  const moved = new Set(['goal-1', 'sheet-1']);

  it('reads a goal, a sheet or a trail again only when the stream names it', () => {
    expect(movedBy(queryKeys.goal('goal-1'), moved)).toBe(true);
    expect(movedBy(queryKeys.goal('goal-2'), moved)).toBe(false);
    expect(movedBy(queryKeys.sheet('sheet-1', { asOf: '2022-05-01T00:00:00+09:00' }), moved)).toBe(true);
    expect(movedBy(queryKeys.sheet('sheet-2'), moved)).toBe(false);
    expect(movedBy(queryKeys.trail('sheet-1'), moved)).toBe(true);
    expect(movedBy(queryKeys.trail('goal-9'), moved)).toBe(false);
  });

  it('reads every list again on any change, and everything when the stream could not say what moved', () => {
    for (const key of [queryKeys.inbox(), queryKeys.myGoals(), queryKeys.sheets(), queryKeys.delegations()])
      expect(movedBy(key, moved)).toBe(true);
    expect(movedBy(queryKeys.goal('goal-2'), new Set())).toBe(true);
  });

  it('never reads who is signed in again because of someone else’s action', () => {
    expect(movedBy(queryKeys.me(), moved)).toBe(false);
    expect(movedBy(queryKeys.me(), new Set())).toBe(false);
  });
});

describe('the years a sheet may be opened for', () => {
  it('runs from the earliest sheet the city has to next year, newest first', () => {
    expect(fiscalYearChoices([2022, 2019], 2022)).toEqual([2023, 2022, 2021, 2020, 2019]);
  });

  it('offers last year, this year and next year to a city with no older sheet', () => {
    expect(fiscalYearChoices([], 2026)).toEqual([2027, 2026, 2025]);
  });
});
