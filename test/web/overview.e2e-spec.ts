/**
 * 全庁の状況 in a real browser against the real service: the 企画担当 signs in through /login, lands on
 * 全庁の状況, filters it, opens the goals behind a figure and a chart's table, and downloads the XLSX
 * (read back here with exceljs) — with axe-core on every state. A 課長 and a 部長 are refused the
 * overview. The service runs on the real clock, as the browser's today does.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Page } from 'playwright-core';
import { fiscalYearLabel } from '@goals/domain';
import { AppHarness, eventually, startApp } from '../support/app-harness';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../support/sample-goal';
import { axeViolations, Browser, launchBrowser, SCREENSHOTS, setPasswords } from './browser';

jest.setTimeout(180_000);

const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
const [year, month] = today.split('-').map(Number);
const FY = month >= 4 ? year : year - 1;

describe('全庁の状況 for the 企画担当', () => {
  let app: AppHarness;
  let browser: Browser;
  let page: Page;

  async function accessible(screen: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    expect({ screen, violations: await axeViolations(page) }).toEqual({ screen, violations: [] });
  }
  async function screenshot(name: string): Promise<void> {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }
  const post = async (body: Record<string, unknown>) =>
    expect((await app.call('admin', 'POST', '/admin/posts', { body: { from: `${FY}-04-01`, ...body } })).status).toBe(
      201,
    );
  const person = async (loginId: string, name: string) =>
    (await app.call('admin', 'POST', '/admin/people', { body: { name, loginId } })).body.id as string;
  const ok = async (who: string, path: string, body: object = {}) =>
    expect((await app.call(who, 'POST', path, { body })).status).toBe(200);

  beforeAll(async () => {
    app = await startApp();
    // Two departments: the seed's 市民生活部 and 福祉部 with its own head and 課長; the planning office.
    expect(
      (
        await app.call('admin', 'POST', '/admin/departments', {
          body: { name: '福祉部', effectiveFrom: `${FY}-04-01`, sections: ['福祉課'] },
        })
      ).status,
    ).toBe(201);
    const { departments } = (await app.call('admin', 'GET', `/departments?fiscalYear=${FY}`)).body;
    const fukushi = departments.find((d: { name: string }) => d.name === '福祉部');
    await post({
      personId: await person('fukushi-bucho', '福祉部長'),
      kind: 'departmentHead',
      departmentId: fukushi.departmentId,
    });
    await post({
      personId: await person('fukushi-kacho', '福祉課長'),
      kind: 'sectionHead',
      departmentId: fukushi.departmentId,
      sectionIds: [fukushi.sections[0].sectionId],
    });
    await post({ personId: await person('kikaku', '企画 花子'), kind: 'planning' });

    const sheet = async (head: string, department: string) => {
      const opened = await app.call(head, 'POST', '/sheets', {
        body: { ...SAMPLE_SHEET, department, fiscalYear: FY, createdOn: `${FY}-04-01`, headTitle: `${department}長` },
      });
      expect(opened.status).toBe(201);
      return opened.body.sheetId as string;
    };
    const draft = async (sheetId: string, who: string, content: object) => {
      const drafted = await app.call(who, 'POST', `/sheets/${sheetId}/goals`, { body: { ...SAMPLE_GOAL, ...content } });
      expect(drafted.status).toBe(201);
      return drafted.body.goalId as string;
    };
    const rated = async (sheetId: string, who: string, head: string, content: object, level: string) => {
      const goalId = await draft(sheetId, who, content);
      await ok(who, `/goals/${goalId}/submit`);
      await ok(head, `/goals/${goalId}/approve`);
      await ok(who, `/goals/${goalId}/achievement`, { level });
      await ok(head, `/goals/${goalId}/achievement/confirm`);
    };
    const shimin = await sheet('bucho', '市民生活部');
    await rated(shimin, 'kacho-shimin', 'bucho', { title: '窓口のオンライン化' }, '高度に達成した');
    await rated(shimin, 'kacho-shimin', 'bucho', { title: '転入手続の短縮' }, 'ほぼ達成した');
    await rated(shimin, 'kacho-keizai', 'bucho', { title: '商店街の活性化', sections: ['経済課'] }, '一部達成した');
    const submitted = await draft(shimin, 'kacho-keizai', {
      title: '農産物の販路拡大',
      sections: ['経済課'],
      category: 'ビジョン',
    });
    await ok('kacho-keizai', `/goals/${submitted}/submit`);
    const fukushiSheet = await sheet('fukushi-bucho', '福祉部');
    await rated(
      fukushiSheet,
      'fukushi-kacho',
      'fukushi-bucho',
      { title: '見守り体制の整備', sections: ['福祉課'] },
      '達成できなかった',
    );
    await draft(fukushiSheet, 'fukushi-kacho', { title: '相談窓口の一本化', sections: ['福祉課'] });
    await eventually(
      () => app.call('kikaku', 'GET', `/overview?fiscalYear=${FY}`),
      (r) =>
        r.body.total?.goals.count === 6 && r.body.total.rated.count === 4 && r.body.total.waitingDecision.count === 1,
    );

    await setPasswords(app, ['kikaku']);
    browser = await launchBrowser(app);
    page = await (await browser.as('kikaku')).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a 課長 and a 部長 are refused the overview, its years and its files', async () => {
    for (const who of ['kacho-shimin', 'bucho']) {
      for (const path of [`/overview?fiscalYear=${FY}`, '/overview/years', `/overview/export?fiscalYear=${FY}`]) {
        const refused = await app.call(who, 'GET', path);
        expect([who, path, refused.status]).toEqual([who, path, 403]);
      }
    }
  });

  it('signs in to 全庁の状況, every department of the year in one table', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: '全庁の状況', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/overview');
    const table = page.getByRole('table').first();
    await table.getByRole('row', { name: /福祉部/ }).waitFor();
    const rows = await table.getByRole('row').allInnerTexts();
    expect(rows.map((r) => r.split('\t')[0])).toEqual(['部', '市民生活部', '福祉部', '全庁']);
    expect(await page.locator('.overview-asof').innerText()).toMatch(new RegExp(`^${fiscalYearLabel(FY)}（令和`));
    expect(await page.getByText('達成率 50.0%').count()).toBeGreaterThan(0);
    await accessible('overview');
    await screenshot('overview-1280');
  });

  it('filters by department and by category, in the address', async () => {
    await page.getByLabel('部', { exact: true }).selectOption('福祉部');
    await page.waitForURL(/department=/);
    const table = page.getByRole('table').first();
    await eventually(
      async () => (await table.getByRole('row').allInnerTexts()).map((r) => r.split('\t')[0]),
      (names) => names.join() === '部,福祉部,全庁',
    );
    expect((await table.getByRole('row').allInnerTexts()).map((r) => r.split('\t')[0])).toEqual([
      '部',
      '福祉部',
      '全庁',
    ]);
    await accessible('overview filtered by department');
    await page.getByLabel('部', { exact: true }).selectOption('');
    await page.getByLabel('計画・方針等の分類').selectOption('ビジョン');
    await page.getByText('目標 1件').waitFor();
    await accessible('overview filtered by category');
    await page.getByLabel('計画・方針等の分類').selectOption('');
    await page.getByText('目標 6件').waitFor();
  });

  it('opens the goals behind a figure', async () => {
    await page.getByRole('button', { name: '市民生活部 提出中 1件の目標を表示' }).click();
    const list = page.getByRole('region', { name: /市民生活部 提出中の目標（1件）/ });
    await list.getByRole('link', { name: '農産物の販路拡大' }).waitFor();
    await accessible('goals behind a figure');
    await list.getByRole('button', { name: '閉じる' }).click();
  });

  it("opens a chart's table: the numbers the chart was drawn from", async () => {
    const figure = page.getByRole('figure', { name: /部別の達成状況/ });
    await expect(figure.getByRole('img').getAttribute('aria-labelledby')).resolves.toContain(
      'chart-achievement-summary',
    );
    expect(await figure.locator('.chart-summary').innerText()).toContain('達成率は50.0%');
    await figure.getByText('部別の達成状況の表').click();
    const table = figure.getByRole('table');
    await table.waitFor();
    expect(await table.getByRole('row', { name: /市民生活部/ }).innerText()).toBe('市民生活部\t1\t1\t1\t0\t66.7%');
    expect(await table.getByRole('row', { name: /福祉部/ }).innerText()).toBe('福祉部\t0\t0\t0\t1\t0.0%');
    await accessible('chart table open');
    await screenshot('overview-charts-1280');
    // On paper: black and white, the tables beside the charts.
    await page.emulateMedia({ media: 'print' });
    await screenshot('overview-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('downloads the XLSX, one worksheet per view with numbers as numbers', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Excel（XLSX）でダウンロード' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${fiscalYearLabel(FY)}_全庁の状況.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['部別の状況', '年度比較', '目標一覧']);
    const main = workbook.getWorksheet('部別の状況')!;
    const header = main.getRow(2).values as unknown[];
    const shimin = main.getRow(3).values as unknown[];
    expect(shimin[1]).toBe('市民生活部');
    expect(shimin[header.indexOf('目標数')]).toBe(4);
    expect(shimin[header.indexOf('提出中')]).toBe(1);
    expect(shimin[header.indexOf('達成率')]).toBeCloseTo(2 / 3);
    expect(workbook.getWorksheet('目標一覧')!.rowCount).toBe(2 + 6);
  });
});
