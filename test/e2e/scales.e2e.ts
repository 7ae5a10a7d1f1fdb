/**
 * 達成度の区分 per fiscal year over real HTTP, on either store: an administrator sets 令和4年度 to the
 * 計画以上 / 計画通り / 計画未満 / 評価不能 scale; 実績登録 takes only its levels; once a goal is rated
 * the scale is locked (the refusal names how many); the sheet, its XLSX and 全庁の状況 show the year's
 * levels, and 令和5年度 on the seed's scale reads beside it.
 */
import ExcelJS from 'exceljs';
import { ManualClock } from '@goals/platform';
import { AppHarness, eventually, startApp } from '../support/app-harness';
import { SAMPLE_GOAL } from '../support/sample-goal';

/** The harness asks in English by default; a person reads Japanese. */
const JA = { 'accept-language': 'ja' };
const PLAN = { levels: ['計画以上', '計画通り', '計画未満'], achievedLevels: 2, notAssessable: '評価不能' };
const sheetOf = (fiscalYear: number) => ({
  department: '市民生活部',
  fiscalYear,
  createdOn: `${fiscalYear}-04-01`,
  headTitle: '市民生活部長',
  headName: '沢柳和彦',
});

export function scalesEndToEnd(storeName: string, env: () => Record<string, string> = () => ({})) {
  describe(`達成度の区分 per fiscal year over HTTP (${storeName})`, () => {
    let api: AppHarness;
    let sheet2022: string;
    const goals: string[] = [];

    beforeAll(async () => {
      api = await startApp(env(), new ManualClock('2022-04-01T09:00:00+09:00', true));
    });
    afterAll(async () => {
      await api?.close();
    });

    /** A goal of the year's sheet, approved: ready for 実績登録. */
    const approvedGoal = async (sheetId: string, title: string) => {
      const { goalId } = (
        await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, { body: { ...SAMPLE_GOAL, title } })
      ).body;
      expect((await api.call('kacho-shimin', 'POST', `/goals/${goalId}/submit`, {})).status).toBe(200);
      expect((await api.call('bucho', 'POST', `/goals/${goalId}/approve`, {})).status).toBe(200);
      return goalId as string;
    };

    it("a year reads the seed's scale until an administrator sets its own, with the reason", async () => {
      const before = await api.call('kacho-shimin', 'GET', '/achievement-scales/2022');
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({
        fiscalYearLabel: '令和4年度',
        levels: ['高度に達成した', 'ほぼ達成した', '一部達成した', '達成できなかった'],
        achieved: ['高度に達成した', 'ほぼ達成した'],
        unachieved: ['一部達成した', '達成できなかった'],
        notAssessable: null,
        preset: 'default',
        set: false,
        locked: false,
        revision: null,
      });

      const refused = await api.call('bucho', 'PUT', '/achievement-scales/2022', {
        body: { ...PLAN, reason: '独断' },
        headers: JA,
      });
      expect([refused.status, refused.body.detail]).toEqual([403, '達成度の区分を決められるのは管理者だけです']);

      const request = {
        body: { ...PLAN, reason: '市の評価要綱に合わせる' },
        headers: { 'idempotency-key': 'scale-r4' },
      };
      const set = await api.call('admin', 'PUT', '/achievement-scales/2022', request);
      expect(set.status).toBe(200);
      expect(set.headers.get('etag')).toBe('"0"');
      expect(set.body).toMatchObject({
        ...PLAN,
        selectable: ['計画以上', '計画通り', '計画未満', '評価不能'],
        unachieved: ['計画未満'],
        preset: 'plan',
        set: true,
        revision: 0,
      });
      // A retry answers the same and writes once.
      const again = await api.call('admin', 'PUT', '/achievement-scales/2022', request);
      expect([again.status, again.body.revision]).toEqual([200, 0]);
      const { events } = await api.store.readStream('achievement-scale-2022');
      expect(events.map((e) => [e.type, e.metadata.reason, (e.metadata.actor as { userId: string }).userId])).toEqual([
        ['AchievementScaleSet', '市の評価要綱に合わせる', 'admin'],
      ]);
      // Another year keeps the seed's scale.
      expect((await api.call('admin', 'GET', '/achievement-scales/2023')).body.set).toBe(false);
    });

    it("実績登録 takes the year's levels only, 評価不能 among them", async () => {
      sheet2022 = (await api.call('bucho', 'POST', '/sheets', { body: sheetOf(2022) })).body.sheetId;
      goals.push(
        await approvedGoal(sheet2022, '窓口の待ち時間短縮'),
        await approvedGoal(sheet2022, '証明書のコンビニ交付'),
      );
      const seedLevel = await api.call('kacho-shimin', 'POST', `/goals/${goals[0]}/achievement`, {
        body: { level: 'ほぼ達成した' },
        headers: JA,
      });
      expect(seedLevel.status).toBe(400);
      expect(seedLevel.body.errors).toEqual([
        expect.objectContaining({
          field: 'level',
          reason: '達成度を選んでください（計画以上、計画通り、計画未満、評価不能）',
        }),
      ]);
      for (const [goalId, level] of [
        [goals[0], '計画通り'],
        [goals[1], '評価不能'],
      ])
        expect(
          (await api.call('kacho-shimin', 'POST', `/goals/${goalId}/achievement`, { body: { level } })).status,
        ).toBe(200);
      expect(
        (await api.call('bucho', 'POST', `/goals/${goals[0]}/achievement/confirm`, { body: { level: '計画以上' } }))
          .status,
      ).toBe(200);
    });

    it('locks the scale once goals are rated, naming how many; the ratings keep their labels', async () => {
      const locked = await eventually(
        () => api.call('admin', 'GET', '/achievement-scales/2022'),
        (r) => r.body.ratedGoals === 2,
      );
      expect(locked.body).toMatchObject({ locked: true, ratedGoals: 2, revision: 0 });
      const before = await api.eventCount();
      const refused = await api.call('admin', 'PUT', '/achievement-scales/2022', {
        body: { levels: ['A 達成', 'B 一部達成', 'C 未達成'], achievedLevels: 1, reason: '変更したい' },
        headers: JA,
      });
      expect([refused.status, refused.body.detail]).toEqual([
        409,
        '令和4年度は2件の目標に達成度が付けられているため、達成度の区分は変えられません（付けられた達成度はそのまま残ります）',
      ]);
      expect(await api.eventCount()).toBe(before);
      // Setting what is in force is no change, and is not refused.
      const same = await api.call('admin', 'PUT', '/achievement-scales/2022', { body: { ...PLAN, reason: '確認' } });
      expect([same.status, same.body.revision]).toEqual([200, 0]);
    });

    it("the sheet and its workbook name the year's levels", async () => {
      const sheet = await eventually(
        () => api.call('kansa', 'GET', `/sheets/${sheet2022}`),
        (r) => r.body.rows?.some((row: { achievement: string | null }) => row.achievement === '評価不能'),
      );
      expect(sheet.body.achievementScale).toMatchObject({ ...PLAN, achieved: ['計画以上', '計画通り'] });
      expect(sheet.body.rows.map((r: { achievement: string | null }) => r.achievement)).toEqual([
        '計画以上',
        '評価不能',
      ]);
      const file = await fetch(`${api.baseUrl}/api/v1/sheets/${sheet2022}/export?format=xlsx`, {
        headers: { authorization: `Bearer ${await api.token('kansa')}` },
      });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer);
      const scale = workbook.getWorksheet('達成度の区分')!;
      const cells = (row: number) => (scale.getRow(row).values as unknown[]).slice(1);
      expect([2, 3, 4, 5].map(cells)).toEqual([
        [1, '計画以上', '達成'],
        [2, '計画通り', '達成'],
        [3, '計画未満', '未達成'],
        [undefined, '評価不能', '数えない（評価不能）'],
      ]);
    });

    it('全庁の状況 counts each year by its own scale; 評価不能 is in no rate; years side by side say what counted', async () => {
      const sheet2023 = (await api.call('bucho', 'POST', '/sheets', { body: sheetOf(2023) })).body.sheetId;
      const goal2023 = await approvedGoal(sheet2023, '窓口のオンライン化');
      expect(
        (await api.call('kacho-shimin', 'POST', `/goals/${goal2023}/achievement`, { body: { level: '一部達成した' } }))
          .status,
      ).toBe(200);
      const r4 = await eventually(
        () => api.call('kansa', 'GET', '/overview?fiscalYear=2022'),
        (r) => r.body.total?.achievement?.find((a: { level: string }) => a.level === '評価不能')?.figure.count === 1,
      );
      expect(r4.body.achievementScale).toEqual(PLAN.levels);
      expect(r4.body.notCounted).toEqual(['評価不能']);
      expect(
        r4.body.total.achievement.map((a: { level: string; figure: { count: number } }) => [a.level, a.figure.count]),
      ).toEqual([
        ['計画以上', 1],
        ['計画通り', 0],
        ['計画未満', 0],
        ['評価不能', 1],
      ]);
      expect([r4.body.total.rated.count, r4.body.total.achieved.count, r4.body.total.achievementRate]).toEqual([
        1, 1, 1,
      ]);
      const years = await eventually(
        () => api.call('kansa', 'GET', '/overview/years?from=2022&to=2023'),
        (r) => r.body.city?.[1]?.rated === 1,
      );
      expect(years.body.fiscalYearLabels).toEqual(['令和4年度', '令和5年度']);
      expect(years.body.scales.map((s: { achieved: string[] }) => s.achieved)).toEqual([
        ['計画以上', '計画通り'],
        ['高度に達成した', 'ほぼ達成した'],
      ]);
      expect(years.body.city.map((c: { achievementRate: number }) => c.achievementRate)).toEqual([1, 0]);
    });
  });
}
