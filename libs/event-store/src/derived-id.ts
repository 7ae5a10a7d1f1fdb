import { createHash } from 'node:crypto';

/**
 * The one name-based id of the service: a UUID derived from its parts (SHA-256, version bits 8, RFC
 * 9562's "custom" layout). The same parts always give the same id, which is what makes a retried
 * request recognisable (event ids from an Idempotency-Key), a sheet unique per department and year,
 * and a reminder's record unique per reminder.
 *
 * Ids derived this way are stored (sheet ids, event ids), so the encoding must never change: parts
 * joined by U+0000, the first 16 bytes of the digest, version nibble 8, variant 10. A golden test
 * pins it. (Until 2026-11 the reminders had a second function with version bits 5 and a namespace
 * prefix; the ids it gave were only ever event ids of ReminderSent, which are never derived again,
 * so retiring it changes no stored id and no lookup.)
 */
export function derivedUuid(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
