/**
 * Repeated failed sign-ins lock the login id (whether or not it exists, so a lock tells nothing
 * about which ids are real) and, at a higher count, the address they come from. Counts live in
 * Redis, shared by every replica, and a success clears the login id's count.
 *
 * Every attempt first takes a reservation, atomically (one Lua script): an attempt whose password is
 * still being checked counts against the limit like a failure, so sixteen guesses sent at once get
 * no more password checks than sixteen sent one after another. Checking the lock, then the password,
 * then counting, let parallel guesses all pass the check before any was counted.
 */
import type { Redis } from 'ioredis';

const FAILURES = 'auth:failures:';
const LOCKED = 'auth:locked:';
const PENDING = 'auth:pending:';
/** A reservation whose process died before it answered stops counting after this long. */
const PENDING_MS = 60_000;

export interface ThrottleLimits {
  maxFailuresPerLogin: number;
  maxFailuresPerAddress: number;
  lockoutMinutes: number;
}

export type Lock = { scope: 'loginId' | 'address'; until: Date };

/** KEYS: failures id, failures address, locked id, locked address, pending id, pending address. */
const RESERVE = `
local lockedId = redis.call('PTTL', KEYS[3])
if lockedId > 0 then return {1, lockedId} end
local lockedAddress = redis.call('PTTL', KEYS[4])
if lockedAddress > 0 then return {2, lockedAddress} end
local function count(failures, pending)
  return tonumber(redis.call('GET', failures) or '0') + tonumber(redis.call('GET', pending) or '0')
end
if count(KEYS[1], KEYS[5]) >= tonumber(ARGV[1]) then return {1, tonumber(ARGV[3])} end
if count(KEYS[2], KEYS[6]) >= tonumber(ARGV[2]) then return {2, tonumber(ARGV[3])} end
redis.call('INCR', KEYS[5])
redis.call('PEXPIRE', KEYS[5], ARGV[4])
redis.call('INCR', KEYS[6])
redis.call('PEXPIRE', KEYS[6], ARGV[4])
return {0, 0}`;

/** Same KEYS; turns the reservation into a failure, and locks at the limit. */
const FAILED = `
local function release(pending)
  if tonumber(redis.call('GET', pending) or '0') > 0 then redis.call('DECR', pending) end
end
release(KEYS[5])
release(KEYS[6])
local id = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
local address = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
if id >= tonumber(ARGV[1]) then
  redis.call('SET', KEYS[3], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return 1
end
if address >= tonumber(ARGV[2]) then
  redis.call('SET', KEYS[4], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[2])
  return 2
end
return 0`;

/** Same KEYS; a success ends its reservation and clears the login id's failures. */
const SUCCEEDED = `
if tonumber(redis.call('GET', KEYS[5]) or '0') > 0 then redis.call('DECR', KEYS[5]) end
if tonumber(redis.call('GET', KEYS[6]) or '0') > 0 then redis.call('DECR', KEYS[6]) end
redis.call('DEL', KEYS[1])
return 0`;

export class SignInThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly limits: ThrottleLimits,
  ) {}

  private keys(loginId: string, address: string): string[] {
    const id = `id:${loginId.normalize('NFKC').toLowerCase().slice(0, 200)}`;
    const addr = `addr:${address}`;
    return [FAILURES + id, FAILURES + addr, LOCKED + id, LOCKED + addr, PENDING + id, PENDING + addr];
  }

  private get windowMs(): number {
    return this.limits.lockoutMinutes * 60_000;
  }

  private args(): (string | number)[] {
    return [this.limits.maxFailuresPerLogin, this.limits.maxFailuresPerAddress, this.windowMs, PENDING_MS];
  }

  /**
   * Takes a reservation for one password check, or answers the lock in force (or the one the
   * attempts already under way would reach). Every reservation ends in failed() or succeeded().
   */
  async reserve(loginId: string, address: string): Promise<Lock | undefined> {
    const keys = this.keys(loginId, address);
    const [scope, ms] = (await this.redis.eval(RESERVE, keys.length, ...keys, ...this.args())) as [number, number];
    if (scope === 0) return undefined;
    return { scope: scope === 1 ? 'loginId' : 'address', until: new Date(Date.now() + ms) };
  }

  /** Counts a failed check of a reservation; returns the lock it caused, if this one reached a limit. */
  async failed(loginId: string, address: string): Promise<Lock | undefined> {
    const keys = this.keys(loginId, address);
    const scope = (await this.redis.eval(FAILED, keys.length, ...keys, ...this.args())) as number;
    if (scope === 0) return undefined;
    return { scope: scope === 1 ? 'loginId' : 'address', until: new Date(Date.now() + this.windowMs) };
  }

  async succeeded(loginId: string, address: string): Promise<void> {
    const keys = this.keys(loginId, address);
    await this.redis.eval(SUCCEEDED, keys.length, ...keys, ...this.args());
  }
}
