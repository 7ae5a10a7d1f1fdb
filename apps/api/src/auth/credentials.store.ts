/**
 * Password hashes (argon2id) of local accounts. They live in Redis under `auth:credential:<loginId>`,
 * not in the event log: the log is exported whole to auditors (GET /audit/events), and a hash in
 * their hands could be attacked offline. Redis is the store every api replica already shares, runs
 * append-only (AOF) and never evicts (BullMQ needs both), and the read-model rebuild touches only
 * its own `rm:` keys. That a password changed, when and how, is recorded as an event instead.
 */
import { Algorithm, hash, verify } from '@node-rs/argon2';
import type { Redis } from 'ioredis';

export const CREDENTIAL_PREFIX = 'auth:credential:';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane (about 30 ms here). */
const ARGON2 = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export class CredentialStore {
  /** Verified when the login id has no password, so both answers take as long (no enumeration by timing). */
  private decoy?: Promise<string>;

  constructor(private readonly redis: Redis) {}

  async setPassword(loginId: string, password: string, now: Date): Promise<void> {
    const encoded = await hash(password, ARGON2);
    await this.redis.hset(CREDENTIAL_PREFIX + loginId, { hash: encoded, changedAt: now.toISOString() });
  }

  async hasPassword(loginId: string): Promise<boolean> {
    return (await this.redis.hexists(CREDENTIAL_PREFIX + loginId, 'hash')) === 1;
  }

  /** True only when the login id has a password and this is it. */
  async verify(loginId: string, password: string): Promise<boolean> {
    const stored = await this.redis.hget(CREDENTIAL_PREFIX + loginId, 'hash');
    if (!stored) {
      this.decoy ??= hash('no such account: decoy', ARGON2);
      await verify(await this.decoy, password).catch(() => false);
      return false;
    }
    return verify(stored, password).catch(() => false);
  }
}
