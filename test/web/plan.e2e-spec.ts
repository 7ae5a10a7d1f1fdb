/**
 * 総合計画 in a real browser: the 管理者 loads the city's 施策 from a Shift_JIS CSV on 管理 → 総合計画, a
 * 課長 picks a 施策 of the sheet's year on 目標を追加 and sees it on the goal, and the 企画担当 reads
 * 施策別 on 全庁の状況 and opens the goals behind a 政策's figure — axe-core on every state.
 */
import { encodeOfficeText } from '@goals/sheet-file';
import { AppHarness, eventually, startApp } from '../support/app-harness';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../support/sample-goal';
import { accessible, Browser, launchBrowser, screenshot, setPasswords } from './browser';

jest.setTimeout(180_000);

const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
const [year, month] = today.split('-').map(Number);
const FY = month >= 4 ? year : year - 1;

const PLAN_CSV = [
  'ID,名称,親ID',
  '1,安全・安心に暮らせるまち,',
  '1-1,市民サービスの向上,1',
  '1-1-1,窓口サービスの充実,1-1',
  '1-1-2,行政のデジタル化,1-1',
  '2,活力あるまち,',
  '2-1,地域経済の振興,2',
  '',
].join('\r\n');

describe('総合計画: 施策 loaded, named on a goal, and 施策別 on 全庁の状況', () => {
  let app: AppHarness;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp();
    const kikaku = await app.call('admin', 'POST', '/admin/people', { body: { name: '企画 花子', loginId: 'kikaku' } });
    expect(
      (
        await app.call('admin', 'POST', '/admin/posts', {
          body: { personId: kikaku.body.id, kind: 'planning', from: `${FY}-04-01` },
        })
      ).status,
    ).toBe(201);
    const sheet = await app.call('bucho', 'POST', '/sheets', {
      body: { ...SAMPLE_SHEET, fiscalYear: FY, createdOn: `${FY}-04-01` },
    });
    expect(sheet.status).toBe(201);
    await setPasswords(app, ['admin', 'kacho-shimin', 'kikaku']);
    browser = await launchBrowser(app);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('the 管理者 loads the plan from the office’s CSV (Shift_JIS), refused first for a line at fault', async () => {
    const page = await (await browser.as('admin')).newPage();
    await page.goto('/admin/plan');
    await page.getByRole('heading', { name: '総合計画', level: 2 }).waitFor();
    await accessible(page, '管理: 総合計画 (empty)');
    await page.getByLabel('適用開始日').fill(`${FY}-04-01`);
    await page.getByLabel('計画の名前').fill('第6次総合計画');
    const file = page.getByLabel('施策の一覧のファイル');
    await file.setInputFiles({
      name: '施策一覧.csv',
      mimeType: 'text/csv',
      buffer: encodeOfficeText(PLAN_CSV.replace('2-1,地域経済の振興,2', '2-1,地域経済の振興,9'), 'cp932'),
    });
    await page.getByRole('button', { name: '読み込む' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('7行目 親ID：ID「2-1」の親ID「9」が一覧にありません').waitFor();
    await accessible(page, '管理: 総合計画 (refused)');
    await file.setInputFiles({
      name: '施策一覧.csv',
      mimeType: 'text/csv',
      buffer: encodeOfficeText(PLAN_CSV, 'cp932'),
    });
    await page.getByRole('button', { name: '読み込む' }).click();
    await page.getByRole('status').getByText('6行を読み込みました').waitFor();
    const tree = page.getByRole('table', { name: /の総合計画（第6次総合計画/ });
    await tree.getByRole('row', { name: /行政のデジタル化/ }).waitFor();
    expect(await tree.getByRole('row').allInnerTexts()).toContain('施策\t1-1-2\t行政のデジタル化');
    await accessible(page, '管理: 総合計画 (loaded)');
    await screenshot(page, 'plan-admin-1280');
  });

  it('a 課長 picks a 施策 of the year on 目標を追加 and sees it on the goal', async () => {
    const page = await (await browser.as('kacho-shimin')).newPage();
    await page.goto('/goals/new');
    await page.getByLabel('実施項目').fill(SAMPLE_GOAL.title);
    await page.getByLabel('計画・方針等の分類').selectOption('行政改革');
    await page.getByLabel('どの水準まで').fill(SAMPLE_GOAL.targetLevel);
    await page.getByLabel('どのような方法で').fill(SAMPLE_GOAL.method);
    const measure = page.getByLabel('施策（総合計画）');
    await measure.locator('option', { hasText: '1-1-2 行政のデジタル化' }).waitFor({ state: 'attached' });
    expect(await measure.locator('optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label')))).toEqual([
      '安全・安心に暮らせるまち › 市民サービスの向上',
      '活力あるまち',
    ]);
    await measure.selectOption('1-1-2');
    await accessible(page, '課長: 目標を追加 with 施策');
    await screenshot(page, 'goal-form-measure-1280');
    await page.getByRole('button', { name: '提出' }).click();
    await page.getByText('提出中', { exact: true }).waitFor();
    await page.goto(page.url());
    await page.getByText('1-1-2 行政のデジタル化').waitFor();
    await page.getByText('（安全・安心に暮らせるまち › 市民サービスの向上）').waitFor();
    await accessible(page, '課長: goal with 施策');
  });

  it('the 企画担当 reads 施策別 and opens the goals behind a 政策', async () => {
    await eventually(
      () => app.call('kikaku', 'GET', `/overview/measures?fiscalYear=${FY}`),
      (r) => r.body.rows?.find((x: { measureId: string }) => x.measureId === '1-1')?.figures.goals.count === 1,
    );
    const page = await (await browser.as('kikaku')).newPage();
    await page.goto('/overview');
    const section = page.getByRole('region', { name: '施策別の状況（第6次総合計画）' });
    const table = section.getByRole('table');
    await table.getByRole('row', { name: /行政のデジタル化/ }).waitFor();
    const names = (await table.getByRole('row').allInnerTexts()).map((r) => r.split('\t')[0]);
    expect(names).toEqual([
      '施策',
      '基本目標 1 安全・安心に暮らせるまち',
      '政策 1-1 市民サービスの向上',
      '施策 1-1-1 窓口サービスの充実',
      '施策 1-1-2 行政のデジタル化',
      '基本目標 2 活力あるまち',
      '政策 2-1 地域経済の振興',
      '施策の指定なし',
      '全庁',
    ]);
    await accessible(page, '企画担当: 施策別');
    await screenshot(page, 'overview-measures-1280');
    await section.getByRole('button', { name: '市民サービスの向上 提出中 1件の目標を表示' }).click();
    const list = page.getByRole('region', { name: /市民サービスの向上 提出中の目標（1件）/ });
    await list.getByRole('link', { name: SAMPLE_GOAL.title }).waitFor();
    expect(await list.innerText()).toContain('施策 1-1-2 行政のデジタル化');
    await accessible(page, '企画担当: goals behind a 政策');
  });
});
