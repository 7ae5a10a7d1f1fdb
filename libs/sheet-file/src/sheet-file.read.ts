/**
 * A sheet file as it arrives, whatever Excel saved it as: tab-separated text or CSV (UTF-8, with or
 * without a BOM, or Shift_JIS/CP932 as Japanese Windows saves them) or an .xlsx workbook. The bytes
 * decide, with the content type as a hint only, because browsers and curl label files loosely (a
 * .csv uploaded from Windows often arrives as application/vnd.ms-excel, a workbook as octet-stream).
 */
import { inflateRawSync } from 'node:zlib';
import { formatWareki, InvalidInput } from '@goals/domain';
import { decodeOfficeText, OfficeEncoding } from './office-text';
import { HEADER_CELLS } from './sheet-document';
import {
  csvRecords,
  ParsedSheet,
  parseSheetRecords,
  SheetFileInvalid,
  SheetFileProblem,
  SheetRecord,
  tsvRecords,
} from './sheet-file.parse';
import { WorkbookBudget, WorkbookCell, WorkbookCells, workbookCells, WorkbookUnreadable } from './workbook-cells';

export type SheetFileFormat = 'tsv' | 'csv' | 'xlsx';

export interface ReadSheetFile {
  sheet: ParsedSheet;
  format: SheetFileFormat;
  /** For text: the encoding it was saved in. */
  encoding?: OfficeEncoding;
  /** For a workbook: the worksheet read. */
  worksheet?: string;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** Excel 97–2003 (.xls) and other OLE compound files. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

export function sheetFileFormatOf(bytes: Uint8Array, contentType = ''): SheetFileFormat | 'xls' {
  if (startsWith(bytes, ZIP)) return 'xlsx';
  if (startsWith(bytes, OLE)) return 'xls';
  return /csv|comma-separated/i.test(contentType) ? 'csv' : 'tsv';
}

export interface ReadSheetFileOptions {
  /** Collects the problems of single goal rows instead of refusing at once (see SheetRecordOptions). */
  rowProblems?: SheetFileProblem[];
  /** How long and how much memory reading an .xlsx may take (DEFAULT_WORKBOOK_BUDGET). */
  workbookBudget?: WorkbookBudget;
  /** The file's name, for a refusal that names it. */
  fileName?: string;
}

export async function readSheetFile(
  bytes: Buffer,
  contentType = '',
  options: ReadSheetFileOptions = {},
): Promise<ReadSheetFile> {
  const format = sheetFileFormatOf(bytes, contentType);
  if (format === 'xls')
    throw InvalidInput.of(
      '(body)',
      'Excel 97-2003 形式（.xls）は読めません。Excel で「Excel ブック (*.xlsx)」か「CSV UTF-8」で保存し直してください',
    );
  if (format === 'xlsx') return readWorkbook(bytes, options);
  if (bytes.length === 0)
    throw new SheetFileInvalid([
      { line: 0, reason: 'ファイルが空です。組織目標展開整理表を保存したファイルを送ってください' },
    ]);
  const { text, encoding } = decodeOfficeText(bytes);
  // The header row tells which separator the file really uses, whatever it was labelled.
  const separator = sniffSeparator(text) ?? (format === 'csv' ? ',' : '\t');
  const records = separator === ',' ? csvRecords(text) : tsvRecords(text);
  return { sheet: parseSheetRecords(records, options), format: separator === ',' ? 'csv' : 'tsv', encoding };
}

function sniffSeparator(text: string): ',' | '\t' | undefined {
  const tab = text.indexOf(`${HEADER_CELLS[0]}\t${HEADER_CELLS[1]}`);
  const comma = text.indexOf(`${HEADER_CELLS[0]},${HEADER_CELLS[1]}`);
  if (tab < 0 && comma < 0) return undefined;
  if (tab < 0) return ',';
  if (comma < 0) return '\t';
  return tab < comma ? '\t' : ',';
}

/**
 * The workbook the service exports, or a plain one-sheet workbook with the same rows: the first
 * worksheet holding the table's header row is read, rows numbered as Excel numbers them.
 */
async function readWorkbook(bytes: Buffer, options: ReadSheetFileOptions): Promise<ReadSheetFile> {
  const unpacked = zipUnpackedSize(bytes);
  if (unpacked === undefined) throw unreadableWorkbook();
  if (unpacked > MAX_WORKBOOK_UNPACKED_BYTES)
    throw InvalidInput.of(
      '(body)',
      `.xlsx の中身が大きすぎます（展開すると${MAX_WORKBOOK_UNPACKED_BYTES / 1e6}MB を超えます）。整理表のシートだけのブックにしてください`,
    );
  const sheetTooLargeJa = worksheetBeyondSheet(bytes);
  if (sheetTooLargeJa)
    throw InvalidInput.of('(body)', 'a worksheet reaches past the size a goal sheet can have', sheetTooLargeJa);
  let cells: WorkbookCells;
  try {
    cells = await workbookCells(bytes, options.workbookBudget, options.fileName);
  } catch (error) {
    throw error instanceof WorkbookUnreadable ? unreadableWorkbook() : error;
  }
  const sheets = cells.worksheets.map(({ name, rows }) => ({ name, records: recordsOf(rows) }));
  const chosen = sheets.find(({ records }) =>
    records.some((r) => r.cells[0]?.trim() === HEADER_CELLS[0] && r.cells[1]?.trim() === HEADER_CELLS[1]),
  );
  if (!chosen) {
    const names = sheets.map((w) => `「${w.name}」`).join('、') || '（なし）';
    throw new SheetFileInvalid([
      {
        line: 0,
        reason: `ワークシート ${names} に表の見出し行（番号、実施項目、…）がありません。組織目標展開整理表のシートを含むブックを送ってください`,
      },
    ]);
  }
  // Name the worksheet, so a person with a workbook of many sheets knows where to look.
  const named = (problems: SheetFileProblem[]) =>
    sheets.length > 1 ? problems.map((p) => ({ ...p, reason: `シート「${chosen.name}」: ${p.reason}` })) : problems;
  const collected: SheetFileProblem[] | undefined = options.rowProblems ? [] : undefined;
  try {
    const sheet = parseSheetRecords(chosen.records, { shortRowsAreBlank: true, rowProblems: collected });
    if (collected) options.rowProblems!.push(...named(collected));
    return { sheet, format: 'xlsx', worksheet: chosen.name };
  } catch (error) {
    if (error instanceof SheetFileInvalid) throw new SheetFileInvalid(named(error.problems));
    throw error;
  }
}

const unreadableWorkbook = () =>
  InvalidInput.of('(body)', '.xlsx ファイルとして開けません。壊れていないか確かめ、Excel で保存し直してください');

/**
 * The largest worksheet a 組織目標展開整理表 plausibly is: a department's goals (tens, a few hundred at
 * most) with the header repeated every page, in the sheet's 8 columns and some notes beside them. A
 * workbook reaching past this is refused before exceljs allocates it: exceljs builds every row and cell
 * up to the last one a sheet names, so one cell at XFD1048576 (2.4 KB of zip) cost 11 s and a gigabyte.
 */
export const MAX_SHEET_ROWS = 5_000;
export const MAX_SHEET_COLUMNS = 64;

/**
 * What a workbook's worksheets declare (<dimension ref>) and hold (<row r>, <c r>), read from their XML
 * before any parsing: the refusal, in Japanese, when one reaches past the plausible sheet.
 */
export function worksheetBeyondSheet(zip: Buffer): string | undefined {
  let problem: string | undefined;
  zipUnpackedSize(zip, MAX_WORKBOOK_UNPACKED_BYTES, (name, content) => {
    if (problem || !/^xl\/worksheets\/[^/]+\.xml$/.test(name)) return;
    const xml = content.toString('utf8');
    const extent = { rows: 0, columns: 0 };
    const reach = (column: string | undefined, row: string | undefined) => {
      if (column) extent.columns = Math.max(extent.columns, columnNumber(column));
      if (row) extent.rows = Math.max(extent.rows, Number(row));
    };
    const dimension = /<(?:\w+:)?dimension\b[^>]*\bref="([^"]*)"/.exec(xml)?.[1] ?? '';
    for (const [, column, row] of dimension.matchAll(/\$?([A-Z]{1,3})\$?(\d{1,7})/g)) reach(column, row);
    for (const [, row] of xml.matchAll(/<(?:\w+:)?row\b[^>]*?\br="(\d{1,7})"/g)) reach(undefined, row);
    for (const [, column, row] of xml.matchAll(/<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"/g)) reach(column, row);
    if (extent.rows > MAX_SHEET_ROWS || extent.columns > MAX_SHEET_COLUMNS)
      problem =
        `ブックのシート（${name.replace(/^xl\/worksheets\//, '')}）が整理表としては大きすぎます` +
        `（${extent.rows.toLocaleString('ja-JP')}行 × ${extent.columns.toLocaleString('ja-JP')}列まで使われています。` +
        `上限は ${MAX_SHEET_ROWS.toLocaleString('ja-JP')}行 × ${MAX_SHEET_COLUMNS}列）。` +
        '離れたセルに入力や書式がないか確かめ、整理表の範囲だけを新しいブックに貼り付けて保存し直してください';
  });
  return problem;
}

/** A → 1, Z → 26, AA → 27, XFD → 16384. */
function columnNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + (ch.charCodeAt(0) - 64), 0);
}

/**
 * A workbook is a zip, and a small zip can unpack to gigabytes (200 KB to 200 MB took exceljs 4 s and
 * 240 MB of memory here). A sheet's workbook unpacks to well under 1 MB, so every entry is inflated
 * first with a cap on its output (the sizes a zip declares can lie), and a workbook over the cap is
 * refused before exceljs sees it. Undefined: not a zip this code can read (ZIP64, an unknown method,
 * a broken entry), which exceljs could not read either.
 */
const MAX_WORKBOOK_UNPACKED_BYTES = 20_000_000;

export function zipUnpackedSize(
  zip: Buffer,
  limit = MAX_WORKBOOK_UNPACKED_BYTES,
  /** Sees each entry's name and unpacked bytes, as they are unpacked under the cap. */
  visit?: (name: string, content: Buffer) => void,
): number | undefined {
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  const LOCAL = 0x04034b50;
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--)
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  if (eocd < 0) return undefined;
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) return undefined;
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const local = zip.readUInt32LE(at + 42);
    if (compressed === 0xffffffff || local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) return undefined;
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + compressed > zip.length) return undefined;
    const data = zip.subarray(start, start + compressed);
    const name = zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28));
    if (method === 0) {
      total += compressed;
      if (visit && total <= limit) visit(name, data);
    } else if (method === 8) {
      try {
        const content = inflateRawSync(data, { maxOutputLength: limit - total + 1 });
        total += content.length;
        if (visit && total <= limit) visit(name, content);
      } catch (error) {
        // Over the cap (ERR_BUFFER_TOO_LARGE): report it as over; anything else is a broken entry.
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return limit + 1;
        return undefined;
      }
    } else return undefined;
    if (total > limit) return total;
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}

/** The worker's rows as records, a date as the 和暦 a person writes on the sheet. */
function recordsOf(rows: WorkbookCell[][]): SheetRecord[] {
  return rows.map((cells, i) => ({
    line: i + 1,
    cells: cells.map((cell) => (typeof cell === 'string' ? cell : dayText(cell.day))),
  }));
}

function dayText(day: string): string {
  try {
    return formatWareki(day);
  } catch {
    return day;
  }
}
