/**
 * The sign-in lockout and the per-caller rate limit as an attacker tries them: many guesses sent at
 * once for one login id, and requests each carrying a made-up bearer token or session cookie.
 * Real HTTP, real Redis, the real argon2 check.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { Accounts } from '../../apps/api/src/auth/accounts.service';
import { localSecret } from '../../apps/api/src/auth/token-keys';
import { AppHarness, startApp } from '../support/app-harness';
import { Browser } from '../support/browser';

const PASSWORD = 'correct horse battery staple';

describe('sign-in lockout under parallel guesses', () => {
  let app: AppHarness;

  beforeAll(async () => {
    app = await startApp({ LOGIN_MAX_FAILURES: '5', RATE_LIMIT_PER_MINUTE: '10000' });
    expect(await app.app.get(Accounts).setPassword('kacho-keizai', PASSWORD, 'console')).toMatchObject({ ok: true });
  });
  afterAll(() => app?.close());

  it('checks no more passwords than the lockout allows when 16 guesses (15 wrong, 1 right) arrive at once', async () => {
    // Each guess from its own browser, forms fetched first, then all posted together.
    const guesses = [...Array.from({ length: 15 }, (_, i) => `wrong guess number ${i}!`), PASSWORD];
    const browsers = guesses.map(() => new Browser(app.baseUrl));
    const forms = await Promise.all(browsers.map((b) => b.get('/login')));
    const answers = await Promise.all(
      browsers.map((b, i) =>
        b.request('POST', '/login', {
          form: {
            loginId: 'kacho-keizai',
            password: guesses[i],
            next: '/',
            formToken: Browser.field(forms[i].text, 'formToken') ?? '',
          },
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    const checked = statuses.filter((s) => s === 401 || s === 303).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(11);
    for (const refused of answers.filter((a) => a.status === 429))
      expect(refused.text).toContain('一時的にログインできません');
    // Unless the right password was among the checked ones, the id is locked now, for the right password too.
    if (!statuses.includes(303))
      expect((await new Browser(app.baseUrl).signIn('kacho-keizai', PASSWORD)).status).toBe(429);
  });
});

describe('rate limit keyed on the verified caller', () => {
  let app: AppHarness;
  const LIMIT = 30;

  beforeAll(async () => {
    app = await startApp({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  });
  afterAll(() => app?.close());

  it('counts requests with random bearer tokens or session cookies against the address, and keeps a real caller apart', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 2 * LIMIT; i++) {
      const random = randomBytes(32).toString('base64url');
      const headers: Record<string, string> =
        i % 2 ? { authorization: `Bearer ${random}` } : { cookie: `goal-sheet-session=${random}` };
      statuses.push((await fetch(`${app.baseUrl}/api/v1/me`, { headers })).status);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(LIMIT);
    const limited = await fetch(`${app.baseUrl}/api/v1/me`, { headers: { authorization: 'Bearer made-up' } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // A person proved by a token that verifies has their own allowance, from the same address.
    expect((await app.call('bucho', 'GET', '/me')).status).toBe(200);
  });
});

describe('bearer token lifetime', () => {
  let app: AppHarness;

  beforeAll(async () => {
    app = await startApp({});
  });
  afterAll(() => app?.close());

  const token = (claims: { iat?: number; exp?: number }) => {
    const jwt = new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('bucho')
      .setIssuer(app.config.jwt.issuer)
      .setAudience(app.config.jwt.audience);
    if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    return jwt.sign(localSecret(app.config));
  };
  // In English: the reason is read (the Japanese answer says only that signing in is needed).
  const me = async (jwt: string) =>
    fetch(`${app.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${jwt}`, 'accept-language': 'en' } });

  it('refuses a well-signed token meant to live 100 years, or longer than the configured 12 hours', async () => {
    const now = Math.floor(Date.now() / 1000);
    const century = await me(await token({ iat: now, exp: now + 100 * 365 * 86400 }));
    expect(century.status).toBe(401);
    expect(await century.text()).toMatch(/lives longer than 12 h/);
    expect((await me(await token({ exp: now + 13 * 3600 }))).status).toBe(401);
    expect((await me(await token({ iat: now - 3600, exp: now + 12 * 3600 }))).status).toBe(401);
    expect((await me(await token({ iat: now, exp: now + 8 * 3600 }))).status).toBe(200);
    expect((await me(await token({ iat: now }))).status).toBe(401);
  });
});
