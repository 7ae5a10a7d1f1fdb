import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { InvalidInput } from '@goals/domain';
import {
  ParsedSheet,
  parseSheetCsv,
  parseSheetFile,
  readSheetFile,
  SheetFileInvalid,
  sheetRows,
  toCsv,
  toTsv,
  toXlsx,
  zipUnpackedSize,
} from '@goals/sheet-file';

// A sheet written for these tests (not the 市民生活部 fixture): 令和3年度 総務部, with CP932-only
// characters (髙, 﨑, ①), a ～, a method starting with '-', and a title holding a comma and quotes.
const text = readFileSync(join(__dirname, '../../../test/fixtures/r3-general-affairs-dept-sheet.txt'), 'utf8');
const sheet = parseSheetFile(text);
const TSV = 'text/tab-separated-values';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What the sheet says, without where it said it: the same for every format. */
const contentOf = (s: ParsedSheet) => ({
  fiscalYear: s.fiscalYear,
  createdOn: s.createdOn,
  headTitle: s.headTitle,
  headName: s.headName,
  goals: s.goals.map(({ line: _line, ...goal }) => goal),
});

async function problemsOf(read: Promise<unknown>): Promise<Array<{ line: number; reason: string }>> {
  try {
    await read;
  } catch (error) {
    if (error instanceof SheetFileInvalid) return error.problems;
    throw error;
  }
  throw new Error('the file was accepted');
}

/** A workbook as a person makes one in Excel: no blank rows, numbers as numbers, the date as a date. */
async function plainWorkbook(edit: (rows: unknown[][]) => void = () => undefined): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('メモ').addRow(['前年度の資料']);
  const ws = workbook.addWorksheet('総務部');
  const rows: unknown[][] = [
    ['令和3年度 組織目標展開整理表（部の組織目標）'],
    ['作成日', new Date(Date.UTC(2021, 3, 1))],
    ['職名', '総務部長', '氏名', '髙橋一郎'],
    [...sheetRows(sheet)[10]],
    ...sheet.goals.map((g) => [
      g.number,
      g.title,
      g.category,
      g.targetLevel,
      g.method,
      g.deadlineMonth,
      g.sections.join('、'),
      g.achievement,
    ]),
  ];
  edit(rows);
  for (const row of rows) ws.addRow(row);
  // いつまで typed as a number shown as 3月, as people format a month column.
  ws.getColumn(6).numFmt = '0"月"';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('reading a sheet file whatever Excel saved it as', () => {
  it('reads the tab-separated text in UTF-8, with a BOM, and in Shift_JIS (CP932) alike', async () => {
    const utf8 = await readSheetFile(Buffer.from(text, 'utf8'), 'text/tab-separated-values');
    expect(utf8).toMatchObject({ format: 'tsv', encoding: 'utf-8' });
    expect(contentOf(utf8.sheet)).toEqual(contentOf(sheet));
    expect(sheet.goals).toHaveLength(7);
    expect(sheet.headName).toBe('髙橋一郎');
    expect(sheet.goals[2]).toMatchObject({
      method: '- 各課の業務量を調査する - 類似団体と比較する',
      sections: ['人事課', '総務課'],
      line: 14,
    });

    const bom = await readSheetFile(Buffer.from('\uFEFF' + text, 'utf8'), 'text/plain');
    expect(contentOf(bom.sheet)).toEqual(contentOf(sheet));

    const sjis = await readSheetFile(iconv.encode(text, 'cp932'), 'text/tab-separated-values');
    expect(sjis).toMatchObject({ format: 'tsv', encoding: 'cp932' });
    expect(contentOf(sjis.sheet)).toEqual(contentOf(sheet));
    expect(sjis.sheet.goals[0].method).toBe('①文書管理システムの改修 ②各課への説明会（4月～6月）');
  });

  it('reads back the CSV the service exports, in UTF-8 or re-saved by Excel in Shift_JIS, whatever the content type says', async () => {
    const csv = toCsv(sheet);
    for (const [bytes, type] of [
      [Buffer.from(csv, 'utf8'), 'text/csv'],
      [iconv.encode(csv.replace(/^\uFEFF/, ''), 'cp932'), 'application/vnd.ms-excel'],
      [Buffer.from(csv, 'utf8'), 'text/plain'],
    ] as const) {
      const read = await readSheetFile(bytes, type);
      expect(read.format).toBe('csv');
      expect(contentOf(read.sheet)).toEqual(contentOf(sheet));
      expect(sheetRows(read.sheet)).toEqual(sheetRows(sheet));
    }
  });

  it('reads back the service’s own workbook, and a plain one-sheet workbook with the same columns', async () => {
    const own = await readSheetFile(await toXlsx(sheet), 'application/octet-stream');
    expect(own).toMatchObject({ format: 'xlsx', worksheet: '令和3年度' });
    expect(contentOf(own.sheet)).toEqual(contentOf(sheet));
    expect(sheetRows(own.sheet)).toEqual(sheetRows(sheet));

    const plain = await readSheetFile(await plainWorkbook(), '');
    expect(plain).toMatchObject({ format: 'xlsx', worksheet: '総務部' });
    expect(contentOf(plain.sheet)).toEqual(contentOf(sheet));
    expect(plain.sheet.goals.map((g) => g.line)).toEqual([5, 6, 7, 8, 9, 10, 11]);
  });

  it('reads a sheet of a 平成 year, and writes it back in 平成', async () => {
    const heisei = text.replace('令和3年度', '平成30年度').replace('令和3年4月1日', '平成30年4月2日');
    const read = await readSheetFile(iconv.encode(heisei, 'cp932'), TSV);
    expect(read.sheet).toMatchObject({ fiscalYear: 2018, createdOn: '2018-04-02' });
    const { layout: _kept, ...withoutLayout } = read.sheet;
    expect(toTsv(withoutLayout).split('\n').slice(2, 5)).toEqual([
      '平成30年度 組織目標展開整理表（部の組織目標）',
      '',
      '作成日\t平成30年4月2日',
    ]);
  });

  it('names the real line of the file: after quoted line breaks in CSV, in Shift_JIS text, and the worksheet row', async () => {
    const multiline = {
      ...sheet,
      goals: sheet.goals.map((g, i) =>
        i === 0 ? { ...g, method: '①改修する。\r\n②説明会を開く。\r\n③運用する。' } : g,
      ),
    };
    // Goal 1 is on line 12 and spans three lines, so goal 2 starts on line 15 of the file, not record 13.
    const badMonth = toCsv(multiline).replace(',2月,人事課,', ',13月,人事課,');
    expect(await problemsOf(readSheetFile(Buffer.from(badMonth, 'utf8'), 'text/csv'))).toEqual([
      { line: 15, reason: 'いつまで「13月」は1〜12月で指定してください' },
    ]);

    const sjis = iconv.encode(text.replace('\t12月\t', '\t十二月\t').replace('\t高度に達成した\n', '\t\n'), 'cp932');
    expect(await problemsOf(readSheetFile(sjis, 'text/tab-separated-values'))).toEqual([
      { line: 14, reason: 'いつまで「十二月」は「2月」のように1〜12の月で書いてください' },
    ]);

    const workbook = await plainWorkbook((rows) => {
      rows[5][0] = 3;
      rows[7].splice(6, 1, '');
    });
    expect(await problemsOf(readSheetFile(workbook, XLSX))).toEqual([
      { line: 6, reason: 'シート「総務部」: 番号3は順番が違います。ここは2です（番号は1から順に振ってください）' },
      { line: 8, reason: expect.stringMatching(/^シート「総務部」: 共通\/課名が空です。/) },
    ]);
  });

  it('refuses what it cannot read with what to do next, and an .xls by its signature', async () => {
    const reasonOf = async (bytes: Buffer, type = '') => {
      try {
        await readSheetFile(bytes, type);
      } catch (error) {
        return (error as { errors: Array<{ field: string; reason: string }> }).errors;
      }
      return [];
    };
    expect(await reasonOf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toEqual([
      { field: '(body)', reason: expect.stringContaining('.xls') },
    ]);
    expect(await reasonOf(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toEqual([
      { field: '(body)', reason: expect.stringContaining('.xlsx ファイルとして開けません') },
    ]);
    expect(await reasonOf(Buffer.alloc(0), 'text/csv')).toEqual([
      { field: '(ファイル)', reason: expect.stringContaining('ファイルが空です') },
    ]);
    const noTable = new ExcelJS.Workbook();
    noTable.addWorksheet('Sheet1').addRow(['hello']);
    expect(await reasonOf(Buffer.from(await noTable.xlsx.writeBuffer()), XLSX)).toEqual([
      { field: '(ファイル)', reason: expect.stringContaining('ワークシート 「Sheet1」 に表の見出し行') },
    ]);
    expect(await reasonOf(Buffer.from('"unclosed\n', 'utf8'), 'text/csv')).toEqual([
      { field: '1行目', reason: expect.stringContaining('閉じられていません') },
    ]);
  });
});

describe('formula-like cells (CSV injection)', () => {
  const hostile = '=HYPERLINK("http://evil","x")';
  const withFormulas = {
    ...sheet,
    goals: sheet.goals.map((g, i) =>
      i === 0
        ? { ...g, title: hostile }
        : i === 1
          ? { ...g, title: '@SUM(A1)', targetLevel: '+10%', method: '−5%（全角のマイナス）' }
          : g,
    ),
  };

  it('are neutralised in the CSV, and the import takes exactly that quote off again', () => {
    const csv = toCsv(withFormulas);
    expect(csv).toContain(`\r\n1,"'=HYPERLINK(""http://evil"",""x"")",行政改革,`);
    expect(csv).toContain("\r\n2,'@SUM(A1),施政方針,'+10%,−5%（全角のマイナス）,");
    // Text starting with '-' is neutralised too, and comes back as written; '-' inside a text is left alone.
    expect(csv).toContain(",'- 各課の業務量を調査する - 類似団体と比較する,");
    expect(csv).toContain(',−5%（全角のマイナス）,');
    // No cell starts with a formula character, but for the underline rows' dashes, which call nothing.
    expect(csv).not.toMatch(/(^|,)([=+@]|-(?!-*(,|\r$)))/m);
    expect(csv).toContain('\r\n-----,----------\r\n');
    const back = parseSheetCsv(csv);
    expect(back.goals.map((g) => [g.title, g.targetLevel, g.method])).toEqual(
      withFormulas.goals.map((g) => [g.title, g.targetLevel, g.method]),
    );
    expect(toCsv(back)).toBe(csv);
  });

  it('stay text in the workbook: exceljs stores them as strings, never as formulas', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(withFormulas)) as unknown as ArrayBuffer);
    const title = workbook.worksheets[0].getRow(12).getCell(2);
    expect(title.type).toBe(ExcelJS.ValueType.String);
    expect(title.value).toBe(hostile);
    expect(title.formula).toBeUndefined();
    const back = await readSheetFile(await toXlsx(withFormulas), XLSX);
    expect(back.sheet.goals[0].title).toBe(hostile);
  });

  it('are neutralised in the tab-separated text too (auditors open it in Excel), and come back whole on import', () => {
    const quoted = {
      ...withFormulas,
      goals: withFormulas.goals.map((g, i) => (i === 2 ? { ...g, title: '"書かない窓口"の試行' } : g)),
    };
    const tsv = toTsv(quoted);
    expect(tsv).toContain('\n1\t\'=HYPERLINK("http://evil","x")\t');
    expect(tsv).not.toMatch(/(^|\t)[=+@]/m);
    expect(tsv).toContain('\n3\t"""書かない窓口""の試行"\t');
    expect(parseSheetFile(tsv).goals.map((g) => g.title)).toEqual(quoted.goals.map((g) => g.title));
  });
});

describe('hostile workbooks', () => {
  /** A one-entry zip, by hand: local header, deflated data, central directory, end record. */
  function zipOf(name: string, content: Buffer, declaredSize = content.length): Buffer {
    const data = deflateRawSync(content);
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declaredSize, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declaredSize, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(0, 42);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(central.length + fileName.length, 12);
    end.writeUInt32LE(local.length + fileName.length + data.length, 16);
    return Buffer.concat([local, fileName, data, central, fileName, end]);
  }

  it('refuses one that unpacks past the cap before unpacking it, even when its sizes lie', async () => {
    const bomb = Buffer.alloc(25_000_000, 0x20);
    for (const declared of [bomb.length, 1000]) {
      const started = Date.now();
      await expect(readSheetFile(zipOf('xl/worksheets/sheet1.xml', bomb, declared), XLSX)).rejects.toMatchObject({
        errors: [{ field: '(body)', reason: expect.stringContaining('大きすぎます') }],
      });
      expect(Date.now() - started).toBeLessThan(2000);
    }
    expect(zipUnpackedSize(zipOf('a.txt', Buffer.from('hello')))).toBe(5);
  });

  it('answers a damaged workbook with a refusal, never another error', async () => {
    const good = await toXlsx(sheet);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: good.length - 1 }),
        fc.nat({ max: 255 }),
        fc.boolean(),
        async (at, byte, truncate) => {
          const bytes = Buffer.from(good);
          bytes[at] = byte;
          const read = readSheetFile(truncate ? good.subarray(0, Math.max(4, at)) : bytes, XLSX);
          // A change in a part exceljs ignores may still read; whatever fails, fails as bad input.
          await read.then(
            () => undefined,
            (error) => expect(error).toBeInstanceOf(InvalidInput),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
