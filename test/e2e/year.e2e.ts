/**
 * The year of a sheet over real HTTP, on either store: the 部長 opens a 中間報告 window, the 市民課長
 * reports やや遅れ with a comment, the 部長 returns it, it is resubmitted and confirmed; the sheet shows
 * the progress beside 達成状況, as of any moment too; the year is closed, refuses a change, and is
 * reopened with a reason — each step in the audit trail with who and why.
 */
import ExcelJS from 'exceljs';
import { ManualClock } from '@goals/platform';
import { AppHarness, eventually, startApp } from '../support/app-harness';
import { fixtureRows } from '../support/fixture-sheet';

const SHEET = {
  department: '市民生活部',
  fiscalYear: 2022,
  createdOn: '2022-04-01',
  headTitle: '市民生活部長',
  headName: '沢柳和彦',
};
const AUTHOR: Record<number, string> = { 1: 'kacho-shimin', 2: 'kacho-shimin', 12: 'kacho-jinken' };

export function yearEndToEnd(storeName: string, env: () => Record<string, string> = () => ({})) {
  describe(`the year of a sheet over HTTP (${storeName})`, () => {
    let api: AppHarness;
    let clock: ManualClock;
    let sheetId: string;
    let shimin: string;
    const goalIds = new Map<number, string>();
    const rows = fixtureRows();

    beforeAll(async () => {
      clock = new ManualClock('2022-04-01T09:00:00+09:00', true);
      api = await startApp(env(), clock);
      sheetId = (await api.call('bucho', 'POST', '/sheets', { body: SHEET })).body.sheetId;
      for (const number of [1, 2, 12]) {
        const { title, category, targetLevel, method, deadlineMonth, sections } = rows.get(number)!;
        const author = AUTHOR[number];
        const drafted = await api.call(author, 'POST', `/sheets/${sheetId}/goals`, {
          body: { title, category, targetLevel, method, deadlineMonth, sections },
        });
        goalIds.set(number, drafted.body.goalId);
        expect((await api.call(author, 'POST', `/goals/${drafted.body.goalId}/submit`, {})).status).toBe(200);
        expect((await api.call('bucho', 'POST', `/goals/${drafted.body.goalId}/approve`, {})).status).toBe(200);
      }
      shimin = (await api.call('kacho-shimin', 'GET', `/goals/${goalIds.get(1)}`)).body.sectionIds[0];
    });
    afterAll(async () => {
      await api?.close();
    });

    const report = (suffix = '') => `/sheets/${sheetId}/mid-year-windows/1/reports/${shimin}${suffix}`;
    const year = (until: (body: any) => boolean) =>
      eventually(
        () => api.call('bucho', 'GET', `/sheets/${sheetId}/year`),
        (r) => r.status === 200 && until(r.body),
      );
    const entries = () => [
      { goalId: goalIds.get(1), progress: '順調', comment: '9月に改修仕様を確定' },
      { goalId: goalIds.get(2), progress: 'やや遅れ', comment: '事業者の選定が遅れた。11月契約の見込み' },
    ];

    it('reports progress within a numbered window: draft, submit, return with a reason, resubmit, confirm', async () => {
      clock.set('2022-08-25T09:00:00+09:00');
      expect(
        (
          await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/mid-year-windows`, {
            body: { opensOn: '2022-09-01', closesOn: '2022-10-14' },
          })
        ).status,
      ).toBe(403);
      const opened = await api.call('bucho', 'POST', `/sheets/${sheetId}/mid-year-windows`, {
        headers: { 'idempotency-key': 'window-1' },
        body: { opensOn: '2022-09-01', closesOn: '2022-10-14', label: '上期' },
      });
      expect(opened.status).toBe(201);
      expect(opened.body).toMatchObject({ sheetId, number: 1, revision: 0 });
      expect(opened.headers.get('etag')).toBe('"0"');
      const again = await api.call('bucho', 'POST', `/sheets/${sheetId}/mid-year-windows`, {
        headers: { 'idempotency-key': 'window-1' },
        body: { opensOn: '2022-09-01', closesOn: '2022-10-14', label: '上期' },
      });
      expect(again.body.revision).toBe(0);
      const overlapping = await api.call('bucho', 'POST', `/sheets/${sheetId}/mid-year-windows`, {
        body: { opensOn: '2022-10-01', closesOn: '2022-10-31' },
      });
      expect(overlapping.status).toBe(409);
      expect(overlapping.body.detail).toContain('令和4年10月14日');

      const early = await api.call('kacho-shimin', 'PUT', report(), { body: { entries: entries() } });
      expect(early.status).toBe(409);
      expect(early.body.detail).toContain('令和4年9月1日から入力できます');

      clock.set('2022-09-20T10:00:00+09:00');
      const badProgress = await api.call('kacho-shimin', 'PUT', report(), {
        body: { entries: [{ goalId: goalIds.get(1), progress: '良好' }] },
      });
      expect(badProgress.status).toBe(400);
      expect(JSON.stringify(badProgress.body)).toContain('進捗状況は順調・やや遅れ・遅れ・完了のいずれかです');
      expect((await api.call('kacho-jinken', 'PUT', report(), { body: { entries: entries() } })).status).toBe(403);

      const saved = await api.call('kacho-shimin', 'PUT', report(), { body: { entries: entries().slice(1) } });
      expect(saved.status).toBe(200);
      expect(saved.headers.get('etag')).toBe('"0"');
      const incomplete = await api.call('kacho-shimin', 'POST', report('/submit'), { headers: { 'if-match': '"0"' } });
      expect(incomplete.status).toBe(400);
      expect(JSON.stringify(incomplete.body)).toContain('番号1の進捗状況が入力されていません');

      const submit = () =>
        api.call('kacho-shimin', 'POST', report('/submit'), {
          headers: { 'if-match': '"0"', 'idempotency-key': 'submit-1' },
          body: { entries: entries() },
        });
      expect((await submit()).body.revision).toBe(1);
      expect((await submit()).body.revision).toBe(1);

      const waiting = await year(
        (b) => b.windows[0]?.sections.find((s: any) => s.sectionId === shimin)?.status === 'submitted',
      );
      expect(waiting.body.windows[0]).toMatchObject({
        number: 1,
        label: '上期',
        opensOnWareki: '令和4年9月1日',
        closesOnWareki: '令和4年10月14日',
        phase: 'open',
        counts: { 順調: 1, やや遅れ: 1, 遅れ: 0, 完了: 0 },
        notReported: ['人権平和課'],
      });
      const submittedAt = new Date(clock.now().getTime() + 1000).toISOString();

      clock.set('2022-09-21T10:00:00+09:00');
      expect((await api.call('bucho', 'POST', report('/return'), { body: { reason: ' ' } })).status).toBe(400);
      const returned = await api.call('bucho', 'POST', report('/return'), {
        headers: { 'if-match': '"1"' },
        body: { reason: '遅れの影響と挽回策を具体的に' },
      });
      expect(returned.status).toBe(200);
      const seen = await eventually(
        () => api.call('kacho-shimin', 'GET', `/sheets/${sheetId}/year`),
        (r) => r.body.windows?.[0]?.sections.some((s: any) => s.status === 'returned'),
      );
      expect(seen.body.windows[0].sections.find((s: any) => s.sectionId === shimin)).toMatchObject({
        status: 'returned',
        lastReturnReason: '遅れの影響と挽回策を具体的に',
        revision: 2,
      });

      const resubmitted = await api.call('kacho-shimin', 'POST', report('/submit'), {
        headers: { 'if-match': '"2"' },
        body: {
          entries: [
            entries()[0],
            { ...entries()[1], comment: '事業者の選定が遅れた。11月契約、3月までに稼働の見込み' },
          ],
        },
      });
      expect(resubmitted.status).toBe(200);
      expect((await api.call('bucho', 'POST', report('/confirm'), { headers: { 'if-match': '"2"' } })).status).toBe(
        409,
      );
      expect((await api.call('bucho', 'POST', report('/confirm'), { headers: { 'if-match': '"3"' } })).status).toBe(
        200,
      );

      const sheet = await eventually(
        () => api.call('kansa', 'GET', `/sheets/${sheetId}`),
        (r) => r.body.rows?.[1]?.midYear?.reportStatus === 'confirmed',
      );
      expect(sheet.body.rows.map((r: any) => [r.number, r.midYear?.progress ?? null])).toEqual([
        [1, '順調'],
        [2, 'やや遅れ'],
        [3, null],
      ]);
      expect(sheet.body.rows[1].midYear).toMatchObject({
        window: 1,
        label: '上期',
        comment: '事業者の選定が遅れた。11月契約、3月までに稼働の見込み',
      });

      // Time travel: just after the first submission, the first comment stood, not yet confirmed.
      const then = await api.call('kansa', 'GET', `/sheets/${sheetId}?asOf=${encodeURIComponent(submittedAt)}`);
      expect(then.status).toBe(200);
      expect(then.body.rows[1].midYear).toMatchObject({
        progress: 'やや遅れ',
        comment: '事業者の選定が遅れた。11月契約の見込み',
        reportStatus: 'submitted',
      });

      // 全庁の状況 counts the reports that reached the 部長 by 進捗状況, and names the 課 not reported.
      const overview = await api.call('kansa', 'GET', '/overview?fiscalYear=2022');
      expect(overview.status).toBe(200);
      const row = overview.body.rows.find((r: any) => r.department === '市民生活部');
      expect(Object.fromEntries(row.progress.byLevel.map((l: any) => [l.level, l.figure.count]))).toEqual({
        順調: 1,
        やや遅れ: 1,
        遅れ: 0,
        完了: 0,
      });
      expect(row.progress.notReported.count).toBe(1);
      expect(row.progress.sectionsNotReported).toHaveLength(1);
    });

    it('exports the progress as a 中間報告 column (TSV) and a worksheet of its own (XLSX)', async () => {
      const tsv = await api.call('bucho', 'GET', `/sheets/${sheetId}/export?format=tsv`);
      const lines = (tsv.body as string).split('\n').map((l) => l.split('\t'));
      expect(lines.find((l) => l[0] === '番号')?.at(-1)).toBe('中間報告');
      expect(lines.find((l) => l[0] === '2')?.at(-1)).toBe(
        '上期 やや遅れ：事業者の選定が遅れた。11月契約、3月までに稼働の見込み',
      );
      expect(lines.find((l) => l[0] === '3')?.at(-1)).toBe('');

      const xlsx = await fetch(`${api.baseUrl}/api/v1/sheets/${sheetId}/export?format=xlsx`, {
        headers: { authorization: `Bearer ${await api.token('kansa')}` },
      });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
      const reports = workbook.getWorksheet('中間報告')!;
      const rows: unknown[][] = [];
      reports.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      expect(rows).toEqual([
        ['回', '番号', '実施項目', '課名', '進捗状況', '進捗コメント', '報告の状態'],
        ['上期', 1, rows[1][2], '市民課', '順調', '9月に改修仕様を確定', '確認済み'],
        [
          '上期',
          2,
          rows[2][2],
          '市民課',
          'やや遅れ',
          '事業者の選定が遅れた。11月契約、3月までに稼働の見込み',
          '確認済み',
        ],
      ]);
    });

    it('closes the year when every goal is 確定 or 対象外, refuses changes, and reopens with a reason', async () => {
      clock.set('2023-03-20T10:00:00+09:00');
      const goal1 = goalIds.get(1)!;
      expect(
        (await api.call('kacho-shimin', 'POST', `/goals/${goal1}/achievement`, { body: { level: 'ほぼ達成した' } }))
          .status,
      ).toBe(200);
      expect((await api.call('bucho', 'POST', `/goals/${goal1}/achievement/confirm`, {})).status).toBe(200);

      const early = await api.call('bucho', 'POST', `/sheets/${sheetId}/close`, {});
      expect(early.status).toBe(409);
      expect(early.body.detail).toContain('番号2、3の達成状況が確定していません');
      const noReason = await api.call('bucho', 'POST', `/sheets/${sheetId}/close`, {
        body: { excluded: [{ goalId: goalIds.get(2), reason: '' }] },
      });
      expect(noReason.status).toBe(400);

      const closed = await api.call('bucho', 'POST', `/sheets/${sheetId}/close`, {
        headers: { 'idempotency-key': 'close-2022' },
        body: {
          excluded: [
            { goalId: goalIds.get(2), reason: '国の制度改正により事業を翌年度に延期' },
            { goalId: goalIds.get(12), reason: '事業廃止' },
          ],
        },
      });
      expect(closed.status).toBe(200);
      expect(closed.body.revision).toBe(1);

      const refused = await api.call('bucho', 'POST', `/sheets/${sheetId}/mid-year-windows`, {
        body: { opensOn: '2023-03-21', closesOn: '2023-03-31' },
      });
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toContain('令和4年度の市民生活部の整理表は年度が締められています');
      const goalChange = await api.call('kacho-shimin', 'POST', `/goals/${goalIds.get(2)}/achievement`, {
        body: { level: '一部達成した' },
      });
      expect(goalChange.status).toBe(409);
      expect(goalChange.body.detail).toContain('年度が締められています');
      const sheet = await eventually(
        () => api.call('kansa', 'GET', `/sheets/${sheetId}`),
        (r) => r.body.yearClosed === true,
      );
      expect(sheet.body.yearClosed).toBe(true);

      expect((await api.call('bucho', 'POST', `/sheets/${sheetId}/reopen`, { body: {} })).status).toBe(400);
      expect(
        (await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/reopen`, { body: { reason: '訂正' } })).status,
      ).toBe(403);
      const reopened = await api.call('bucho', 'POST', `/sheets/${sheetId}/reopen`, {
        headers: { 'if-match': '"1"' },
        body: { reason: '番号2の実績を訂正するため' },
      });
      expect(reopened.status).toBe(200);
      expect(
        (
          await api.call('kacho-shimin', 'POST', `/goals/${goalIds.get(2)}/achievement`, {
            body: { level: '一部達成した' },
          })
        ).status,
      ).toBe(200);

      const trail = await eventually(
        () => api.call('kansa', 'GET', `/audit/trail?sheetId=${sheetId}&limit=200`),
        (r) => (r.body.items ?? []).some((e: any) => e.type === 'YearReopened'),
      );
      const yearly = trail.body.items.filter((e: any) => /^(MidYear|Year)/.test(e.type));
      expect(yearly.map((e: any) => [e.type, e.actor?.userId, e.reason ?? null])).toEqual([
        ['MidYearWindowOpened', 'bucho', null],
        ['MidYearReportSaved', 'kacho-shimin', null],
        ['MidYearReportSubmitted', 'kacho-shimin', null],
        ['MidYearReportReturned', 'bucho', '遅れの影響と挽回策を具体的に'],
        ['MidYearReportSubmitted', 'kacho-shimin', null],
        ['MidYearReportConfirmed', 'bucho', null],
        ['YearClosed', 'bucho', null],
        ['YearReopened', 'bucho', '番号2の実績を訂正するため'],
      ]);
    });
  });
}
