/**
 * A double-clicked 提出 once made two goals that could never go away. A draft can now be deleted,
 * with a reason: it leaves the sheet, the 課長's list, print and exports; its 番号 is not given again;
 * the auditor still sees it, labelled as deleted, with who, when and why. Exports and print mark
 * each goal's 状態, and print can ask for approved goals only.
 */
import { AppHarness, eventually, startApp } from '../support/app-harness';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../support/sample-goal';

describe('deleting a draft goal; 状態 in exports; 承認済のみ', () => {
  let api: AppHarness;
  let sheetId: string;
  const draft = async (title: string) => {
    const r = await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, { body: { ...SAMPLE_GOAL, title } });
    expect(r.status).toBe(201);
    return r.body.goalId as string;
  };
  const sheet = () => api.call('bucho', 'GET', `/sheets/${sheetId}`);
  const titles = (r: { body: { rows: { number: number; title: string }[] } }) =>
    r.body.rows.map((row) => `${row.number} ${row.title}`);

  beforeAll(async () => {
    api = await startApp();
    sheetId = (await api.call('bucho', 'POST', '/sheets', { body: SAMPLE_SHEET })).body.sheetId;
  });
  afterAll(async () => api?.close());

  it('deletes the second of two drafts once, keeps its 番号 unused and its history for the auditor', async () => {
    const first = await draft('窓口のワンストップ化');
    const twice = await draft('窓口のワンストップ化（二重）');
    await eventually(sheet, (r) => r.body?.rows?.length === 2);

    const send = () =>
      api.call('kacho-shimin', 'POST', `/goals/${twice}/delete`, {
        body: { reason: '二重に作成したため' },
        headers: { 'if-match': '"0"', 'idempotency-key': 'delete-twice-1' },
      });
    const deleted = await send();
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ goalId: twice, revision: 1 });
    const events = await api.eventCount();
    // A double-click, or a retry after a lost answer: the same answer, nothing written again.
    expect((await send()).body).toEqual({ goalId: twice, revision: 1 });
    expect(await api.eventCount()).toBe(events);

    const after = await eventually(sheet, (r) => r.body?.rows?.length === 1);
    expect(titles(after)).toEqual(['1 窓口のワンストップ化']);
    const third = await draft('住民票の電子申請');
    expect(titles(await eventually(sheet, (r) => r.body?.rows?.length === 2))).toEqual([
      '1 窓口のワンストップ化',
      '3 住民票の電子申請',
    ]);
    const mine = await eventually(
      () => api.call('kacho-shimin', 'GET', '/goals?fiscalYear=2022'),
      (r) => r.body?.items?.length === 2,
    );
    expect(mine.body.items.map((g: { goalId: string }) => g.goalId)).toEqual([first, third]);

    const history = await api.call('kansa', 'GET', `/goals/${twice}/history`);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['GoalDrafted', 'GoalDeleted']);
    expect(history.body.events[1]).toMatchObject({
      actor: { userId: 'kacho-shimin' },
      reason: '二重に作成したため',
    });
    const stored = (await api.store.readAll()).find((e) => e.type === 'GoalDeleted')!;
    expect(stored.data).toEqual({ goalId: twice, sheetId, reason: '二重に作成したため' });
    expect(stored.metadata).toMatchObject({ actor: { userId: 'kacho-shimin' }, occurredAt: expect.any(String) });
    expect((await api.call('kansa', 'GET', `/goals/${twice}`)).body.status).toBe('deleted');

    const tsv = await api.call('bucho', 'GET', `/sheets/${sheetId}/export?format=tsv`);
    expect(tsv.body).not.toContain('（二重）');

    // The 部長 renumbers the goals people see; the deleted draft is not theirs to list.
    const renumbered = await api.call('bucho', 'POST', `/sheets/${sheetId}/order`, {
      body: { goalIds: [third, first] },
    });
    expect(renumbered.status).toBe(200);
    expect(titles(await eventually(sheet, (r) => r.body?.rows?.[0]?.goalId === third))).toEqual([
      '1 住民票の電子申請',
      '2 窓口のワンストップ化',
    ]);
  });

  it('refuses a delete without a reason, of a submitted goal, and by another section', async () => {
    const goalId = await draft('届出の郵送受付');
    const noReason = await api.call('kacho-shimin', 'POST', `/goals/${goalId}/delete`, { body: {} });
    expect([noReason.status, noReason.body.errors[0].field]).toEqual([400, 'reason']);
    const other = await api.call('kacho-keizai', 'POST', `/goals/${goalId}/delete`, { body: { reason: '不要' } });
    expect(other.status).toBe(403);
    await api.call('kacho-shimin', 'POST', `/goals/${goalId}/submit`);
    const submitted = await api.call('kacho-shimin', 'POST', `/goals/${goalId}/delete`, { body: { reason: '不要' } });
    expect([submitted.status, submitted.body.state]).toEqual([409, 'submitted']);
  });

  it('marks each goal with its 状態 in exports, and prints approved goals only when asked', async () => {
    const approved = await draft('証明書のコンビニ交付');
    await api.call('kacho-shimin', 'POST', `/goals/${approved}/submit`);
    expect((await api.call('bucho', 'POST', `/goals/${approved}/approve`)).status).toBe(200);
    const all = await eventually(sheet, (r) =>
      r.body?.rows?.some(
        (row: { goalId: string; status: string }) => row.goalId === approved && row.status === 'approved',
      ),
    );
    expect(all.body.rows.length).toBe(4);

    const tsv = (await api.call('bucho', 'GET', `/sheets/${sheetId}/export?format=tsv`)).body as string;
    const rows = tsv.split('\n').map((line) => line.split('\t'));
    expect(rows.find((r) => r[0] === '番号')).toContain('状態');
    const stateOf = (title: string) => rows.find((r) => r[1] === title)?.at(-1);
    expect(stateOf('窓口のワンストップ化')).toBe('下書き');
    expect(stateOf('届出の郵送受付')).toBe('提出中');
    expect(stateOf('証明書のコンビニ交付')).toBe('承認済');

    const print = await api.call('bucho', 'GET', `/sheets/${sheetId}?approvedOnly=true`);
    expect(print.body.rows.map((r: { title: string }) => r.title)).toEqual(['証明書のコンビニ交付']);
    expect((await api.call('bucho', 'GET', `/sheets/${sheetId}?approvedOnly=yes`)).status).toBe(400);
  });
});
