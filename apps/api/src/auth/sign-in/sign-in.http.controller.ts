/**
 * GET/POST /login, POST /auth/logout and the one-time set-password page: plain HTML forms, so a
 * person signs in without JavaScript. Errors never say whether a login id exists.
 */
import { randomBytes } from 'node:crypto';
import { Controller, Get, HttpCode, Inject, Optional, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CLOCK, Clock } from '@goals/platform';
import { APP_CONFIG, AppConfig } from '@goals/infrastructure';
import { Accounts } from '../accounts.service';
import { Public } from '../auth.guard';
import { OidcRelyingParty } from '../oidc/oidc.relying-party';
import { cookieOptions, CookieRequest, formCookieName, sessionCookieName } from '../session-cookie';
import { sameToken } from '../session.store';
import { setPasswordPage, signInPage } from './sign-in.pages';

export interface HtmlReply {
  status(code: number): HtmlReply;
  header(name: string, value: string): HtmlReply;
  setCookie(name: string, value: string, options: object): HtmlReply;
  clearCookie(name: string, options: object): HtmlReply;
  redirect(url: string, code?: number): HtmlReply;
  send(body: string): HtmlReply;
}

type FormRequest = CookieRequest & { body?: unknown };

export function sendHtml(reply: HtmlReply, status: number, html: string): void {
  reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    .send(html);
}

/** Only a path of this site: never another origin (`//host`, `/\host`, `https:`), so the form cannot be used to redirect elsewhere. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2000) return '/';
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\u0000-\u001f\u007f\\]/.test(next))
    return '/';
  return next;
}

export function formField(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}

@ApiExcludeController()
@Public()
@Controller()
export class SignInController {
  constructor(
    private readonly accounts: Accounts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() private readonly relyingParty?: OidcRelyingParty,
  ) {}

  private formToken(request: FormRequest, reply: HtmlReply): string {
    const existing = request.cookies?.[formCookieName(this.config.auth)];
    if (existing && /^[A-Za-z0-9_-]{32}$/.test(existing)) return existing;
    const token = randomBytes(24).toString('base64url');
    reply.setCookie(formCookieName(this.config.auth), token, cookieOptions(this.config.auth));
    return token;
  }

  private page(
    request: FormRequest,
    reply: HtmlReply,
    status: number,
    p: Partial<Parameters<typeof signInPage>[0]> & { next: string },
  ) {
    const { local, oidc } = this.config.auth.methods;
    sendHtml(reply, status, signInPage({ ...p, formToken: this.formToken(request, reply), local, oidc }));
  }

  @Get('login')
  showSignIn(
    @Req() request: FormRequest,
    @Res() reply: HtmlReply,
    @Query('next') next?: string,
    @Query('returnTo') returnTo?: string,
    @Query('signedOut') signedOut?: string,
  ) {
    // The web application sends people here with ?returnTo=<where they were>; next is the same.
    this.page(request, reply, 200, {
      next: safeNext(next ?? returnTo),
      notice: signedOut !== undefined ? 'ログアウトしました。' : undefined,
    });
  }

  @Post('login')
  async signIn(@Req() request: FormRequest, @Res() reply: HtmlReply) {
    const next = safeNext(formField(request.body, 'next') || '/');
    const loginId = formField(request.body, 'loginId').trim();
    const password = formField(request.body, 'password');
    if (!this.config.auth.methods.local)
      return this.page(request, reply, 404, {
        next,
        error: 'この環境では、ユーザーIDとパスワードでのログインは使えません。',
      });
    if (
      !sameToken(
        request.cookies?.[formCookieName(this.config.auth)] ?? '',
        formField(request.body, 'formToken') || undefined,
      )
    )
      return this.page(request, reply, 403, {
        next,
        loginId,
        error: '画面の有効期限が切れました。もう一度ログインしてください。',
      });
    const fields = {
      loginId: loginId
        ? loginId.length > 200
          ? 'ユーザーIDは200文字以内で入力してください。'
          : undefined
        : 'ユーザーIDを入力してください。',
      password: password ? undefined : 'パスワードを入力してください。',
    };
    if (fields.loginId || fields.password)
      return this.page(request, reply, 400, { next, loginId, fields, error: '入力内容を確認してください。' });
    const outcome = await this.accounts.signInWithPassword(loginId, password, request.ip);
    if (!outcome.ok) {
      if (outcome.reason === 'locked') {
        const minutes = Math.max(1, Math.ceil((outcome.lock.until.getTime() - Date.now()) / 60_000));
        const error = `ログインに続けて失敗したため、一時的にログインできません。${minutes}分ほどたってから、もう一度お試しください。`;
        return this.page(request, reply, 429, { next, loginId, error });
      }
      if (outcome.reason === 'no-post')
        return this.page(request, reply, 403, {
          next,
          loginId,
          error:
            'このユーザーIDには、現在の所属・役職が登録されていません。人事担当または管理者にお問い合わせください。',
        });
      const error = 'ユーザーIDまたはパスワードが正しくありません。';
      return this.page(request, reply, 401, { next, loginId, fields: { password: error }, error });
    }
    await this.endCurrent(request);
    reply.setCookie(sessionCookieName(this.config.auth), outcome.id, cookieOptions(this.config.auth));
    reply.redirect(next, 303);
  }

  /** An earlier session in this browser ends when another begins: the id changes at every sign-in. */
  private async endCurrent(request: FormRequest): Promise<void> {
    const current = request.cookies?.[sessionCookieName(this.config.auth)];
    if (current) await this.accounts.signOut(current);
  }

  @Post('auth/logout')
  @HttpCode(303)
  async signOut(@Req() request: FormRequest, @Res() reply: HtmlReply) {
    const cookie = request.cookies?.[sessionCookieName(this.config.auth)];
    const session = cookie ? await this.accounts.sessions.use(cookie, this.clock.now()) : undefined;
    if (session) {
      // A cross-site page must not be able to sign people out either: the same token as every write.
      const header = request.headers['x-csrf-token'];
      const given = typeof header === 'string' ? header : formField(request.body, 'csrfToken');
      if (!sameToken(session.csrfToken, given || undefined))
        return sendHtml(
          reply,
          403,
          signInPage({
            next: '/',
            error: 'ログアウトできませんでした。画面を再読み込みしてから、もう一度お試しください。',
            formToken: '',
            local: false,
            oidc: false,
          }),
        );
      await this.accounts.signOut(cookie!);
    }
    reply.clearCookie(sessionCookieName(this.config.auth), cookieOptions(this.config.auth));
    // Signed in at the provider: end that session too, where the provider supports RP-initiated logout.
    const afterwards = `${this.config.auth.publicUrl ?? ''}/login?signedOut`;
    const endSession =
      session?.method === 'oidc' ? await this.relyingParty?.logoutUrl(session.idToken, afterwards) : undefined;
    reply.redirect(endSession ?? '/login?signedOut', 303);
  }

  @Get('set-password')
  async showSetPassword(@Res() reply: HtmlReply, @Query('token') token?: string) {
    const value = typeof token === 'string' ? token : '';
    const loginId = await this.accounts.linkFor(value);
    if (!loginId)
      return sendHtml(
        reply,
        404,
        setPasswordPage({
          token: '',
          error: 'このリンクは無効か、有効期限が切れています。管理者に新しいリンクを依頼してください。',
        }),
      );
    sendHtml(reply, 200, setPasswordPage({ token: value, loginId }));
  }

  @Post('set-password')
  async setPassword(@Req() request: FormRequest, @Res() reply: HtmlReply) {
    const token = formField(request.body, 'token');
    const outcome = await this.accounts.setPasswordByLink(token, formField(request.body, 'password'));
    if (!outcome.ok)
      return sendHtml(
        reply,
        outcome.loginId ? 400 : 404,
        setPasswordPage({ token, loginId: outcome.loginId, error: outcome.problem }),
      );
    sendHtml(reply, 200, setPasswordPage({ token: '', done: true }));
  }
}
