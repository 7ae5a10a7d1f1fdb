/**
 * 達成度の区分 in a real browser (Debian's Chromium through playwright-core) against the real service:
 * the administrator sets this year's scale from a published one (計画以上 / 計画通り / 計画未満 /
 * 評価不能), the 課長's 実績登録 lists those levels and gives 評価不能, the sheet names the year's
 * levels, and the administrator's screen then says the scale is locked. axe-core checks every screen.
 */
import { fiscalYearLabel, fiscalYearOfDate, jstDateOf } from '@goals/domain';
import { AppHarness, eventually, startApp } from '../support/app-harness';
import { SAMPLE_GOAL } from '../support/sample-goal';
import { accessible, Browser, launchBrowser, screenshot, setPasswords } from './browser';

jest.setTimeout(180_000);

describe('達成度の区分 in the browser', () => {
  let app: AppHarness;
  let browser: Browser;
  // The screen opens on the fiscal year the browser is in.
  const fiscalYear = fiscalYearOfDate(jstDateOf(new Date()));
  const label = fiscalYearLabel(fiscalYear);

  beforeAll(async () => {
    app = await startApp({});
    await setPasswords(app, ['admin', 'kacho-shimin', 'kansa']);
    browser = await launchBrowser(app);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('sets the year’s scale, rates a goal on it, and shows the scale locked', async () => {
    const admin = await (await browser.as('admin')).newPage();
    await admin.goto('/admin/scales');
    await admin.getByRole('heading', { name: `${label}の区分` }).waitFor();
    await admin.getByText('既定の区分です（まだ設定されていません）。').waitFor();
    await accessible(admin, '管理 → 達成度の区分（既定）');

    await admin.getByRole('radio', { name: /計画との比較/ }).check();
    await admin.getByLabel('評価不能の区分の名前').waitFor();
    // The city's own wording: 計画未満 becomes 計画を下回った, and the preview follows.
    await admin.getByLabel('3番目の区分', { exact: true }).fill('計画を下回った');
    await expect(admin.getByRole('radio', { name: '独自の区分' }).isChecked()).resolves.toBe(true);
    const preview = admin.getByRole('table', { name: '変更後の達成度の区分' });
    await preview.getByRole('row', { name: /計画を下回った 未達成/ }).waitFor();
    await preview.getByRole('row', { name: /評価不能 数えない/ }).waitFor();
    await admin.getByLabel('理由').fill('市の行政評価要綱（令和7年改正）に合わせる');
    await screenshot(admin, 'scales-admin');
    await admin.getByRole('button', { name: 'この区分にする' }).click();
    await admin.getByText('管理者が設定した区分です。').waitFor();
    await admin
      .getByRole('table', { name: `${label}の達成度の区分` })
      .getByRole('row', { name: /計画を下回った 未達成/ })
      .waitFor();
    await accessible(admin, '管理 → 達成度の区分（設定後）');

    // A goal of the year, approved; the 課長 rates it 評価不能 from the year's levels.
    const { sheetId } = (
      await app.call('bucho', 'POST', '/sheets', {
        body: {
          department: '市民生活部',
          fiscalYear,
          createdOn: `${fiscalYear}-04-01`,
          headTitle: '市民生活部長',
          headName: '沢柳和彦',
        },
      })
    ).body;
    const { goalId } = (await app.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, { body: SAMPLE_GOAL })).body;
    await app.call('kacho-shimin', 'POST', `/goals/${goalId}/submit`, {});
    await app.call('bucho', 'POST', `/goals/${goalId}/approve`, {});
    const kacho = await (await browser.as('kacho-shimin')).newPage();
    await kacho.goto(`/goals/${goalId}`);
    const level = kacho.getByLabel('達成状況');
    await eventually(
      () => level.locator('option').allTextContents(),
      (options) => options.includes('評価不能'),
    );
    expect(await level.locator('option').allTextContents()).toEqual([
      '選択してください',
      '計画以上',
      '計画通り',
      '計画を下回った',
      '評価不能',
    ]);
    await level.selectOption('評価不能');
    await kacho.getByLabel('コメント').fill('事業が国の制度改正で中止となり、評価できない');
    await kacho.getByRole('button', { name: '実績登録' }).click();
    await kacho.getByText('実績登録済', { exact: true }).first().waitFor();
    await accessible(kacho, '目標（実績登録）');

    // The sheet names the year's levels under the table.
    const kansa = await (await browser.as('kansa')).newPage();
    await kansa.goto(`/sheets/${sheetId}`);
    await kansa
      .getByText(
        `達成状況の区分（${label}）：計画以上・計画通り（達成）／計画を下回った（未達成）／評価不能（達成率に数えない）`,
      )
      .waitFor();
    await accessible(kansa, '整理表（達成度の区分）');

    // Rated: the administrator's screen says the scale is locked and offers no form.
    await eventually(
      async () => {
        await admin.reload();
        return admin.getByText('1件の目標に達成度が付けられているため、変更できません。').isVisible();
      },
      (shown) => shown,
    );
    expect(await admin.getByRole('button', { name: 'この区分にする' }).count()).toBe(0);
    await accessible(admin, '管理 → 達成度の区分（変更不可）');
    await screenshot(admin, 'scales-admin-locked');
  });
});
