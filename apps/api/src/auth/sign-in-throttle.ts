/**
 * Repeated failed sign-ins lock the login id (whether or not it exists, so a lock tells nothing
 * about which ids are real) and, at a higher count, the address they come from. Counts live in
 * Redis, shared by every replica, and a success clears the login id's count.
 */
import type { Redis } from 'ioredis';

const FAILURES = 'auth:failures:';
const LOCKED = 'auth:locked:';

export interface ThrottleLimits {
  maxFailuresPerLogin: number;
  maxFailuresPerAddress: number;
  lockoutMinutes: number;
}

export type Lock = { scope: 'loginId' | 'address'; until: Date };

export class SignInThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly limits: ThrottleLimits,
  ) {}

  private keys(loginId: string, address: string) {
    const id = `id:${loginId.normalize('NFKC').toLowerCase().slice(0, 200)}`;
    return { id, address: `addr:${address}` };
  }

  /** The lock in force for this login id or address, if any. */
  async locked(loginId: string, address: string): Promise<Lock | undefined> {
    const k = this.keys(loginId, address);
    const [idTtl, addressTtl] = await Promise.all([
      this.redis.pttl(LOCKED + k.id),
      this.redis.pttl(LOCKED + k.address),
    ]);
    if (idTtl > 0) return { scope: 'loginId', until: new Date(Date.now() + idTtl) };
    if (addressTtl > 0) return { scope: 'address', until: new Date(Date.now() + addressTtl) };
    return undefined;
  }

  /** Counts a failure; returns the lock it caused, if this one reached a limit. */
  async failed(loginId: string, address: string): Promise<Lock | undefined> {
    const k = this.keys(loginId, address);
    const windowMs = this.limits.lockoutMinutes * 60_000;
    const [[, idCount], , [, addressCount]] = (await this.redis
      .multi()
      .incr(FAILURES + k.id)
      .pexpire(FAILURES + k.id, windowMs)
      .incr(FAILURES + k.address)
      .pexpire(FAILURES + k.address, windowMs)
      .exec()) as [Error | null, number][];
    const until = new Date(Date.now() + windowMs);
    if (idCount >= this.limits.maxFailuresPerLogin) {
      await this.redis
        .multi()
        .set(LOCKED + k.id, '1', 'PX', windowMs)
        .del(FAILURES + k.id)
        .exec();
      return { scope: 'loginId', until };
    }
    if (addressCount >= this.limits.maxFailuresPerAddress) {
      await this.redis
        .multi()
        .set(LOCKED + k.address, '1', 'PX', windowMs)
        .del(FAILURES + k.address)
        .exec();
      return { scope: 'address', until };
    }
    return undefined;
  }

  async succeeded(loginId: string): Promise<void> {
    await this.redis.del(FAILURES + this.keys(loginId, '').id);
  }
}
