/**
 * 公表 in a real browser: the 部長 previews the sheet and publishes it on the 公表 page; a citizen,
 * signed in as nobody, opens the public index and the page (on a PC and on a phone), downloads the
 * PDF, and checks its hash on the verify page — axe-core on every screen. The unpublished draft is
 * nowhere. WEB_SCREENSHOTS=1 writes the docs' screenshots (the public page, and a PDF page via pdftoppm).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { ManualClock } from '@goals/platform';
import { AppHarness, startApp } from '../support/app-harness';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../support/sample-goal';
import { fixtureRows } from '../support/fixture-sheet';
import { axeViolations, Browser, launchBrowser, SCREENSHOTS, setPasswords } from './browser';

const PHONE = { width: 375, height: 812 };
const DRAFT_TITLE = '下書きのままの目標（公表されない）';

jest.setTimeout(180_000);

describe('公表 in the browser', () => {
  let app: AppHarness;
  let browser: Browser;
  let sheetId: string;
  const titles: string[] = [];

  async function accessible(screen: string, page: Page) {
    await page.waitForLoadState('networkidle');
    expect({ screen, violations: await axeViolations(page) }).toEqual({ screen, violations: [] });
  }

  async function screenshot(name: string, page: Page) {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  beforeAll(async () => {
    app = await startApp({}, new ManualClock('2022-06-01T09:00:00+09:00', true));
    await setPasswords(app, ['bucho']);
    browser = await launchBrowser(app);
    const opened = await app.call('bucho', 'POST', '/sheets', { body: SAMPLE_SHEET });
    sheetId = opened.body.sheetId;
    // Four goals of the real sheet, approved; one more left as a draft.
    const rows = [...fixtureRows().values()]
      .filter((r) => r.sections.every((s) => s === '市民課' || s === '経済課'))
      .slice(0, 4);
    for (const row of rows) {
      const author = row.sections.includes('市民課') ? 'kacho-shimin' : 'kacho-keizai';
      const { title, category, targetLevel, method, deadlineMonth, sections } = row;
      const content = { title, category, targetLevel, method, deadlineMonth, sections };
      const drafted = await app.call(author, 'POST', `/sheets/${sheetId}/goals`, { body: content });
      expect(drafted.status).toBe(201);
      expect((await app.call(author, 'POST', `/goals/${drafted.body.goalId}/submit`)).status).toBe(200);
      expect((await app.call('bucho', 'POST', `/goals/${drafted.body.goalId}/approve`, { body: {} })).status).toBe(200);
      titles.push(row.title);
    }
    expect(
      (
        await app.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, {
          body: { ...SAMPLE_GOAL, title: DRAFT_TITLE },
        })
      ).status,
    ).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the 部長 previews the sheet and publishes it from the 整理表', async () => {
    const page = await (await browser.as('bucho')).newPage();
    await page.goto(`/sheets/${sheetId}`);
    await page.getByRole('link', { name: '公表', exact: true }).click();
    await page.waitForURL(/\/publications$/);
    await page.getByRole('radio', { name: '目標設定時' }).check();
    await page.getByRole('button', { name: 'プレビュー' }).click();
    const preview = page.getByRole('table', { name: /公表される内容（4件）/ });
    await preview.waitFor();
    for (const title of titles) await expect(preview.getByText(title, { exact: true }).count()).resolves.toBe(1);
    await expect(
      page.getByText(`「${DRAFT_TITLE}」は承認されていないため公表されません。`, { exact: false }).count(),
    ).resolves.toBe(1);
    await accessible('公表のプレビュー', page);
    await screenshot('publication-preview', page);
    // A double click publishes once.
    await page.getByRole('button', { name: 'この内容で公表する' }).dblclick();
    await page.getByRole('status').filter({ hasText: '目標設定時 第1版を公表しました' }).waitFor();
    expect((await app.store.readAll()).filter((e) => e.type === 'SheetPublished')).toHaveLength(1);
    await page.getByRole('table', { name: '公表した版の一覧' }).getByText('第1版').waitFor();
    await accessible('公表した版の一覧', page);
  });

  it('a citizen without a session opens the index and the page, on a PC and on a phone, and downloads the PDF', async () => {
    const page = await (await browser.anonymous()).newPage();
    await page.goto('/public/');
    await page.getByRole('heading', { name: '令和4年度' }).waitFor();
    await accessible('公表の一覧', page);
    await page.getByRole('link', { name: /目標設定時 第1版（令和4年6月1日公表）/ }).click();
    await page.getByRole('heading', { level: 1, name: '令和4年度 市民生活部 組織目標展開整理表' }).waitFor();
    const table = page.getByRole('table', { name: /令和4年度 市民生活部 組織目標展開整理表（目標設定時 第1版、4件）/ });
    await expect(table.getByRole('columnheader').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['番号', '実施項目', '計画・方針等の分類', '共通/課名', '達成状況']),
    );
    for (const title of titles) await expect(table.getByText(title, { exact: true }).count()).resolves.toBe(1);
    expect(await page.content()).not.toContain(DRAFT_TITLE);
    await accessible('公表の頁', page);
    await screenshot('public-page', page);

    const [saved] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'PDF（紙の様式、A4横）' }).click(),
    ]);
    expect(await saved.failure()).toBeNull();
    expect(saved.suggestedFilename()).toBe('令和4年度_市民生活部_目標設定時_第1版.pdf');
    const pdf = await saved.path();
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const title of titles) expect(text).toContain(title.replace(/\s+/g, ''));
    if (SCREENSHOTS)
      execFileSync('pdftoppm', [
        '-r',
        '80',
        '-png',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        pdf,
        join(SCREENSHOTS, 'publication-pdf'),
      ]);

    const phone = await (await browser.anonymous(PHONE)).newPage();
    await phone.goto(page.url());
    await phone.getByRole('table').waitFor();
    await accessible('公表の頁（スマートフォン）', phone);
    // Nothing but the table scrolls sideways: the page itself fits the phone.
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot('public-page-phone', phone);
  });

  it('checks the printed short hash on the verify page', async () => {
    const page = await (await browser.anonymous()).newPage();
    await page.goto('/public/');
    await page.getByRole('link', { name: '公表物の確認' }).click();
    const listed = await app.call('bucho', 'GET', `/sheets/${sheetId}/publications`);
    await page
      .getByLabel('公表物に印字されたハッシュ（短縮形でも可）')
      .fill(listed.body.items[0].contentHash.slice(0, 12));
    await page.getByRole('button', { name: '確認する' }).click();
    await page.getByText('このハッシュは次の公表物のものです。記録は改ざんされていません。').waitFor();
    await accessible('公表物の確認', page);
    await screenshot('public-verify', page);
  });
});
