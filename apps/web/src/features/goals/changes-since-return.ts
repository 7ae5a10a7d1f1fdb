import type { AuditEntry, FieldChange } from '../../api/views';
import { CONTENT_FIELDS } from '../../ui/labels';

/**
 * What the 課長 changed between the version the 部長 returned and the one resubmitted: every
 * revision after the last 差戻し, folded per field (first before, last after); a field changed and
 * changed back is no change. Undefined when the goal was never returned, or the trail does not yet
 * hold its resubmission.
 */
export function changesSinceReturn(entries: AuditEntry[]): { reason?: string; changes: FieldChange[] } | undefined {
  const returnedAt = entries.findLastIndex((e) => e.type === 'GoalReturned');
  // The trail is a projection: until it holds the resubmission, it cannot say what was resubmitted.
  const resubmittedAt = entries.findLastIndex((e) => e.type === 'GoalSubmitted');
  if (returnedAt < 0 || resubmittedAt < returnedAt) return undefined;
  const byField = new Map<string, FieldChange>();
  for (const entry of entries.slice(returnedAt + 1, resubmittedAt))
    if (entry.type === 'GoalRevised')
      for (const change of entry.changes ?? []) {
        const before = byField.has(change.field) ? byField.get(change.field)!.before : change.before;
        byField.set(change.field, { field: change.field, before, after: change.after });
      }
  const changes = CONTENT_FIELDS.flatMap((f) => {
    const change = byField.get(f);
    return change && JSON.stringify(change.before) !== JSON.stringify(change.after) ? [change] : [];
  });
  return { reason: entries[returnedAt].reason ?? undefined, changes };
}
