/**
 * 次年度への引継ぎ in a real browser (Debian's Chromium through playwright-core) against the real service:
 * 令和4年度 closed with goals rated low, 人権平和課 split on 4月1日; the 部長 presses 「次年度へ引き継ぐ」
 * in the 受信箱, which opens 令和5年度's sheet; ticks two goals, is asked where the split section's goal
 * goes, chooses, carries; the new goals show 「前年度から引継ぎ（R4-No.n）」. The 市民課長 sees only
 * their section's candidates. axe-core checks every screen.
 */
import { ManualClock } from '@goals/platform';
import { AppHarness, eventually, startApp } from '../support/app-harness';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../support/sample-goal';
import { accessible, Browser, launchBrowser, screenshot, setPasswords } from './browser';

jest.setTimeout(180_000);

const GOALS: [string, string, string, string][] = [
  ['住民票のコンビニ交付の拡大', '市民課', 'kacho-shimin', '達成できなかった'],
  ['窓口の待ち時間の短縮', '市民課', 'kacho-shimin', 'ほぼ達成した'],
  ['人権啓発講座の開催', '人権平和課', 'kacho-jinken', '一部達成した'],
];

describe('carrying a closed year into the next in the browser', () => {
  let app: AppHarness;
  let clock: ManualClock;
  let browser: Browser;
  let r4: string;

  beforeAll(async () => {
    clock = new ManualClock('2022-04-01T09:00:00+09:00', true);
    app = await startApp({}, clock);
    await setPasswords(app, ['kacho-shimin', 'bucho']);
    browser = await launchBrowser(app);
    r4 = (await app.call('bucho', 'POST', '/sheets', { body: SAMPLE_SHEET })).body.sheetId;
    const ids: string[] = [];
    for (const [title, section, author] of GOALS) {
      const { goalId } = (
        await app.call(author, 'POST', `/sheets/${r4}/goals`, { body: { ...SAMPLE_GOAL, title, sections: [section] } })
      ).body;
      ids.push(goalId);
      await app.call(author, 'POST', `/goals/${goalId}/submit`, {});
      await app.call('bucho', 'POST', `/goals/${goalId}/approve`, {});
    }
    clock.set('2023-03-20T10:00:00+09:00');
    for (const [i, [, , author, level]] of GOALS.entries()) {
      await app.call(author, 'POST', `/goals/${ids[i]}/achievement`, { body: { level } });
      await app.call('bucho', 'POST', `/goals/${ids[i]}/achievement/confirm`, {});
    }
    expect((await app.call('bucho', 'POST', `/sheets/${r4}/close`, {})).status).toBe(200);
    const { departments } = (await app.call('admin', 'GET', '/departments?fiscalYear=2022')).body;
    const jinken = departments[0].sections.find((s: { name: string }) => s.name === '人権平和課').sectionId;
    const split = await app.call('admin', 'POST', `/admin/sections/${jinken}/split`, {
      body: {
        into: [{ name: '人権推進課' }, { name: '平和推進課' }],
        effectiveFrom: '2023-04-01',
        reason: '令和5年度機構改革',
        endPosts: true,
      },
    });
    expect(split.status).toBe(201);
    clock.set('2023-04-03T09:00:00+09:00');
    await eventually(
      () => app.call('bucho', 'GET', `/sheets/${r4}/year`),
      (r) => r.body.closed === true,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('opens next year’s sheet from the 受信箱, asks where the split section goes, and carries two goals', async () => {
    const bucho = await (await browser.as('bucho')).newPage();
    await bucho.goto('/inbox');
    await bucho.getByRole('heading', { name: '次年度への引継ぎ' }).waitFor();
    await bucho.getByRole('button', { name: '次年度へ引き継ぐ' }).click();
    await bucho.getByRole('heading', { name: '次年度への引継ぎ（令和4年度 → 令和5年度）' }).waitFor();
    await bucho.getByText('人権平和課 →').waitFor();
    await accessible(bucho, '次年度への引継ぎ');

    await bucho.getByLabel('R4-No.1「住民票のコンビニ交付の拡大」を引き継ぐ').check();
    await bucho.getByLabel('R4-No.3「人権啓発講座の開催」を引き継ぐ').check();
    await bucho.getByRole('button', { name: '選んだ目標を引き継ぐ（2件）' }).click();
    // Not guessed: the split section's goal asks which section takes it.
    await bucho.getByText(/人権平和課は令和5年4月1日に分割されました/).waitFor();
    await accessible(bucho, '次年度への引継ぎ（課を選ぶ）');
    await bucho.getByLabel('R4-No.3の引継ぎ先の課（人権平和課は分割）').selectOption({ label: '平和推進課' });
    await screenshot(bucho, 'year-carry-over');
    await bucho.getByRole('button', { name: '選んだ目標を引き継ぐ（2件）' }).click();
    await bucho.getByText('2件を令和5年度の下書きとして引き継ぎました（番号1、番号2）。').waitFor();
    await bucho.getByRole('link', { name: 'R5-No.2（下書き）' }).click();
    await bucho.getByRole('link', { name: '前年度から引継ぎ（R4-No.3）' }).waitFor();
    await bucho.getByText('平和推進課').first().waitFor();
    await accessible(bucho, '目標（前年度から引継ぎ）');

    // The origin says where it went, in its history too.
    await bucho.getByRole('link', { name: '前年度から引継ぎ（R4-No.3）' }).click();
    await bucho.getByRole('link', { name: '次年度へ引継ぎ（R5-No.2）' }).waitFor();
    await bucho.getByText('次年度へ引継ぎ：').waitFor();

    // The 市民課長 sees their section's candidates only, with the one already carried.
    const kacho = await (await browser.as('kacho-shimin')).newPage();
    await kacho.goto('/goals');
    await kacho.getByRole('link', { name: '令和4年度の目標を令和5年度へ引き継ぐ' }).click();
    await kacho.getByRole('link', { name: 'R5-No.1（下書き）' }).waitFor();
    expect(await kacho.getByText('人権啓発講座の開催').count()).toBe(0);
    await kacho.getByRole('button', { name: '継続に指定：R4-No.2' }).click();
    await kacho.getByLabel('R4-No.2「窓口の待ち時間の短縮」を引き継ぐ').waitFor();
    await accessible(kacho, '次年度への引継ぎ（課長）');
  });
});
