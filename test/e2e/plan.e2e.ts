/**
 * 総合計画 end to end: an administrator loads the city's 施策 as dated versions (JSON, and a Shift_JIS
 * CSV as Excel saves it), a 課長 names a 施策 of the goal's year on a draft (and is refused one the plan
 * lacks, in Japanese, naming the field), the goal and the sheet's files show it, and the 企画担当 reads
 * 全庁の状況 施策別 — over the API, its links, and both files.
 */
import ExcelJS from 'exceljs';
import { decodeOfficeText, encodeOfficeText, parseCsv } from '@goals/sheet-file';
import { ManualClock } from '@goals/platform';
import { AppHarness, eventually, startApp } from '../support/app-harness';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../support/sample-goal';

const SIXTH = [
  { id: '1', name: '安全・安心に暮らせるまち' },
  { id: '1-1', name: '市民サービスの向上', parentId: '1' },
  { id: '1-1-1', name: '窓口サービスの充実', parentId: '1-1' },
  { id: '1-1-2', name: '行政のデジタル化', parentId: '1-1' },
  { id: '2', name: '活力あるまち' },
  { id: '2-1', name: '地域経済の振興', parentId: '2' },
];
/** The 後期基本計画 from 令和5年度, as the planning office keeps it in Excel and saves it as CSV (Shift_JIS). */
const LATER_CSV = [
  'ID,名称,親ID',
  'A,誰もが活躍できるまち,',
  'A-1,デジタル市役所の実現,A',
  'A-2,協働のまちづくり,A',
  '',
].join('\r\n');

export function planEndToEnd(storeName: string, env: () => Record<string, string> = () => ({})) {
  describe(`総合計画 施策 and 施策別 (${storeName})`, () => {
    let api: AppHarness;
    const clock = new ManualClock('2022-05-10T10:00:00+09:00');
    const ja = { headers: { 'accept-language': 'ja' } };

    beforeAll(async () => {
      api = await startApp({ ...env(), OVERVIEW_RECORD_READS: 'true' }, clock);
      const person = await api.call('admin', 'POST', '/admin/people', {
        body: { name: '企画担当', loginId: 'kikaku' },
      });
      expect(
        (
          await api.call('admin', 'POST', '/admin/posts', {
            body: { personId: person.body.id, kind: 'planning', from: '2022-04-01' },
          })
        ).status,
      ).toBe(201);
    });
    afterAll(async () => {
      await api?.close();
    });

    const load = (who: string, body: object) =>
      api.call(who, 'POST', '/admin/plan', {
        body: { validFrom: '2021-04-01', title: '第6次総合計画', ...body },
        ...ja,
      });
    const upload = (bytes: Uint8Array, query: string) =>
      api.call('admin', 'POST', `/admin/plan/file?${query}`, { rawBody: bytes, contentType: 'text/csv', ...ja });
    async function download(who: string, path: string) {
      const response = await fetch(`${api.baseUrl}/api/v1${path}`, {
        headers: { authorization: `Bearer ${await api.token(who)}` },
      });
      return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
    }

    it('loads versions by JSON and by a Shift_JIS CSV; refuses others and bad lists, in Japanese, writing nothing', async () => {
      const first = await load('admin', { entries: SIXTH });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ loaded: true, entries: 6 });
      const events = await api.eventCount();
      expect((await load('admin', { entries: SIXTH })).body.loaded).toBe(false);
      expect(await api.eventCount()).toBe(events);

      const refused = await load('kacho-shimin', { entries: SIXTH });
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toBe('総合計画を読み込めるのは管理者だけです');
      const bad = await load('admin', { entries: [SIXTH[0], { id: '1-1', name: '市民サービス', parentId: '9' }] });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([
        expect.objectContaining({ field: 'entries[1].parentId', reason: 'ID「1-1」の親ID「9」が一覧にありません' }),
      ]);
      expect(await api.eventCount()).toBe(events);

      // The file names the line and column to correct; then the corrected file loads.
      const broken = await upload(
        encodeOfficeText(LATER_CSV.replace('A-2,協働のまちづくり,A', 'A-2,協働のまちづくり,Z'), 'cp932'),
        'validFrom=2023-04-01&title=' + encodeURIComponent('第6次総合計画 後期'),
      );
      expect(broken.status).toBe(400);
      expect(broken.body.errors).toEqual([
        expect.objectContaining({ field: '4行目 親ID', reason: 'ID「A-2」の親ID「Z」が一覧にありません' }),
      ]);
      const noDate = await upload(encodeOfficeText(LATER_CSV, 'cp932'), 'validFrom=2023-4');
      expect(noDate.body.errors).toEqual([expect.objectContaining({ field: 'validFrom' })]);
      expect(await api.eventCount()).toBe(events);
      const later = await upload(
        encodeOfficeText(LATER_CSV, 'cp932'),
        'validFrom=2023-04-01&title=' + encodeURIComponent('第6次総合計画 後期'),
      );
      expect(later.status).toBe(201);
      expect(later.body).toMatchObject({ loaded: true, entries: 3 });

      // Each year reads its own version; the older one stays for the years before.
      const year = async (fy: number) => (await api.call('kacho-shimin', 'GET', `/plan?fiscalYear=${fy}`)).body;
      expect((await year(2020)).plan).toBeNull();
      const r4 = await year(2022);
      expect(r4.plan.title).toBe('第6次総合計画');
      expect(
        r4.plan.nodes.filter((n: { selectable: boolean }) => n.selectable).map((n: { id: string }) => n.id),
      ).toEqual(['1-1-1', '1-1-2', '2-1']);
      expect(r4.plan.nodes.find((n: { id: string }) => n.id === '1-1-2').path).toEqual([
        '安全・安心に暮らせるまち',
        '市民サービスの向上',
      ]);
      expect((await year(2023)).plan.nodes.map((n: { name: string }) => n.name)).toEqual([
        '誰もが活躍できるまち',
        'デジタル市役所の実現',
        '協働のまちづくり',
      ]);
      expect((await year(2023)).versions.map((v: { validFrom: string }) => v.validFrom)).toEqual([
        '2021-04-01',
        '2023-04-01',
      ]);
    });

    it('lets a goal name a 施策 of its year, shows it, and groups 全庁の状況 by it', async () => {
      const sheet = await api.call('bucho', 'POST', '/sheets', { body: SAMPLE_SHEET });
      expect(sheet.status).toBe(201);
      const sheetId = sheet.body.sheetId as string;
      const draft = (body: object) =>
        api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, { body: { ...SAMPLE_GOAL, ...body }, ...ja });

      const events = await api.eventCount();
      const notInPlan = await draft({ measureId: 'A-1' });
      expect(notInPlan.status).toBe(400);
      expect(notInPlan.body.errors).toEqual([
        expect.objectContaining({
          field: 'measureId',
          reason: '施策「A-1」は令和4年度の総合計画（第6次総合計画）にありません。一覧から選んでください',
        }),
      ]);
      const policy = await draft({ measureId: '1-1' });
      expect(policy.body.errors[0].reason).toBe('「1-1 市民サービスの向上」は政策です。その下の施策から選んでください');
      expect(await api.eventCount()).toBe(events);

      const digital = await draft({ title: 'オンライン申請の拡大', measureId: '1-1-2' });
      expect(digital.status).toBe(201);
      const windows = await draft({ title: '窓口の待ち時間短縮', measureId: '1-1-1' });
      const none = await draft({ title: '施策なしの目標' });
      const goal = (await api.call('kacho-shimin', 'GET', `/goals/${digital.body.goalId}`)).body;
      expect(goal.measureId).toBe('1-1-2');
      expect(goal.measure).toEqual({
        id: '1-1-2',
        name: '行政のデジタル化',
        path: ['安全・安心に暮らせるまち', '市民サービスの向上'],
      });

      // One goal rated at the top level, one taken off its 施策 again.
      for (const id of [digital.body.goalId]) {
        expect((await api.call('kacho-shimin', 'POST', `/goals/${id}/submit`, { body: {} })).status).toBe(200);
        expect((await api.call('bucho', 'POST', `/goals/${id}/approve`, { body: {} })).status).toBe(200);
        expect(
          (await api.call('kacho-shimin', 'POST', `/goals/${id}/achievement`, { body: { level: '高度に達成した' } }))
            .status,
        ).toBe(200);
      }
      const cleared = await api.call('kacho-shimin', 'PATCH', `/goals/${windows.body.goalId}`, {
        body: { measureId: '', expectedRevision: windows.body.revision },
      });
      expect([cleared.status, cleared.body.errors]).toEqual([200, undefined]);
      expect((await api.call('kacho-shimin', 'GET', `/goals/${windows.body.goalId}`)).body.measure).toBeNull();

      const measures = await eventually(
        () => api.call('kikaku', 'GET', '/overview/measures?fiscalYear=2022'),
        (r) => r.body.total?.goals.count === 3 && r.body.total.rated.count === 1 && r.body.unlinked.goals.count === 2,
      );
      expect(measures.status).toBe(200);
      const row = (id: string) => measures.body.rows.find((r: { measureId: string }) => r.measureId === id);
      expect(measures.body.plan).toMatchObject({ validFrom: '2021-04-01', title: '第6次総合計画' });
      expect(
        measures.body.rows.map((r: { level: string; name: string; figures: { goals: { count: number } } }) => [
          r.level,
          r.name,
          r.figures.goals.count,
        ]),
      ).toEqual([
        ['基本目標', '安全・安心に暮らせるまち', 1],
        ['政策', '市民サービスの向上', 1],
        ['施策', '窓口サービスの充実', 0],
        ['施策', '行政のデジタル化', 1],
        ['基本目標', '活力あるまち', 0],
        ['政策', '地域経済の振興', 0],
      ]);
      expect(row('1').figures.achievementRate).toBe(1);
      expect(row('1-1').figures.byStatus.achievementRecorded.count).toBe(1);
      const behind = await api.call('kikaku', 'GET', row('1').figures.achieved.goals.replace('/api/v1', ''));
      expect(behind.body.goals.map((g: { goalId: string; measure: string }) => [g.goalId, g.measure])).toEqual([
        [digital.body.goalId, '1-1-2 行政のデジタル化'],
      ]);
      const unlinked = await api.call('kikaku', 'GET', measures.body.unlinked.goals.goals.replace('/api/v1', ''));
      expect(unlinked.body.goals.map((g: { goalId: string }) => g.goalId).sort()).toEqual(
        [windows.body.goalId, none.body.goalId].sort(),
      );
      // The city asks for the 企画担当's reads on record (OVERVIEW_RECORD_READS): 施策別 is one of them.
      const reads = await eventually(
        async () => (await api.store.readStream('planning-reads-kikaku')).events,
        (events) => events.some((e) => (e.data as { opened?: string }).opened === '全庁の状況（施策別）'),
      );
      expect(reads.map((e) => (e.data as { opened?: string }).opened)).toContain('全庁の状況（施策別）');
      for (const who of ['kacho-shimin', 'bucho'])
        expect((await api.call(who, 'GET', '/overview/measures?fiscalYear=2022')).status).toBe(403);

      // The files: the workbook's 施策別 worksheet with numbers as numbers, the CSV with a BOM, the sheet's 施策 column.
      const xlsx = await download('kikaku', '/overview/export?fiscalYear=2022&format=xlsx');
      expect(xlsx.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const ws = book.getWorksheet('施策別')!;
      expect(ws).toBeDefined();
      expect(ws.getRow(2).values).toEqual(expect.arrayContaining(['階層', 'ID', '施策', '目標数', '達成率']));
      const digitalRow = ws.getRows(3, 8)!.find((r) => r.getCell(2).value === '1-1-2')!;
      expect(digitalRow.getCell(4).value).toBe(1);
      expect(digitalRow.getCell(3).value).toBe('　　行政のデジタル化');
      const list = book.getWorksheet('目標一覧')!;
      expect(list.getRow(1 + 1).values).toContain('施策（総合計画）');
      const csv = await download('kikaku', '/overview/export?fiscalYear=2022&format=csv&view=measures');
      expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const lines = parseCsv(decodeOfficeText(csv.bytes).text).map((r) => r.cells);
      expect(lines[0].slice(0, 4)).toEqual(['階層', 'ID', '施策', '目標数']);
      expect(lines.find((l) => l[1] === '1-1')?.[3]).toBe('1');
      expect(lines.at(-1)?.slice(2, 4)).toEqual(['全庁', '3']);

      const sheetCsv = await download('bucho', `/sheets/${sheetId}/export?format=csv`);
      const cells = parseCsv(decodeOfficeText(sheetCsv.bytes).text).map((r) => r.cells);
      const header = cells.find((c) => c[0] === '番号')!;
      const at = header.indexOf('施策（総合計画）');
      expect(at).toBeGreaterThan(0);
      expect(cells.find((c) => c[1] === 'オンライン申請の拡大')?.[at]).toBe('1-1-2 行政のデジタル化');
      expect(cells.find((c) => c[1] === '施策なしの目標')?.[at]).toBe('');
    });
  });
}
