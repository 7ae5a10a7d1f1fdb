/** Debian's Chromium driven by playwright-core: headless, a fresh profile, no network of its own. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { Accounts } from '../../apps/api/src/auth/accounts.service';
import { AppHarness } from '../support/app-harness';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * How every test and benchmark starts Chromium: Japanese as its own language too (Debian's
 * chromium-l10n, read from LANGUAGE), so a date field shows 年/月/日 and a file field 「ファイルを選択」
 * as on a city office's PC — the context's `locale` alone changes only what pages are told.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
  // LANG stays C.UTF-8: Debian images have no ja_JP locale, and under a missing one Chromium cannot
  // spell a download's Japanese name (令和4年度_….tsv) in the file system and saves it as "download".
  env: { ...process.env, LANG: 'C.UTF-8', LANGUAGE: 'ja' },
};

/** The passphrase the tests give every person, set through the same code as `npm run account -- set-password`. */
export const PASSWORD = 'correct horse battery staple';

export interface Browser {
  /** A fresh browser context, signed in as one person the way a person does it: /, then the sign-in page. */
  as(loginId: string, viewport?: { width: number; height: number }): Promise<BrowserContext>;
  /** A fresh browser context signed in as nobody. */
  anonymous(viewport?: { width: number; height: number }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Sets the test people's passwords as `npm run account -- set-password` does (Accounts.setPassword, 'console'). */
export async function setPasswords(app: AppHarness, loginIds: string[]): Promise<void> {
  const accounts = app.app.get(Accounts);
  for (const loginId of loginIds) {
    const outcome = await accounts.setPassword(loginId, PASSWORD, 'console');
    if (!outcome.ok) throw new Error(`${loginId}: ${outcome.problem}`);
  }
}

/** On the sign-in page (where the app sent the person): types the id and password, presses ログイン, waits to be back. */
export async function signIn(page: Page, loginId: string, password = PASSWORD): Promise<void> {
  await page.waitForURL(/\/login(\?|$)/);
  await page.getByLabel('ユーザーID').fill(loginId);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.getByRole('button', { name: 'ログアウト' }).waitFor();
}

export async function launchBrowser(app: AppHarness): Promise<Browser> {
  // chromium.launch gives each run a fresh profile of its own in a temporary folder (mkdtemp), removed at close.
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  const contexts: BrowserContext[] = [];
  const anonymous = async (viewport = { width: 1280, height: 900 }) => {
    const context = await browser.newContext({
      baseURL: app.baseUrl,
      viewport,
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
      acceptDownloads: true,
    });
    contexts.push(context);
    return context;
  };
  return {
    anonymous,
    async as(loginId, viewport) {
      // Only the session cookie the sign-in page sets: the same path as a person at the keyboard.
      const context = await anonymous(viewport);
      const page = await context.newPage();
      await page.goto('/');
      await signIn(page, loginId);
      await page.close();
      return context;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/** axe-core's WCAG 2.1 A/AA rules on the page as it is now; the list of violations, named. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** axe-core finds nothing on the screen once its requests have settled; a failure names the screen. */
export async function accessible(page: Page, screen: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  expect({ screen, violations: await axeViolations(page) }).toEqual({ screen, violations: [] });
}

/** WEB_SCREENSHOTS=1 writes the screenshots the docs show into docs/screenshots. */
export const SCREENSHOTS = process.env.WEB_SCREENSHOTS === '1' ? join(__dirname, '../../docs/screenshots') : undefined;

/** The whole page as `name`.png in docs/screenshots, when WEB_SCREENSHOTS=1. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
