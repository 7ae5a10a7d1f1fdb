/**
 * A workbook that passes the dimension check and still costs seconds and memory to read: it is read in
 * a worker thread under a time and a memory limit, the caller's event loop turning meanwhile, and a
 * refusal that names the file in Japanese when the budget runs out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MAX_SHEET_COLUMNS,
  parseSheetFile,
  readSheetFile,
  toXlsx,
  WorkbookBeyondBudget,
  workbookCells,
  worksheetBeyondSheet,
} from '@goals/sheet-file';
import { costlyWorkbook } from '../../../test/support/hostile-workbooks';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('reading a workbook in a worker thread', () => {
  let heavy: Buffer;
  const sheetFile = () =>
    toXlsx(
      parseSheetFile(readFileSync(join(__dirname, '../../../test/fixtures/r3-general-affairs-dept-sheet.txt'), 'utf8')),
    );

  beforeAll(() => {
    // 2,000 rows of 64 cells: inside the plausible sheet, yet 128,000 cells for exceljs to build.
    heavy = costlyWorkbook({ rows: 2000, columns: MAX_SHEET_COLUMNS, addressed: true });
    expect(worksheetBeyondSheet(heavy)).toBeUndefined();
  });

  it('stops reading past its time, naming the file in Japanese, and reads the next workbook as before', async () => {
    const read = readSheetFile(heavy, XLSX, {
      // A tenth of a second: 128,000 cells take exceljs about half a second even on a quiet machine.
      workbookBudget: { timeoutMs: 100, memoryMb: 256 },
      fileName: '重い.xlsx',
    });
    await expect(read).rejects.toBeInstanceOf(WorkbookBeyondBudget);
    await expect(read).rejects.toMatchObject({
      limit: 'time',
      ja: expect.stringMatching(
        /^「重い\.xlsx」は0\.1秒以内に読み終わらなかったため、読むのをやめました（何も登録していません）/,
      ),
    });
    const next = await readSheetFile(await sheetFile(), XLSX);
    expect(next.sheet.goals).toHaveLength(7);
  });

  it('ends a worker that needs more memory than allowed, and reads the next workbook in a new one', async () => {
    const read = workbookCells(heavy, { timeoutMs: 120_000, memoryMb: 32 }, '重い.xlsx');
    await expect(read).rejects.toMatchObject({
      limit: 'memory',
      ja: expect.stringContaining('「重い.xlsx」は読むのに32MBを超えるメモリーが要るため、読むのをやめました'),
    });
    const next = await workbookCells(await sheetFile(), { timeoutMs: 120_000, memoryMb: 32 });
    expect(next.worksheets[0].rows.flat()).toContain('令和3年度 組織目標展開整理表（部の組織目標）');
  }, 150_000);

  it('leaves the event loop free while it reads: timers keep firing until the cells come back', async () => {
    let ticks = 0;
    let reading = true;
    const ticking = (async () => {
      while (reading) {
        ticks++;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const started = ticks;
    const cells = await workbookCells(heavy, { timeoutMs: 120_000, memoryMb: 256 });
    reading = false;
    await ticking;
    expect(cells.worksheets[0].rows).toHaveLength(2000);
    expect(cells.worksheets[0].rows[1999]).toEqual(Array.from({ length: MAX_SHEET_COLUMNS }, () => '1'));
    // A timer every 5 ms through a read of seconds: the thread only waits for the worker's answer.
    expect(ticks - started).toBeGreaterThan(20);
  }, 150_000);
});
