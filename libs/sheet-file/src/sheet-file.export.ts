/**
 * Writes a sheet in the fixture's layout: as tab-separated text (what the office's spreadsheet
 * exports), as CSV for Excel (UTF-8 with a BOM, or Excel misreads the Japanese, and RFC 4180
 * quoting), and as an XLSX workbook.
 *
 * The CSV is opened by double-click in Excel, which runs a cell starting with = + - @ as a formula, so
 * such cells get a leading quote (OWASP's CSV injection advice) that the import takes off again. The
 * workbook needs none: its cells are typed, and text is stored as text. The tab-separated text is
 * neutralised the same way: auditors download it and open it in Excel, which runs its formulas just as
 * well. Its underline rows (dashes only) call nothing and stay as the office wrote them.
 */
import ExcelJS from 'exceljs';
import { fiscalYearLabel, formatWareki } from '@goals/domain';
import { neutraliseFormula, writeCsv } from './office-text';
import {
  HEADER_CELLS,
  SECTION_SEPARATOR,
  SheetDocument,
  MID_YEAR_HEADER,
  STATE_HEADER,
  TITLE_SUFFIX,
} from './sheet-document';

export const MID_YEAR_CELL = MID_YEAR_HEADER;
const MID_YEAR_SHEET_HEADER = ['回', '番号', '実施項目', '課名', '進捗状況', '進捗コメント', '報告の状態'];

/** The paper sheet prints about six goals a page; the header row repeats on each. */
export const DEFAULT_ROWS_PER_PAGE = 6;

/** The sheet as rows of cells, blank lines included, exactly as the pages lay it out. */
export function sheetRows(doc: SheetDocument): string[][] {
  const layout = doc.layout ?? {};
  const createdOn = formatWareki(doc.createdOn);
  const rows: string[][] = [
    [''],
    [''],
    layout.title ? layout.title.split('\t') : [`${fiscalYearLabel(doc.fiscalYear)} ${TITLE_SUFFIX}`],
    [''],
    ['作成日', createdOn],
    layout.createdOnUnderline ?? underline(['作成日', createdOn]),
    [''],
    ['職名', doc.headTitle, '氏名', doc.headName],
    layout.headUnderline ?? underline(['職名', doc.headTitle, '氏名', doc.headName]),
    [''],
  ];
  // The 中間報告 column follows 達成状況 only once a report was received, so a sheet without one keeps
  // the office's eight columns, byte for byte.
  const midYear = doc.goals.some((g) => g.midYear !== undefined);
  const pages = pageSizes(doc.goals.length, layout.rowsPerPage);
  const withState = doc.goals.some((g) => g.state !== undefined);
  let next = 0;
  pages.forEach((size, page) => {
    if (page > 0) rows.push(['']);
    rows.push([...HEADER_CELLS, ...(withState ? [STATE_HEADER] : []), ...(midYear ? [MID_YEAR_CELL] : [])]);
    for (const goal of doc.goals.slice(next, next + size))
      rows.push([
        String(goal.number),
        goal.title,
        goal.category,
        goal.targetLevel,
        goal.method,
        `${goal.deadlineMonth}月`,
        goal.sections.join(SECTION_SEPARATOR),
        goal.achievement ?? '',
        ...(withState ? [goal.state ?? ''] : []),
        ...(midYear ? [goal.midYear ?? ''] : []),
      ]);
    next += size;
  });
  return rows;
}

/**
 * Tab-separated, as the fixture, no final newline. A cell's line breaks are kept as Excel writes them:
 * inside a quoted cell, so pasting the file into Excel or importing it again gives the same lines. A
 * cell that starts with a double quote is quoted too, so reading it back cannot take the quotes for
 * quoting. Tabs cannot be typed into a cell (they become spaces), but are flattened here all the same.
 */
export function toTsv(doc: SheetDocument): string {
  const cellText = (c: string) => {
    // A formula-like cell gets the leading quote the import takes off again, as in the CSV: auditors
    // open this file in Excel too.
    const cell = neutraliseFormula(c.replace(/\t/g, ' ').replace(/\r\n?/g, '\n'));
    return cell.startsWith('"') || cell.includes('\n') ? `"${cell.replace(/"/g, '""')}"` : cell;
  };
  return sheetRows(doc)
    .map((cells) => cells.map(cellText).join('\t'))
    .join('\n');
}

/** CSV for Excel: BOM, CRLF, fields quoted when they hold a comma, quote or line break, formulas neutralised. */
export function toCsv(doc: SheetDocument): string {
  return writeCsv(sheetRows(doc));
}

export async function toXlsx(doc: SheetDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(fiscalYearLabel(doc.fiscalYear), {
    pageSetup: { orientation: 'landscape', paperSize: 9 },
  });
  sheet.columns = [6, 28, 12, 48, 48, 10, 22, 14, 36].map((width) => ({ width }));
  for (const cells of sheetRows(doc)) {
    const row = sheet.addRow(cells);
    if (cells[0] === HEADER_CELLS[0]) row.font = { bold: true };
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  if (doc.midYearLines?.length) {
    const reports = workbook.addWorksheet(MID_YEAR_CELL, { pageSetup: { orientation: 'landscape', paperSize: 9 } });
    reports.columns = [10, 6, 28, 16, 10, 60, 14].map((width) => ({ width }));
    reports.addRow(MID_YEAR_SHEET_HEADER).font = { bold: true };
    for (const l of doc.midYearLines)
      reports.addRow([l.window, l.number, l.title, l.section, l.progress, l.comment, l.status]).alignment = {
        wrapText: true,
        vertical: 'top',
      };
  }
  if (doc.achievementScale) {
    const { levels, achieved, notAssessable } = doc.achievementScale;
    const scale = workbook.addWorksheet(SCALE_SHEET, { pageSetup: { orientation: 'portrait', paperSize: 9 } });
    scale.columns = [6, 30, 24].map((width) => ({ width }));
    scale.addRow(['順位', '達成状況', '達成率での扱い']).font = { bold: true };
    levels.forEach((level, i) => scale.addRow([i + 1, level, achieved.includes(level) ? '達成' : '未達成']));
    if (notAssessable) scale.addRow([null, notAssessable, '数えない（評価不能）']);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The workbook's worksheet naming the year's levels, best first, and how the 達成率 counts each. */
export const SCALE_SHEET = '達成度の区分';

function pageSizes(goals: number, kept: number[] | undefined): number[] {
  if (kept && kept.reduce((a, b) => a + b, 0) === goals) return kept.filter((n, i) => n > 0 || i === 0);
  const pages: number[] = [];
  for (let left = goals; left > 0; left -= DEFAULT_ROWS_PER_PAGE) pages.push(Math.min(DEFAULT_ROWS_PER_PAGE, left));
  return pages.length ? pages : [0];
}

function underline(cells: string[]): string[] {
  // Roughly the printed width: full-width characters count double.
  return cells.map((c) =>
    '-'.repeat(Math.max(4, [...c].reduce((w, ch) => w + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0) - 2)),
  );
}
