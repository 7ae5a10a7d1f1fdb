/**
 * 「庁内アカウントでログイン」 end to end against a real OpenID provider (oidc-provider 9, its own
 * process on loopback): the happy path and RP-initiated logout, then every way a sign-in must fail
 * — wrong state, replayed callback, wrong nonce, expired ID token, unknown person, provider
 * unreachable — each with a Japanese page and no session.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@goals/redis';
import { AppHarness, startApp } from '../support/app-harness';
import { Browser, Page } from '../support/browser';
import { TestOpenIdProvider } from '../support/oidc-provider/oidc-test-provider';

const CLIENT_SECRET = 'test-client-secret-0123456789abcdef';

class SettableClock {
  offsetMs = 0;
  now() {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** Follows redirects from url until a page that is not one, or until the next URL satisfies stop. */
async function walk(
  browser: Browser,
  url: string,
  stop?: (next: string) => boolean,
): Promise<{ page: Page; url: string }> {
  for (let hops = 0; hops < 20; hops++) {
    const page = await browser.get(url);
    if (page.status < 300 || page.status >= 400 || !page.location) return { page, url };
    const next = new URL(page.location, url).href;
    if (stop?.(next)) return { page, url: next };
    url = next;
  }
  throw new Error('too many redirects');
}

describe("signing in with the city's OpenID provider", () => {
  let provider: TestOpenIdProvider;
  let app: AppHarness;
  let callbackPrefix: string;
  const clock = new SettableClock();
  const logs: string[] = [];
  const capture = (...parts: unknown[]) =>
    void logs.push(parts.map((p) => (p instanceof Error ? p.stack : String(p))).join(' '));
  const keyDir = mkdtempSync(join(tmpdir(), 'goal-sheet-rp-key-'));
  const keyFile = join(keyDir, 'rp-key.pem');
  let keyClientPort: number;

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    callbackPrefix = `${publicUrl}/auth/oidc/callback`;
    // A second client that authenticates with private_key_jwt: the provider holds only its public key.
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }));
    keyClientPort = await freePort();
    provider = await TestOpenIdProvider.start({
      clients: [
        {
          client_id: 'goal-sheet',
          client_secret: CLIENT_SECRET,
          redirect_uris: [callbackPrefix],
          post_logout_redirect_uris: [`${publicUrl}/login?signedOut`],
          token_endpoint_auth_method: 'client_secret_basic',
        },
        {
          client_id: 'goal-sheet-key',
          redirect_uris: [`http://127.0.0.1:${keyClientPort}/auth/oidc/callback`],
          token_endpoint_auth_method: 'private_key_jwt',
          token_endpoint_auth_signing_alg: 'ES256',
          jwks: { keys: [{ ...publicKey.export({ format: 'jwk' }), use: 'sig', alg: 'ES256' }] },
        },
      ],
      accounts: { 'kacho-shimin': { email: 'shimin@city.example' } },
    });
    app = await startApp(
      {
        PORT: String(port),
        PUBLIC_URL: publicUrl,
        AUTH_METHODS: 'local,oidc',
        OIDC_ISSUER_URL: provider.issuer,
        OIDC_CLIENT_ID: 'goal-sheet',
        OIDC_CLIENT_SECRET: CLIENT_SECRET,
        OIDC_PERSON_CLAIM: 'preferred_username',
      },
      clock,
    );
    app.app.useLogger({
      log: capture,
      error: capture,
      warn: capture,
      debug: capture,
      verbose: capture,
      fatal: capture,
    });
  });
  afterAll(async () => {
    await app?.close();
    await provider?.stop();
    rmSync(keyDir, { recursive: true, force: true });
  });

  /** Starts at the sign-in page's button, signs in at the provider as accountId, and stops before the callback. */
  async function throughProvider(
    browser: Browser,
    accountId: string,
    options: { next?: string; tamper?: (authorizeUrl: URL) => void } = {},
  ) {
    const start = await browser.get(
      `/auth/oidc/login${options.next ? `?next=${encodeURIComponent(options.next)}` : ''}`,
    );
    expect(start.status).toBe(303);
    const authorize = new URL(start.location!);
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['state', 'nonce', 'code_challenge'])
      expect(authorize.searchParams.get(p)).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    options.tamper?.(authorize);
    const form = await walk(browser, authorize.href);
    expect(form.page.status).toBe(200);
    const action = /<form[^>]*action="([^"]+)"/.exec(form.page.text)![1].replace(/&amp;/g, '&');
    const submitted = await browser.request('POST', new URL(action, form.url).href, {
      form: { prompt: 'login', login: accountId, password: 'anything' },
    });
    expect(submitted.status).toBe(303);
    const back = await walk(browser, new URL(submitted.location!, form.url).href, (next) =>
      next.startsWith(callbackPrefix),
    );
    expect(back.url.startsWith(callbackPrefix)).toBe(true);
    return back.url;
  }

  async function securityEvents(type: string) {
    const events = await app.call('kansa', 'GET', '/audit/security-events?limit=1000');
    return events.body.items.filter((e: { type: string }) => e.type === type);
  }

  it('offers 「庁内アカウントでログイン」 on the sign-in page beside the local form', async () => {
    const page = await new Browser(app.baseUrl).get('/login?next=/sheets');
    expect(page.text).toContain('庁内アカウントでログイン');
    expect(page.text).toContain('href="/auth/oidc/login?next=%2Fsheets"');
    expect(page.text).toContain('<label for="loginId">ユーザーID</label>');
  });

  it('signs in the person the provider vouches for, and signs out at the provider too', async () => {
    const browser = new Browser(app.baseUrl);
    const callback = await throughProvider(browser, 'kacho-shimin', { next: '/goals?fiscalYear=2022' });
    const done = await browser.get(callback);
    expect(done.status).toBe(303);
    expect(done.location).toBe('/goals?fiscalYear=2022');
    expect(browser.lastSetCookies.find((c) => c.startsWith('goal-sheet-session='))).toMatch(
      /HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/i,
    );
    const me = await browser.me();
    expect(me.body).toMatchObject({ loginId: 'kacho-shimin', role: 'sectionHead', sections: ['市民課'] });
    expect(
      (await securityEvents('SignedIn')).some(
        (e: { data: { loginId: string; method: string } }) =>
          e.data.loginId === 'kacho-shimin' && e.data.method === 'oidc',
      ),
    ).toBe(true);

    // the same callback again (a replayed code): the sign-in in flight is gone, nothing new starts
    const replayed = await browser.get(callback);
    expect(replayed.status).toBe(400);
    expect(replayed.text).toContain('ログインの手続きを確認できませんでした');

    const out = await browser.request('POST', '/auth/logout', { headers: { 'x-csrf-token': me.body.csrfToken } });
    expect(out.status).toBe(303);
    const endSession = new URL(out.location!);
    expect(endSession.origin).toBe(provider.issuer);
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(
      `${app.config.auth.publicUrl}/login?signedOut`,
    );
    expect((await walk(browser, endSession.href)).page.status).toBe(200); // the provider asks to confirm its own sign-out
    expect((await browser.me()).status).toBe(401);

    // neither the code, the ID token, the client secret nor the session id is in the event log or the logs
    const code = new URL(callback).searchParams.get('code')!;
    const idToken = endSession.searchParams.get('id_token_hint')!;
    const events = await (
      await fetch(`${app.baseUrl}/api/v1/audit/events`, {
        headers: { authorization: `Bearer ${await app.token('kansa')}` },
      })
    ).text();
    expect(events).toContain('"method":"oidc"');
    expect(logs.join('\n')).toContain('SignedIn');
    for (const [name, value] of Object.entries({ code, idToken, CLIENT_SECRET, csrf: me.body.csrfToken })) {
      expect({ name, inEvents: events.includes(value) }).toEqual({ name, inEvents: false });
      expect({ name, inLogs: logs.some((l) => l.includes(value)) }).toEqual({ name, inLogs: false });
    }
  });

  it('authenticates the service to the provider with private_key_jwt', async () => {
    const publicUrl = `http://127.0.0.1:${keyClientPort}`;
    const keyed = await startApp({
      PORT: String(keyClientPort),
      PUBLIC_URL: publicUrl,
      AUTH_METHODS: 'oidc',
      OIDC_ISSUER_URL: provider.issuer,
      OIDC_CLIENT_ID: 'goal-sheet-key',
      OIDC_PRIVATE_KEY_FILE: keyFile,
    });
    try {
      const browser = new Browser(keyed.baseUrl);
      const start = await browser.get('/auth/oidc/login');
      const form = await walk(browser, start.location!);
      const action = /<form[^>]*action="([^"]+)"/.exec(form.page.text)![1].replace(/&amp;/g, '&');
      const submitted = await browser.request('POST', new URL(action, form.url).href, {
        form: { prompt: 'login', login: 'bucho', password: 'x' },
      });
      const back = await walk(browser, new URL(submitted.location!, form.url).href, (next) =>
        next.startsWith(`${publicUrl}/auth/oidc/callback`),
      );
      const done = await browser.get(back.url);
      expect(done.status).toBe(303);
      expect((await browser.me()).body).toMatchObject({ loginId: 'bucho', role: 'departmentHead' });
    } finally {
      await keyed.close();
    }
  });

  it('refuses a replayed code whose sign-in in flight is restored from a copied cookie', async () => {
    const browser = new Browser(app.baseUrl);
    const callback = await throughProvider(browser, 'kacho-shimin');
    const pending = browser.cookies.get('goal-sheet-oidc')!;
    expect((await browser.get(callback)).status).toBe(303);
    const attacker = new Browser(app.baseUrl);
    attacker.cookies.set('goal-sheet-oidc', pending);
    const page = await attacker.get(callback);
    expect(page.status).toBe(400);
    expect(attacker.cookies.has('goal-sheet-session')).toBe(false);
  });

  it('refuses a callback whose state is not the one this browser started with', async () => {
    const browser = new Browser(app.baseUrl);
    const callback = new URL(await throughProvider(browser, 'kacho-shimin'));
    callback.searchParams.set('state', 'not-the-state-this-browser-sent-0123456789abc');
    const page = await browser.get(callback.href);
    expect(page.status).toBe(400);
    expect(page.text).toContain('role="alert"');
    expect(page.text).toContain('ログインの手続きを確認できませんでした');
    expect(browser.cookies.has('goal-sheet-session')).toBe(false);
    expect((await browser.me()).status).toBe(401);
  });

  it('refuses an ID token that carries another nonce than the one this browser was given', async () => {
    const browser = new Browser(app.baseUrl);
    const callback = await throughProvider(browser, 'kacho-shimin', {
      tamper: (url) => url.searchParams.set('nonce', 'a-nonce-of-the-attackers-choosing-0123456789'),
    });
    const page = await browser.get(callback);
    expect(page.status).toBe(400);
    expect(page.text).toContain('庁内アカウントからの応答を確認できませんでした');
    expect(browser.cookies.has('goal-sheet-session')).toBe(false);
    const failed = await securityEvents('SignInFailed');
    expect(failed.map((e: { data: { reason: string } }) => e.data.reason)).toContainEqual(
      expect.stringMatching(/nonce/),
    );
  });

  it('refuses an ID token that has expired by the service clock', async () => {
    const browser = new Browser(app.baseUrl);
    const callback = await throughProvider(browser, 'kacho-shimin');
    clock.offsetMs = 2 * 3_600_000; // the provider's ID tokens live an hour
    try {
      const page = await browser.get(callback);
      expect(page.status).toBe(400);
      expect(page.text).toContain('庁内アカウントからの応答を確認できませんでした');
      expect(browser.cookies.has('goal-sheet-session')).toBe(false);
      const failed = await securityEvents('SignInFailed');
      expect(failed.map((e: { data: { reason: string } }) => e.data.reason)).toContainEqual(
        expect.stringMatching(/"exp"/),
      );
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('refuses, in Japanese, a person the directory does not know', async () => {
    const browser = new Browser(app.baseUrl);
    const page = await browser.get(await throughProvider(browser, 'stranger'));
    expect(page.status).toBe(403);
    expect(page.text).toContain('<html lang="ja">');
    expect(page.text).toContain('庁内アカウント（stranger）に対応する職員が、この整理表の名簿に登録されていません。');
    expect(browser.cookies.has('goal-sheet-session')).toBe(false);
    expect((await browser.me()).status).toBe(401);
  });

  it('says so in Japanese when the provider cannot be reached, and starts no session', async () => {
    const closed = await freePort();
    const port = await freePort();
    const unreachable = await startApp({
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      AUTH_METHODS: 'oidc',
      OIDC_ISSUER_URL: `http://127.0.0.1:${closed}`,
      OIDC_CLIENT_ID: 'goal-sheet',
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
    });
    try {
      const browser = new Browser(unreachable.baseUrl);
      const signInPage = await browser.get('/login');
      expect(signInPage.text).not.toContain('<label for="loginId">'); // only the provider is configured
      const page = await browser.get('/auth/oidc/login');
      expect(page.status).toBe(502);
      expect(page.text).toContain('庁内アカウントのサーバーに接続できませんでした');
      expect(browser.cookies.has('goal-sheet-session')).toBe(false);
      const callback = await browser.get('/auth/oidc/callback?code=x&state=y');
      expect(callback.status).toBe(400);
    } finally {
      await unreachable.close();
    }
  });
});
