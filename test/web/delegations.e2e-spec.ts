/**
 * 代決 as the 部長 enters it, in a real browser against the real service, signed in through /login:
 * the head of 市民生活部 names the 経済課長 to decide in their stead from today, a second 代決 over the
 * same days is refused in Japanese, the 課長 is told what they may now decide, and the head ends it
 * early — with axe-core on the page. The service runs on the real clock, as the browser's today does.
 */
// Browser globals, for the functions the page runs (this program is type-checked with Node's types).
declare const document: any;
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { formatWareki } from '@goals/domain';
import { AppHarness, startApp } from '../support/app-harness';
import { axeViolations, Browser, launchBrowser, SCREENSHOTS, setPasswords } from './browser';

const TABLET = { width: 768, height: 1024 };

jest.setTimeout(180_000);

function tokyoDay(offsetDays = 0): string {
  return new Date(Date.now() + 9 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

describe('the 部長’s 代決 page', () => {
  let app: AppHarness;
  let browser: Browser;
  let page: Page;

  async function accessible(screen: string, at: Page = page): Promise<void> {
    await at.waitForLoadState('networkidle');
    expect({ screen, violations: await axeViolations(at) }).toEqual({ screen, violations: [] });
  }

  async function screenshot(name: string, at: Page = page): Promise<void> {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await at.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  beforeAll(async () => {
    app = await startApp();
    await setPasswords(app, ['bucho', 'kacho-keizai']);
    browser = await launchBrowser(app);
    page = await (await browser.as('bucho')).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('offers the head, and only the head, the people who may decide for them', async () => {
    const { status, body } = await app.call('bucho', 'GET', '/delegations/candidates');
    expect(status).toBe(200);
    const loginIds = body.candidates.map((c: { loginId: string }) => c.loginId);
    expect(loginIds).toEqual(expect.arrayContaining(['kacho-keizai', 'kacho-shimin']));
    // not the head themselves, nor the 監査 or the 管理者, who never decide goals
    expect(loginIds).not.toEqual(expect.arrayContaining(['bucho']));
    expect(loginIds).not.toContain('kansa');
    expect(loginIds).not.toContain('admin');
    expect(body.candidates.find((c: { loginId: string }) => c.loginId === 'kacho-keizai')).toEqual({
      loginId: 'kacho-keizai',
      name: '経済課長',
      titles: ['経済課長'],
      ownDepartment: true,
    });
    // a 課長 or the 監査 may not list the people of the city this way
    expect((await app.call('kacho-keizai', 'GET', '/delegations/candidates')).status).toBe(403);
    expect((await app.call('kansa', 'GET', '/delegations/candidates')).status).toBe(403);
    expect((await app.call('bucho', 'GET', '/delegations/candidates?on=tomorrow')).body.errors).toEqual([
      expect.objectContaining({ field: 'on' }),
    ]);
  });

  it('grants a 代決 from the 代決 menu, refuses one over the same days in Japanese, and names the field at fault', async () => {
    await page.goto('/');
    await page.waitForURL(/\/inbox$/);
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '代決' }).click();
    await page.getByRole('heading', { level: 1, name: '代決' }).waitFor();
    await page.getByText('実施中・予定の代決はありません。').waitFor();
    await accessible('部長: 代決');

    const from = tokyoDay();
    const until = tokyoDay(6);
    await expect(page.getByLabel('開始日').inputValue()).resolves.toBe(from);
    await page.getByLabel('終了日').fill(until);
    // 部内 first: the 課長 of the head's own sections
    const own = page.getByRole('combobox', { name: /^代決者/ }).locator('optgroup[label="部内"] option');
    await expect(own.allTextContents()).resolves.toEqual(expect.arrayContaining(['経済課長', '市民課長']));
    await page.getByRole('combobox', { name: /^代決者/ }).selectOption({ label: '経済課長' });
    await page.getByRole('checkbox', { name: '差戻し' }).uncheck();
    await page.getByLabel('理由').fill('出張');
    await page.getByRole('button', { name: '代決を登録' }).click();
    await page.getByText(/^代決を経済課長さんに登録しました（令和.*から令和.*まで、承認・実績確認）。$/).waitFor();
    const row = page.getByRole('row', { name: /経済課長/ });
    await expect(row.innerText()).resolves.toMatch(
      /^経済課長\s+令和\d+年\d+月\d+日〜令和.*\s+承認・実績確認\s+出張\s+実施中/,
    );
    expect((await app.call('bucho', 'GET', '/delegations')).body.items).toEqual([
      expect.objectContaining({ delegatedBy: 'bucho', delegate: 'kacho-keizai', from, until, inForce: true }),
    ]);
    await accessible('部長: 代決（登録後）');
    await screenshot('delegations-1280');

    // the same days again, for another 課長: refused (409), what was typed kept
    await page.getByRole('combobox', { name: /^代決者/ }).selectOption({ label: '市民課長' });
    await page.getByRole('button', { name: '代決を登録' }).click();
    await page.getByText(/^この期間には別の代決があります。入力した内容は残っています。/).waitFor();
    await expect(page.getByLabel('終了日').inputValue()).resolves.toBe(until);
    await expect(page.getByRole('combobox', { name: /^代決者/ }).inputValue()).resolves.toBe('kacho-shimin');
    await accessible('部長: 代決（重複）');

    // a day before today: refused (400), the reason under 開始日 in Japanese
    await page.getByLabel('開始日').fill(tokyoDay(-1));
    await page.getByRole('button', { name: '代決を登録' }).click();
    const reason = page.getByText(`今日（${formatWareki(from)}）以降の日にしてください`);
    await reason.waitFor();
    const start = page.getByLabel('開始日');
    await expect(start.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(start.getAttribute('aria-describedby')).resolves.toContain(await reason.getAttribute('id'));
    await accessible('部長: 代決（入力の誤り）');
  });

  it('tells the 課長 what they may decide for the head while it is in force', async () => {
    const delegate = await (await browser.as('kacho-keizai')).newPage();
    await delegate.goto('/');
    await delegate.getByRole('heading', { name: /の目標$/ }).waitFor();
    await delegate.getByText(/代決：令和.*まで、市民生活部の部長に代わって承認・実績確認ができます。/).waitFor();
    // no 代決 menu for a 課長: granting is the head's
    await expect(
      delegate.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '代決' }).count(),
    ).resolves.toBe(0);
    await delegate.goto('/delegations');
    await delegate.getByText('ページが見つかりません。').waitFor();
    await delegate.close();
  });

  it('revokes it after a confirmation; the 課長 decides no more for the head', async () => {
    await page.setViewportSize(TABLET);
    await page.getByRole('button', { name: '経済課長さんへの代決を取消し' }).click();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('取り消す');
    await accessible('部長: 代決の取消しの確認');
    await screenshot('delegations-768');
    await page.getByRole('button', { name: '取り消す' }).click();
    await page.getByText('経済課長さんへの代決を取り消しました。').waitFor();
    await page.getByText('実施中・予定の代決はありません。').waitFor();
    expect((await app.call('kacho-keizai', 'GET', '/delegations')).body.items).toEqual([]);
    // the page has an address of its own: opened afresh, it shows the same
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '代決' }).waitFor();
    await page.getByText('実施中・予定の代決はありません。').waitFor();
  });
});
