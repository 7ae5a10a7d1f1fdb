/**
 * Whether two JSON values are the same whatever the order of their objects' keys. A value read back
 * from the event store has its keys in canonical order (the store keeps events as they were hashed),
 * a value just built by a command has them in the order the code wrote them: JSON.stringify of the
 * two differs though nothing changed.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((member, i) => sameJson(member ?? null, b[i] ?? null));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  // As JSON has them: a member left undefined is not there.
  const keys = (value: Record<string, unknown>) => Object.keys(value).filter((k) => value[k] !== undefined);
  const leftKeys = keys(left);
  if (leftKeys.length !== keys(right).length) return false;
  return leftKeys.every((k) => right[k] !== undefined && sameJson(left[k], right[k]));
}
