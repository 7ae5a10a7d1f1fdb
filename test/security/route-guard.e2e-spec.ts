/**
 * Every route the router holds refuses a request without a valid token: missing, expired, signed
 * with another key, or meant for another audience. The list comes from the router itself, so a
 * route added later is covered without touching this test.
 */
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { localSecret } from '../../apps/api/src/auth/token-keys';
import { registeredRoutes } from '../../apps/api/src/bootstrap';
import { AppHarness, startApp } from '../support/app-harness';

// Everything the people's data travels through is under /api. Outside it: /health, the API docs, the
// sign-in pages (for people not signed in yet: test/security/sign-in.e2e-spec.ts) and the web
// application's files and pages (and their precompressed copies), which carry no data.
const PUBLIC = [/^\/(?!api\/)/];
const SOME_ID = '3f1c2b9e-8d4a-4f6b-9c2e-1a2b3c4d5e6f';

describe('every route is guarded', () => {
  let api: AppHarness;
  beforeAll(async () => {
    api = await startApp({ DIRECTORY_FILE: join(__dirname, 'two-departments.directory.json') });
  });
  afterAll(async () => api?.close());

  const sign = (options: { secret?: Uint8Array; audience?: string; expiresAt?: number | null; issuer?: string }) => {
    const jwt = new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('bucho')
      .setIssuer(options.issuer ?? api.config.jwt.issuer)
      .setAudience(options.audience ?? api.config.jwt.audience)
      .setIssuedAt();
    if (options.expiresAt !== null) jwt.setExpirationTime(options.expiresAt ?? Math.floor(Date.now() / 1000) + 600);
    return jwt.sign(options.secret ?? localSecret(api.config));
  };

  const guarded = () =>
    registeredRoutes(api.app)
      .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS')
      .filter((r) => !PUBLIC.some((p) => p.test(r.url)))
      .map((r) => ({ method: r.method, path: r.url.replace(/:[A-Za-z]+/g, SOME_ID) }));

  it('finds the API routes in the router', () => {
    const paths = guarded().map((r) => `${r.method} ${r.path}`);
    expect(paths.length).toBeGreaterThanOrEqual(14);
    expect(paths).toContain(`POST /api/v1/goals/${SOME_ID}/approve`);
  });

  it.each([
    ['no token', async () => undefined],
    ['an expired token', () => sign({ expiresAt: Math.floor(Date.now() / 1000) - 60 })],
    ['a token signed with another key', () => sign({ secret: new TextEncoder().encode('x'.repeat(48)) })],
    ['a token for another audience', () => sign({ audience: 'some-other-service' })],
    ['a token from another issuer', () => sign({ issuer: 'https://elsewhere.example' })],
    // A token that never expires would be valid for ever once leaked.
    ['a token without exp', () => sign({ expiresAt: null })],
  ])('refuses %s on every route with 401', async (_what, token) => {
    const bearer = await token();
    const before = await api.eventCount();
    const answers: string[] = [];
    for (const route of guarded()) {
      const response = await fetch(`${api.baseUrl}${route.path}`, {
        method: route.method,
        headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), 'content-type': 'application/json' },
        body: route.method === 'GET' ? undefined : '{}',
      });
      answers.push(`${response.status} ${route.method} ${route.path}`);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(answers.filter((a) => !a.startsWith('401'))).toEqual([]);
    expect(await api.eventCount()).toBe(before);
  });
});
