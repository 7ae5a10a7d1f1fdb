/**
 * The administrator's screens in a real browser (Debian's Chromium through playwright-core) against the
 * real service, signed in through /login: a city's organisation set up for next April — a department
 * with its sections, a section renamed, a person registered and appointed 課長, a Shift_JIS roster
 * refused line by line and then imported, a 代決 entered and ended — with axe-core on every screen.
 * The service runs on the real clock, so the browser's today and the service's agree.
 */
// Browser globals, for the functions the page runs (this program is type-checked with Node's types).
declare const document: any, getComputedStyle: any;
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { Page } from 'playwright-core';
import { AppHarness, startApp } from '../support/app-harness';
import { axeViolations, Browser, launchBrowser, SCREENSHOTS, setPasswords, signIn } from './browser';

const TABLET = { width: 768, height: 1024 };

jest.setTimeout(180_000);

/** Today in Asia/Tokyo and the days around it, as the screens count them. */
function tokyoDay(offsetDays = 0): string {
  return new Date(Date.now() + 9 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}
const today = tokyoDay();
const fiscalYear = Number(today.slice(5, 7)) >= 4 ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
const nextApril = `${fiscalYear + 1}-04-01`;
const nextYearLabel = `令和${fiscalYear + 1 - 2018}年度`;

describe('the administrator’s screens', () => {
  let app: AppHarness;
  let browser: Browser;
  let page: Page;

  async function accessible(screen: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    expect({ screen, violations: await axeViolations(page) }).toEqual({ screen, violations: [] });
  }

  async function screenshot(name: string, at: Page = page): Promise<void> {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await at.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  /** Opens one of the administrator's screens from the 管理 menu, as a person does. */
  async function open(screen: string, heading = screen): Promise<void> {
    await page.getByRole('navigation', { name: '管理メニュー' }).getByRole('link', { name: screen }).click();
    await page.getByRole('heading', { level: 2, name: heading }).waitFor();
  }

  beforeAll(async () => {
    app = await startApp();
    await setPasswords(app, ['admin', 'kacho-bunka']);
    browser = await launchBrowser(app);
    page = await (await browser.as('admin')).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('establishes a department with its sections from next April, and renames a section from then', async () => {
    await page.goto('/');
    await page.waitForURL(/\/admin$/);
    await page.getByRole('heading', { level: 2, name: '組織' }).waitFor();
    await page.getByRole('heading', { name: /市民生活部/ }).waitFor();
    await accessible('管理者: 組織');

    await page.getByRole('textbox', { name: /^部の名称/ }).fill('総合政策部');
    await page.getByLabel('課', { exact: true }).fill('企画課\n財政課\n');
    await expect(page.getByLabel('設置日').inputValue()).resolves.toBe(nextApril);
    await page.getByRole('button', { name: '設置', exact: true }).click();
    await page.getByText(/総合政策部を令和\d+年4月1日から設置しました（企画課、財政課）。/).waitFor();
    // not there this year; there from next April, with its sections
    await page.getByLabel('年度').selectOption(String(fiscalYear + 1));
    const department = page.getByRole('region', { name: /総合政策部/ });
    await department.getByRole('rowheader', { name: '企画課' }).waitFor();
    await expect(department.getByRole('rowheader').allTextContents()).resolves.toEqual(['企画課', '財政課']);

    // a section added to it, with a field error first: the name is required, and named next to the field
    await department.getByRole('button', { name: '総合政策部に課を追加' }).click();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('総合政策部に課を追加');
    await department.getByRole('button', { name: '課を追加', exact: true }).click();
    await department.getByText('入力内容を確認してください。').waitFor();
    const sectionName = department.getByRole('textbox', { name: /^課の名称/ });
    await expect(sectionName.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await sectionName.getAttribute('aria-describedby'))!;
    // the api names the field in Japanese (「名称を入力してください」)
    await expect(page.locator(`[id="${describedBy.split(' ').pop()}"]`).textContent()).resolves.toMatch(
      /入力してください$/,
    );
    await sectionName.fill('デジタル推進課');
    await department.getByRole('button', { name: '課を追加', exact: true }).click();
    await department.getByRole('rowheader', { name: 'デジタル推進課' }).waitFor();

    // 人権平和課 becomes 人権推進課 from next April: this year keeps the old name
    const seeded = page.getByRole('region', { name: /市民生活部/ });
    await seeded.getByRole('button', { name: '人権平和課の名称変更' }).click();
    await seeded.getByLabel('新しい名称').fill('人権推進課');
    await expect(seeded.getByLabel('変更日').inputValue()).resolves.toBe(nextApril);
    await accessible('管理者: 課の名称変更');
    await screenshot('admin-organisation-1280');
    await seeded.getByRole('button', { name: '名称を変更' }).click();
    await seeded.getByRole('rowheader', { name: '人権推進課' }).waitFor();
    await page.getByLabel('年度').selectOption(String(fiscalYear));
    await seeded.getByRole('rowheader', { name: '人権平和課' }).waitFor();
    await expect(seeded.getByRole('rowheader', { name: '人権推進課', exact: true }).count()).resolves.toBe(0);
    // this year's listing says what next April brings
    await expect(seeded.getByRole('rowheader', { name: /^人権平和課/ }).textContent()).resolves.toBe(
      `人権平和課${nextYearLabel}から「人権推進課」`,
    );
  });

  it('merges two sections from next April (機構改革): this year lists both, next year the new one, and the lineage says where the work went', async () => {
    await page.getByLabel('年度').selectOption(String(fiscalYear));
    const card = page.getByRole('region', { name: /市民生活部/ });
    // 移管 says where the years before stay (opened and put away again, at tablet width)
    await page.setViewportSize({ width: 768, height: 1024 });
    await card.getByRole('button', { name: '市民課の移管' }).click();
    await card.getByText(/それまでの年度の目標は元の部の整理表に残り/).waitFor();
    await accessible('管理者: 課の移管（768 px）');
    await screenshot('admin-move-768');
    await card.getByRole('button', { name: 'やめる' }).click();
    await page.setViewportSize({ width: 1280, height: 900 });
    await card.getByRole('button', { name: '経済課の統合' }).click();
    await card.getByRole('checkbox', { name: '協働コミュニティ課' }).check();
    await card.getByRole('textbox', { name: /^新しい課の名称/ }).fill('市民協働経済課');
    await expect(card.getByLabel('実施日').inputValue()).resolves.toBe(nextApril);
    await card.getByRole('textbox', { name: /^理由/ }).fill('機構改革（組織規則の一部改正）');
    await card.getByRole('button', { name: '統合', exact: true }).click();
    // the 課長 would outlive their sections: refused, saying how, with everything typed still there
    await card.getByText(/経済課長.*「職を前日で終了する」を選ぶと/).waitFor();
    await expect(card.getByRole('textbox', { name: /^新しい課の名称/ }).inputValue()).resolves.toBe('市民協働経済課');
    await expect(card.getByRole('checkbox', { name: '協働コミュニティ課' }).isChecked()).resolves.toBe(true);
    await accessible('管理者: 課の統合（職が残る）');
    await screenshot('admin-merge-1280');
    await card.getByRole('checkbox', { name: /職を前日で終了する/ }).check();
    await card.getByRole('button', { name: '統合', exact: true }).click();
    await card
      .getByText(
        /経済課と協働コミュニティ課を市民協働経済課に統合しました（令和\d+年4月1日から）。終了した職：経済課長（経済課長、令和\d+年3月31日まで）/,
      )
      .waitFor();

    // this year keeps both; from next April only the merged one
    // (the listing is fetched again after the success message shows: wait for it)
    for (const merged of ['経済課', '協働コミュニティ課']) {
      const row = card.getByRole('rowheader', { name: new RegExp(`^${merged}`) });
      await row.filter({ hasText: nextYearLabel }).waitFor();
      await expect(row.textContent()).resolves.toBe(`${merged}${nextYearLabel}はなし（統合・分割・廃止）`);
    }
    await page.getByLabel('年度').selectOption(String(fiscalYear + 1));
    await card.getByRole('rowheader', { name: '市民協働経済課' }).waitFor();
    const nextYear = await card.getByRole('rowheader').allTextContents();
    expect(nextYear).not.toContain('経済課');
    expect(nextYear).not.toContain('協働コミュニティ課');

    // the lineage of last year's 経済課: its work goes to 市民協働経済課 next year
    await page.getByLabel('年度').selectOption(String(fiscalYear));
    await card.getByRole('button', { name: '経済課の系譜' }).click();
    await card.getByText(`${nextYearLabel}にこの課の仕事を担う課：`).waitFor();
    await expect(card.getByRole('status').filter({ hasText: 'この課の仕事を担う課' }).textContent()).resolves.toContain(
      '市民協働経済課',
    );
    await expect(card.locator('.lineage-facts').textContent()).resolves.toMatch(
      /後継市民生活部 市民協働経済課（令和\d+年4月1日 統合/,
    );
    await accessible('管理者: 課の系譜');
    await screenshot('admin-lineage-1280');
    await card.getByRole('button', { name: '閉じる' }).click();
  });

  it('registers a person, keeps what was typed when refused, and appoints them 課長 of a section', async () => {
    await open('職員と職');
    await page.getByLabel('氏名').fill('山田花子');
    await page.getByLabel('ログインID').fill('kacho-bunka'); // taken
    await page.getByLabel('メール').fill('yamada-h@example.lg.jp');
    await page.getByLabel('職員番号').fill('90001');
    await page.getByRole('button', { name: '登録', exact: true }).click();
    await page.getByText('入力内容を確認してください。').waitFor();
    const loginId = page.getByLabel('ログインID');
    await expect(loginId.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByText('このログインIDはすでに使われています').waitFor();
    await expect(page.getByLabel('氏名').inputValue()).resolves.toBe('山田花子');
    await expect(page.getByLabel('メール').inputValue()).resolves.toBe('yamada-h@example.lg.jp');
    await accessible('管理者: 職員の登録（入力エラー）');
    await loginId.fill('yamada-h');
    await page.getByRole('button', { name: '登録', exact: true }).click();
    await page.getByText('山田花子さん（ログインID yamada-h）を登録しました。続けて職を発令してください。').waitFor();

    // the new person's panel opens: 課長 of 企画課 from next April
    const panel = page.getByRole('region', { name: /山田花子/ });
    await panel.getByText('職はまだありません。').waitFor();
    await panel.getByRole('combobox', { name: /^職/ }).selectOption({ label: '課長' });
    await expect(panel.getByLabel('開始日').inputValue()).resolves.toBe(nextApril);
    await panel.getByRole('combobox', { name: /^部/ }).selectOption({ label: '総合政策部' });
    await panel.getByRole('checkbox', { name: '企画課' }).check();
    await accessible('管理者: 職の発令');
    await panel.getByRole('button', { name: '発令' }).click();
    await panel.getByText(/山田花子さんを企画課長に令和\d+年4月1日から発令しました。/).waitFor();
    await panel.getByRole('rowheader', { name: '企画課長' }).waitFor();

    // ending it: the default (this year's 3月31日) is before it begins — refused next to the field, in Japanese
    await panel.getByRole('button', { name: '企画課長を終了' }).click();
    await panel.getByRole('button', { name: '終了する' }).click();
    await panel.getByText(/^就任日（令和\d+年4月1日）より前にはできません$/).waitFor();
    await expect(panel.getByLabel('最終日').getAttribute('aria-invalid')).resolves.toBe('true');
    await panel.getByLabel('最終日').fill(`${fiscalYear + 2}-03-31`);
    await panel.getByRole('button', { name: '終了する' }).click();
    await panel.getByText(/企画課長を令和\d+年3月31日までとしました。/).waitFor();
    // the table is read again: the post now has its last day
    await panel
      .getByRole('row', {
        name: new RegExp(`企画課長.*令和${fiscalYear + 1 - 2018}年4月1日.*令和${fiscalYear + 2 - 2018}年3月31日`),
      })
      .waitFor();

    // on next April 1st, 企画課長 is 山田花子; 財政課 has nobody yet
    await page.getByLabel('基準日').fill(nextApril);
    await page.getByRole('button', { name: '職ごとの在職者' }).click();
    const holders = page.getByRole('table', { name: /の職（/ });
    await expect(holders.getByRole('row', { name: /企画課長/ }).textContent()).resolves.toContain('山田花子');
    await expect(holders.getByRole('row', { name: /財政課長/ }).textContent()).resolves.toContain('（不在）');
    await expect(holders.getByRole('row', { name: /人権推進課長/ }).textContent()).resolves.toContain('人権平和課長');
    await accessible('管理者: 職ごとの在職者');
    await screenshot('admin-posts-1280');
    await page.getByRole('button', { name: '職員一覧' }).click();
    await page.getByLabel('検索').fill('山田');
    await expect(
      page
        .getByRole('table', { name: /職員一覧/ })
        .getByRole('rowheader')
        .allTextContents(),
    ).resolves.toEqual(['山田花子']);
    await page.getByRole('button', { name: '山田花子さんの職' }).click();
    await screenshot('admin-people-1280');
  });

  it('refuses a Shift_JIS roster line by line, writing nothing, then imports the corrected one', async () => {
    await open('名簿の取込み');
    const heading = '職員番号,氏名,メール,所属部,所属課,職,発令日';
    const roster = (rows: string[]) => iconv.encode([heading, ...rows].join('\r\n') + '\r\n', 'cp932');
    const before = await app.eventCount();
    await page.getByLabel('名簿のCSVファイル').setInputFiles({
      name: '名簿（誤りあり）.csv',
      mimeType: 'text/csv',
      buffer: roster([
        `20001,髙橋一郎,takahashi@example.lg.jp,総合政策部,財政課,課長,${nextApril}`,
        `20002,渡邉二郎,,総合政策部,存在しない課,庶務担当,${nextApril}`,
        '20003,斎藤三郎,,,,監査,2027年2月30日',
      ]),
    });
    await page.getByRole('table', { name: /名簿（誤りあり）\.csv（Shift_JIS、3行）/ }).waitFor();
    await page.getByRole('button', { name: '取り込む' }).click();
    await page.getByText('名簿に2件の誤りがあります。何も登録していません。').waitFor();
    const problems = page.getByRole('table', { name: '誤りの一覧' });
    await expect(problems.locator('tbody tr').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^3行目\s+所属課\s+所属課「存在しない課」は総合政策部に/),
      expect.stringMatching(/^4行目\s+発令日\s+発令日「2027年2月30日」は日付/),
    ]);
    // the file's own lines 3 and 4 are marked beside the errors
    await expect(page.locator('.roster-preview tr.row-error th').allTextContents()).resolves.toEqual([
      '3（誤りあり）',
      '4（誤りあり）',
    ]);
    await expect(page.locator('.roster-preview td.cell-error').allTextContents()).resolves.toEqual([
      '存在しない課',
      '2027年2月30日',
    ]);
    expect(await app.eventCount()).toBe(before);
    await accessible('管理者: 名簿の取込み（誤り）');
    await screenshot('admin-roster-errors-1280');

    await page.getByLabel('名簿のCSVファイル').setInputFiles({
      name: '名簿.csv',
      mimeType: 'text/csv',
      buffer: roster([
        `20001,髙橋一郎,takahashi@example.lg.jp,総合政策部,財政課,課長,${nextApril}`,
        `20002,渡邉二郎,,総合政策部,企画課,庶務担当,${nextApril}`,
      ]),
    });
    await page.getByRole('button', { name: '取り込む' }).click();
    await page.getByText('2件の発令を登録しました（うち新しく登録した職員 2人）。').waitFor();
    const registered = page.getByRole('table', { name: '登録した発令' });
    await expect(registered.getByRole('row', { name: /髙橋一郎/ }).innerText()).resolves.toMatch(
      /髙橋一郎\s+20001\s+20001\s+財政課長\s+令和\d+年4月1日\s+新規登録/,
    );
    await accessible('管理者: 名簿の取込み（登録）');
    await screenshot('admin-roster-1280');

    // the export is a plain link: the browser saves the roster of the chosen day, in Shift_JIS for Excel
    await page.getByLabel('基準日').fill(nextApril);
    const [saved] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '名簿をダウンロード（Excel用 Shift_JIS）' }).click(),
    ]);
    expect(saved.suggestedFilename()).toBe(`roster-${nextApril}.csv`);
    const text = iconv.decode(readFileSync(await saved.path()), 'cp932');
    expect(text).toContain(`20001,髙橋一郎,takahashi@example.lg.jp,総合政策部,財政課,課長,${nextApril}`);
  });

  it('enters a 代決 of some decisions for the head, and ends it', async () => {
    await open('代決');
    await page.getByText('実施中・予定の代決はありません。').waitFor();
    const from = tokyoDay(1);
    const until = tokyoDay(7);
    await page.getByLabel('開始日').fill(from);
    await page.getByLabel('終了日').fill(until);
    await page.getByRole('combobox', { name: /^部/ }).selectOption({ label: '市民生活部（沢柳和彦）' });
    await page.getByLabel('代決者').selectOption({ label: '経済課長' });
    await page.getByRole('checkbox', { name: '差戻し' }).uncheck();
    await page.getByLabel('理由').fill('部長の出張');
    await accessible('管理者: 代決の登録');
    await page.getByRole('button', { name: '代決を登録' }).click();
    await page.getByText(/市民生活部の代決を経済課長さんに登録しました（.*承認・実績確認）。/).waitFor();
    const row = page.getByRole('row', { name: /市民生活部/ });
    await expect(row.innerText()).resolves.toMatch(
      /市民生活部\s+沢柳和彦\s+経済課長\s+令和.*承認・実績確認\s+部長の出張\s+予定/,
    );
    // the head sees it as theirs: the service recorded it for them
    expect((await app.call('bucho', 'GET', '/delegations')).body.items).toEqual([
      expect.objectContaining({ delegatedBy: 'bucho', delegate: 'kacho-keizai', from, until }),
    ]);
    await screenshot('admin-delegations-1280');

    // overlapping days are refused (409) and the form keeps what was typed
    await page.getByLabel('代決者').selectOption({ label: '人権平和課長' });
    await page.getByRole('button', { name: '代決を登録' }).click();
    await page.getByText(/この期間には市民生活部の別の代決があります。入力した内容は残っています。/).waitFor();
    await expect(page.getByLabel('開始日').inputValue()).resolves.toBe(from);
    await expect(page.getByLabel('代決者').inputValue()).resolves.toBe('kacho-jinken');
    await accessible('管理者: 代決（重複）');

    await page.getByRole('button', { name: '経済課長さんへの代決を取消し' }).click();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('取り消す');
    await page.keyboard.press('Enter');
    await page.getByText('市民生活部の経済課長さんへの代決を取り消しました。').waitFor();
    await page.getByText('実施中・予定の代決はありません。').waitFor();
    expect((await app.call('bucho', 'GET', '/delegations')).body.items).toEqual([]);
  });

  it('shows failed reminders, and issues a set-password link that works', async () => {
    await open('送信できなかった通知');
    await page.getByText('送信できなかった通知はありません。').waitFor();
    await accessible('管理者: 送信できなかった通知');
    await open('職員と職');
    await page.getByRole('button', { name: '文化振興課長さんの職' }).click();
    await page.getByRole('button', { name: 'パスワード設定リンクを発行' }).click();
    const issued = page.getByRole('status').filter({ has: page.getByRole('link') });
    await expect(issued.textContent()).resolves.toMatch(/（kacho-bunka）に次のリンクを.*有効期限令和\d+年/);
    const url = new URL((await issued.getByRole('link').getAttribute('href'))!);
    const colleague = await (await browser.anonymous()).newPage();
    await colleague.goto(url.pathname + url.search);
    await colleague.getByLabel('新しいパスワード').fill('a passphrase of my own');
    await colleague.getByRole('button', { name: 'パスワードを設定' }).click();
    await colleague.getByRole('heading', { name: 'パスワードを設定しました' }).waitFor();
    await colleague.goto('/');
    await signIn(colleague, 'kacho-bunka', 'a passphrase of my own');
    await colleague.getByRole('heading', { name: '文化振興課 の目標' }).waitFor();
  });

  it('keeps what was typed when the network fails, and sends it once it is back', async () => {
    await page.goto('/admin/people');
    await page.getByRole('heading', { level: 2, name: '職員と職' }).waitFor();
    await page.route('**/api/v1/admin/people', (route) =>
      route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback(),
    );
    await page.getByRole('textbox', { name: /^氏名/ }).fill('佐々木三郎');
    await page.getByRole('textbox', { name: /^ログインID/ }).fill('sasaki-s');
    await page.getByRole('button', { name: '登録', exact: true }).click();
    await page.getByText('通信できませんでした。入力した内容は残っています。').waitFor();
    await expect(page.getByRole('textbox', { name: /^氏名/ }).inputValue()).resolves.toBe('佐々木三郎');
    await expect(page.getByRole('textbox', { name: /^ログインID/ }).inputValue()).resolves.toBe('sasaki-s');
    await page.unroute('**/api/v1/admin/people');
    await page.getByRole('button', { name: '登録', exact: true }).click();
    await page.getByText('佐々木三郎さん（ログインID sasaki-s）を登録しました。続けて職を発令してください。').waitFor();
  });

  it('works at tablet width with the keyboard: the menu, a form, and the focus ring', async () => {
    const tablet = await (await browser.as('admin', TABLET)).newPage();
    await tablet.goto('/admin');
    await tablet.getByRole('heading', { level: 2, name: '組織' }).waitFor();
    await tablet.getByRole('navigation', { name: '管理メニュー' }).getByRole('link', { name: '職員と職' }).focus();
    await tablet.keyboard.press('Enter');
    await tablet.getByRole('heading', { level: 2, name: '職員と職' }).waitFor();
    await tablet.getByRole('button', { name: '山田花子さんの職' }).focus();
    const outline = await tablet.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    expect(outline).toBe('solid');
    await tablet.keyboard.press('Enter');
    await expect(tablet.evaluate(() => document.activeElement?.id)).resolves.toBe('person-heading');
    // nothing wider than the screen but the tables that scroll inside their own box
    const overflow = await tablet.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(TABLET.width);
    await screenshot('admin-people-768', tablet);
    for (const [screen, name] of [
      ['組織', 'admin-organisation-768'],
      ['名簿の取込み', 'admin-roster-768'],
      ['代決', 'admin-delegations-768'],
    ]) {
      await tablet.getByRole('navigation', { name: '管理メニュー' }).getByRole('link', { name: screen }).click();
      await tablet.getByRole('heading', { level: 2, name: screen }).waitFor();
      await tablet.waitForLoadState('networkidle');
      expect(await tablet.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(TABLET.width);
      await screenshot(name, tablet);
    }
    expect(nextYearLabel).toMatch(/^令和\d+年度$/);
  });
});
