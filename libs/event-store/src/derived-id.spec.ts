import { derivedUuid } from './derived-id';

describe('derivedUuid', () => {
  it('gives the ids already stored in data folders, unchanged (sheet ids, event ids of retried requests)', () => {
    // Pinned: these values are in events written by every earlier version; changing the encoding
    // would open a second 令和4年度 sheet of 市民生活部 and stop recognising retried requests.
    expect(derivedUuid('sheet', '市民生活部', '2022')).toBe('0f684bb2-196c-8187-90b3-9507383d2655');
    expect(derivedUuid('event', 'kacho-shimin', 'key-1', 'goal-x', '0')).toBe('d6dacc95-f976-88f9-8cf2-da5b63a85305');
  });

  it('is a version-8, variant-10 UUID and tells its parts apart', () => {
    expect(derivedUuid('a', 'b')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedUuid('ab', 'c')).not.toBe(derivedUuid('a', 'bc'));
  });
});
