/**
 * 「庁内アカウントでログイン」: GET /auth/oidc/login sends the browser to the city's provider, and
 * GET /auth/oidc/callback signs the person in when the provider vouches for someone of the directory
 * who holds a post today. Anything else is a Japanese refusal page and no session.
 */
import { Controller, Get, Inject, NotFoundException, Optional, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@goals/infrastructure';
import { Accounts } from '../accounts.service';
import { ACTOR_RESOLVER, ActorResolver } from '../actor-resolver';
import { Public } from '../auth.guard';
import { SecurityEvents } from '../security-events';
import { cookieOptions, CookieRequest, sessionCookieName } from '../session-cookie';
import { HtmlReply, safeNext, sendHtml } from '../sign-in/sign-in.http.controller';
import { refusalPage } from '../sign-in/sign-in.pages';
import { OidcRefusal, OidcRelyingParty } from './oidc.relying-party';

const PENDING_COOKIE = 'goal-sheet-oidc';

const REFUSALS: Record<OidcRefusal['reason'], { status: number; message: string }> = {
  unreachable: {
    status: 502,
    message: '庁内アカウントのサーバーに接続できませんでした。しばらくたってから、もう一度お試しください。',
  },
  'no-pending-sign-in': {
    status: 400,
    message:
      'ログインの手続きを確認できませんでした（有効期限切れ、または使用済みです）。もう一度ログインしてください。',
  },
  'state-mismatch': { status: 400, message: 'ログインの手続きを確認できませんでした。もう一度ログインしてください。' },
  'provider-error': {
    status: 403,
    message: '庁内アカウントでのログインが完了しませんでした。もう一度お試しください。',
  },
  rejected: { status: 400, message: '庁内アカウントからの応答を確認できませんでした。もう一度ログインしてください。' },
  'no-person-claim': {
    status: 403,
    message: '庁内アカウントから職員を特定する情報が届きませんでした。管理者にお問い合わせください。',
  },
};

@ApiExcludeController()
@Public()
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly accounts: Accounts,
    private readonly events: SecurityEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ACTOR_RESOLVER) private readonly actors: ActorResolver,
    @Optional() private readonly relyingParty?: OidcRelyingParty,
  ) {}

  private party(): OidcRelyingParty {
    if (!this.relyingParty)
      throw new NotFoundException('sign-in with an identity provider is not configured (AUTH_METHODS)');
    return this.relyingParty;
  }

  @Get('login')
  async login(@Res() reply: HtmlReply, @Query('next') next?: string) {
    try {
      const { url, pendingId } = await this.party().start(safeNext(next));
      reply.setCookie(PENDING_COOKIE, pendingId, { ...cookieOptions(this.config.auth), maxAge: 600 });
      reply.redirect(url, 303);
    } catch (e) {
      if (!(e instanceof OidcRefusal)) throw e;
      this.refuse(reply, e);
    }
  }

  @Get('callback')
  async callback(@Req() request: CookieRequest & { url: string }, @Res() reply: HtmlReply) {
    const party = this.party();
    reply.clearCookie(PENDING_COOKIE, cookieOptions(this.config.auth));
    const anonymous = { userId: '(anonymous)', role: 'none' };
    let identity;
    try {
      identity = await party.finish(new URL(request.url, party.redirectUri), request.cookies?.[PENDING_COOKIE]);
    } catch (e) {
      if (!(e instanceof OidcRefusal)) throw e;
      await this.events.record(
        { type: 'SignInFailed', data: { method: 'oidc', reason: `${e.reason}: ${e.message}`, address: request.ip } },
        anonymous,
        false,
      );
      return this.refuse(reply, e);
    }
    const oidc = this.config.auth.oidc!;
    const loginId = await this.actors.loginIdBy(oidc.matchBy, identity.claimValue);
    if (!loginId) {
      await this.events.record(
        {
          type: 'SignInFailed',
          data: {
            method: 'oidc',
            reason: `no person in the directory with ${oidc.matchBy} from ${oidc.personClaim}`,
            address: request.ip,
          },
        },
        anonymous,
        false,
      );
      return sendHtml(
        reply,
        403,
        refusalPage(
          'ログインできません',
          `庁内アカウント（${identity.claimValue}）に対応する職員が、この整理表の名簿に登録されていません。人事担当または管理者にお問い合わせください。`,
        ),
      );
    }
    const outcome = await this.accounts.startSession(loginId, 'oidc', request.ip, identity.idToken);
    if (!outcome.ok)
      return sendHtml(
        reply,
        403,
        refusalPage(
          'ログインできません',
          `${loginId} には、現在の所属・役職が登録されていません。人事担当または管理者にお問い合わせください。`,
        ),
      );
    const current = request.cookies?.[sessionCookieName(this.config.auth)];
    if (current) await this.accounts.signOut(current);
    reply.setCookie(sessionCookieName(this.config.auth), outcome.id, cookieOptions(this.config.auth));
    reply.redirect(identity.next, 303);
  }

  private refuse(reply: HtmlReply, e: OidcRefusal): void {
    const { status, message } = REFUSALS[e.reason];
    sendHtml(reply, status, refusalPage('ログインできません', message));
  }
}
