/**
 * Cells pasted from Excel are taken as they are meant: line breaks kept in the long columns, tabs as
 * spaces, ｶﾀｶﾅ as カタカナ, the trailing line break gone; the export writes the lines back inside
 * quoted cells, so the file reads back as the same sheet.
 */
import { parseSheetFile } from '@goals/sheet-file';
import { AppHarness, eventually, startApp } from '../support/app-harness';
import { SAMPLE_GOAL, SAMPLE_SHEET } from '../support/sample-goal';

describe('Excel as it is pasted', () => {
  let api: AppHarness;
  let sheetId: string;

  beforeAll(async () => {
    api = await startApp();
    sheetId = (await api.call('bucho', 'POST', '/sheets', { body: SAMPLE_SHEET })).body.sheetId;
  });
  afterAll(async () => api?.close());

  it('stores the cells as meant and exports their lines inside quoted cells', async () => {
    const drafted = await api.call('kacho-shimin', 'POST', `/sheets/${sheetId}/goals`, {
      body: {
        ...SAMPLE_GOAL,
        title: 'ｼｽﾃﾑ改修による\r\n窓口の短縮\r\n',
        targetLevel: '手続の時間が\t半分になっている。\r\n職員２名で運用できる。\r\n',
        method: 'ﾃﾞｰﾀ連携（API 2.0）を行う。',
      },
    });
    expect(drafted.status).toBe(201);
    const goal = (await api.call('kacho-shimin', 'GET', `/goals/${drafted.body.goalId}`)).body;
    expect(goal.content ?? goal).toMatchObject({
      title: 'システム改修による 窓口の短縮',
      targetLevel: '手続の時間が 半分になっている。\n職員２名で運用できる。',
      method: 'データ連携（API 2.0）を行う。',
    });

    await eventually(
      () => api.call('bucho', 'GET', `/sheets/${sheetId}`),
      (r) => r.body?.rows?.length === 1,
    );
    const tsv = (await api.call('bucho', 'GET', `/sheets/${sheetId}/export?format=tsv`)).body as string;
    expect(tsv).toContain('\t"手続の時間が 半分になっている。\n職員２名で運用できる。"\t');
    expect(parseSheetFile(tsv).goals[0]).toMatchObject({
      title: 'システム改修による 窓口の短縮',
      targetLevel: '手続の時間が 半分になっている。\n職員２名で運用できる。',
    });
  });
});
