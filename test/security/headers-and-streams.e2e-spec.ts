/**
 * What every answer carries (nosniff, a CSP with frame-ancestors, no-store on the API), numeric queries
 * a client can send past 64 bits, and the live stream of a session that ends: over real HTTP, with a
 * real Redis and the built web application when it is there.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Accounts } from '../../apps/api/src/auth/accounts.service';
import { AppHarness, startApp } from '../support/app-harness';
import { Browser } from '../support/browser';

const PASSWORD = 'correct horse battery staple';

describe('security headers, bounded queries and the live stream of an ended session', () => {
  let app: AppHarness;

  beforeAll(async () => {
    app = await startApp({});
    await app.app.get(Accounts).setPassword('bucho', PASSWORD, 'console');
  });
  afterAll(() => app?.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.baseUrl}${path}`, { headers });

  it('sends nosniff, a CSP that forbids framing, and no-store on API answers carrying personal data or tokens', async () => {
    const bearer = { authorization: `Bearer ${await app.token('bucho')}` };
    const pages = ['/login', '/docs', '/health', '/api/v1/me', '/api/v1/sheets', '/api/v1/no-such-route'];
    if (existsSync(join(__dirname, '../../dist/web/index.html'))) pages.push('/', '/inbox', '/sheets/abc');
    for (const path of pages) {
      const answer = await get(path, path.startsWith('/api') ? bearer : {});
      expect({ path, nosniff: answer.headers.get('x-content-type-options') }).toEqual({ path, nosniff: 'nosniff' });
      expect({ path, csp: answer.headers.get('content-security-policy') }).toEqual({
        path,
        csp: expect.stringContaining("frame-ancestors 'none'"),
      });
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      if (path.startsWith('/api'))
        expect({ path, cache: answer.headers.get('cache-control') }).toEqual({ path, cache: 'no-store' });
    }
    const me = await get('/api/v1/me', bearer);
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    // The web application's pages allow scripts from this origin only.
    const page = await get('/docs');
    const scripts = /script-src ([^;]*)/.exec(page.headers.get('content-security-policy') ?? '')?.[1];
    expect(scripts).toBe("'self'");
  });

  it.each([
    ['/api/v1/audit/events?from=99999999999999999999', 'from'],
    ['/api/v1/audit/events?from=9223372036854775808', 'from'],
    ['/api/v1/audit/security-events?from=18446744073709551616', 'from'],
    ['/api/v1/audit/trail?offset=99999999999999999999', 'offset'],
    ['/api/v1/audit/trail?limit=1e400', 'limit'],
    ['/api/v1/sheets?fiscalYear=99999999999999999999', 'fiscalYear'],
    ['/api/v1/sheets?offset=-1', 'offset'],
  ])('answers %s with 400 naming %s, never 500', async (path, field) => {
    const answer = await get(path, { authorization: `Bearer ${await app.token('kansa')}` });
    const body = (await answer.json()) as { errors?: { field: string }[] };
    expect({ status: answer.status, fields: body.errors?.map((e: { field: string }) => e.field) }).toEqual({
      status: 400,
      fields: [field],
    });
  });

  it('answers an event position past 64 bits in Japanese', async () => {
    const answer = await get('/api/v1/audit/events?from=99999999999999999999', {
      authorization: `Bearer ${await app.token('kansa')}`,
    });
    expect(((await answer.json()) as { errors: { reason: string }[] }).errors[0].reason).toMatch(/イベントの位置/);
  });

  it('closes the live stream once its session is ended, and sends it nothing more', async () => {
    const browser = new Browser(app.baseUrl);
    expect((await browser.signIn('bucho', PASSWORD)).status).toBe(303);
    const controller = new AbortController();
    const stream = await fetch(`${app.baseUrl}/api/v1/events/stream`, {
      headers: { cookie: browser.cookieHeader() },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('retry:');
    const ended = await app.call('admin', 'DELETE', '/admin/accounts/bucho/sessions');
    expect(ended.body.ended).toBe(1);
    // The service ends the stream by itself (within seconds), whatever happens meanwhile.
    const guard = setTimeout(() => controller.abort(), 10_000);
    let received = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += new TextDecoder().decode(value);
      }
    } finally {
      clearTimeout(guard);
    }
    expect(controller.signal.aborted).toBe(false);
    expect(received).not.toContain('event: changed');
  });
});
