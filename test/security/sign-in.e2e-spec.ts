/**
 * Signing in with a local account in a browser: the Japanese sign-in page, argon2id passwords,
 * server-side sessions in the real Redis, CSRF on cookie writes, sign-out, lockout, one-time
 * set-password links, and the sessions an administrator sees and ends.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalRedisServer } from '@goals/redis';
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { REDIS } from '@goals/infrastructure';
import { Accounts } from '../../apps/api/src/auth/accounts.service';
import { AppHarness, startApp } from '../support/app-harness';
import { Browser } from '../support/browser';

const PASSWORD = 'correct horse battery staple';

class SettableClock {
  constructor(public at = new Date()) {}
  now() {
    return new Date(this.at);
  }
  advance(ms: number) {
    this.at = new Date(this.at.getTime() + ms);
  }
}

describe('signing in with a local account', () => {
  let app: AppHarness;
  let accounts: Accounts;
  const clock = new SettableClock();

  beforeAll(async () => {
    app = await startApp({ SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '12', LOGIN_MAX_FAILURES: '3' }, clock);
    accounts = app.app.get(Accounts);
    for (const id of ['bucho', 'kacho-shimin', 'admin', 'kansa'])
      expect(await accounts.setPassword(id, PASSWORD, 'console')).toMatchObject({ ok: true });
  });
  afterAll(() => app.close());

  it('shows a Japanese, accessible sign-in page without JavaScript', async () => {
    const page = await new Browser(app.baseUrl).get('/login');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('<html lang="ja">');
    expect(page.text).toMatch(/<label for="loginId">ユーザーID<\/label>/);
    expect(page.text).toMatch(/<label for="password">パスワード<\/label>/);
    expect(page.text).toMatch(/<button type="submit">ログイン<\/button>/);
    expect(page.text).not.toContain('<script');
    expect(page.text).not.toContain('庁内アカウントでログイン'); // no provider configured
    expect(page.text).toContain('--color-primitive-blue-900'); // the design system's tokens, inlined
    expect(page.text).toContain(':focus-visible');
  });

  it('describes GET /api/v1/me in the OpenAPI document', async () => {
    const document = (await (await fetch(`${app.baseUrl}/docs-json`)).json()) as any;
    const ok = document.paths['/api/v1/me'].get.responses['200'].content['application/json'].schema;
    expect(ok.$ref).toBe('#/components/schemas/MeResponse');
    const me = document.components.schemas.MeResponse;
    expect(me.required).toEqual(expect.arrayContaining(['loginId', 'name', 'role', 'sections', 'posts']));
    expect(Object.keys(me.properties)).toEqual(expect.arrayContaining(['personId', 'department', 'csrfToken']));
  });

  it('refuses passwords shorter than 12 characters or equal to the login id', async () => {
    expect(await accounts.setPassword('kacho-bunka', 'short', 'console')).toEqual({
      ok: false,
      problem: expect.stringContaining('12文字以上'),
    });
    expect(await accounts.setPassword('kacho-keizai-1', 'kacho-keizai-1', 'console')).toEqual({
      ok: false,
      problem: expect.stringContaining('ユーザーID'),
    });
  });

  it('signs in, rotates the session id, answers /me with the posts held today and a CSRF token', async () => {
    const browser = new Browser(app.baseUrl);
    expect((await browser.me()).status).toBe(401);
    const fromWebApp = await browser.get('/login?returnTo=%2Finbox');
    expect(Browser.field(fromWebApp.text, 'next')).toBe('/inbox');
    const signedIn = await browser.signIn('kacho-shimin', PASSWORD, '/sheets/1?tab=goals');
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe('/sheets/1?tab=goals');
    const cookie = browser.lastSetCookies.find((c) => c.startsWith('goal-sheet-session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i); // embedded mode is plain http on loopback
    const me = await browser.me();
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      loginId: 'kacho-shimin',
      role: 'sectionHead',
      department: { name: '市民生活部' },
      sections: ['市民課'],
      name: '市民課長',
      posts: ['市民課長'],
      categories: expect.arrayContaining(['行政改革']),
      achievementScale: expect.arrayContaining(['ほぼ達成した']),
    });
    expect(me.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const first = browser.cookies.get('goal-sheet-session');
    await browser.signIn('kacho-shimin', PASSWORD);
    expect(browser.cookies.get('goal-sheet-session')).not.toBe(first);
    const stale = new Browser(app.baseUrl);
    stale.cookies.set('goal-sheet-session', first!);
    expect((await stale.me()).status).toBe(401);
  });

  it('never redirects to another site after sign-in', async () => {
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const page = await new Browser(app.baseUrl).signIn('bucho', PASSWORD, next);
      expect(page.location).toBe('/');
    }
  });

  it('answers a wrong password and an unknown id alike, in Japanese, tied to the field and announced', async () => {
    const wrong = await new Browser(app.baseUrl).signIn('bucho', 'not the password at all');
    const unknown = await new Browser(app.baseUrl).signIn('nobody-here', 'not the password at all');
    for (const page of [wrong, unknown]) {
      expect(page.status).toBe(401);
      expect(page.text).toContain('role="alert"');
      expect(page.text).toContain('ユーザーIDまたはパスワードが正しくありません。');
      expect(page.text).toMatch(/id="password"[^>]*aria-invalid="true"[^>]*aria-describedby="password-error"/);
      expect(page.text).not.toContain('not the password at all');
    }
    expect(wrong.text.replace(/bucho/g, 'X')).toBe(
      unknown.text
        .replace(/nobody-here/g, 'X')
        .replace(/value="[A-Za-z0-9_-]{32}"/, wrong.text.match(/value="[A-Za-z0-9_-]{32}"/)![0]),
    );
    const empty = await new Browser(app.baseUrl).signIn('', '');
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('ユーザーIDを入力してください。');
    expect(empty.text).toContain('パスワードを入力してください。');
  });

  it('refuses a sign-in form posted without the form token the page set (login CSRF)', async () => {
    const browser = new Browser(app.baseUrl);
    const page = await browser.request('POST', '/login', { form: { loginId: 'bucho', password: PASSWORD, next: '/' } });
    expect(page.status).toBe(403);
    expect(page.text).toContain('画面の有効期限が切れました');
    expect(browser.cookies.has('goal-sheet-session')).toBe(false);
  });

  it('requires the CSRF token on every write made with the cookie, not on reads or bearer requests', async () => {
    const browser = new Browser(app.baseUrl);
    await browser.signIn('admin', PASSWORD);
    const { csrfToken } = (await browser.me()).body;
    const path = '/api/v1/admin/accounts/kacho-bunka/set-password-link';
    const without = await browser.request('POST', path);
    expect(without.status).toBe(403);
    expect(JSON.parse(without.text).detail).toContain('x-csrf-token');
    expect((await browser.request('POST', path, { headers: { 'x-csrf-token': 'x'.repeat(43) } })).status).toBe(403);
    expect((await browser.request('POST', path, { headers: { 'x-csrf-token': csrfToken } })).status).toBe(201);
    expect((await app.call('admin', 'POST', '/admin/accounts/kacho-bunka/set-password-link')).status).toBe(201);
    const bearerMe = await app.call('bucho', 'GET', '/me');
    expect(bearerMe.status).toBe(200);
    expect(bearerMe.body.csrfToken).toBe('');
  });

  it('signs out (POST /auth/logout with the token) and the cookie no longer works', async () => {
    const browser = new Browser(app.baseUrl);
    await browser.signIn('bucho', PASSWORD);
    const cookie = browser.cookies.get('goal-sheet-session')!;
    const { csrfToken } = (await browser.me()).body;
    expect((await browser.request('POST', '/auth/logout')).status).toBe(403); // a cross-site form cannot sign people out
    const out = await browser.request('POST', '/auth/logout', { headers: { 'x-csrf-token': csrfToken } });
    expect(out.status).toBe(303);
    expect(out.location).toBe('/login?signedOut');
    const again = new Browser(app.baseUrl);
    again.cookies.set('goal-sheet-session', cookie);
    expect((await again.me()).status).toBe(401);
    expect((await browser.get('/login?signedOut')).text).toContain('ログアウトしました。');
  });

  it('ends a session after the idle time and after the absolute lifetime, by the service clock', async () => {
    const browser = new Browser(app.baseUrl);
    await browser.signIn('bucho', PASSWORD);
    clock.advance(29 * 60_000);
    expect((await browser.me()).status).toBe(200); // used: the idle time starts again
    clock.advance(29 * 60_000);
    expect((await browser.me()).status).toBe(200);
    clock.advance(31 * 60_000);
    expect((await browser.me()).status).toBe(401);

    const busy = new Browser(app.baseUrl);
    await busy.signIn('bucho', PASSWORD);
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      clock.advance(20 * 60_000);
      expect((await busy.me()).status).toBe(200);
    }
    clock.advance(20 * 60_000);
    expect((await busy.me()).status).toBe(401);
  });

  it('locks a login id after repeated failures, whether or not it exists, and records it', async () => {
    for (const id of ['kansa', 'no-such-person']) {
      const browser = new Browser(app.baseUrl);
      for (let i = 0; i < 3; i++) expect((await browser.signIn(id, 'wrong password, again')).status).toBe(401);
      const locked = await browser.signIn(id, PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.text).toContain('一時的にログインできません');
      expect(browser.cookies.has('goal-sheet-session')).toBe(false);
    }
    const events = await app.call('kansa', 'GET', '/audit/security-events?loginId=kansa&limit=1000');
    expect(events.body.items.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['SignInFailed', 'AccountLockedOut']),
    );
  });

  it("lets an administrator list and end a person's sessions", async () => {
    const one = new Browser(app.baseUrl);
    const two = new Browser(app.baseUrl);
    await one.signIn('kacho-shimin', PASSWORD);
    clock.advance(1000);
    await two.signIn('kacho-shimin', PASSWORD);
    const listed = await app.call('admin', 'GET', '/admin/accounts/kacho-shimin/sessions');
    expect(listed.status).toBe(200);
    expect(listed.body.items.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(listed.body.items[0]).sort()).toEqual([
      'address',
      'createdAt',
      'handle',
      'lastSeenAt',
      'method',
    ]);
    expect((await app.call('bucho', 'GET', '/admin/accounts/kacho-shimin/sessions')).status).toBe(403);
    const handle = listed.body.items.at(-1).handle;
    expect((await app.call('admin', 'DELETE', `/admin/accounts/kacho-shimin/sessions/${handle}`)).status).toBe(204);
    expect((await two.me()).status).toBe(401);
    expect((await one.me()).status).toBe(200);
    expect((await app.call('admin', 'DELETE', `/admin/accounts/kacho-shimin/sessions/${handle}`)).status).toBe(404);
    expect(
      (await app.call('admin', 'DELETE', '/admin/accounts/kacho-shimin/sessions')).body.ended,
    ).toBeGreaterThanOrEqual(1);
    expect((await one.me()).status).toBe(401);
  });

  it('sets a password through a one-time link, which ends the old sessions and works once', async () => {
    const old = new Browser(app.baseUrl);
    await old.signIn('kacho-shimin', PASSWORD);
    const issued = await app.call('admin', 'POST', '/admin/accounts/kacho-shimin/set-password-link');
    expect(issued.status).toBe(201);
    const url = new URL(issued.body.url);
    expect(Date.parse(issued.body.expiresAt) - clock.now().getTime()).toBe(24 * 3_600_000);
    const browser = new Browser(app.baseUrl);
    const form = await browser.get(url.pathname + url.search);
    expect(form.status).toBe(200);
    expect(form.text).toContain('kacho-shimin');
    expect(form.text).toMatch(/<label for="password">新しいパスワード<\/label>/);
    const token = Browser.field(form.text, 'token')!;
    const short = await browser.request('POST', '/set-password', { form: { token, password: 'too short' } });
    expect(short.status).toBe(400);
    expect(short.text).toContain('12文字以上');
    const done = await browser.request('POST', '/set-password', {
      form: { token, password: 'a brand new passphrase' },
    });
    expect(done.status).toBe(200);
    expect(done.text).toContain('パスワードを設定しました');
    const reused = await browser.request('POST', '/set-password', {
      form: { token, password: 'another new passphrase' },
    });
    expect(reused.status).toBe(404);
    expect((await old.me()).status).toBe(401); // signed out everywhere
    expect((await new Browser(app.baseUrl).signIn('kacho-shimin', PASSWORD)).status).toBe(401);
    expect((await new Browser(app.baseUrl).signIn('kacho-shimin', 'a brand new passphrase')).status).toBe(303);
    expect((await browser.get('/set-password?token=nonsense')).status).toBe(404);
  });

  it('ends every earlier set-password link when a newer one is issued: an older link cannot replace the newer password', async () => {
    await accounts.setPassword('kacho-sports', PASSWORD, 'console');
    const tokenOf = async () => {
      const issued = await app.call('admin', 'POST', '/admin/accounts/kacho-sports/set-password-link');
      expect(issued.status).toBe(201);
      return new URL(issued.body.url).searchParams.get('token')!;
    };
    const older = await tokenOf();
    const newer = await tokenOf();
    const browser = new Browser(app.baseUrl);
    expect((await browser.get(`/set-password?token=${older}`)).status).toBe(404);
    const set = await browser.request('POST', '/set-password', {
      form: { token: newer, password: 'the newer passphrase' },
    });
    expect(set.status).toBe(200);
    const replaced = await browser.request('POST', '/set-password', {
      form: { token: older, password: 'the older link passphrase' },
    });
    expect(replaced.status).toBe(404);
    expect((await new Browser(app.baseUrl).signIn('kacho-sports', 'the older link passphrase')).status).toBe(401);
    expect((await new Browser(app.baseUrl).signIn('kacho-sports', 'the newer passphrase')).status).toBe(303);
  });

  it('issues no set-password link for a login id the directory does not hold', async () => {
    const before = await app.eventCount();
    const refused = await app.call('admin', 'POST', '/admin/accounts/not-registered-yet/set-password-link');
    expect(refused.status).toBe(404);
    expect(refused.body.detail).toMatch(/not-registered-yet/);
    expect(await app.eventCount()).toBe(before);
  });

  it('lets a person see and end their own sessions, and change their own password with the current one', async () => {
    await accounts.setPassword('kacho-jinken', PASSWORD, 'console');
    const office = new Browser(app.baseUrl);
    const home = new Browser(app.baseUrl);
    await office.signIn('kacho-jinken', PASSWORD);
    clock.advance(1000);
    await home.signIn('kacho-jinken', PASSWORD);
    const { csrfToken } = (await office.me()).body;
    const listed = JSON.parse((await office.get('/api/v1/me/sessions')).text).items;
    expect(listed.map((s: { current: boolean }) => s.current)).toEqual([true, false]);
    const ended = await office.request('DELETE', `/api/v1/me/sessions/${listed[1].handle}`, {
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(ended.status).toBe(204);
    expect((await home.me()).status).toBe(401);

    const change = (current: string, next: string) =>
      office.request('POST', '/api/v1/me/password', {
        json: { currentPassword: current, newPassword: next },
        headers: { 'x-csrf-token': csrfToken },
      });
    const wrong = await change('not my password at all', 'a new and long passphrase');
    expect(wrong.status).toBe(400);
    expect(JSON.parse(wrong.text).errors).toEqual([
      { field: 'currentPassword', reason: '現在のパスワードが正しくありません。' },
    ]);
    const weak = await change(PASSWORD, 'kacho-jinken');
    expect(JSON.parse(weak.text).errors[0].field).toBe('newPassword');
    expect(
      (
        await office.request('POST', '/api/v1/me/password', {
          json: { currentPassword: PASSWORD, newPassword: 'a new and long passphrase' },
        })
      ).status,
    ).toBe(403);
    const changed = await change(PASSWORD, 'a new and long passphrase');
    expect(changed.status).toBe(200);
    expect((await office.me()).status).toBe(401); // every session ends, this one too
    expect((await new Browser(app.baseUrl).signIn('kacho-jinken', 'a new and long passphrase')).status).toBe(303);
  });

  it('answers any form a client can post with a page, never a 500 and never a session', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.constantFrom('', '\u0000', '<script>x</script>', '%', '../..', 'a'.repeat(5000)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({ loginId: text, password: text, next: text, formToken: text }),
        fc.boolean(),
        async (form, withPage) => {
          const browser = new Browser(app.baseUrl);
          if (withPage) form.formToken = Browser.field((await browser.get('/login')).text, 'formToken')!;
          const page = await browser.request('POST', '/login', { form });
          expect([400, 401, 403, 429]).toContain(page.status);
          expect(page.headers.get('content-type')).toMatch(/^text\/html/);
          expect(page.text).not.toContain('<script>x</script>');
          expect(browser.cookies.has('goal-sheet-session')).toBe(false);
          const set = await browser.request('POST', '/set-password', {
            form: { token: form.loginId, password: form.password },
          });
          expect(set.status).toBe(404);
        },
      ),
      { numRuns: 40 },
    );
    const raw = await fetch(`${app.baseUrl}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from([0xff, 0xfe, 0x3d]),
    });
    expect(raw.status).toBe(400);
  });

  it('keeps passwords, tokens and their hashes out of logs, events and every answer', async () => {
    const logs: string[] = [];
    const capture = (...parts: unknown[]) =>
      void logs.push(parts.map((p) => (p instanceof Error ? p.stack : String(p))).join(' '));
    app.app.useLogger({
      log: capture,
      error: capture,
      warn: capture,
      debug: capture,
      verbose: capture,
      fatal: capture,
    });
    const answers: string[] = [];
    const secret = 'my secret passphrase 秘密';
    const wrong = 'a wrong guess of the passphrase';
    expect(await accounts.setPassword('kacho-bunka', secret, 'console')).toEqual({ ok: true, sessionsEnded: 0 });
    const browser = new Browser(app.baseUrl);
    answers.push((await browser.signIn('kacho-bunka', wrong)).text);
    answers.push((await browser.signIn('kacho-bunka', secret)).text);
    const sessionId = browser.cookies.get('goal-sheet-session')!;
    const me = await browser.me();
    answers.push(JSON.stringify(me.body));
    const csrf: string = me.body.csrfToken;
    answers.push(
      (
        await browser.request('POST', '/api/v1/admin/accounts/x/set-password-link', {
          headers: { 'x-csrf-token': 'wrong' },
        })
      ).text,
    );
    const link = await app.call('admin', 'POST', '/admin/accounts/kacho-bunka/set-password-link');
    const linkToken = new URL(link.body.url).searchParams.get('token')!;
    const next = 'another secret passphrase';
    answers.push(
      (await browser.request('POST', '/set-password', { form: { token: linkToken, password: 'short' } })).text,
    );
    answers.push((await browser.request('POST', '/set-password', { form: { token: linkToken, password: next } })).text);
    answers.push((await browser.request('POST', '/set-password', { form: { token: linkToken, password: next } })).text);
    answers.push((await new Browser(app.baseUrl).signIn('kacho-bunka', secret)).text);
    answers.push(
      (await app.call(null, 'GET', '/me', { headers: { authorization: `Bearer ${await app.token('bucho')}x` } })).body
        .detail,
    );
    const stored = (await app.app.get<Redis>(REDIS).hget('auth:credential:kacho-bunka', 'hash'))!;
    expect(stored).toMatch(/^\$argon2id\$/);

    expect(logs.join('\n')).toMatch(/SignInFailed.*kacho-bunka/);
    expect(logs.join('\n')).toMatch(/PasswordChanged.*set-password-link/);
    const events = await fetch(`${app.baseUrl}/api/v1/audit/events`, {
      headers: { authorization: `Bearer ${await app.token('kansa')}` },
    });
    const log = await events.text();
    expect(log).toContain('"PasswordChanged"');
    expect(log).toContain('"SetPasswordLinkIssued"');
    const sha = (x: string) => createHash('sha256').update(x).digest('base64url');
    const secrets = {
      secret,
      wrong,
      next,
      sessionId,
      csrf,
      linkToken,
      stored,
      sessionHash: sha(sessionId),
      linkHash: sha(linkToken),
      bearer: await app.token('bucho'),
    };
    for (const [name, value] of Object.entries(secrets)) {
      expect({ name, inEvents: log.includes(value) }).toEqual({ name, inEvents: false });
      expect({ name, inLogs: logs.some((l) => l.includes(value)) }).toEqual({ name, inLogs: false });
      // /me hands the CSRF token to its own session, and the set-password form carries its link's token back.
      if (name !== 'csrf' && name !== 'linkToken')
        expect({ name, inAnswers: answers.some((a) => a.includes(value)) }).toEqual({ name, inAnswers: false });
    }
  });
});

describe('signing in, in production mode', () => {
  const redisDir = mkdtempSync(join(tmpdir(), 'goal-sheet-prod-redis-'));
  const redis = new LocalRedisServer({ dataDir: redisDir });
  let app: AppHarness;

  beforeAll(async () => {
    await redis.start();
    app = await startApp({
      APP_MODE: 'production',
      REDIS_URL: redis.url,
      JWT_JWKS_URL: 'http://127.0.0.1:9/jwks',
      RUN_WORKER: 'false',
    });
    await app.app.get(Accounts).setPassword('bucho', PASSWORD, 'console');
  });
  afterAll(async () => {
    await app?.close();
    await redis.stop();
    rmSync(redisDir, { recursive: true, force: true });
  });

  it('sets a Secure, __Host- prefixed, HttpOnly, SameSite=Lax session cookie', async () => {
    const browser = new Browser(app.baseUrl);
    expect((await browser.signIn('bucho', PASSWORD)).status).toBe(303);
    const cookie = browser.lastSetCookies.find((c) => c.startsWith('__Host-goal-sheet-session='))!;
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    expect((await browser.me()).body.loginId).toBe('bucho');
  });
  it('gives the sign-in form’s login-CSRF cookie the __Host- prefix too, and still signs in with it', async () => {
    const browser = new Browser(app.baseUrl);
    await browser.get('/login');
    const form = browser.lastSetCookies.find((c) => c.startsWith('__Host-goal-sheet-form='))!;
    expect(form).toBeDefined();
    expect(form).toMatch(/; Secure/i);
    expect(form).toMatch(/; Path=\//);
    expect(form).not.toMatch(/Domain=/i);
    expect(browser.lastSetCookies.some((c) => c.startsWith('goal-sheet-form='))).toBe(false);
    expect((await browser.signIn('bucho', PASSWORD)).status).toBe(303);
  });
});
