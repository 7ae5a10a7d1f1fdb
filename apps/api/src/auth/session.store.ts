/**
 * Browser sessions, kept on the server in Redis rather than in encrypted cookies: a session can then
 * be ended from the server (sign-out, sign-out everywhere after a password change, an administrator
 * revoking it), which a self-contained cookie cannot until it expires.
 *
 * The cookie holds 256 random bits; Redis holds only their SHA-256 (a copy of Redis cannot be
 * replayed as a cookie). Each session also has a short random handle, unrelated to the id, by which
 * people and auditors name it. Idle and absolute lifetimes are checked on every use against the
 * service's clock; Redis expiry only clears what is no longer usable.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';

const SESSION = 'auth:session:';
const OF_PERSON = 'auth:sessions-of:';

export interface Session {
  loginId: string;
  handle: string;
  csrfToken: string;
  method: 'password' | 'oidc';
  createdAt: string;
  lastSeenAt: string;
  address: string;
  /** The provider's ID token, kept only to name the session at RP-initiated logout. */
  idToken?: string;
}

export interface SessionLifetimes {
  idleMs: number;
  absoluteMs: number;
}

export interface SessionSummary {
  handle: string;
  method: string;
  createdAt: string;
  lastSeenAt: string;
  address: string;
}

function digest(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly lifetimes: SessionLifetimes,
  ) {}

  /** A new session with a fresh id: the id is only ever issued at sign-in, never taken from a request. */
  async create(
    fields: Omit<Session, 'handle' | 'csrfToken' | 'createdAt' | 'lastSeenAt'>,
    now: Date,
  ): Promise<{ id: string; session: Session }> {
    const id = randomBytes(32).toString('base64url');
    const session: Session = {
      ...fields,
      handle: randomBytes(9).toString('base64url'),
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
    };
    const key = SESSION + digest(id);
    const stored: Record<string, string> = {};
    for (const [k, v] of Object.entries(session)) if (typeof v === 'string') stored[k] = v;
    await this.redis
      .multi()
      .hset(key, stored)
      .pexpire(key, Math.min(this.lifetimes.idleMs, this.lifetimes.absoluteMs))
      .sadd(OF_PERSON + fields.loginId, digest(id))
      .pexpire(OF_PERSON + fields.loginId, this.lifetimes.absoluteMs)
      .exec();
    return { id, session };
  }

  /** The session this cookie names, if it is still alive; using it resets its idle time. */
  async use(id: string, now: Date): Promise<Session | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    const key = SESSION + digest(id);
    const session = (await this.redis.hgetall(key)) as unknown as Session;
    if (!session.loginId) return undefined;
    const absoluteEnd = Date.parse(session.createdAt) + this.lifetimes.absoluteMs;
    const idleEnd = Date.parse(session.lastSeenAt) + this.lifetimes.idleMs;
    if (now.getTime() >= absoluteEnd || now.getTime() >= idleEnd) {
      await this.remove(session.loginId, digest(id));
      return undefined;
    }
    const remaining = Math.min(this.lifetimes.idleMs, absoluteEnd - now.getTime());
    await this.redis.multi().hset(key, 'lastSeenAt', now.toISOString()).pexpire(key, remaining).exec();
    return { ...session, lastSeenAt: now.toISOString() };
  }

  /** Whose session this cookie names, if one is stored under it, without counting it as use (the rate limit's). */
  async ownerOf(id: string): Promise<string | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    return (await this.redis.hget(SESSION + digest(id), 'loginId')) ?? undefined;
  }

  async end(id: string): Promise<Session | undefined> {
    const key = SESSION + digest(id);
    const session = (await this.redis.hgetall(key)) as unknown as Session;
    if (!session.loginId) return undefined;
    await this.remove(session.loginId, digest(id));
    return session;
  }

  async list(loginId: string, now: Date): Promise<SessionSummary[]> {
    const summaries: SessionSummary[] = [];
    for (const [d, session] of await this.sessionsOf(loginId)) {
      const alive =
        now.getTime() < Date.parse(session.createdAt) + this.lifetimes.absoluteMs &&
        now.getTime() < Date.parse(session.lastSeenAt) + this.lifetimes.idleMs;
      if (!alive) {
        await this.remove(loginId, d);
        continue;
      }
      const { handle, method, createdAt, lastSeenAt, address } = session;
      summaries.push({ handle, method, createdAt, lastSeenAt, address });
    }
    return summaries.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Ends one session by its handle; false when the person has no such session. */
  async revoke(loginId: string, handle: string): Promise<boolean> {
    for (const [d, session] of await this.sessionsOf(loginId)) {
      if (session.handle === handle) {
        await this.remove(loginId, d);
        return true;
      }
    }
    return false;
  }

  /** Ends every session of the person (after a password change); returns their handles. */
  async revokeAll(loginId: string): Promise<string[]> {
    const handles: string[] = [];
    for (const [d, session] of await this.sessionsOf(loginId)) {
      handles.push(session.handle);
      await this.remove(loginId, d);
    }
    return handles;
  }

  private async sessionsOf(loginId: string): Promise<[string, Session][]> {
    const digests = await this.redis.smembers(OF_PERSON + loginId);
    const found: [string, Session][] = [];
    for (const d of digests) {
      const session = (await this.redis.hgetall(SESSION + d)) as unknown as Session;
      if (session.loginId) found.push([d, session]);
      else await this.redis.srem(OF_PERSON + loginId, d);
    }
    return found;
  }

  private async remove(loginId: string, d: string): Promise<void> {
    await this.redis
      .multi()
      .del(SESSION + d)
      .srem(OF_PERSON + loginId, d)
      .exec();
  }
}

/** Compares a CSRF token without telling by timing how much of it matched. */
export function sameToken(expected: string, given: string | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
