import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { AppendTooLarge, SqliteEventStore } from '@goals/event-store';
import { readSheetEvents, sheetAsOf } from '@goals/read-models';
import {
  appendSheetImport,
  departmentOfSheet,
  departmentRegistrationOf,
  parseSheetCsv,
  parseSheetFile,
  planSheetImport,
  SheetFileInvalid,
  sheetDocumentOf,
  sheetRows,
  toCsv,
  toTsv,
  toXlsx,
} from '@goals/sheet-file';
import { citizenLifeRules, departmentHead, shiminKacho } from '../../read-models/src/testing/sheet-workflow';
import { legacyNamesOf } from '../../read-models/src/organisation.reader';
import { emptyOrganisation, sectionNamesOf } from '@goals/domain';

/** Imported events carry ids: no old name is read. */
const names = legacyNamesOf(emptyOrganisation());
const sectionNames = (ids: readonly string[]) => sectionNamesOf(ids, citizenLifeRules.department);

const fixture = readFileSync(join(__dirname, '../../../test/fixtures/r4-citizen-life-dept-sheet.txt'), 'utf8');

function problemsOf(text: string): Array<{ line: number; reason: string }> {
  try {
    parseSheetFile(text);
  } catch (error) {
    if (error instanceof SheetFileInvalid) return error.problems;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('the sheet file (組織目標展開整理表, tab-separated)', () => {
  const parsed = parseSheetFile(fixture);

  it('reads the header, and 22 goals across the repeated page headers', () => {
    expect(parsed).toMatchObject({
      fiscalYear: 2022,
      createdOn: '2022-04-01',
      headTitle: '市民生活部長',
      headName: '沢柳和彦',
    });
    expect(parsed.goals.map((g) => g.number)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(parsed.layout?.rowsPerPage).toEqual([5, 6, 6, 5]);
    expect(parsed.goals[0]).toMatchObject({
      title: '転出・転入手続のワンストップ化の実現',
      category: '行政改革',
      deadlineMonth: 2,
      sections: ['市民課'],
      achievement: 'ほぼ達成した',
      line: 12,
    });
    expect(parsed.goals[18].sections).toEqual(['協働コミュニティ課', '文化振興課', '人権平和課', 'スポーツ振興課']);
    expect(parsed.goals[19].sections).toEqual(['共通']);
    expect(parsed.goals[17].deadlineMonth).toBe(12);
  });

  it('writes the fixture back byte for byte', () => {
    expect(toTsv(parsed)).toBe(fixture);
  });

  it('reads a blank 達成状況 as not yet rated, with or without the trailing tab', () => {
    const unrated = fixture.replace(/\tほぼ達成した$/m, '\t').replace(/(\n2\t.*)\t高度に達成した/, '$1');
    const sheet = parseSheetFile(unrated);
    expect(sheet.goals[0].achievement).toBeUndefined();
    expect(sheet.goals[1].achievement).toBeUndefined();
    expect(sheet.goals[2].achievement).toBe('高度に達成した');
  });

  it('rejects a malformed file with every line and reason, and nothing else', () => {
    const lines = fixture.split('\n');
    lines[2] = '組織目標展開整理表';
    lines[11] = lines[11].replace('\t2月\t', '\t2か月\t');
    lines[12] = lines[12].replace(/^2\t/, '7\t');
    lines[18] = lines[18].split('\t').slice(0, 5).join('\t');
    expect(problemsOf(lines.join('\n'))).toEqual([
      { line: 3, reason: expect.stringContaining('令和の年度を書いてください') },
      { line: 12, reason: 'いつまで「2か月」は「2月」のように1〜12の月で書いてください' },
      { line: 13, reason: '番号7は順番が違います。ここは2です（番号は1から順に振ってください）' },
      { line: 19, reason: expect.stringContaining('（この行は5列）') },
    ]);
    expect(problemsOf('令和4年度 組織目標展開整理表\n作成日\t4月1日')).toContainEqual({
      line: 2,
      reason: expect.stringContaining('和暦'),
    });
    expect(problemsOf(fixture.replace('\t2月\t', '\t13月\t'))).toEqual([
      { line: 12, reason: 'いつまで「13月」は1〜12月で指定してください' },
    ]);
  });

  it('writes CSV that Excel opens as UTF-8, quoting what needs quoting', () => {
    const withComma = {
      ...parsed,
      goals: parsed.goals.map((g, i) =>
        i === 0 ? { ...g, title: 'ワンストップ化, "第1段階"', method: '調整する。\n改修する。' } : g,
      ),
    };
    const csv = toCsv(withComma);
    expect(csv.startsWith('\uFEFF\r\n\r\n令和4年度 組織目標展開整理表（部の組織目標）\r\n')).toBe(true);
    expect(csv).toContain('1,"ワンストップ化, ""第1段階""",行政改革,');
    expect(csv).toContain('"調整する。\n改修する。"');
    expect(csv.split('\r\n').filter((l) => l.startsWith('番号,'))).toHaveLength(4);
  });

  it('writes an XLSX workbook whose cells read back as the sheet’s rows', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(parsed)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('令和4年度');
    const expected = sheetRows(parsed);
    const actual = expected.map((_, i) => {
      const values = (sheet.getRow(i + 1).values as unknown[]).slice(1);
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the sheet's cells hold text and numbers only
      return values.map((v) => (v === undefined || v === null ? '' : String(v)));
    });
    expected.forEach((cells, i) =>
      expect(actual[i].join('\t').replace(/\t+$/, '')).toBe(cells.join('\t').replace(/\t+$/, '')),
    );
  });

  describe('import', () => {
    let dir: string;
    let store: SqliteEventStore;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'goal-sheet-import-'));
      store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    });
    afterEach(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const options = (importer = departmentHead) => ({
      importer,
      department: { name: '市民生活部', inYear: citizenLifeRules.department },
      vocabulary: citizenLifeRules,
      sheetId: randomUUID(),
      newId: randomUUID,
      occurredAt: '2023-04-03T00:30:00.000Z',
      correlationId: randomUUID(),
    });

    it('gives an imported sheet a history like any other, and exporting it gives the same cells row for row', async () => {
      const plan = planSheetImport(parsed, options());
      expect(plan.goalIds).toHaveLength(22);
      await appendSheetImport(store, plan);

      const { events: first } = await store.readStream(`goal-${plan.goalIds[0]}`);
      expect(first.map((e) => e.type)).toEqual([
        'GoalDrafted',
        'GoalSubmitted',
        'GoalApproved',
        'AchievementRecorded',
        'AchievementConfirmed',
      ]);
      expect(
        first.every((e) => e.metadata.actor.userId === 'bucho-sawayanagi' && e.metadata.importedFromLine === 12),
      ).toBe(true);

      const snapshot = sheetAsOf(
        await readSheetEvents(store, plan.sheetId),
        { asOf: '2023-04-03T00:30:00.000Z' },
        names,
      )!;
      expect(snapshot.rows.every((r) => r.status === 'confirmed')).toBe(true);
      // Same cells, row for row, and each goal's 状態 after them; with the file's page breaks kept and
      // without 状態, the very same bytes.
      const exported = sheetDocumentOf(snapshot, sectionNames, parsed.layout);
      const goalRows = (rows: string[][]) => rows.filter((r) => /^\d+$/.test(r[0]));
      expect(goalRows(sheetRows(exported))).toEqual(goalRows(sheetRows(parsed)).map((r) => [...r, '確定']));
      expect(
        sheetRows(exported)
          .find((r) => r[0] === '番号')
          ?.at(-1),
      ).toBe('状態');
      const withoutState = { ...exported, goals: exported.goals.map(({ state: _state, ...g }) => g) };
      expect(toTsv(withoutState)).toBe(fixture);
      // A file exported with 状態 is read back as the same sheet.
      expect(parseSheetFile(toTsv(exported)).goals).toEqual(parsed.goals);
      // …and so is one exported with the 中間報告 column after it, in every format.
      const withProgress = {
        ...exported,
        goals: exported.goals.map((g) => ({ ...g, midYear: '上期 やや遅れ：システム改修の入札が遅れた' })),
      };
      expect(
        sheetRows(withProgress)
          .find((r) => r[0] === '番号')
          ?.slice(-2),
      ).toEqual(['状態', '中間報告']);
      expect(parseSheetFile(toTsv(withProgress)).goals).toEqual(parsed.goals);
      expect(parseSheetCsv(toCsv(withProgress)).goals).toEqual(parsed.goals);
      // …and one with the 総合計画's 施策 between them, where a goal names one.
      const withMeasure = {
        ...withProgress,
        goals: withProgress.goals.map((g, i) => (i === 0 ? { ...g, measure: '1-1-2 行政のデジタル化' } : g)),
      };
      const rows = sheetRows(withMeasure);
      expect(rows.find((r) => r[0] === '番号')?.slice(-3)).toEqual(['状態', '施策（総合計画）', '中間報告']);
      expect(rows.find((r) => r[0] === '1')?.at(-2)).toBe('1-1-2 行政のデジタル化');
      expect(rows.find((r) => r[0] === '2')?.at(-2)).toBe('');
      expect(parseSheetFile(toTsv(withMeasure)).goals).toEqual(parsed.goals);
      expect(parseSheetCsv(toCsv(withMeasure)).goals).toEqual(parsed.goals);
    });

    it('refuses a sheet too large for one write to the store before writing any of it', async () => {
      // 4,400 goals: the sheet's stream (a 番号 each) would exceed EventStoreDB's 1 MiB append limit.
      const huge = { ...parsed, goals: Array.from({ length: 200 }, () => parsed.goals).flat() };
      const plan = planSheetImport(huge, options());
      const error = await appendSheetImport(store, plan).catch((e) => e);
      expect(error).toBeInstanceOf(AppendTooLarge);
      expect(error.streamId).toBe(`sheet-${plan.sheetId}`);
      expect(await store.readAll()).toEqual([]);
    });

    it('refuses, naming the line, a row the directory does not allow, and plans nothing', () => {
      const lines = fixture.split('\n');
      lines[13] = lines[13].replace('\t経済課\t', '\t農政課\t');
      lines[14] = lines[14].replace('\tほぼ達成した', '\tまあまあ');
      let error: unknown;
      try {
        planSheetImport(parseSheetFile(lines.join('\n')), options());
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SheetFileInvalid);
      expect((error as SheetFileInvalid).problems).toEqual([
        { line: 14, reason: expect.stringContaining('共通/課名の「農政課」は市民生活部の課にありません') },
        { line: 15, reason: expect.stringContaining('達成状況「まあまあ」は 高度に達成した、ほぼ達成した') },
      ]);
    });

    it('lets only the department head import the sheet', () => {
      expect(() => planSheetImport(parsed, options(shiminKacho))).toThrow(/only a department head/);
      expect(() =>
        planSheetImport(parsed, { ...options(), department: { name: '総務部', inYear: undefined } }),
      ).toThrow(/does not belong to 総務部/);
    });

    it("lets an administrator import any department's sheet, on behalf of its posts, and names them in the events", async () => {
      const admin = { userId: 'admin', role: 'admin' as const, sections: [] };
      const plan = planSheetImport(parsed, { ...options(admin) });
      await appendSheetImport(store, plan);
      const { events } = await store.readStream(`goal-${plan.goalIds[0]}`);
      expect(events.map((e) => e.metadata.actor)).toEqual(events.map(() => ({ userId: 'admin', role: 'admin' })));
      expect(events.every((e) => e.metadata.source === 'sheet-import')).toBe(true);
    });

    it('reads the department from 職名 and what to register from the sheet', () => {
      expect(departmentOfSheet(parsed)).toBe('市民生活部');
      expect(departmentOfSheet({ ...parsed, headTitle: '教育委員会事務局長' })).toBe('教育委員会事務局');
      expect(departmentOfSheet({ ...parsed, headTitle: '会計管理者' })).toBeUndefined();
      expect(departmentRegistrationOf(parsed, '市民生活部')).toEqual({
        department: '市民生活部',
        headTitle: '市民生活部長',
        headName: '沢柳和彦',
        // In the order the sheet first names them; 共通 is no section.
        sections: ['市民課', '経済課', '協働コミュニティ課', '文化振興課', '人権平和課', 'スポーツ振興課'],
        effectiveFrom: '2022-04-01',
        fiscalYear: 2022,
      });
    });

    it('refuses a department the directory does not know to a planner given no registration, naming the 職名 line', () => {
      const admin = { userId: 'admin', role: 'admin' as const, sections: [] };
      expect(() =>
        planSheetImport(parsed, { ...options(admin), department: { name: '総務部', inYear: undefined } }),
      ).toThrow(/8行目: 総務部は組織の登録にない部です/);
    });
  });
});
