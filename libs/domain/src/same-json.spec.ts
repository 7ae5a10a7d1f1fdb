import { sameJson } from './same-json';

describe('sameJson', () => {
  it('takes objects with their keys in another order for the same', () => {
    expect(
      sameJson(
        { validFrom: '2021-04-01', entries: [{ name: '施策', id: '1' }] },
        { entries: [{ id: '1', name: '施策' }], validFrom: '2021-04-01' },
      ),
    ).toBe(true);
  });

  it('tells apart another value, another order of an array, a missing or extra member', () => {
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sameJson({ a: '1' }, { a: 1 })).toBe(false);
  });

  it('as JSON: a member left undefined is not there', () => {
    expect(sameJson({ a: 1, title: undefined }, { a: 1 })).toBe(true);
  });
});
