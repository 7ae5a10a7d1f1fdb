/**
 * The web application under its Content-Security-Policy, in a real browser: signing in, the inbox, a
 * sheet, the audit screens and the API docs work, and Chromium reports no script, style, image or
 * connection the policy blocked. No other site may frame any page.
 */
import { ConsoleMessage, Page } from 'playwright-core';
import { AppHarness, startApp } from '../support/app-harness';
import { SAMPLE_SHEET } from '../support/sample-goal';
import { Browser, launchBrowser, setPasswords } from './browser';

jest.setTimeout(120_000);

describe('the web application under its Content-Security-Policy', () => {
  let app: AppHarness;
  let browser: Browser;
  let sheetId: string;

  beforeAll(async () => {
    app = await startApp();
    await setPasswords(app, ['bucho', 'kansa']);
    sheetId = (await app.call('bucho', 'POST', '/sheets', { body: SAMPLE_SHEET })).body.sheetId;
    browser = await launchBrowser(app);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Chromium reports each blocked load or script as a console error naming the policy. */
  function violationsOn(page: Page): string[] {
    const seen: string[] = [];
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) seen.push(m.text());
    });
    page.on('pageerror', (e) => seen.push(`page error: ${e.message}`));
    return seen;
  }

  it.each([
    ['bucho', '/inbox', /受信箱|承認待ち|確認待ち/],
    ['bucho', '/sheets/:sheetId', /部の組織目標|組織目標/],
    ['kansa', '/audit', /監査|変更履歴/],
  ])('%s opens %s with nothing blocked', async (loginId, path, heading) => {
    const page = await (await browser.as(loginId)).newPage();
    const violations = violationsOn(page);
    const answer = await page.goto(path.replace(':sheetId', sheetId));
    expect(answer?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.waitForLoadState('networkidle');
    expect(await page.locator('main, [role=main]').first().innerText()).toMatch(heading);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('shows the API docs with nothing blocked', async () => {
    const page = await (await browser.anonymous()).newPage();
    const violations = violationsOn(page);
    await page.goto('/docs');
    await page.getByText('組織目標展開整理表 API').first().waitFor();
    expect(violations).toEqual([]);
  });

  it('is not shown inside another site’s frame', async () => {
    const page = await (await browser.anonymous()).newPage();
    const refused = page.waitForEvent('console', { predicate: (m) => /frame-ancestors/.test(m.text()) });
    await page.setContent(`<iframe src="${app.baseUrl}/login"></iframe>`);
    await refused;
    const framed = page.frames().find((f) => f.url().startsWith(app.baseUrl));
    const shown = framed
      ? await framed
          .locator('form')
          .count()
          .catch(() => 0)
      : 0;
    expect(shown).toBe(0);
  });
});
