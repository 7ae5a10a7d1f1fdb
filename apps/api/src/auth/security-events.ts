/**
 * Sign-in, sign-out, lockouts, password changes and revoked sessions, recorded as events in the
 * person's own `account-<loginId>` stream so auditors read them beside everything else (the raw log,
 * the audit trail, GET /audit/security-events). Nothing secret is ever recorded: no password, no
 * code, no token, and no hash of any of them; a session is named by a random handle of its own.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@goals/event-store';
import { CLOCK, Clock } from '@goals/platform';

export const ACCOUNT_STREAM_PREFIX = 'account-';
/** Failed sign-ins for ids that name nobody: the id typed is not kept (it is often a password typed in the wrong box). */
export const UNKNOWN_ACCOUNTS_STREAM = 'security-unknown-accounts';

export type SecurityEvent =
  | { type: 'SignedIn'; data: { loginId: string; method: 'password' | 'oidc'; session: string; address: string } }
  | { type: 'SignInFailed'; data: { loginId?: string; method: 'password' | 'oidc'; reason: string; address: string } }
  | {
      type: 'AccountLockedOut';
      data: { loginId?: string; address: string; scope: 'loginId' | 'address'; until: string };
    }
  | { type: 'SignedOut'; data: { loginId: string; session: string } }
  | {
      type: 'PasswordChanged';
      data: { loginId: string; via: 'console' | 'set-password-link' | 'self'; sessionsEnded: number };
    }
  | { type: 'SessionRevoked'; data: { loginId: string; session: string; reason: string } }
  | { type: 'SetPasswordLinkIssued'; data: { loginId: string; expiresAt: string } };

export const SECURITY_EVENT_TYPES: ReadonlySet<string> = new Set([
  'SignedIn',
  'SignInFailed',
  'AccountLockedOut',
  'SignedOut',
  'PasswordChanged',
  'SessionRevoked',
  'SetPasswordLinkIssued',
]);

/** Who caused the event: the person themself, an administrator, the console, or nobody known. */
export interface SecurityActor {
  userId: string;
  role: string;
}

export function accountStream(loginId: string): string {
  return `${ACCOUNT_STREAM_PREFIX}${loginId}`;
}

@Injectable()
export class SecurityEvents {
  private readonly logger = new Logger('Security');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Streams of people are created on their first event; unknown ids share one stream and are not named. */
  async record(event: SecurityEvent, by: SecurityActor, knownAccount = true): Promise<void> {
    const loginId = (event.data as { loginId?: string }).loginId;
    const streamId = loginId && knownAccount ? accountStream(loginId) : UNKNOWN_ACCOUNTS_STREAM;
    const data = knownAccount ? event.data : { ...event.data, loginId: undefined };
    const id = randomUUID();
    // One line per event for whoever watches the logs (a SIEM); the same fields as the event, nothing secret.
    this.logger.log(`${event.type} ${JSON.stringify({ ...data, by: by.userId })}`);
    try {
      await this.store.append(
        streamId,
        [
          {
            id,
            type: event.type,
            data: JSON.parse(JSON.stringify(data)) as Record<string, unknown>,
            metadata: {
              actor: by,
              occurredAt: this.clock.now().toISOString(),
              correlationId: id,
              causationId: id,
              schemaVersion: 1,
            },
          },
        ],
        { expectedRevision: 'any' },
      );
    } catch (e) {
      // A sign-in must not fail because its record could not be written; the log says it was lost.
      this.logger.error(`could not record ${event.type} in ${streamId}: ${(e as Error).message}`);
    }
  }
}
