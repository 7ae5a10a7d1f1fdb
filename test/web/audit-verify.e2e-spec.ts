/**
 * The auditor's full re-verification in a real browser (issue 24): started from 監査, it shows how
 * many events it has checked and the time left while the server walks the store, can be stopped,
 * and when it ends says in Japanese what it found — an event altered before the last quick check
 * included. The walk is paced (VERIFY_FULL_EVENTS_PER_SECOND) so a few thousand events take long
 * enough to be watched, as a city's million would.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Page } from 'playwright-core';
import { AppHarness, startApp } from '../support/app-harness';
import { generateEvents } from '../../libs/read-models/src/testing/generate-events';
import { axeViolations, Browser, launchBrowser, SCREENSHOTS, setPasswords } from './browser';

jest.setTimeout(180_000);

describe('the full re-verification on the 監査 page', () => {
  let app: AppHarness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp({ VERIFY_FULL_EVENTS_PER_SECOND: '100' });
    await generateEvents(app.store, 2_000);
    await setPasswords(app, ['kansa']);
    browser = await launchBrowser(app);
    page = await (await browser.as('kansa')).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows 件数 and 残り時間 while it runs, and can be stopped', async () => {
    await page.goto('/audit');
    await page.getByRole('button', { name: '全件を再検証' }).click();
    const progress = page.getByRole('progressbar', { name: '再検証の進み具合' });
    await progress.waitFor();
    await page.getByText(/^\d+件を検証済み（全体で約\d+件）・残り約\d+(秒|分)/).waitFor();
    expect({ violations: await axeViolations(page) }).toEqual({ violations: [] });
    if (SCREENSHOTS) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page
        .getByRole('region', { name: '改ざん検証' })
        .screenshot({ path: join(SCREENSHOTS, 'audit-full-verification.png') });
    }
    // Whoever opens 監査 meanwhile — here on a tablet — sees it running, with the same figures.
    const tablet = await (await browser.as('kansa', { width: 768, height: 1024 })).newPage();
    await tablet.goto('/audit');
    await tablet.getByRole('progressbar', { name: '再検証の進み具合' }).waitFor();
    await tablet.getByRole('button', { name: '中止' }).waitFor();
    expect({ violations: await axeViolations(tablet) }).toEqual({ violations: [] });
    if (SCREENSHOTS)
      await tablet
        .getByRole('region', { name: '改ざん検証' })
        .screenshot({ path: join(SCREENSHOTS, 'audit-full-verification-768.png') });
    await tablet.close();

    await page.getByRole('button', { name: '中止' }).click();
    const stopped = page.getByText(/全件の再検証を中止しました（(\d+)件まで検証/);
    await stopped.waitFor();
    const checked = Number((await stopped.textContent())!.match(/（(\d+)件まで/)![1]);
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThan(await app.eventCount());
    // Stopped on the server, not only on the screen: nothing runs there any more.
    expect((await app.call('kansa', 'GET', '/audit/verify/full')).body.state).toBe('cancelled');
    await expect(page.getByRole('button', { name: '全件を再検証' }).isEnabled()).resolves.toBe(true);
  });

  it('finds an event altered before the last quick check, and says so in Japanese', async () => {
    await page.getByRole('button', { name: '改ざん検証', exact: true }).click();
    await page.getByText(/^改ざんは見つかりませんでした（\d+件のイベントを検証）/).waitFor();

    const db = new Database((app.config.eventStore as { file: string }).file);
    const victim = db
      .prepare("SELECT position, stream_id, revision FROM events WHERE type = 'GoalApproved' ORDER BY position LIMIT 1")
      .get() as { position: number; stream_id: string; revision: number };
    db.prepare("UPDATE events SET data = json_set(data, '$.comment', '書き換え') WHERE position = ?").run(
      victim.position,
    );
    db.close();

    // The quick check trusts what it checked before; the full one walks everything again.
    await page.reload();
    await page.getByRole('button', { name: '全件を再検証' }).click();
    await page
      .getByText(
        `全件の再検証で改ざんの可能性が見つかりました：${victim.stream_id} の第${victim.revision + 1}版（位置 ${victim.position}）：イベントの内容がハッシュと一致しません（内容が書き換えられています）`,
      )
      .waitFor({ timeout: 60_000 });
  });
});
