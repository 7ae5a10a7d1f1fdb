/** Debian's Chromium driven by playwright-core: headless, a fresh profile, no network of its own. */
import AxeBuilder from '@axe-core/playwright';
import { BrowserContext, chromium, Page } from 'playwright-core';
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

export interface Browser {
  /** A browser context signed in as one person of the directory. */
  as(loginId: string, viewport?: { width: number; height: number }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launchBrowser(app: AppHarness): Promise<Browser> {
  // chromium.launch gives each run a fresh profile of its own in a temporary folder (mkdtemp), removed at close.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const contexts: BrowserContext[] = [];
  return {
    async as(loginId, viewport = { width: 1280, height: 900 }) {
      // Until browser sessions land, a person signs in with the same bearer token scripts use,
      // set by the test on every request of their context: no sign-in code in the app for tests.
      const options = {
        baseURL: app.baseUrl,
        viewport,
        locale: 'ja-JP',
        timezoneId: 'Asia/Tokyo',
        acceptDownloads: true,
        extraHTTPHeaders: { authorization: `Bearer ${await app.token(loginId)}` },
      };
      const context = await browser.newContext(options);
      contexts.push(context);
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
