import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor, NotAllowed } from '@goals/domain';
import { CLOCK, Clock } from '@goals/platform';
import { APP_CONFIG, AppConfig } from '@goals/infrastructure';
import { Accounts } from './accounts.service';
import { ACTOR_RESOLVER, ActorResolver } from './actor-resolver';
import { CookieRequest, sessionCookieName } from './session-cookie';
import { Session, sameToken } from './session.store';
import { TokenVerifier } from './token-keys';

export const TOKEN_VERIFIER = Symbol('TokenVerifier');
const PUBLIC = 'goal-sheet:public';

/** Routes anyone may reach without a token: health and the API docs. */
export const Public = () => SetMetadata(PUBLIC, true);

/** Browsers send cookies on their own; only these methods may change nothing, so only they skip the CSRF check. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether the credential a request came with still holds (a long-lived answer, the live stream, asks again). */
export type CredentialAlive = () => Promise<boolean>;

type GuardedRequest = CookieRequest & { actor?: Actor; session?: Session; credentialAlive?: CredentialAlive };

/**
 * Every route needs a person: a bearer token (scripts, other systems) or a browser session cookie,
 * unless marked @Public(). Either way the person's posts are those they hold today. A write made
 * with the cookie must carry the session's CSRF token in `x-csrf-token`; a bearer token is never
 * sent by a browser on its own, so it needs none.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verify: TokenVerifier,
    @Inject(ACTOR_RESOLVER) private readonly actors: ActorResolver,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: Accounts,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const header = String(request.headers.authorization ?? '');
    if (header) return this.bearer(request, header);
    const cookie = request.cookies?.[sessionCookieName(this.config.auth)];
    if (cookie) return this.session(request, cookie);
    throw new UnauthorizedException('sign in at /login, or send a bearer token (Authorization: Bearer <token>)');
  }

  private async bearer(request: GuardedRequest, header: string): Promise<boolean> {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('a bearer token is required (Authorization: Bearer <token>)');
    let subject: string | undefined;
    try {
      const payload = await this.verify(match[1]);
      // A token without an expiry would be valid for ever once leaked.
      if (typeof payload.exp !== 'number') throw new Error('it has no expiry (exp)');
      subject = payload.sub;
      const expiresMs = payload.exp * 1000;
      request.credentialAlive = async () => this.clock.now().getTime() < expiresMs;
    } catch (e) {
      throw new UnauthorizedException(`the token was refused: ${(e as Error).message}`);
    }
    const actor = subject === undefined ? undefined : await this.actors.resolve(subject, this.clock.now());
    if (!actor)
      throw new UnauthorizedException(
        `the token's user ${subject ?? '(none)'} holds no post today or is not in the directory`,
      );
    request.actor = actor;
    return true;
  }

  private async session(request: GuardedRequest, cookie: string): Promise<boolean> {
    const session = await this.accounts.sessions.use(cookie, this.clock.now());
    if (!session) throw new UnauthorizedException('the session has ended; sign in again at /login');
    if (!SAFE_METHODS.has(request.method.toUpperCase())) {
      const given = request.headers['x-csrf-token'];
      if (!sameToken(session.csrfToken, typeof given === 'string' ? given : undefined))
        throw new NotAllowed(
          'csrf-token',
          'a write from the browser needs the x-csrf-token header (csrfToken from GET /api/v1/me)',
          '画面からの書き込みには x-csrf-token ヘッダー（GET /api/v1/me の csrfToken）が必要です。画面を読み込み直してから、もう一度お試しください',
        );
    }
    const actor = await this.actors.resolve(session.loginId, this.clock.now());
    if (!actor)
      throw new UnauthorizedException(`${session.loginId} holds no post today; sign in again when one is assigned`);
    request.actor = actor;
    request.session = session;
    // Revoked, signed out, idle or past its lifetime: the store no longer holds it.
    request.credentialAlive = async () => (await this.accounts.sessions.ownerOf(cookie)) === session.loginId;
    return true;
  }
}

export { CurrentActor } from '../shared/current-actor';

/** Asks whether the request's session or token still holds; always true on a public route. */
export const CurrentCredentialAlive = createParamDecorator(
  (_: unknown, context: ExecutionContext): CredentialAlive =>
    context.switchToHttp().getRequest<{ credentialAlive?: CredentialAlive }>().credentialAlive ?? (async () => true),
);

/** The browser session the request came with; undefined for bearer tokens. */
export const CurrentSession = createParamDecorator((_: unknown, context: ExecutionContext): Session | undefined => {
  return context.switchToHttp().getRequest<{ session?: Session }>().session;
});
