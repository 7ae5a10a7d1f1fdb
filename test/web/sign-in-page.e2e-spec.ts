/**
 * The sign-in page in a real browser (Debian's Chromium): axe-core finds no WCAG 2.1 A/AA violation
 * on the page or on its error state, and a person signs in with the keyboard alone, lands in the web
 * application and signs out again.
 */
import { chromium, Browser } from 'playwright-core';
import { Accounts } from '../../apps/api/src/auth/accounts.service';
import { AppHarness, startApp } from '../support/app-harness';
import { axeViolations, CHROMIUM_LAUNCH } from './browser';

// Code run inside the page sees the browser's globals; the Node program keeps Node's types.
declare const document: { activeElement: unknown };

const PASSWORD = 'a keyboard-only passphrase';

describe('the sign-in page in a browser', () => {
  let app: AppHarness;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp();
    await app.app.get(Accounts).setPassword('bucho', PASSWORD, 'console');
    browser = await chromium.launch(CHROMIUM_LAUNCH);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('is accessible, announces errors on the field, and signs in with the keyboard alone', async () => {
    const context = await browser.newContext({ baseURL: app.baseUrl, locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto('/login?returnTo=%2Finbox');
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press('Tab');
    await expect(page.getByLabel('ユーザーID').evaluate((e) => e === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type('bucho');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not the passphrase');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('ユーザーIDまたはパスワードが正しくありません。');
    expect(await page.getByLabel('パスワード').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('パスワード').focus();
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/inbox');
    const me = (await page.evaluate(async () => (await fetch('/api/v1/me')).json())) as { csrfToken: string };
    expect(me).toMatchObject({ loginId: 'bucho', role: 'departmentHead' });
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'goal-sheet-session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

    const status = await page.evaluate(
      async (token) => (await fetch('/auth/logout', { method: 'POST', headers: { 'x-csrf-token': token } })).status,
      me.csrfToken,
    );
    expect(status).toBe(200); // fetch followed the redirect to the sign-in page
    expect(await page.evaluate(async () => (await fetch('/api/v1/me')).status)).toBe(401);
    await context.close();
  });
});
