/**
 * The web application in a real browser (Debian's Chromium through playwright-core) against the real
 * service: four people in four browser contexts (課長, 部長, a 代決 delegate, 監査) take goals through the whole cycle, two tabs
 * edit one goal, a submission is made with the keyboard alone, and axe-core checks every screen.
 * Everyone signs in as a person does: the app sends them to /login, they type their id and password.
 */
// Browser globals, for the functions the page runs (this program is type-checked with Node's types).
declare const document: any, getComputedStyle: any, navigator: any;
import { readFileSync } from 'node:fs';
import { ManualClock } from '@goals/platform';
import { Page, Request } from 'playwright-core';
import { AppHarness, startApp } from '../support/app-harness';
import { axeViolations, Browser, launchBrowser, screenshot, setPasswords, signIn } from './browser';

const SHEET = {
  department: '市民生活部',
  fiscalYear: 2022,
  createdOn: '2022-04-01',
  headTitle: '市民生活部長',
  headName: '沢柳和彦',
};

jest.setTimeout(180_000);

describe('web application', () => {
  let app: AppHarness;
  let browser: Browser;
  let sheetId: string;
  let clock: ManualClock;
  const checked: string[] = [];

  async function accessible(page: Page, screen: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    expect({ screen, violations: await axeViolations(page) }).toEqual({ screen, violations: [] });
    checked.push(screen);
  }

  /** Every write the page sends to the api, with its headers as they went out (cookie included). */
  type Write = { method: string; path: string; headers: Record<string, string> };
  function recordWrites(writes: Array<Promise<Write>>, ...pages: Page[]): void {
    for (const page of pages)
      page.on('request', (request: Request) => {
        const url = new URL(request.url());
        if (request.method() === 'GET' || !url.pathname.startsWith('/api/')) return;
        const method = request.method();
        writes.push(request.allHeaders().then((headers) => ({ method, path: url.pathname, headers })));
      });
  }

  /** Clicks a download link as a person does; the file the browser saved, or the reason it failed. */
  async function download(page: Page, name: string | RegExp): Promise<{ file: string; text: string; bytes: Buffer }> {
    const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
    expect(await saved.failure()).toBeNull();
    const bytes = readFileSync(await saved.path());
    return { file: saved.suggestedFilename(), text: bytes.toString('utf8'), bytes };
  }

  beforeAll(async () => {
    clock = new ManualClock('2022-04-01T09:00:00+09:00', true);
    app = await startApp({}, clock);
    await setPasswords(app, ['kacho-shimin', 'kacho-keizai', 'bucho', 'kansa', 'admin']);
    browser = await launchBrowser(app);
    const opened = await app.call('bucho', 'POST', '/sheets', { body: SHEET });
    expect(opened.status).toBe(201);
    sheetId = opened.body.sheetId;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('serves the application at / and its client routes, with compressed assets, and not over the API', async () => {
    const index = await fetch(`${app.baseUrl}/inbox`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="root">');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await (await fetch(`${app.baseUrl}/`)).text())![1];
    const compressed = await fetch(`${app.baseUrl}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(compressed.headers.get('content-encoding')).toBe('br');
    expect((await fetch(`${app.baseUrl}/api/v1/nothing-here`)).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/api/v1/inbox`)).status).toBe(401);
  });

  it('sends a person who is not signed in to the sign-in page and back to where they were', async () => {
    const page = await (await browser.anonymous()).newPage();
    await page.goto('/inbox');
    await page.waitForURL(/\/login\?returnTo=%2Finbox$/);
    await page.getByRole('heading', { name: 'ログイン' }).waitFor();
    await accessible(page, 'ログイン');
    await screenshot(page, 'login-1280');
    // a wrong password: told in Japanese, next to the field, and still on the sign-in page
    await page.getByLabel('ユーザーID').fill('bucho');
    await page.getByLabel('パスワード').fill('not the password at all');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('alert').getByText('ユーザーIDまたはパスワードが正しくありません。').waitFor();
    await expect(page.getByLabel('パスワード').getAttribute('aria-invalid')).resolves.toBe('true');
    await accessible(page, 'ログイン（エラー）');
    await signIn(page, 'bucho');
    expect(new URL(page.url()).pathname).toBe('/inbox');
    await page.getByRole('heading', { name: '受信箱' }).waitFor();
    const tablet = await (await browser.anonymous({ width: 768, height: 1024 })).newPage();
    await tablet.goto('/');
    await tablet.getByRole('heading', { name: 'ログイン' }).waitFor();
    await screenshot(tablet, 'login-768');
  });

  it('ends the session with ログアウト: afterwards the app and the api send the person back to sign in', async () => {
    const context = await browser.as('kansa');
    const page = await context.newPage();
    await page.goto('/audit');
    await page.getByRole('heading', { name: '整理表の履歴' }).waitFor();
    const before = await context.cookies();
    expect(before.find((c) => c.name === 'goal-sheet-session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL(/\/login\?signedOut$/);
    await page.getByText('ログアウトしました。').waitFor();
    await page.goto('/');
    await page.waitForURL(/\/login\?returnTo=%2F$/);
    // the old cookie no longer opens anything, even if a copy of it was kept
    const copy = await browser.anonymous();
    await copy.addCookies(before);
    expect((await copy.request.get('/api/v1/me')).status()).toBe(401);
  });

  it('takes goals through the whole cycle as four people — 課長, 部長, a 代決 delegate and 監査 — each seeing the others’ steps', async () => {
    const kacho = await (await browser.as('kacho-shimin')).newPage();
    const bucho = await (await browser.as('bucho')).newPage();
    const delegate = await (await browser.as('kacho-keizai')).newPage();
    const kansa = await (await browser.as('kansa')).newPage();
    const writes: Array<Promise<Write>> = [];
    recordWrites(writes, kacho, bucho, delegate, kansa);

    // 課長 drafts and submits
    await kacho.goto('/');
    await kacho.getByRole('heading', { name: '市民課 の目標' }).waitFor();
    // every context reads Japanese in Tokyo time, as the people of the city do
    await expect(
      kacho.evaluate(() => [navigator.language, Intl.DateTimeFormat().resolvedOptions().timeZone]),
    ).resolves.toEqual(['ja-JP', 'Asia/Tokyo']);
    // the post's title once, even where the directory names the person by it
    expect((await kacho.locator('.app-user span').textContent())!.split('市民課長').length).toBe(2);
    await accessible(kacho, '課長: 課の目標');
    await kacho.getByRole('link', { name: '目標を追加' }).click();
    await kacho.getByLabel('実施項目').fill('転出・転入手続のワンストップ化の実現');
    await kacho.getByLabel('計画・方針等の分類').selectOption('行政改革');
    await kacho.getByLabel('どの水準まで').fill('転出・転入手続の時間短縮が図られている。');
    await kacho.getByLabel('どのような方法で').fill('住民基本台帳システムの改修を行う。');
    await kacho.getByLabel('いつまで').selectOption('2');
    await accessible(kacho, '課長: 目標を追加');
    await screenshot(kacho, 'goal-form-1280');
    await kacho.getByRole('button', { name: '提出' }).click();
    await kacho.getByText('提出中', { exact: true }).waitFor();
    const goalId = kacho.url().split('/').pop()!;

    // 部長 sees it in the 受信箱 (live, without reloading) and returns it with a reason
    await bucho.goto('/inbox');
    await bucho.getByRole('link', { name: '転出・転入手続のワンストップ化の実現' }).waitFor();
    await accessible(bucho, '部長: 受信箱');
    await screenshot(bucho, 'inbox-1280');
    await bucho.getByRole('link', { name: '転出・転入手続のワンストップ化の実現' }).click();
    await bucho.getByRole('button', { name: '差戻し' }).click();
    await bucho.getByLabel('差戻しの理由').waitFor();
    await expect(bucho.locator('.field-error').first().textContent()).resolves.toBeTruthy(); // reason required, named by the field
    await bucho.getByLabel('差戻しの理由').fill('達成水準を具体的に');
    await accessible(bucho, '部長: 目標（承認・差戻し）');
    await bucho.getByRole('button', { name: '差戻し' }).click();
    await bucho.getByText('差戻し', { exact: true }).first().waitFor();

    // 課長's open page updates by itself and shows the reason at the top; revises and resubmits
    await kacho.getByRole('heading', { name: '部長からの差戻し理由' }).waitFor({ timeout: 5000 });
    await expect(kacho.getByText('達成水準を具体的に').first().isVisible()).resolves.toBe(true);
    await accessible(kacho, '課長: 差し戻された目標');
    await screenshot(kacho, 'returned-goal-1280');
    const revised = 'マイナポータルからの転出届・転入予約により、窓口での手続時間が半減している。';
    await kacho.getByLabel('どの水準まで').fill(revised);
    await kacho.getByRole('button', { name: '提出' }).click();
    await kacho.getByText('提出中', { exact: true }).waitFor();

    // 部長's open page shows what changed since the version returned, under the sheet's headings, and approves
    await bucho.getByRole('heading', { name: '再提出された内容（差し戻した版との違い）' }).waitFor({ timeout: 5000 });
    const diff = bucho.locator('.diff tbody tr');
    await expect(diff.count()).resolves.toBe(1);
    await expect(diff.locator('th').textContent()).resolves.toBe('どの水準まで');
    await expect(diff.locator('del').textContent()).resolves.toBe('転出・転入手続の時間短縮が図られている。');
    await expect(diff.locator('ins').textContent()).resolves.toBe(revised);
    await expect(bucho.getByText('差戻しの理由：達成水準を具体的に').isVisible()).resolves.toBe(true);
    await accessible(bucho, '部長: 再提出された目標（差分）');
    await screenshot(bucho, 'resubmission-diff-1280');
    await bucho.getByLabel('コメント（任意）').fill('了承');
    await bucho.getByRole('button', { name: '承認' }).click();
    await bucho.getByText('承認済', { exact: true }).first().waitFor();

    // 課長 records the achievement; their goals page reminds them by when (the last day of いつまで, 和暦)
    await kacho.getByText('承認済', { exact: true }).first().waitFor({ timeout: 5000 });
    await kacho.getByRole('link', { name: '課の目標' }).click();
    await kacho
      .getByRole('region', { name: /^お知らせ/ })
      .getByText('転出・転入手続のワンストップ化の実現：承認済です。令和5年2月28日までに実績を登録してください')
      .waitFor();
    await accessible(kacho, '課長: 課の目標（お知らせ）');
    await kacho.setViewportSize({ width: 768, height: 1024 });
    await screenshot(kacho, 'my-goals-768');
    await kacho.setViewportSize({ width: 1280, height: 900 });
    await kacho.goBack();
    await kacho.getByLabel('達成状況').selectOption('ほぼ達成した');
    await kacho.getByLabel('コメント').fill('転入予約は稼働済');
    await accessible(kacho, '課長: 実績登録');
    await kacho.getByRole('button', { name: '実績登録' }).click();
    await kacho.getByText('実績登録済', { exact: true }).first().waitFor();

    // 部長 confirms
    await bucho.getByRole('button', { name: '実績確認' }).waitFor({ timeout: 5000 });
    await accessible(bucho, '部長: 実績確認');
    await bucho.getByRole('button', { name: '実績確認' }).click();
    await bucho.getByText('確定', { exact: true }).first().waitFor();

    // 代決: the 部長 is away for a week; the 経済課長 decides in their stead, from the browser
    const away = { delegate: 'kacho-keizai', from: '2022-04-01', until: '2022-04-07', reason: '海外出張' };
    expect((await app.call('bucho', 'POST', '/delegations', { body: away })).status).toBe(201);
    const second = await app.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, {
      body: {
        title: '窓口キャッシュレス決済の導入',
        category: '行政改革',
        targetLevel: '証明書の手数料をキャッシュレスで払える。',
        method: '決済端末を窓口に置く。',
        deadlineMonth: 3,
        sections: ['市民課'],
      },
    });
    expect((await app.call('kacho-shimin', 'POST', `/goals/${second.body.goalId}/submit`)).status).toBe(200);
    await delegate.goto('/');
    await delegate.getByRole('heading', { name: '経済課 の目標' }).waitFor();
    await delegate.getByText('代決：令和4年4月7日まで、市民生活部の部長に代わって', { exact: false }).waitFor();
    await accessible(delegate, '代決者: 課の目標');
    await delegate.locator('.banner').getByRole('link', { name: '整理表' }).click();
    await delegate.getByRole('link', { name: '令和4年度 市民生活部 組織目標展開整理表' }).click();
    await delegate.getByRole('link', { name: '窓口キャッシュレス決済の導入' }).click();
    await delegate.getByText('代決：市民生活部の部長に代わって決定します', { exact: false }).waitFor();
    await accessible(delegate, '代決者: 目標（承認・差戻し）');
    await delegate.getByLabel('コメント（任意）').fill('部長不在につき代決');
    await delegate.getByRole('button', { name: '承認' }).click();
    await delegate.getByText('承認済', { exact: true }).first().waitFor();

    // 部長, back: the 受信箱 holds the decision as 後閲 — what, on which goal, who, for whom, when — until read
    await bucho.goto('/inbox');
    const reviews = bucho.getByRole('region', { name: '後閲（代決された案件）' });
    await reviews.getByRole('link', { name: '窓口キャッシュレス決済の導入' }).waitFor({ timeout: 5000 });
    await expect(bucho.getByRole('list', { name: '件数' }).textContent()).resolves.toContain('後閲 1件');
    const review = reviews.locator('tbody tr');
    await expect(review.locator('td').allTextContents()).resolves.toEqual([
      '承認：窓口キャッシュレス決済の導入コメント：部長不在につき代決',
      '経済課長',
      '沢柳和彦（市民生活部長）',
      expect.stringMatching(/^令和4年4月1日 \d\d:\d\d$/),
      '確認しました',
    ]);
    await accessible(bucho, '部長: 受信箱（後閲）');
    await screenshot(bucho, 'inbox-review-1280');
    await reviews.getByRole('button', { name: /^確認しました/ }).click();
    await reviews.waitFor({ state: 'detached' });
    await expect(bucho.getByRole('list', { name: '件数' }).textContent()).resolves.toContain('後閲 0件');

    // a change request shows the 部長 the approved text against the requested one, field by field
    await kacho.goto(`/goals/${second.body.goalId}`);
    await kacho.getByRole('button', { name: '変更申請' }).click();
    await kacho.getByLabel('いつまで').selectOption('12');
    await kacho.getByLabel('変更の理由').fill('端末の納期が早まったため');
    await kacho.getByRole('form', { name: '変更申請' }).getByRole('button', { name: '変更申請' }).click();
    await kacho.getByText('変更申請中', { exact: true }).waitFor();
    await bucho.getByRole('link', { name: '窓口キャッシュレス決済の導入' }).click({ timeout: 5000 });
    await bucho.getByRole('heading', { name: '変更申請の内容（承認済の内容との違い）' }).waitFor();
    await expect(bucho.locator('.diff tbody tr').allTextContents()).resolves.toEqual(['いつまで3月12月']);
    await expect(bucho.getByText('変更の理由：端末の納期が早まったため').isVisible()).resolves.toBe(true);
    await accessible(bucho, '部長: 変更申請（差分）');
    await screenshot(bucho, 'amendment-diff-1280');

    // the paper layout
    await bucho.goto(`/sheets/${sheetId}`);
    await bucho.getByRole('heading', { name: '令和4年度 市民生活部 組織目標展開整理表' }).waitFor();
    await expect(bucho.getByText('令和4年4月1日').isVisible()).resolves.toBe(true);
    await expect(bucho.locator('.sheet-table thead th').allTextContents()).resolves.toEqual([
      '番号',
      '実施項目',
      '計画・方針等の分類',
      'どの水準まで',
      'どのような方法で',
      'いつまで',
      '共通/課名',
      '達成状況',
    ]);
    await expect(bucho.locator('.sheet-table tbody tr').first().locator('td').last().textContent()).resolves.toBe(
      'ほぼ達成した',
    );
    await accessible(bucho, '部長: 整理表');
    await screenshot(bucho, 'sheet-1280');
    await bucho.emulateMedia({ media: 'print' });
    await expect(bucho.locator('.sheet-table thead').evaluate((e) => getComputedStyle(e).display)).resolves.toBe(
      'table-header-group',
    );
    await expect(bucho.locator('.app-header').isVisible()).resolves.toBe(false);
    await bucho.emulateMedia({ media: 'screen' });

    // 監査 finds every step with its person and post, and verifies the store
    await kansa.goto('/audit');
    await kansa.getByRole('heading', { name: '整理表の履歴' }).waitFor();
    const timeline = kansa.locator('.timeline');
    await timeline.getByText('変更申請', { exact: true }).waitFor();
    const steps = await timeline.locator('.timeline-head').allTextContents();
    for (const [step, who] of [
      ['提出', '市民課長'],
      ['差戻し', '沢柳和彦（市民生活部長）'],
      ['下書きを修正', '市民課長'],
      ['承認', '沢柳和彦（市民生活部長）'],
      ['実績登録', '市民課長'],
      ['実績確認', '沢柳和彦（市民生活部長）'],
      ['承認', '経済課長（代決：部長に代わって）'],
      ['変更申請', '市民課長'],
    ])
      expect({
        step,
        who,
        found: steps.some((s) => s.startsWith(step) && s.includes(who) && s.includes('令和4年')),
      }).toEqual({ step, who, found: true });
    await expect(timeline.getByText('理由：達成水準を具体的に').isVisible()).resolves.toBe(true);
    await expect(timeline.getByText('いつまで：（なし） → 2月').isVisible()).resolves.toBe(true);
    await kansa.getByRole('button', { name: '改ざん検証' }).click();
    await kansa.getByText(/改ざんは見つかりませんでした（\d+件のイベントを検証）/).waitFor();
    await accessible(kansa, '監査');
    // downloads are plain links the browser follows with the session cookie
    const tsv = await download(kansa, 'TSV');
    expect(tsv.file).toMatch(/\.tsv$/);
    expect(tsv.text).toContain('転出・転入手続のワンストップ化の実現');
    const csv = await download(kansa, 'CSV');
    expect(csv.file).toMatch(/\.csv$/);
    expect(csv.text).toContain('転出・転入手続のワンストップ化の実現');
    const xlsx = await download(kansa, 'XLSX');
    expect(xlsx.file).toMatch(/\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');
    const log = await download(kansa, /イベントログ/);
    expect(log.text.split('\n').filter(Boolean).length).toBeGreaterThan(8);

    // the sheet as it stood at a chosen event: when the 部長 returned the goal, before the second goal existed
    const picker = kansa.getByLabel('このイベントの時点の整理表を表示');
    const returned = picker.locator('option', { hasText: /沢柳和彦（市民生活部長） 差戻し「転出・転入/ });
    await expect(returned.textContent()).resolves.toMatch(/^令和4年4月1日 \d\d:\d\d /);
    await picker.selectOption((await returned.getAttribute('value')) ?? '');
    await screenshot(kansa, 'audit-1280');
    await kansa.locator('form.event-picker').getByRole('button', { name: '表示' }).click();
    await kansa.getByText(/差戻し「転出・転入手続のワンストップ化の実現」の時点の整理表です。/).waitFor();
    const rows = kansa.locator('.sheet-table tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.locator('td').nth(3).textContent()).resolves.toBe('転出・転入手続の時間短縮が図られている。');
    await expect(rows.locator('.badge').textContent()).resolves.toBe('差戻し');
    await accessible(kansa, '監査: イベント時点の整理表');
    await screenshot(kansa, 'sheet-at-event-1280');

    // every write went with the session cookie and the CSRF token from /me, never with a bearer token
    const sent = await Promise.all(writes);
    expect(sent.length).toBeGreaterThanOrEqual(12);
    for (const write of sent) {
      expect({ write: `${write.method} ${write.path}`, csrf: write.headers['x-csrf-token'] }).toEqual({
        write: `${write.method} ${write.path}`,
        csrf: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      });
      expect(write.headers.cookie).toMatch(/goal-sheet-session=/);
      expect(write.headers.authorization).toBeUndefined();
    }
    expect(goalId).toMatch(/^[0-9a-f-]{36}$/);
    // four people's screens in one test: on 2 shared cores each step can take seconds
  }, 420_000);

  it('lets the 部長 open the year’s sheet from 整理表, without a terminal', async () => {
    const page = await (await browser.as('bucho')).newPage();
    await page.goto('/sheets');
    await page.getByRole('heading', { name: '整理表を作成' }).waitFor();
    await accessible(page, '部長: 整理表を作成');
    // the browser's own today (the service runs on the test's clock): the fiscal year starts in April
    const tokyo = new Date(Date.now() + 9 * 3600_000);
    const fiscalYear = tokyo.getUTCMonth() >= 3 ? tokyo.getUTCFullYear() : tokyo.getUTCFullYear() - 1;
    await expect(page.getByLabel('年度').inputValue()).resolves.toBe(String(fiscalYear));
    await expect(page.getByLabel('職名').inputValue()).resolves.toBe('市民生活部長');
    await page.getByLabel('氏名').fill('沢柳和彦');
    await page.getByRole('button', { name: '作成' }).click();
    await page.getByRole('heading', { name: `令和${fiscalYear - 2018}年度 市民生活部 組織目標展開整理表` }).waitFor();
    await expect(page.getByText('沢柳和彦').first().isVisible()).resolves.toBe(true);
    // that year is taken now: the form offers the others only
    await page.goto('/sheets');
    await page.getByRole('heading', { name: '整理表を作成' }).waitFor();
    const years = await page
      .getByLabel('年度')
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
    expect(years).not.toContain(String(fiscalYear));
  });

  it('keeps the text of the second tab when another saved first, naming who', async () => {
    const created = await app.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, {
      body: {
        title: '窓口の混雑緩和',
        category: '行政改革',
        targetLevel: '待ち時間が減っている。',
        method: '予約制の導入。',
        deadlineMonth: 3,
        sections: ['市民課'],
      },
    });
    const context = await browser.as('kacho-shimin');
    const first = await context.newPage();
    const second = await context.newPage();
    for (const tab of [first, second]) {
      await tab.goto(`/goals/${created.body.goalId}`);
      await tab.getByLabel('どの水準まで').waitFor();
    }
    await first.getByLabel('どの水準まで').fill('待ち時間が半分になっている。');
    await first.getByRole('button', { name: '下書き保存' }).click();
    await first.getByText('保存しました。').waitFor();
    await second.getByLabel('どのような方法で').fill('予約制とオンライン申請の導入。');
    await second.getByRole('button', { name: '下書き保存' }).click();
    await second.getByText(/この目標は市民課長さんが変更しました（あなたが開いた後）/).waitFor();
    await expect(second.getByLabel('どのような方法で').inputValue()).resolves.toBe('予約制とオンライン申請の導入。');
    await accessible(second, '課長: 409');
  });

  it('drafts and submits a goal with the keyboard alone, at tablet width', async () => {
    const page = await (await browser.as('kacho-shimin', { width: 768, height: 1024 })).newPage();
    await page.goto('/goals/new');
    await page.getByLabel('実施項目').waitFor();
    await page.keyboard.press('Tab'); // skip link first
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('本文へ移動');
    await page.getByLabel('整理表').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.type('キーボードだけで作成した目標');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // 計画・方針等の分類: the first category
    await page.keyboard.press('Tab');
    await page.keyboard.type('キーボードで到達できる。');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Tab と Enter だけで操作する。');
    await page.keyboard.press('Tab'); // いつまで (3月 by default)
    await page.keyboard.press('Tab'); // 共通/課名
    await page.keyboard.press('Tab'); // 下書き保存
    await page.keyboard.press('Tab'); // 提出
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('提出');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    expect(outline).toBe('solid'); // the focus ring is visible
    await page.keyboard.press('Enter');
    await page.getByText('提出中', { exact: true }).waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'キーボードだけで作成した目標',
    );
    await screenshot(page, 'goal-768');
    await page.goto(`/sheets/${sheetId}`);
    await page.getByRole('heading', { name: /組織目標展開整理表/ }).waitFor();
    await accessible(page, '課長: 整理表（タブレット）');
    await screenshot(page, 'sheet-768');
  });

  it('names the field of a validation error next to it, and keeps what was typed', async () => {
    const page = await (await browser.as('kacho-shimin')).newPage();
    await page.goto('/goals/new');
    await page.getByLabel('実施項目').fill('分類を選ばない目標');
    await page.getByRole('button', { name: '下書き保存' }).click();
    await page.getByText('入力内容を確認してください。').waitFor();
    const category = page.getByLabel('計画・方針等の分類');
    await expect(category.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await category.getAttribute('aria-describedby'))!;
    await expect(page.locator(`[id="${describedBy.split(' ').pop()}"]`).textContent()).resolves.toBeTruthy();
    await expect(page.getByLabel('実施項目').inputValue()).resolves.toBe('分類を選ばない目標');
    await accessible(page, '課長: 入力エラー');
  });

  it('opens the administrator’s screens, the failed reminders among them (more in admin.e2e-spec)', async () => {
    const page = await (await browser.as('admin')).newPage();
    await page.goto('/admin/reminders');
    await page.getByRole('heading', { name: '送信できなかった通知' }).waitFor();
    await page.getByText('送信できなかった通知はありません。').waitFor();
    await accessible(page, '管理者');
    expect(checked.length).toBeGreaterThanOrEqual(12);
  });

  // Last: it moves the clock and closes a year. Its own fiscal year (令和9年度), newer than any sheet the
  // tests above open, so the 受信箱 and 課の目標 work on it.
  it('lives the year as four people: 中間報告 returned and confirmed, the year closed and reopened, two goals carried into the next', async () => {
    // The clock moves before anyone signs in: a session is as old as the service's clock says.
    clock.set('2027-09-20T10:00:00+09:00');
    const kacho = await (await browser.as('kacho-shimin')).newPage();
    const bucho = await (await browser.as('bucho')).newPage();
    const kansa = await (await browser.as('kansa')).newPage();
    const r9 = (
      await app.call('bucho', 'POST', '/sheets', { body: { ...SHEET, fiscalYear: 2027, createdOn: '2027-04-01' } })
    ).body.sheetId;
    const goals: string[] = [];
    for (const title of ['マイナンバーカード交付の迅速化', '窓口の混雑状況の発信']) {
      const { goalId } = (
        await app.call('kacho-shimin', 'POST', `/sheets/${r9}/goals`, {
          body: {
            title,
            category: '行政改革',
            targetLevel: '待ち時間が半減している。',
            method: '予約制を導入する。',
            deadlineMonth: 3,
            sections: ['市民課'],
          },
        })
      ).body;
      goals.push(goalId);
      expect((await app.call('kacho-shimin', 'POST', `/goals/${goalId}/submit`)).status).toBe(200);
      expect((await app.call('bucho', 'POST', `/goals/${goalId}/approve`)).status).toBe(200);
    }

    // 部長 opens the 中間報告 window from the 受信箱
    await bucho.goto('/inbox');
    await bucho.getByRole('heading', { name: '中間報告を開始（第1回）' }).waitFor();
    await bucho.getByLabel('開始日').fill('2027-09-01');
    await bucho.getByLabel('締切日').fill('2027-10-15');
    await bucho.getByRole('button', { name: '中間報告を開始' }).click();
    await bucho.getByText('未報告：市民課').waitFor();

    // 課長 reports やや遅れ with a comment; 部長 returns it; 課長 resubmits; 部長 confirms
    await kacho.goto('/goals');
    const report = kacho.getByRole('region', { name: /中間報告（令和9年度/ });
    await report.getByRole('group', { name: /番号1/ }).getByLabel('進捗状況').selectOption('順調');
    await report.getByRole('group', { name: /番号2/ }).getByLabel('進捗状況').selectOption('やや遅れ');
    await report.getByRole('group', { name: /番号2/ }).getByLabel('進捗コメント').fill('発信用の画面の調達が遅れた。');
    await report.getByRole('button', { name: '提出' }).click();
    await kacho.getByText('状態：提出済み').waitFor();
    await bucho.reload();
    await bucho.getByRole('button', { name: '差戻し：市民課の中間報告' }).click();
    await bucho.getByLabel('差戻しの理由（市民課）').fill('挽回の見込みを書いてください');
    await bucho.getByRole('button', { name: '差し戻す' }).click();
    await kacho.reload();
    await kacho.getByText('部長から差し戻されました。理由：挽回の見込みを書いてください').waitFor();
    await kacho.getByRole('group', { name: /番号2/ }).getByLabel('進捗コメント').fill('調達が遅れた。12月に公開する');
    await kacho.getByRole('button', { name: '提出' }).click();
    await kacho.getByText('状態：提出済み').waitFor();
    await bucho.reload();
    await bucho.getByRole('button', { name: '確認：市民課の中間報告' }).click();
    await bucho.getByText('未報告：なし（すべての課が報告済み）').waitFor();

    // The year ends on the city's own scale (達成度の区分 of 令和9年度, set by the 管理者), rated in the
    // same sitting (the sessions stay those of one day): rated low, confirmed; the 部長 closes the
    // year; a change is refused
    const scale = await app.call('admin', 'PUT', '/achievement-scales/2027', {
      body: {
        levels: ['A 達成', 'B 一部達成', 'C 未達成'],
        achievedLevels: 1,
        reason: '令和9年度から三段階で評価する',
      },
    });
    expect(scale.status).toBe(200);
    for (const [goalId, level] of [
      [goals[0], 'B 一部達成'],
      [goals[1], 'C 未達成'],
    ]) {
      expect((await app.call('kacho-shimin', 'POST', `/goals/${goalId}/achievement`, { body: { level } })).status).toBe(
        200,
      );
      expect((await app.call('bucho', 'POST', `/goals/${goalId}/achievement/confirm`)).status).toBe(200);
    }
    await bucho.reload();
    await bucho.getByRole('button', { name: '年度を締める' }).click();
    await bucho.getByRole('heading', { name: 'この年度は締められています' }).waitFor();
    const refused = await app.call('kacho-shimin', 'POST', `/goals/${goals[0]}/achievement`, {
      body: { level: 'A 達成' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('年度が締められています');
    // … reopened with a reason, and closed again once corrected
    await bucho.getByRole('button', { name: '再開' }).click();
    await bucho.getByLabel('再開する理由').fill('番号2の実績を見直すため');
    await bucho.getByRole('button', { name: '再開' }).click();
    await bucho.getByText('再開されています（理由：番号2の実績を見直すため）').waitFor();
    await bucho.getByRole('button', { name: '年度を締める' }).click();
    await bucho.getByRole('heading', { name: 'この年度は締められています' }).waitFor();

    // Next year's sheet carries both goals over, each linked to its origin
    await bucho.reload();
    await bucho.getByRole('button', { name: '次年度へ引き継ぐ' }).click();
    await bucho.getByRole('heading', { name: '次年度への引継ぎ（令和9年度 → 令和10年度）' }).waitFor();
    await bucho.getByLabel('R9-No.1「マイナンバーカード交付の迅速化」を引き継ぐ').check();
    await bucho.getByLabel('R9-No.2「窓口の混雑状況の発信」を引き継ぐ').check();
    await bucho.getByRole('button', { name: '選んだ目標を引き継ぐ（2件）' }).click();
    await bucho.getByText('2件を令和10年度の下書きとして引き継ぎました（番号1、番号2）。').waitFor();
    await accessible(bucho, '部長: 次年度への引継ぎ');
    await bucho.getByRole('link', { name: 'R10-No.2（下書き）' }).click();
    await bucho.getByRole('link', { name: '前年度から引継ぎ（R9-No.2）' }).waitFor();

    // 監査 reads the origin's history: the 中間報告, the return's reason, where it went
    await kansa.goto(`/goals/${goals[1]}`);
    await kansa.getByRole('link', { name: '次年度へ引継ぎ（R10-No.2）' }).waitFor();
    const history = kansa.getByRole('region', { name: '履歴' });
    await history.getByText('達成状況：（なし） → C 未達成').first().waitFor();
    await history.getByText('進捗状況：（なし） → やや遅れ').waitFor();
    await history.getByText('理由：挽回の見込みを書いてください').waitFor();
    await history.getByText('次年度へ引継ぎ：（なし） → R10-No.2').waitFor();
    await accessible(kansa, '監査: 目標の履歴（中間報告・引継ぎ）');
  }, 420_000);
});
