/**
 * The year in a real browser (Debian's Chromium through playwright-core) against the real service:
 * the 部長 opens a 中間報告 window from the 受信箱, the 課長 reports やや遅れ with a comment, the 部長
 * returns it, the 課長 resubmits, the 部長 confirms; the auditor sees the 中間報告 column on the sheet;
 * the 部長 closes the year and reopens it with a reason. axe-core checks every screen.
 */
import { ManualClock } from '@goals/platform';
import { AppHarness, eventually, startApp } from '../support/app-harness';
import { fixtureRows } from '../support/fixture-sheet';
import { accessible, Browser, launchBrowser, screenshot, setPasswords } from './browser';

const SHEET = {
  department: '市民生活部',
  fiscalYear: 2022,
  createdOn: '2022-04-01',
  headTitle: '市民生活部長',
  headName: '沢柳和彦',
};

jest.setTimeout(180_000);

describe('the year in the browser', () => {
  let app: AppHarness;
  let clock: ManualClock;
  let browser: Browser;
  let sheetId: string;

  beforeAll(async () => {
    clock = new ManualClock('2022-04-01T09:00:00+09:00', true);
    app = await startApp({}, clock);
    await setPasswords(app, ['kacho-shimin', 'bucho', 'kansa']);
    browser = await launchBrowser(app);
    sheetId = (await app.call('bucho', 'POST', '/sheets', { body: SHEET })).body.sheetId;
    const rows = fixtureRows();
    for (const number of [1, 2]) {
      const { title, category, targetLevel, method, deadlineMonth, sections } = rows.get(number)!;
      const drafted = await app.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, {
        body: { title, category, targetLevel, method, deadlineMonth, sections },
      });
      await app.call('kacho-shimin', 'POST', `/goals/${drafted.body.goalId}/submit`, {});
      await app.call('bucho', 'POST', `/goals/${drafted.body.goalId}/approve`, {});
    }
    clock.set('2022-09-20T10:00:00+09:00');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('runs a 中間報告 from opening to confirmation, then closes and reopens the year', async () => {
    const bucho = await (await browser.as('bucho')).newPage();
    const kacho = await (await browser.as('kacho-shimin')).newPage();
    const kansa = await (await browser.as('kansa')).newPage();

    // 部長 opens the window from the 受信箱
    await bucho.goto('/inbox');
    await bucho.getByRole('heading', { name: '中間報告を開始（第1回）' }).waitFor();
    await bucho.getByLabel('開始日').fill('2022-09-01');
    await bucho.getByLabel('締切日').fill('2022-10-14');
    await bucho.getByText('令和4年10月14日').waitFor();
    await bucho.getByRole('button', { name: '中間報告を開始' }).click();
    await bucho.getByRole('heading', { name: '中間報告 上期（令和4年9月1日〜令和4年10月14日）' }).waitFor();
    await bucho.getByText('未報告：市民課').waitFor();
    await accessible(bucho, '受信箱（中間報告）');

    // 課長 reports やや遅れ with a comment: a draft first, then 提出
    await kacho.goto('/goals');
    const report = kacho.getByRole('region', { name: /中間報告（令和4年度 上期・市民課）/ });
    await report.waitFor();
    await report.getByRole('group', { name: /番号1/ }).getByLabel('進捗状況').selectOption('順調');
    await report.getByRole('group', { name: /番号2/ }).getByLabel('進捗状況').selectOption('やや遅れ');
    await report.getByRole('group', { name: /番号2/ }).getByLabel('進捗コメント').fill('事業者の選定が遅れた。');
    await report.getByRole('button', { name: '下書き保存' }).click();
    await kacho.getByText('下書きを保存しました。').waitFor();
    await accessible(kacho, '課の目標（中間報告）');
    await screenshot(kacho, 'year-kacho-report');
    await kacho
      .getByRole('region', { name: /中間報告/ })
      .getByRole('button', { name: '提出' })
      .click();
    await kacho.getByText('状態：提出済み').waitFor();

    // 部長 returns it with a reason
    await bucho.reload();
    await bucho.getByRole('button', { name: '差戻し：市民課の中間報告' }).click();
    await bucho.getByLabel('差戻しの理由（市民課）').fill('遅れの影響と挽回策を書いてください');
    await bucho.getByRole('button', { name: '差し戻す' }).click();
    await bucho.getByText('差戻し', { exact: true }).waitFor();

    // 課長 sees the reason on top, and resubmits
    await kacho.reload();
    await kacho.getByText('部長から差し戻されました。理由：遅れの影響と挽回策を書いてください').waitFor();
    await accessible(kacho, '課の目標（中間報告・差戻し）');
    await screenshot(kacho, 'year-kacho-returned');
    const comment = kacho.getByRole('group', { name: /番号2/ }).getByLabel('進捗コメント');
    await comment.fill('事業者の選定が遅れた。11月に契約し3月までに稼働させる');
    await kacho.getByRole('button', { name: '提出' }).click();
    await kacho.getByText('状態：提出済み').waitFor();

    // 部長 confirms; the counts show it
    await bucho.reload();
    await bucho.getByRole('button', { name: '確認：市民課の中間報告' }).click();
    await bucho.getByText('未報告：なし（すべての課が報告済み）').waitFor();
    await bucho
      .getByRole('list', { name: '上期の進捗状況の件数' })
      .getByText(/やや遅れ\s*1件/)
      .waitFor();
    await accessible(bucho, '受信箱（中間報告・確認後）');
    await screenshot(bucho, 'year-bucho-inbox');

    // 監査 sees the 中間報告 column on the sheet
    await eventually(
      () => app.call('kansa', 'GET', `/sheets/${sheetId}`),
      (r) => r.body.rows?.[1]?.midYear?.reportStatus === 'confirmed',
    );
    await kansa.goto(`/sheets/${sheetId}`);
    await kansa.getByRole('columnheader', { name: '中間報告' }).waitFor();
    await kansa.getByText('事業者の選定が遅れた。11月に契約し3月までに稼働させる').waitFor();
    await accessible(kansa, '整理表（中間報告の列）');
    await screenshot(kansa, 'year-sheet-progress');

    // 部長 closes the year (both goals set aside with reasons), and reopens it with a reason
    await bucho.getByLabel(/番号1「.*」を対象外とする理由/).fill('国の制度改正により延期');
    await bucho.getByLabel(/番号2「.*」を対象外とする理由/).fill('事業廃止');
    await bucho.getByRole('button', { name: '年度を締める' }).click();
    await bucho.getByRole('heading', { name: 'この年度は締められています' }).waitFor();
    await accessible(bucho, '受信箱（年度の締め）');
    const goalId = (await app.call('kansa', 'GET', `/sheets/${sheetId}`)).body.rows[0].goalId;
    const refused = await app.call('kacho-shimin', 'POST', `/goals/${goalId}/achievement`, {
      body: { level: 'ほぼ達成した' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('年度が締められています');
    await bucho.getByRole('button', { name: '再開' }).click();
    await bucho.getByRole('alert').waitFor();
    await bucho.getByLabel('再開する理由').fill('番号2の扱いを見直すため');
    await bucho.getByRole('button', { name: '再開' }).click();
    await bucho.getByText('再開されています（理由：番号2の扱いを見直すため）').waitFor();
  });
});
