import { canonicalJson } from './hash-chain';

/**
 * The form every event's hash is taken over: a store written by any earlier version must still
 * verify, so the string must stay exactly what it was — keys sorted at every depth by code unit,
 * undefined members dropped, undefined in arrays as null.
 */
describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves undefined members out', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined }], c: null }, e: undefined })).toBe(
      '{"a":{"c":null,"d":[3,{"z":1}]},"b":1}',
    );
  });

  it('writes undefined in an array as null, and escapes as JSON does', () => {
    expect(canonicalJson([undefined, '課長 "A"\n', 1.5, true])).toBe('[null,"課長 \\"A\\"\\n",1.5,true]');
  });

  it('orders keys by UTF-16 code unit: upper case before lower, ASCII before Japanese', () => {
    expect(canonicalJson({ 部: 1, b: 2, B: 3, '10': 4, '9': 5, _: 6 })).toBe('{"10":4,"9":5,"B":3,"_":6,"b":2,"部":1}');
  });

  it('gives what the hashes of stored events were taken over, for varied nested values', () => {
    // The form as first written (entries filtered, sorted with <, joined): the reference.
    const reference = (value: unknown): string => {
      if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
    };
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const keys = ['goalId', 'a', 'Z', '部', '課名', 'x1', '10', '2', '$', 'É', '\ud83d\ude00'];
    const valueOf = (depth: number): unknown => {
      const r = random();
      if (depth > 3 || r < 0.3)
        return [null, 1, -2.5, 'テキスト', '', true, false, undefined][Math.floor(random() * 8)];
      if (r < 0.55) return Array.from({ length: Math.floor(random() * 4) }, () => valueOf(depth + 1));
      const out: Record<string, unknown> = {};
      for (let i = Math.floor(random() * 6); i > 0; i--)
        out[keys[Math.floor(random() * keys.length)]] = valueOf(depth + 1);
      return out;
    };
    for (let i = 0; i < 2_000; i++) {
      const value = valueOf(0);
      expect(canonicalJson(value)).toBe(reference(value));
    }
  });
});
