/**
 * Bringing in old sheets over HTTP, on the embedded default: a department the seed directory does
 * not know (令和3年度 総務部, a sheet written for this test) imported by an administrator, then
 * exported back cell for cell as TSV, CSV and XLSX; the same sheet as Shift_JIS text, as the CSV and
 * the workbook the service exported, and as a plain workbook, each into a fresh data folder.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { ParsedSheet, readSheetFile, sheetRows } from '@goals/sheet-file';
import { AppHarness, eventually, startApp } from '../support/app-harness';

const text = readFileSync(join(__dirname, '../fixtures/r3-general-affairs-dept-sheet.txt'), 'utf8');
const TSV = 'text/tab-separated-values';
const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The cells of the sheet: header block values and every goal row, without the page layout. */
const cellsOf = (s: ParsedSheet) => ({
  header: [s.fiscalYear, s.createdOn, s.headTitle, s.headName],
  goalRows: sheetRows(s).filter((r) => /^\d+$/.test(r[0])),
});

/** A fresh environment per app (an ESDB test server each, for that store), released after the suite. */
export type StoreEnv = () => Promise<Record<string, string>>;

export function sheetImportEndToEnd(storeName: string, storeEnv: StoreEnv = async () => ({})) {
  describe(`bringing in old sheets (${storeName})`, () => {
    let api: AppHarness;
    let expected: ReturnType<typeof cellsOf>;
    const exported: Partial<Record<'tsv' | 'csv' | 'xlsx', Buffer>> = {};

    beforeAll(async () => {
      api = await startApp(await storeEnv());
      expected = cellsOf((await readSheetFile(Buffer.from(text, 'utf8'), TSV)).sheet);
    });
    afterAll(async () => api?.close());

    const importAs = (h: AppHarness, user: string, body: string | Uint8Array, contentType: string, query = '') =>
      h.call(user, 'POST', `/sheets/import${query}`, { rawBody: body, contentType });

    async function download(h: AppHarness, sheetId: string, format: 'tsv' | 'csv' | 'xlsx'): Promise<Buffer> {
      const response = await fetch(`${h.baseUrl}/api/v1/sheets/${sheetId}/export?format=${format}`, {
        headers: { authorization: `Bearer ${await h.token('kansa')}` },
      });
      expect(response.status).toBe(200);
      return Buffer.from(await response.arrayBuffer());
    }

    /** Exports the imported sheet in every format and reads each back: the same cells each time. */
    async function expectExportedCellForCell(h: AppHarness, sheetId: string) {
      await eventually(
        () => h.call('kansa', 'GET', `/sheets/${sheetId}`),
        (r) => r.body?.rows?.length === 7,
      );
      for (const format of ['tsv', 'csv', 'xlsx'] as const) {
        const bytes = await download(h, sheetId, format);
        const back = await readSheetFile(bytes, format === 'xlsx' ? XLSX : format === 'csv' ? CSV : TSV);
        expect({ format, ...cellsOf(back.sheet) }).toEqual({ format, ...expected });
        exported[format] ??= bytes;
      }
    }

    it('refuses the sheet of another department to a department head, naming the 職名 line, and writes nothing', async () => {
      const before = await api.eventCount();
      const response = await importAs(api, 'bucho', text, TSV);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        {
          field: '8行目',
          reason:
            '職名「総務部長」は市民生活部の部長の職名（市民生活部長）と違います。他の部の整理表ではないか確かめてください',
        },
      ]);
      expect((await importAs(api, 'bucho', text, TSV, '?department=総務部')).status).toBe(403);
      expect((await importAs(api, 'kacho-shimin', text, TSV)).status).toBe(403);
      expect((await importAs(api, 'kansa', text, TSV)).status).toBe(403);
      expect(await api.eventCount()).toBe(before);
    });

    it('lets an administrator import a department the directory does not know, registering it from the sheet', async () => {
      const response = await importAs(api, 'admin', text, `${TSV}; charset=utf-8`);
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        format: 'tsv',
        encoding: 'utf-8',
        registered: {
          department: '総務部',
          sections: ['総務課', '人事課', '財産管理課', '危機管理課'],
          head: { title: '総務部長', name: '髙橋一郎' },
          effectiveFrom: '2021-04-01',
        },
      });
      expect(response.body.goalIds).toHaveLength(7);
      const sheet = await eventually(
        () => api.call('kansa', 'GET', `/sheets/${response.body.sheetId}`),
        (r) => r.body?.rows?.length === 7,
      );
      expect(sheet.body).toMatchObject({
        department: '総務部',
        fiscalYear: 2021,
        fiscalYearLabel: '令和3年度',
        headName: '髙橋一郎',
      });
      expect(sheet.body.rows.map((r: { status: string }) => r.status)).toEqual([
        'confirmed',
        'confirmed',
        'confirmed',
        'approved',
        'confirmed',
        'confirmed',
        'approved',
      ]);

      await expectExportedCellForCell(api, response.body.sheetId);

      // Once registered, the department's next year comes in without registering anything again.
      const next = await importAs(
        api,
        'admin',
        text.replace('令和3年度', '令和4年度').replace('令和3年4月1日', '令和4年4月1日'),
        TSV,
      );
      expect(next.status).toBe(201);
      expect(next.body.registered).toBeUndefined();
      expect((await importAs(api, 'admin', text, TSV)).status).toBe(409);
    });

    it('shows every imported step as 取込み: the file by name and SHA-256, its line, who imported it and when', async () => {
      const r5 = text.replace('令和3年度', '令和5年度').replace('令和3年4月1日', '令和5年4月1日');
      const sha256 = createHash('sha256').update(Buffer.from(r5, 'utf8')).digest('hex');
      const fileName = '総務部_令和5年度.txt';
      const imported = await importAs(api, 'admin', r5, TSV, `?fileName=${encodeURIComponent(fileName)}`);
      expect(imported.status).toBe(201);
      const goalId = imported.body.goalIds[0];
      const expected = {
        fileName,
        sha256,
        line: expect.any(Number),
        importedBy: expect.objectContaining({ userId: 'admin', role: 'admin' }),
        importedAt: expect.any(String),
      };

      // The goal's history: drafted, submitted, approved (and rated) — each from the file, none by the importer's hand.
      const history = await api.call('kansa', 'GET', `/goals/${goalId}/history`);
      expect(history.status).toBe(200);
      expect(history.body.events.length).toBeGreaterThanOrEqual(3);
      for (const event of history.body.events)
        expect({ type: event.type, imported: event.imported }).toEqual({ type: event.type, imported: expected });
      const lines = new Set(history.body.events.map((e: { imported: { line: number } }) => e.imported.line));
      expect(lines.size).toBe(1);

      // The auditor's trail says the same.
      const trail = await eventually(
        () => api.call('kansa', 'GET', `/audit/trail?goalId=${goalId}`),
        (r) =>
          r.body?.items?.filter((i: { streamId: string }) => i.streamId === `goal-${goalId}`).length ===
          history.body.events.length,
      );
      // The sheet's registration of the goal comes from the file too (the file, not a line of it).
      for (const item of trail.body.items)
        expect(item.imported).toEqual(item.streamId === `goal-${goalId}` ? expected : { ...expected, line: undefined });

      // And the event-log export, line by line.
      const log = await fetch(`${api.baseUrl}/api/v1/audit/events`, {
        headers: { authorization: `Bearer ${await api.token('kansa')}` },
      });
      const ofGoal = (await log.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .filter((e) => e.streamId === `goal-${goalId}`);
      expect(ofGoal.length).toBe(history.body.events.length);
      for (const e of ofGoal) expect(e.imported).toEqual({ by: '取込み', ...expected });
    });

    it('refuses every bad row of the file at once, naming its line in Japanese, and registers nothing', async () => {
      const broken = text
        .replace('\t3月\t総務課\t高度に達成した', '\t13月\t総務課\t高度に達成した')
        .replace('\t個別計画\t公共施設', '\t長期計画\t公共施設')
        .replace('\t一部達成した', '\tおおむね達成した');
      const before = await api.eventCount();
      const response = await importAs(api, 'admin', iconv.encode(broken.replace(/総務部/g, '企画部'), 'cp932'), TSV);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { field: '12行目', reason: 'いつまで「13月」は1〜12月で指定してください' },
        {
          field: '14行目',
          reason: expect.stringContaining(
            '達成状況「おおむね達成した」は 高度に達成した、ほぼ達成した、一部達成した、達成できなかった のどれかにしてください',
          ),
        },
        {
          field: '15行目',
          reason:
            '計画・方針等の分類「長期計画」は 行政改革、施政方針、ビジョン、個別計画、その他 のどれかにしてください',
        },
      ]);
      expect(await api.eventCount()).toBe(before);
      // 企画部 was not registered: a corrected file is still a new department.
      const fixed = await importAs(api, 'admin', iconv.encode(text.replace(/総務部/g, '企画部'), 'cp932'), TSV);
      expect(fixed.status).toBe(201);
      expect(fixed.body).toMatchObject({ encoding: 'cp932', registered: { department: '企画部' } });
    });

    describe('the same sheet, each into a fresh data folder', () => {
      let fresh: AppHarness | undefined;
      afterEach(async () => {
        await fresh?.close();
        fresh = undefined;
      });

      it.each([
        ['Shift_JIS (CP932) text', () => iconv.encode(text, 'cp932'), TSV, 'tsv', 'cp932'],
        ['the CSV the service exported', () => exported.csv!, CSV, 'csv', 'utf-8'],
        [
          'the CSV re-saved by Excel in Shift_JIS',
          () => iconv.encode(exported.csv!.toString('utf8').replace(/^\uFEFF/, ''), 'cp932'),
          CSV,
          'csv',
          'cp932',
        ],
        ['the workbook the service exported', () => exported.xlsx!, XLSX, 'xlsx', undefined],
        ['the workbook, labelled as octet-stream', () => exported.xlsx!, 'application/octet-stream', 'xlsx', undefined],
      ])('imports %s and exports the same cells', async (_what, bytes, contentType, format, encoding) => {
        fresh = await startApp(await storeEnv());
        const response = await importAs(fresh, 'admin', bytes(), contentType);
        expect(response.status).toBe(201);
        expect(response.body.format).toBe(format);
        expect(response.body.encoding).toBe(encoding);
        expect(response.body.registered.department).toBe('総務部');
        await expectExportedCellForCell(fresh, response.body.sheetId);
      });

      it('answers a retry with the same Idempotency-Key as the first import, writing nothing; another file under it 422', async () => {
        fresh = await startApp(await storeEnv());
        const key = { headers: { 'idempotency-key': 'import-r3-somu' } };
        const first = await fresh.call('admin', 'POST', '/sheets/import', { rawBody: text, contentType: TSV, ...key });
        expect(first.status).toBe(201);
        expect(first.body.registered.department).toBe('総務部');
        const written = await fresh.eventCount();

        const retry = await fresh.call('admin', 'POST', '/sheets/import', { rawBody: text, contentType: TSV, ...key });
        expect(retry.status).toBe(201);
        expect(retry.body).toEqual(first.body);
        const nextYear = text.replace('令和3年度', '令和4年度').replace('令和3年4月1日', '令和4年4月1日');
        const other = await fresh.call('admin', 'POST', '/sheets/import', {
          rawBody: nextYear,
          contentType: TSV,
          ...key,
        });
        expect(other.status).toBe(422);
        expect(other.headers.get('content-type')).toContain('application/problem+json');
        // Without the key (or with another) the same file is a second import of an existing sheet.
        expect((await importAs(fresh, 'admin', text, TSV)).status).toBe(409);
        expect(await fresh.eventCount()).toBe(written);
      });

      it('imports a plain one-sheet workbook with the same columns, and names the worksheet row of a mistake', async () => {
        const workbook = new ExcelJS.Workbook();
        const ws = workbook.addWorksheet('Sheet1');
        const goals = (await readSheetFile(Buffer.from(text, 'utf8'), TSV)).sheet.goals;
        ws.addRow(['令和3年度 組織目標展開整理表（部の組織目標）']);
        ws.addRow(['作成日', new Date(Date.UTC(2021, 3, 1))]);
        ws.addRow(['職名', '総務部長', '氏名', '髙橋一郎']);
        ws.addRow([]);
        ws.addRow(
          sheetRows({
            ...goals[0],
            fiscalYear: 2021,
            createdOn: '2021-04-01',
            headTitle: '',
            headName: '',
            goals: [],
          })[10],
        );
        for (const g of goals)
          ws.addRow([
            g.number,
            g.title,
            g.category,
            g.targetLevel,
            g.method,
            `${g.deadlineMonth}月`,
            g.sections.join('、'),
            g.achievement ?? null,
          ]);
        const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

        fresh = await startApp(await storeEnv());
        ws.getRow(9).getCell(6).value = '来年3月';
        const refused = await importAs(fresh, 'admin', Buffer.from(await workbook.xlsx.writeBuffer()), XLSX);
        expect(refused.status).toBe(400);
        expect(refused.body.errors).toEqual([
          { field: '9行目', reason: 'いつまで「来年3月」は「2月」のように1〜12の月で書いてください' },
        ]);

        const response = await importAs(fresh, 'admin', bytes, XLSX);
        expect(response.status).toBe(201);
        await expectExportedCellForCell(fresh, response.body.sheetId);
      });
    });

    it('refuses what is not a sheet file with what to do next', async () => {
      const xls = await importAs(
        api,
        'admin',
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
        'application/vnd.ms-excel',
      );
      expect(xls.status).toBe(400);
      expect(xls.body.errors[0].reason).toContain('.xlsx');
      const json = await api.call('admin', 'POST', '/sheets/import', { body: { sheet: text } });
      expect(json.status).toBe(400);
      expect(json.body.errors[0]).toMatchObject({
        field: '(body)',
        reason: expect.stringContaining('そのまま送ってください'),
      });
      const unnamed = await importAs(api, 'admin', text.replace('総務部長', '会計管理者'), TSV);
      expect(unnamed.body.errors).toEqual([{ field: '8行目', reason: expect.stringContaining('?department=') }]);
    });
  });
}
