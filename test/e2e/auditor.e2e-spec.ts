/**
 * What auditors and departments moving from spreadsheets get, over HTTP: import of the real sheet,
 * export in the same layout, time travel, the raw log, verification, the inbox and a rebuild.
 */
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { ManualClock } from '@goals/platform';
import { AppHarness, eventually, startApp } from '../support/app-harness';
import { FIXTURE_PATH } from '../support/fixture-sheet';

const fixture = readFileSync(FIXTURE_PATH, 'utf8');
const tableRows = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.split('\t'))
    .filter((cells) => /^\d+$/.test(cells[0]));

describe('auditor and spreadsheet tools over HTTP', () => {
  let api: AppHarness;
  let sheetId: string;

  beforeAll(async () => {
    // Early in 令和5年度: the goals drafted here have no reminder due while the test runs.
    api = await startApp({}, new ManualClock('2023-04-03T09:00:00+09:00', true));
  });
  afterAll(async () => api?.close());

  const importFixture = (text = fixture, user = 'bucho') =>
    api.call(user, 'POST', '/sheets/import', {
      rawBody: text,
      contentType: 'text/tab-separated-values; charset=utf-8',
    });

  it('refuses a malformed file with the line and the reason, and writes nothing', async () => {
    const broken = fixture.replace('\t2月\t市民課\t', '\t二月ごろ\t市民課\t');
    const before = await api.eventCount();
    const response = await importFixture(broken);
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toMatch(/^\d+行目$/);
    expect(JSON.stringify(response.body.errors)).toContain('いつまで');
    expect(await api.eventCount()).toBe(before);
  });

  it('refuses an import by a section head', async () => {
    expect((await importFixture(fixture, 'kacho-shimin')).status).toBe(403);
  });

  it("imports last year's sheet as it is, with a history attributed to the importer", async () => {
    const response = await importFixture();
    expect(response.status).toBe(201);
    expect(response.body.goalIds).toHaveLength(22);
    sheetId = response.body.sheetId;
    const history = await api.call('kansa', 'GET', `/goals/${response.body.goalIds[0]}/history`);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'GoalDrafted',
      'GoalSubmitted',
      'GoalApproved',
      'AchievementRecorded',
      'AchievementConfirmed',
    ]);
    expect(history.body.events.every((e: { actor: { userId: string } }) => e.actor.userId === 'bucho')).toBe(true);

    const again = await importFixture();
    expect(again.status).toBe(409);
  });

  it('exports the same cells, row for row, as TSV, as CSV for Excel and as XLSX', async () => {
    await eventually(
      () => api.call('bucho', 'GET', `/sheets/${sheetId}`),
      (r) => r.body?.rows?.length === 22,
    );
    const tsv = await api.call('bucho', 'GET', `/sheets/${sheetId}/export?format=tsv`);
    expect(tsv.status).toBe(200);
    // The office's eight columns, and each goal's 状態 after them (every imported goal is rated and confirmed).
    expect(tableRows(tsv.body)).toEqual(tableRows(fixture).map((cells) => [...cells, '確定']));
    expect(tsv.body).toContain('令和4年度 組織目標展開整理表（部の組織目標）');
    expect(tsv.body).toContain('作成日\t令和4年4月1日');

    const csv = await fetch(`${api.baseUrl}/api/v1/sheets/${sheetId}/export?format=csv`, {
      headers: { authorization: `Bearer ${await api.token('bucho')}` },
    });
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('第2期公共施設予約システムの安定運用による事務の効率化・簡便化の実現');

    const xlsx = await fetch(`${api.baseUrl}/api/v1/sheets/${sheetId}/export?format=xlsx`, {
      headers: { authorization: `Bearer ${await api.token('bucho')}` },
    });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const cells: string[] = [];
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- this column holds plain text cells
    workbook.worksheets[0].eachRow((row) => cells.push(String(row.getCell(2).value ?? '')));
    expect(cells).toContain('こくベジプロジェクトの推進');

    expect((await api.call('bucho', 'GET', `/sheets/${sheetId}/export?format=pdf`)).status).toBe(400);
  });

  it("shows a returned goal's earlier text before its resubmission, and the approved text after", async () => {
    const opened = await api.call('bucho', 'POST', '/sheets', {
      body: {
        department: '市民生活部',
        fiscalYear: 2023,
        createdOn: '2023-04-03',
        headTitle: '市民生活部長',
        headName: '沢柳和彦',
      },
    });
    const sheet = opened.body.sheetId;
    const body = {
      title: '窓口のオンライン化',
      category: '行政改革',
      targetLevel: '最初の案',
      method: '検討する',
      deadlineMonth: 3,
      sections: ['市民課'],
    };
    const goalId = (await api.call('kacho-shimin', 'POST', `/sheets/${sheet}/goals`, { body })).body.goalId;
    await api.call('kacho-shimin', 'POST', `/goals/${goalId}/submit`);
    await api.call('bucho', 'POST', `/goals/${goalId}/return`, { body: { reason: '水準を数値で' } });
    await api.call('kacho-shimin', 'PATCH', `/goals/${goalId}`, {
      headers: { 'if-match': '2' },
      body: { targetLevel: '申請の8割がオンライン' },
    });
    await api.call('kacho-shimin', 'POST', `/goals/${goalId}/submit`);
    await api.call('bucho', 'POST', `/goals/${goalId}/approve`);

    const steps = (await api.call('kansa', 'GET', `/goals/${goalId}/history`)).body.events as {
      type: string;
      position: string;
    }[];
    const returnedAt = steps.find((s) => s.type === 'GoalReturned')!.position;
    const approvedAt = steps.find((s) => s.type === 'GoalApproved')!.position;

    const before = await api.call('kansa', 'GET', `/sheets/${sheet}?atPosition=${returnedAt}`);
    expect(before.body.rows[0]).toMatchObject({ targetLevel: '最初の案', status: 'returned' });
    const after = await api.call('kansa', 'GET', `/sheets/${sheet}?atPosition=${approvedAt}`);
    expect(after.body.rows[0]).toMatchObject({ targetLevel: '申請の8割がオンライン', status: 'approved' });
    const byTime = await api.call('kansa', 'GET', `/sheets/${sheet}?asOf=2000-01-01T00:00:00Z`);
    expect(byTime.status).toBe(404);
    expect((await api.call('kansa', 'GET', `/sheets/${sheet}?atPosition=soon`)).status).toBe(400);
  });

  it('lists what waits for the department head', async () => {
    const opened = await api.call('bucho', 'GET', '/sheets?fiscalYear=2023');
    const sheet = opened.body.items[0].sheetId;
    const body = {
      title: '待ち行列の確認',
      category: 'その他',
      targetLevel: 'a',
      method: 'b',
      deadlineMonth: 12,
      sections: ['経済課'],
    };
    const goalId = (await api.call('kacho-keizai', 'POST', `/sheets/${sheet}/goals`, { body })).body.goalId;
    await api.call('kacho-keizai', 'POST', `/goals/${goalId}/submit`);
    const inbox = await eventually(
      () => api.call('bucho', 'GET', '/inbox'),
      (r) => r.body.items.some((i: { goalId: string }) => i.goalId === goalId),
    );
    expect(inbox.body.items.find((i: { goalId: string }) => i.goalId === goalId)).toMatchObject({
      kind: 'submission',
      title: '待ち行列の確認',
    });
  });

  it("lists a section head's goals with the 共通 ones, and the deadlines still to rate", async () => {
    const mine = await eventually(
      () => api.call('kacho-shimin', 'GET', '/goals?fiscalYear=2022'),
      (r) => r.body?.items?.length >= 5,
    );
    const titles = mine.body.items.map((g: { title: string }) => g.title);
    expect(titles).toContain('転出・転入手続のワンストップ化の実現');
    expect(titles).toContain('職層に応じたマネジメントの実践'); // 共通
    expect(titles).not.toContain('こくベジプロジェクトの推進'); // 経済課
    expect((await api.call('kacho-shimin', 'GET', '/goals?section=宇宙課')).status).toBe(400);

    const sheet = (await api.call('bucho', 'GET', '/sheets?fiscalYear=2023')).body.items[0].sheetId;
    const body = {
      title: '年度内の締切',
      category: 'その他',
      targetLevel: 'a',
      method: 'b',
      deadlineMonth: 1,
      sections: ['市民課'],
    };
    const goalId = (await api.call('kacho-shimin', 'POST', `/sheets/${sheet}/goals`, { body })).body.goalId;
    await api.call('kacho-shimin', 'POST', `/goals/${goalId}/submit`);
    await api.call('bucho', 'POST', `/goals/${goalId}/approve`);
    const deadlines = await eventually(
      () => api.call('bucho', 'GET', '/deadlines?from=2024-01-01&to=2024-01-31'),
      (r) => r.body?.items?.some((i: { goalId: string }) => i.goalId === goalId),
    );
    expect(deadlines.body.items.find((i: { goalId: string }) => i.goalId === goalId)).toMatchObject({
      deadline: '2024-01-31',
      title: '年度内の締切',
    });
  });

  it('streams the raw log to auditors only, and verifies it end to end', async () => {
    const total = await api.eventCount();
    const log = await fetch(`${api.baseUrl}/api/v1/audit/events`, {
      headers: { authorization: `Bearer ${await api.token('kansa')}` },
    });
    expect(log.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await log.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(total);
    expect(lines[0]).toMatchObject({
      type: expect.any(String),
      metadata: { actor: expect.any(Object), hash: expect.any(String) },
    });
    const paged = await api.call('kansa', 'GET', `/audit/events?from=${lines[5].position}&limit=3`);
    expect(
      String(paged.body)
        .trim()
        .split('\n')
        .map((l: string) => JSON.parse(l).position),
    ).toEqual(lines.slice(5, 8).map((l) => l.position));
    expect((await api.call('bucho', 'GET', '/audit/events')).status).toBe(403);

    const clean = await api.call('kansa', 'GET', '/audit/verify');
    expect(clean.body).toMatchObject({ ok: true, checked: total });
  });

  it('rebuilds the read models from the events, for an admin, giving the same sheet', async () => {
    const before = (await api.call('bucho', 'GET', `/sheets/${sheetId}`)).body;
    expect((await api.call('bucho', 'POST', '/admin/read-models/rebuild')).status).toBe(403);
    const rebuilt = await api.call('admin', 'POST', '/admin/read-models/rebuild');
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body.events).toBe(await api.eventCount());
    expect((await api.call('bucho', 'GET', `/sheets/${sheetId}`)).body).toEqual(before);
  });
  it('reports an event altered in the SQLite file, naming the stream and position', async () => {
    const file = (api.config.eventStore as { file: string }).file;
    const db = new Database(file);
    const victim = db
      .prepare("SELECT position, stream_id FROM events WHERE type = 'AchievementConfirmed' ORDER BY position LIMIT 1")
      .get() as { position: number; stream_id: string };
    db.prepare("UPDATE events SET data = json_set(data, '$.level', '高度に達成した') WHERE position = ?").run(
      victim.position,
    );
    db.close();
    // Altered before the last checkpoint (the verification above): a full walk finds it.
    const verified = await api.call('kansa', 'GET', '/audit/verify?full=true');
    expect(verified.body.ok).toBe(false);
    expect(verified.body.firstBreak).toMatchObject({ streamId: victim.stream_id, position: String(victim.position) });
  });
});
