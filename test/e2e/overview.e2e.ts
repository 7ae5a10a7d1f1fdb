/**
 * 全庁の状況 end to end: three departments through 令和4年度, a 機構改革 on 令和5年4月1日 (経済部 abolished,
 * its 課 moved into 市民生活部, which is renamed 市民経済部), and the planning office (企画担当) reading
 * the whole city — figures, filters, years side by side, files — while writing nothing, and its reads
 * on record when the city asks for it.
 */
import ExcelJS from 'exceljs';
import { ManualClock } from '@goals/platform';
import { AppHarness, eventually, startApp } from '../support/app-harness';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../support/sample-goal';

export function overviewEndToEnd(storeName: string, env: () => Record<string, string> = () => ({})) {
  describe(`全庁の状況 for the planning office (${storeName})`, () => {
    let api: AppHarness;
    const clock = new ManualClock('2022-05-10T10:00:00+09:00');

    beforeAll(async () => {
      api = await startApp({ ...env(), OVERVIEW_RECORD_READS: 'true' }, clock);
    });
    afterAll(async () => {
      await api?.close();
    });

    async function person(loginId: string, name: string): Promise<string> {
      const registered = await api.call('admin', 'POST', '/admin/people', { body: { name, loginId } });
      expect(registered.status).toBe(201);
      return registered.body.id as string;
    }
    async function post(body: Record<string, unknown>) {
      const assigned = await api.call('admin', 'POST', '/admin/posts', { body: { from: '2022-04-01', ...body } });
      expect(assigned.status).toBe(201);
    }
    async function department(name: string, section: string, head: string, kacho: string) {
      const created = await api.call('admin', 'POST', '/admin/departments', {
        body: { name, effectiveFrom: '2022-04-01', sections: [section] },
      });
      expect(created.status).toBe(201);
      const { departments } = (await api.call('admin', 'GET', '/departments?fiscalYear=2022')).body;
      const d = departments.find((x: { name: string }) => x.name === name);
      await post({ personId: await person(head, `${name}長`), kind: 'departmentHead', departmentId: d.departmentId });
      await post({
        personId: await person(kacho, `${section}長`),
        kind: 'sectionHead',
        departmentId: d.departmentId,
        sectionIds: [d.sections[0].sectionId],
      });
      return d.departmentId as string;
    }
    const sheets = new Map<string, string>();
    async function goal(head: string, author: string, department: string, fiscalYear: number, content: object) {
      let sheetId = sheets.get(`${head} ${fiscalYear}`);
      if (!sheetId) {
        const opened = await api.call(head, 'POST', '/sheets', {
          body: {
            ...SAMPLE_SHEET,
            department,
            fiscalYear,
            createdOn: `${fiscalYear}-04-01`,
            headTitle: `${department}長`,
          },
        });
        expect(opened.status).toBe(201);
        sheetId = opened.body.sheetId as string;
        sheets.set(`${head} ${fiscalYear}`, sheetId);
      }
      const drafted = await api.call(author, 'POST', `/sheets/${sheetId}/goals`, {
        body: { ...SAMPLE_GOAL, ...content },
      });
      expect(drafted.status).toBe(201);
      return { sheetId, goalId: drafted.body.goalId as string };
    }
    /** Files as bytes: the harness's call reads bodies as text. */
    async function download(who: string, path: string) {
      const response = await fetch(`${api.baseUrl}/api/v1${path}`, {
        headers: { authorization: `Bearer ${await api.token(who)}` },
      });
      return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
    }
    /** The goals a figure links to (its `goals` link keeps the filters the figure was computed with). */
    const behind = async (figure: { goals: string }) =>
      (await api.call('kikaku', 'GET', figure.goals.replace('/api/v1', ''))).body.goals.map(
        (g: { goalId: string }) => g.goalId,
      );
    const step = async (who: string, path: string, body: object = {}) =>
      expect((await api.call(who, 'POST', path, { body })).status).toBe(200);

    it('counts every department of the year, filters and sorts them, and follows a department through a 機構改革', async () => {
      const fukushi = await department('福祉部', '福祉課', 'fukushi-bucho', 'fukushi-kacho');
      const keizai = await department('経済部', '商工課', 'keizai-bucho', 'shoko-kacho');
      await post({ personId: await person('kikaku', '企画政策課 企画担当'), kind: 'planning' });

      // 市民生活部: one goal 確定 at the top level, one submitted (waiting since 5月10日), one 共通 draft.
      const done = await goal('bucho', 'kacho-shimin', '市民生活部', 2022, { title: '確定した目標' });
      await step('kacho-shimin', `/goals/${done.goalId}/submit`);
      await step('bucho', `/goals/${done.goalId}/approve`);
      await step('kacho-shimin', `/goals/${done.goalId}/achievement`, { level: '高度に達成した' });
      await step('bucho', `/goals/${done.goalId}/achievement/confirm`);
      const waiting = await goal('bucho', 'kacho-keizai', '市民生活部', 2022, {
        title: '提出中の目標',
        category: '施政方針',
        sections: ['経済課'],
      });
      await step('kacho-keizai', `/goals/${waiting.goalId}/submit`);
      await goal('bucho', 'bucho', '市民生活部', 2022, { title: '共通の下書き', sections: ['共通'] });
      // 福祉部: one draft, returned once. 経済部: one rated 一部達成した, waiting for the head's confirmation.
      const returned = await goal('fukushi-bucho', 'fukushi-kacho', '福祉部', 2022, { sections: ['福祉課'] });
      await step('fukushi-kacho', `/goals/${returned.goalId}/submit`);
      await step('fukushi-bucho', `/goals/${returned.goalId}/return`, { reason: '数値目標を入れてください' });
      const rated = await goal('keizai-bucho', 'shoko-kacho', '経済部', 2022, { sections: ['商工課'] });
      await step('shoko-kacho', `/goals/${rated.goalId}/submit`);
      await step('keizai-bucho', `/goals/${rated.goalId}/approve`);
      await step('shoko-kacho', `/goals/${rated.goalId}/achievement`, { level: '一部達成した' });

      clock.set('2022-05-20T10:00:00+09:00');
      const read = (query = '') => api.call('kikaku', 'GET', `/overview?fiscalYear=2022${query}`);
      const overview = (
        await eventually(
          () => read(),
          (r) => r.body.total?.goals.count === 5 && r.body.total.waitingDecision.count === 2,
        )
      ).body;
      expect(overview.fiscalYearLabel).toBe('令和4年度');
      const figures = (r: Record<string, any>) => [
        r.department,
        r.goals.count,
        ...overview.statuses.map((s: { status: string }) => r.byStatus[s.status].count),
        r.rated.count,
        r.achievementRate,
        r.oldestPending?.days ?? null,
      ];
      // 部, 目標数, 下書き 提出中 差戻し 承認済 実績登録済 確定, 評価済, 達成率, 最も古い決裁待ち（日）
      expect(overview.rows.map(figures)).toEqual([
        ['市民生活部', 3, 1, 1, 0, 0, 0, 1, 1, 1, 10],
        ['福祉部', 1, 0, 0, 1, 0, 0, 0, 0, null, null],
        ['経済部', 1, 0, 0, 0, 0, 1, 0, 1, 0, 10],
      ]);
      expect(figures(overview.total)).toEqual(['全庁', 5, 1, 1, 1, 0, 1, 1, 2, 0.5, 10]);
      // Each figure opens the goals behind it.
      expect(await behind(overview.rows[0].byStatus.confirmed)).toEqual([done.goalId]);
      const submitted = await api.call(
        'kikaku',
        'GET',
        overview.rows[0].byStatus.submitted.goals.replace('/api/v1', ''),
      );
      expect(submitted.body).toMatchObject({ department: '市民生活部', figure: 'byStatus.submitted', count: 1 });
      expect(submitted.body.goals).toEqual([
        expect.objectContaining({
          goalId: waiting.goalId,
          title: '提出中の目標',
          sections: ['経済課'],
          status: 'submitted',
        }),
      ]);
      expect(await behind(overview.total.achieved)).toEqual([done.goalId]);
      const unknownFigure = await api.call('kikaku', 'GET', '/overview/goals?fiscalYear=2022&figure=byStatus.lost');
      expect([unknownFigure.status, unknownFigure.body.errors?.[0]?.field]).toEqual([400, 'figure']);

      // Filters and sorting.
      expect((await read('&department=福祉部')).body.rows.map((r: { department: string }) => r.department)).toEqual([
        '福祉部',
      ]);
      expect(await behind((await read('&category=施政方針')).body.total.goals)).toEqual([waiting.goalId]);
      expect((await read('&section=共通')).body.total.goals.count).toBe(1);
      expect(await behind((await read('&section=商工課')).body.total.goals)).toEqual([rated.goalId]);
      expect(
        (await read('&sort=achievementRate&order=desc')).body.rows.map((r: { department: string }) => r.department),
      ).toEqual(['市民生活部', '経済部', '福祉部']);
      for (const [query, field] of [
        ['&department=総務部', 'department'],
        ['&category=予算', 'category'],
        ['&section=存在しない課', 'section'],
        ['&sort=name', 'sort'],
        ['&order=up', 'order'],
      ]) {
        const bad = await read(query);
        expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, field]);
        expect(bad.body.errors[0].reason).toMatch(/[ぁ-んァ-ン一-龥]/);
      }
      expect((await api.call('kikaku', 'GET', '/overview?fiscalYear=R4')).status).toBe(400);

      // Only the planning office and the auditor see the city.
      expect((await api.call('kansa', 'GET', '/overview?fiscalYear=2022')).status).toBe(200);
      for (const who of ['bucho', 'kacho-shimin', 'admin']) {
        const refused = await api.call(who, 'GET', '/overview?fiscalYear=2022');
        expect([who, refused.status]).toEqual([who, 403]);
        expect((await api.call(who, 'GET', '/overview/export?fiscalYear=2022')).status).toBe(403);
        expect((await api.call(who, 'GET', '/overview/years')).status).toBe(403);
      }

      // The 企画担当 reads every department's sheet, and writes nothing on any of them.
      expect((await api.call('kikaku', 'GET', `/sheets/${returned.sheetId}`)).status).toBe(200);
      expect((await api.call('kikaku', 'GET', `/goals/${rated.goalId}`)).status).toBe(200);
      const before = await api.eventCount();
      for (const [method, path, body] of [
        ['POST', `/sheets/${returned.sheetId}/goals`, { ...SAMPLE_GOAL, sections: ['福祉課'] }],
        ['POST', `/goals/${waiting.goalId}/approve`, {}],
        ['POST', `/goals/${rated.goalId}/achievement/confirm`, {}],
        ['POST', '/sheets', { ...SAMPLE_SHEET, fiscalYear: 2023, createdOn: '2023-04-01' }],
        ['POST', '/admin/people', { name: '企画', loginId: 'kikaku2' }],
      ] as const) {
        const refused = await api.call('kikaku', method, path, { body });
        expect([path, refused.status]).toEqual([path, 403]);
        expect(refused.body.detail).toMatch(/企画担当/);
      }
      // Its reads are on record (OVERVIEW_RECORD_READS=true): in the sheet's own trail, naming who and when.
      const trail = await eventually(
        async () => (await api.call('kansa', 'GET', `/audit/trail?sheetId=${returned.sheetId}&limit=200`)).body.items,
        (items: Array<{ type: string }>) => items.some((i) => i.type === 'PlanningOfficeRead'),
      );
      expect(trail.filter((i: { type: string }) => i.type === 'PlanningOfficeRead')).toEqual([
        expect.objectContaining({
          actor: { userId: 'kikaku', role: 'planning' },
          occurredAt: '2022-05-20T01:00:00.000Z',
        }),
      ]);
      // Nothing but those records was written by its refused writes.
      expect(await api.eventCount()).toBeLessThanOrEqual(before + 2);

      // CSV: UTF-8 with a BOM, the main table with the city's row last.
      const csv = await download('kikaku', '/overview/export?fiscalYear=2022&format=csv');
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = csv.bytes.toString('utf8').slice(1).trim().split('\r\n');
      expect(lines[0]).toMatch(/^部,目標数,下書き,提出中,差戻し,承認済,実績登録済,確定,/);
      expect(lines.at(-1)).toMatch(/^全庁,5,1,1,1,0,1,1,/);
      expect(lines.at(-1)).toMatch(/,50\.0$/);

      // 令和5年4月1日: 経済部 is abolished, its 商工課 moved into 市民生活部, renamed 市民経済部.
      const reason = '令和5年度機構改革';
      const abolished = await api.call('admin', 'POST', `/admin/departments/${keizai}/abolish`, {
        body: { effectiveFrom: '2023-04-01', reason, sectionsMoveTo: overview.rows[0].departmentId, endPosts: true },
      });
      expect([abolished.status, abolished.body.errors]).toEqual([200, undefined]);
      expect(
        (
          await api.call('admin', 'POST', `/admin/departments/${overview.rows[0].departmentId}/rename`, {
            body: { name: '市民経済部', headTitle: '市民経済部長', effectiveFrom: '2023-04-01', reason },
          })
        ).status,
      ).toBe(200);
      clock.set('2023-05-10T10:00:00+09:00');
      const next = await goal('bucho', 'bucho', '市民経済部', 2023, {
        title: '令和5年度の共通目標',
        sections: ['共通'],
      });
      await step('bucho', `/goals/${next.goalId}/submit`);
      await step('bucho', `/goals/${next.goalId}/approve`);
      await step('bucho', `/goals/${next.goalId}/achievement`, { level: 'ほぼ達成した' });
      await step('bucho', `/goals/${next.goalId}/achievement/confirm`);
      await goal('fukushi-bucho', 'fukushi-kacho', '福祉部', 2023, { sections: ['福祉課'] });

      const this2023 = await eventually(
        () => api.call('kikaku', 'GET', '/overview?fiscalYear=2023'),
        (r) => r.body.total?.goals.count === 2 && r.body.total.rated.count === 1,
      );
      expect(this2023.body.rows.map((r: { department: string }) => r.department)).toEqual(['市民経済部', '福祉部']);
      // 令和4年度 keeps its own names.
      expect((await read()).body.rows.map((r: { department: string }) => r.department)).toEqual([
        '市民生活部',
        '福祉部',
        '経済部',
      ]);
      const years = (await api.call('kikaku', 'GET', '/overview/years?from=2022&to=2023')).body;
      expect(years.fiscalYearLabels).toEqual(['令和4年度', '令和5年度']);
      expect(
        years.lines.map((l: any) => [
          l.name,
          l.years.map((y: any) => [
            y.fiscalYear,
            y.departments.map((d: { name: string }) => d.name).join('・'),
            y.goals,
            y.achievementRate,
          ]),
        ]),
      ).toEqual([
        [
          '市民経済部',
          [
            [2022, '市民生活部・経済部', 4, 0.5],
            [2023, '市民経済部', 1, 1],
          ],
        ],
        [
          '福祉部',
          [
            [2022, '福祉部', 1, null],
            [2023, '福祉部', 1, null],
          ],
        ],
      ]);
      expect(years.city.map((c: any) => [c.fiscalYear, c.achievementRate])).toEqual([
        [2022, 0.5],
        [2023, 1],
      ]);
      expect(years.lines[1].lineId).toBe(fukushi);

      // XLSX: one worksheet per view, numbers as numbers.
      const xlsx = await download('kikaku', '/overview/export?fiscalYear=2022&format=xlsx');
      expect(xlsx.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((w) => w.name)).toEqual(['部別の状況', '年度比較', '目標一覧']);
      const main = workbook.getWorksheet('部別の状況')!;
      expect(main.getRow(2).getCell(1).value).toBe('部');
      expect(main.getRow(3).values).toEqual([
        undefined,
        '市民生活部',
        3,
        1,
        1,
        0,
        0,
        0,
        1,
        1,
        1,
        // a year on, the submission still waits: 365 days
        365,
        1,
        0,
        0,
        0,
        1,
        1,
        1,
      ]);
      expect(main.getRow(6).getCell(main.getRow(6).cellCount).value).toBe(0.5);
      expect(main.getRow(6).getCell(main.getRow(6).cellCount).numFmt).toBe('0.0%');
      const compared = workbook.getWorksheet('年度比較')!;
      // Up to the year exported, named as that year names them.
      expect(compared.getRow(3).values).toEqual([undefined, '市民生活部', 4, 0.5]);
      expect(workbook.getWorksheet('目標一覧')!.rowCount).toBe(2 + 5);
    });
  });
}
