/**
 * Local accounts: signing in with a password, setting one (from the console or a one-time link),
 * and the one-time links themselves. Every outcome is recorded as a security event.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { Actor, NotFound } from '@goals/domain';
import { CLOCK, Clock } from '@goals/platform';
import { APP_CONFIG, AppConfig } from '@goals/infrastructure';
import { REDIS } from '@goals/infrastructure';
import { ACTOR_RESOLVER, ActorResolver } from './actor-resolver';
import { CredentialStore } from './credentials.store';
import { passwordProblem } from './password-policy';
import { SecurityActor, SecurityEvents } from './security-events';
import { Session, SessionStore } from './session.store';
import { Lock, SignInThrottle } from './sign-in-throttle';

const LINK = 'auth:set-password-link:';
/** The digest of a person's latest link: any other link of theirs is void. */
const LINK_OF = 'auth:set-password-link-of:';

export type SignInOutcome =
  | { ok: true; id: string; session: Session; actor: Actor }
  | { ok: false; reason: 'bad-credentials' }
  | { ok: false; reason: 'locked'; lock: Lock }
  | { ok: false; reason: 'no-post' };

export type SetPasswordOutcome = { ok: true; sessionsEnded: number } | { ok: false; problem: string };

const CONSOLE: SecurityActor = { userId: '(console)', role: 'system' };

@Injectable()
export class Accounts {
  readonly credentials: CredentialStore;
  readonly sessions: SessionStore;
  readonly throttle: SignInThrottle;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ACTOR_RESOLVER) private readonly actors: ActorResolver,
    private readonly events: SecurityEvents,
  ) {
    const auth = config.auth;
    this.credentials = new CredentialStore(redis);
    this.sessions = new SessionStore(redis, {
      idleMs: auth.sessionIdleMinutes * 60_000,
      absoluteMs: auth.sessionAbsoluteHours * 3_600_000,
    });
    this.throttle = new SignInThrottle(redis, auth);
  }

  async signInWithPassword(loginId: string, password: string, address: string): Promise<SignInOutcome> {
    const anonymous: SecurityActor = { userId: '(anonymous)', role: 'none' };
    const known = await this.credentials.hasPassword(loginId);
    // The reservation comes before the password check: parallel guesses cannot all pass a lock check first.
    const lock = await this.throttle.reserve(loginId, address);
    if (lock) {
      await this.events.record(
        { type: 'SignInFailed', data: { loginId, method: 'password', reason: 'locked', address } },
        anonymous,
        known,
      );
      return { ok: false, reason: 'locked', lock };
    }
    if (!(await this.credentials.verify(loginId, password))) {
      await this.events.record(
        { type: 'SignInFailed', data: { loginId, method: 'password', reason: 'bad-credentials', address } },
        anonymous,
        known,
      );
      const caused = await this.throttle.failed(loginId, address);
      if (caused) {
        const data = { loginId, address, scope: caused.scope, until: caused.until.toISOString() };
        await this.events.record({ type: 'AccountLockedOut', data }, anonymous, known);
      }
      return { ok: false, reason: 'bad-credentials' };
    }
    await this.throttle.succeeded(loginId, address);
    return this.startSession(loginId, 'password', address);
  }

  /** A session for a person who proved who they are (password or provider), if they hold a post today. */
  async startSession(
    loginId: string,
    method: 'password' | 'oidc',
    address: string,
    idToken?: string,
  ): Promise<SignInOutcome> {
    const now = this.clock.now();
    const actor = await this.actors.resolve(loginId, now);
    const them: SecurityActor = { userId: loginId, role: actor?.role ?? 'none' };
    if (!actor) {
      await this.events.record(
        { type: 'SignInFailed', data: { loginId, method, reason: 'no-post-today', address } },
        them,
      );
      return { ok: false, reason: 'no-post' };
    }
    const { id, session } = await this.sessions.create(
      { loginId, method, address, ...(idToken ? { idToken } : {}) },
      now,
    );
    await this.events.record({ type: 'SignedIn', data: { loginId, method, session: session.handle, address } }, them);
    return { ok: true, id, session, actor };
  }

  async signOut(sessionId: string): Promise<Session | undefined> {
    const session = await this.sessions.end(sessionId);
    if (session)
      await this.events.record(
        { type: 'SignedOut', data: { loginId: session.loginId, session: session.handle } },
        { userId: session.loginId, role: 'self' },
      );
    return session;
  }

  /** Sets the password and ends every session of the person: whoever held the old one is signed out. */
  async setPassword(
    loginId: string,
    password: string,
    via: 'console' | 'set-password-link' | 'self',
    by: SecurityActor = CONSOLE,
  ): Promise<SetPasswordOutcome> {
    const problem = passwordProblem(loginId, password);
    if (problem) return { ok: false, problem };
    await this.credentials.setPassword(loginId, password, this.clock.now());
    const ended = await this.sessions.revokeAll(loginId);
    for (const session of ended)
      await this.events.record({ type: 'SessionRevoked', data: { loginId, session, reason: 'password-changed' } }, by);
    await this.events.record({ type: 'PasswordChanged', data: { loginId, via, sessionsEnded: ended.length } }, by);
    return { ok: true, sessionsEnded: ended.length };
  }

  /**
   * A person changes their own password: the current one is required (a session left open on a shared
   * PC must not be enough), wrong guesses count towards the same lockout as sign-in.
   */
  async changeOwnPassword(
    loginId: string,
    current: string,
    next: string,
    address: string,
  ): Promise<SetPasswordOutcome> {
    const them: SecurityActor = { userId: loginId, role: 'self' };
    if (await this.throttle.reserve(loginId, address))
      return {
        ok: false,
        problem:
          'パスワードの確認に続けて失敗したため、一時的に変更できません。しばらくたってから、もう一度お試しください。',
      };
    if (!(await this.credentials.verify(loginId, current))) {
      await this.events.record(
        { type: 'SignInFailed', data: { loginId, method: 'password', reason: 'wrong-current-password', address } },
        them,
      );
      await this.throttle.failed(loginId, address);
      return { ok: false, problem: '現在のパスワードが正しくありません。' };
    }
    await this.throttle.succeeded(loginId, address);
    return this.setPassword(loginId, next, 'self', them);
  }

  async revokeSession(loginId: string, handle: string, by: SecurityActor): Promise<boolean> {
    const revoked = await this.sessions.revoke(loginId, handle);
    if (revoked)
      await this.events.record(
        { type: 'SessionRevoked', data: { loginId, session: handle, reason: 'revoked-by-admin' } },
        by,
      );
    return revoked;
  }

  async revokeAllSessions(loginId: string, by: SecurityActor): Promise<number> {
    const handles = await this.sessions.revokeAll(loginId);
    for (const session of handles)
      await this.events.record({ type: 'SessionRevoked', data: { loginId, session, reason: 'revoked-by-admin' } }, by);
    return handles.length;
  }

  /**
   * A single-use token for the set-password page; only its SHA-256 is kept, with the login id and an
   * expiry. A person has at most one link: issuing one ends every earlier one (an older link used after
   * a newer one would replace the password the newer one set). Only for a person the directory holds:
   * a link for an id nobody has yet would hand the account to whoever holds the link once it is registered.
   */
  async issueSetPasswordLink(loginId: string, by: SecurityActor): Promise<{ token: string; expiresAt: Date }> {
    if ((await this.actors.loginIdBy('loginId', loginId)) !== loginId) throw new NotFound('person', loginId);
    const token = randomBytes(32).toString('base64url');
    const ttlMs = this.config.auth.setPasswordLinkHours * 3_600_000;
    const expiresAt = new Date(this.clock.now().getTime() + ttlMs);
    const previous = await this.redis.get(LINK_OF + loginId);
    const write = this.redis.multi();
    if (previous) write.del(LINK + previous);
    await write
      .set(LINK + digest(token), loginId, 'PX', ttlMs)
      .set(LINK_OF + loginId, digest(token), 'PX', ttlMs)
      .exec();
    await this.events.record(
      { type: 'SetPasswordLinkIssued', data: { loginId, expiresAt: expiresAt.toISOString() } },
      by,
    );
    return { token, expiresAt };
  }

  /** The login id a link is for, while it is valid, unused and the person's latest. */
  async linkFor(token: string): Promise<string | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const loginId = await this.redis.get(LINK + digest(token));
    if (!loginId || (await this.redis.get(LINK_OF + loginId)) !== digest(token)) return undefined;
    return loginId;
  }

  /** Uses the link up (atomically: two tabs cannot both use it) only when the password is acceptable. */
  async setPasswordByLink(token: string, password: string): Promise<SetPasswordOutcome & { loginId?: string }> {
    const loginId = await this.linkFor(token);
    if (!loginId)
      return {
        ok: false,
        problem: 'このリンクは無効か、有効期限が切れています。管理者に新しいリンクを依頼してください。',
      };
    const problem = passwordProblem(loginId, password);
    if (problem) return { ok: false, problem, loginId };
    const used = (await this.redis.eval(USE_LINK, 2, LINK + digest(token), LINK_OF + loginId, digest(token))) as
      string | null;
    if (used !== loginId)
      return { ok: false, problem: 'このリンクは既に使われています。管理者に新しいリンクを依頼してください。' };
    return {
      ...(await this.setPassword(loginId, password, 'set-password-link', { userId: loginId, role: 'self' })),
      loginId,
    };
  }
}

/** KEYS: the link, the person's latest link; ARGV: the link's digest. Uses it up only while it is the latest. */
const USE_LINK = `
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return false end
local loginId = redis.call('GET', KEYS[1])
redis.call('DEL', KEYS[1], KEYS[2])
return loginId`;

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
