/**
 * 公表 over real HTTP on a real store and Redis: the 部長 previews and publishes the sheet; citizens
 * read the index, the page, the PDF, the CSV and the zip without signing in; nothing unpublished is
 * reachable there; a change after publishing leaves the publication byte for byte as it was; the
 * hash printed on it is confirmed by the verify route, and a tampered one is not.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@goals/platform';
import { AppHarness, eventually, startApp } from '../support/app-harness';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../support/sample-goal';

const APPROVED_TITLES = ['住民票の写しのコンビニ交付を広める', '窓口の待ち時間を短くする'];
const DRAFT_TITLE = 'まだ下書きの目標（公表してはならない）';
const AMENDED_TITLE = '承認待ちの変更（公表してはならない）';

export function publicationEndToEnd(storeName: string, env: () => Record<string, string> = () => ({})) {
  describe(`公表 over HTTP (${storeName})`, () => {
    let api: AppHarness;
    let sheetId: string;
    const goalIds: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'publication-e2e-'));
    let v1: { publicationId: string; contentHash: string; publicPath: string; version: number; position: string };

    const publicGet = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${api.baseUrl}${path}`, { headers });

    beforeAll(async () => {
      api = await startApp(env(), new ManualClock('2022-06-01T09:00:00+09:00', true));
      const opened = await api.call('bucho', 'POST', '/sheets', { body: SAMPLE_SHEET });
      expect(opened.status).toBe(201);
      sheetId = opened.body.sheetId;
      for (const title of [...APPROVED_TITLES, DRAFT_TITLE]) {
        const drafted = await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, {
          body: { ...SAMPLE_GOAL, title },
        });
        expect(drafted.status).toBe(201);
        goalIds.push(drafted.body.goalId);
      }
      for (const goalId of goalIds.slice(0, 2)) {
        expect((await api.call('kacho-shimin', 'POST', `/goals/${goalId}/submit`)).status).toBe(200);
        expect((await api.call('bucho', 'POST', `/goals/${goalId}/approve`, { body: {} })).status).toBe(200);
      }
      // A change request waiting for approval: the approved text stays what is published.
      const amended = await api.call('kacho-shimin', 'POST', `/goals/${goalIds[0]}/amend`, {
        body: { title: AMENDED_TITLE, reason: '表現を改める' },
        headers: { 'if-match': '"2"' },
      });
      expect(amended.status).toBe(200);
    });
    afterAll(async () => {
      await api?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('the 部長 previews: approved text only, and is told what is left out', async () => {
      const preview = await api.call('bucho', 'GET', `/sheets/${sheetId}/publications/preview?kind=setting`);
      expect(preview.status).toBe(200);
      expect(preview.body.content.goals.map((g: { title: string }) => g.title)).toEqual(APPROVED_TITLES);
      expect(preview.body.notes).toEqual([
        `番号1「${APPROVED_TITLES[0]}」は変更の承認待ちのため、承認済みの内容で公表されます。`,
        `番号3「${DRAFT_TITLE}」は承認されていないため公表されません。`,
      ]);
      expect(
        (await api.call('kacho-shimin', 'GET', `/sheets/${sheetId}/publications/preview?kind=setting`)).status,
      ).toBe(403);
    });

    it('refuses what a client may get wrong, in Japanese, writing nothing', async () => {
      const before = await api.eventCount();
      const wrongKind = await api.call('bucho', 'POST', `/sheets/${sheetId}/publications`, { body: { kind: 'final' } });
      expect(wrongKind.status).toBe(400);
      expect(JSON.stringify(wrongKind.body)).toContain('公表の種類は');
      expect(
        (await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/publications`, { body: { kind: 'setting' } }))
          .status,
      ).toBe(403);
      expect(
        (await api.call('kansa', 'POST', `/sheets/${sheetId}/publications`, { body: { kind: 'setting' } })).status,
      ).toBe(403);
      const stale = await api.call('bucho', 'POST', `/sheets/${sheetId}/publications`, {
        body: { kind: 'setting' },
        headers: { 'if-match': '"4"' },
      });
      expect(stale.status).toBe(409);
      expect(await api.eventCount()).toBe(before);
    });

    it('publishes once for a double click (Idempotency-Key), as version 1 with its hash and position', async () => {
      const request = { body: { kind: 'setting' }, headers: { 'idempotency-key': 'publish-1' } };
      const first = await api.call('bucho', 'POST', `/sheets/${sheetId}/publications`, request);
      expect(first.status).toBe(201);
      expect(first.headers.get('etag')).toBe('"0"');
      const again = await api.call('bucho', 'POST', `/sheets/${sheetId}/publications`, request);
      expect(again.body.publicationId).toBe(first.body.publicationId);
      expect(first.body).toMatchObject({ kind: 'setting', version: 1, fiscalYear: 2022, department: '市民生活部' });
      expect(first.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(first.body.publicPath).toBe(`/public/2022/${first.body.departmentId}/setting/v1`);
      v1 = first.body;
      const events = (await api.store.readAll()).filter((e) => e.type === 'SheetPublished');
      expect(events).toHaveLength(1);
      expect(events[0].metadata.actor.userId).toBe('bucho');
    });

    it('citizens read the index and the page without signing in; nothing unpublished is there', async () => {
      const index = await eventually(
        async () => (await publicGet('/public/')).text(),
        (html) => html.includes(v1.publicPath),
      );
      expect(index).toContain('令和4年度');
      expect(index).toContain('市民生活部');
      const page = await publicGet(v1.publicPath);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      for (const title of APPROVED_TITLES) expect(html).toContain(title);
      expect(html).not.toContain(DRAFT_TITLE);
      expect(html).not.toContain(AMENDED_TITLE);
      expect(html).not.toContain('<script');
      expect(html).toMatch(/<caption[^>]*>令和4年度 市民生活部 組織目標展開整理表/);
      expect(html).toContain('<th scope="col">実施項目</th>');
      expect(html).toContain('<th scope="row" class="num">1</th>');
      expect(html).toContain('令和4年6月1日');
      expect(html).toContain(v1.contentHash);
    });

    it('answers 404 for every address that is not a publication', async () => {
      const departmentId = v1.publicPath.split('/')[3];
      for (const path of [
        `/public/2022/${departmentId}/setting/v2`,
        `/public/2022/${departmentId}/result/v1`,
        `/public/2022/${departmentId}/midterm/v1.pdf`,
        `/public/2023/${departmentId}/setting/v1`,
        `/public/2022/${sheetId}/setting/v1`,
        `/public/2022/${goalIds[2]}/setting/v1`,
        `/public/2022/${departmentId}/setting/v0`,
        `/public/2022/${departmentId}/final/v1`,
        `/public/2023.zip`,
        `/public/${sheetId}`,
      ]) {
        const response = await publicGet(path);
        expect([path, response.status]).toEqual([path, 404]);
        expect(await response.text()).not.toContain(DRAFT_TITLE);
      }
      expect((await publicGet(`/api/v1/sheets/${sheetId}`)).status).toBe(401);
    });

    it('the PDF reads back with every 実施項目, the headings, and the footer hash on every page', async () => {
      const response = await publicGet(`${v1.publicPath}.pdf`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      const file = join(dir, 'v1.pdf');
      writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      const pages = text.split('\f').filter((p) => p.trim());
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(pages.length);
      const readingOrder = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      for (const title of APPROVED_TITLES) expect(readingOrder).toContain(title);
      expect(text).not.toContain('下書き');
      for (const page of pages) {
        for (const heading of ['番号', '実施項目', '計画・方針等', 'いつまで', '共通/課名', '達成状況'])
          expect(page).toContain(heading);
        expect(page).toContain(`SHA-256 ${v1.contentHash.slice(0, 12)}`);
        expect(page).toContain(`記録位置 ${v1.position}`);
      }
      expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain(
        'No syntax or stream encoding errors',
      );
    });

    it('the CSV opens in Excel (UTF-8 with BOM) and the zip holds the page and the PDF', async () => {
      const csv = Buffer.from(await (await publicGet(`${v1.publicPath}.csv`)).arrayBuffer());
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(csv.toString('utf8')).toContain(APPROVED_TITLES[1]);
      const zipFile = join(dir, 'v1.zip');
      writeFileSync(zipFile, Buffer.from(await (await publicGet(`${v1.publicPath}.zip`)).arrayBuffer()));
      const year = join(dir, 'year.zip');
      writeFileSync(year, Buffer.from(await (await publicGet('/public/2022.zip')).arrayBuffer()));
      const JSZip = (await import('jszip')).default;
      const one = await JSZip.loadAsync(readFileSync(zipFile));
      const names = Object.keys(one.files);
      expect(names.some((n) => n.endsWith('/index.html'))).toBe(true);
      expect(names.some((n) => n.endsWith('/sheet.pdf'))).toBe(true);
      expect(names.some((n) => n.endsWith('/style.css'))).toBe(true);
      const whole = await JSZip.loadAsync(readFileSync(year));
      const index = await whole.file(/index\.html$/)[0].async('string');
      expect(index).toContain('第1版');
      expect(Object.keys(whole.files).some((n) => n.endsWith('目標設定時_第1版/sheet.pdf'))).toBe(true);
    });

    it('verify confirms the printed short hash and the store up to the publication, and refuses a tampered one', async () => {
      const short = v1.contentHash.slice(0, 12);
      const ok = await publicGet(`/public/verify?hash=${short}`, { accept: 'application/json' });
      expect(ok.status).toBe(200);
      const body = (await ok.json()) as { found: boolean; publications: unknown[] };
      expect(body.found).toBe(true);
      expect(body.publications).toEqual([
        expect.objectContaining({
          publicationId: v1.publicationId,
          version: 1,
          kind: 'setting',
          contentMatchesHash: true,
          storeVerifiedUpToPublication: true,
        }),
      ]);
      const tampered = short.slice(0, -1) + (short.endsWith('0') ? '1' : '0');
      const refused = await (await publicGet(`/public/verify?hash=${tampered}`, { accept: 'application/json' })).json();
      expect(refused).toMatchObject({ found: false, publications: [] });
      const bad = await publicGet('/public/verify?hash=zz', { accept: 'application/json' });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(await bad.json())).toContain('ハッシュは英数字');
      const page = await (await publicGet(`/public/verify?hash=${short}`)).text();
      expect(page).toContain('記録は改ざんされていません');
    });

    it('a change after publishing leaves the publication byte-identical; a new one is version 2 and shows it', async () => {
      const before = await Promise.all(
        ['', '.pdf', '.csv'].map(async (s) => Buffer.from(await (await publicGet(v1.publicPath + s)).arrayBuffer())),
      );
      expect((await api.call('bucho', 'POST', `/goals/${goalIds[0]}/approve`, { body: {} })).status).toBe(200);
      const after = await Promise.all(
        ['', '.pdf', '.csv'].map(async (s) => Buffer.from(await (await publicGet(v1.publicPath + s)).arrayBuffer())),
      );
      after.forEach((bytes, i) => expect(bytes.equals(before[i])).toBe(true));

      const v2 = await api.call('bucho', 'POST', `/sheets/${sheetId}/publications`, { body: { kind: 'setting' } });
      expect(v2.status).toBe(201);
      expect(v2.body.version).toBe(2);
      expect(v2.body.contentHash).not.toBe(v1.contentHash);
      const page = await eventually(
        () => publicGet(v2.body.publicPath),
        (r) => r.status === 200,
      );
      expect(await page.text()).toContain(AMENDED_TITLE);
      expect(await (await publicGet(v1.publicPath)).text()).not.toContain(AMENDED_TITLE);

      // The auditor lists both and sees what changed, under the sheet's headings.
      const listed = await api.call('kansa', 'GET', `/sheets/${sheetId}/publications`);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((p: { version: number; intact: boolean }) => [p.version, p.intact])).toEqual([
        [1, true],
        [2, true],
      ]);
      const compared = await api.call(
        'kansa',
        'GET',
        `/sheets/${sheetId}/publications/compare?from=${v1.publicationId}&to=${v2.body.publicationId}`,
      );
      expect(compared.status).toBe(200);
      expect(compared.body.goals).toEqual([
        {
          number: 1,
          change: 'changed',
          fields: [{ field: 'title', heading: '実施項目', before: APPROVED_TITLES[0], after: AMENDED_TITLE }],
        },
      ]);
    });
  });
}
