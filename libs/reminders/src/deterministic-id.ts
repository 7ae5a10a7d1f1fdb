import { createHash } from 'node:crypto';

// A fixed namespace for this service's derived ids, so they cannot collide with another system's.
const NAMESPACE = 'goal-sheet-service/reminders';

/**
 * A UUID derived from a name (RFC 4122 version-5 layout, SHA-256 instead of SHA-1): the same job
 * always yields the same ReminderSent event id, so a retried job appends nothing twice.
 */
export function deterministicUuid(name: string): string {
  const bytes = createHash('sha256').update(`${NAMESPACE}\n${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
