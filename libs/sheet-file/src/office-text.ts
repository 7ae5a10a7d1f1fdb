/**
 * Text files as Japanese offices save them. Excel on a Japanese Windows writes "CSV (コンマ区切り)" and
 * "テキスト (タブ区切り)" in Shift_JIS — in fact Microsoft's CP932, which adds the NEC and IBM extensions
 * (①, Ⅰ, 髙, 﨑) and maps 0x8160 to U+FF5E ～ rather than JIS's wave dash; "CSV UTF-8" writes UTF-8 with a BOM,
 * and "Unicode テキスト" UTF-16LE with a BOM. Nothing in the file says which, so the bytes decide: a BOM if
 * there is one, else UTF-8 if the bytes are valid UTF-8 (Japanese text in CP932 almost never is), else CP932.
 *
 * CSV here is RFC 4180: fields separated by commas, quoted with double quotes when they hold a comma, a quote
 * or a line break, a quote inside doubled; records end in CRLF or LF.
 */
import iconv from 'iconv-lite';
import { InvalidInput } from '@goals/domain';

export type OfficeEncoding = 'utf-8' | 'cp932' | 'utf-16le';

export interface DecodedText {
  text: string;
  encoding: OfficeEncoding;
  /** Whether the bytes began with a byte order mark (removed from `text`). */
  bom: boolean;
}

/** Bytes that are neither UTF-8 nor CP932: the file was saved in some other encoding, or is not text. */
export class TextNotDecodable extends InvalidInput {
  constructor(
    readonly field: string,
    readonly offset: number,
  ) {
    super([
      {
        field,
        reason:
          `${offset + 1}バイト目が UTF-8 としても Shift_JIS (CP932) としても読めません。` +
          'Excel の「CSV UTF-8」か「テキスト (タブ区切り)」で保存し直してください',
      },
    ]);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes a file as an office saves text. `field` names the input in the error (e.g. '(body)' or 'file').
 * CP932 bytes that map to nothing (0xA0, 0xFD–0xFF, an unpaired lead byte) are refused rather than turned
 * into U+FFFD, so a binary or EUC-JP file is not imported as rows of replacement characters.
 */
export function decodeOfficeText(bytes: Uint8Array, field = '(body)'): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xff && buffer[1] === 0xfe)
    return { text: iconv.decode(buffer.subarray(2), 'utf-16le'), encoding: 'utf-16le', bom: true };
  const bom = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  try {
    return { text: strictUtf8.decode(bom ? buffer.subarray(3) : buffer), encoding: 'utf-8', bom };
  } catch {
    if (bom) throw new TextNotDecodable(field, firstInvalidUtf8(buffer));
  }
  const text = iconv.decode(buffer, 'cp932');
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) throw new TextNotDecodable(field, iconv.encode(text.slice(0, bad), 'cp932').length);
  return { text, encoding: 'cp932', bom: false };
}

/** Encodes text for an office: UTF-8 (with a BOM when asked, as Excel needs to see it is UTF-8) or CP932. */
export function encodeOfficeText(text: string, encoding: 'utf-8' | 'cp932', options: { bom?: boolean } = {}): Buffer {
  if (encoding === 'cp932') return iconv.encode(text, 'cp932');
  return Buffer.from((options.bom ? '\uFEFF' : '') + text, 'utf8');
}

/** Characters CP932 cannot hold (they would be written as '?'), so an export can refuse or warn. */
export function unencodableInCp932(text: string): string[] {
  const found = new Set<string>();
  for (const ch of text) if (ch !== '?' && iconv.decode(iconv.encode(ch, 'cp932'), 'cp932') !== ch) found.add(ch);
  return [...found];
}

function firstInvalidUtf8(buffer: Buffer): number {
  // Binary search on the longest valid prefix; only reached for a file that claims UTF-8 by its BOM.
  let lo = 0;
  let hi = buffer.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

export interface CsvRecord {
  /** 1-based line of the file on which the record starts (a quoted line break moves later records down). */
  line: number;
  cells: string[];
}

export interface CsvProblem {
  line: number;
  reason: string;
}

/** A CSV file that does not follow RFC 4180 where it matters: each problem names its line. */
export class CsvInvalid extends InvalidInput {
  constructor(readonly problems: CsvProblem[]) {
    super(problems.map((p) => ({ field: `line ${p.line}`, reason: p.reason })));
  }
}

export interface CsvParseOptions {
  /** ',' unless told; '\t' reads Excel's tab-separated text, which quotes the same way. */
  delimiter?: string;
  /** Take away the quote neutraliseFormula put before a formula-like cell (for this service's own CSV). */
  restoreNeutralised?: boolean;
}

/**
 * Parses CSV into records with their line numbers. A blank line is a record of one empty cell, so a
 * layout with blank lines (the sheet's) keeps its line numbers; the newline at the end of the file
 * does not start another record. Refused: a quoted field never closed, and text after a closing quote.
 */
export function parseCsv(text: string, options: CsvParseOptions = {}): CsvRecord[] {
  const delimiter = options.delimiter ?? ',';
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let line = 1;
  let recordLine = 1;
  let cells: string[] = [];
  let cell = '';
  let started = false;
  let i = 0;
  const restore = options.restoreNeutralised ? restoreNeutralised : (c: string) => c;
  const endCell = () => {
    cells.push(restore(cell));
    cell = '';
  };
  const endRecord = () => {
    endCell();
    records.push({ line: recordLine, cells });
    cells = [];
    started = false;
  };
  while (i < input.length) {
    const c = input[i];
    started = true;
    if (c === '"' && cell === '') {
      const openedOn = line;
      i++;
      let closed = false;
      while (i < input.length) {
        const q = input[i];
        if (q === '"') {
          if (input[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          closed = true;
          i++;
          break;
        }
        if (q === '\r' && input[i + 1] === '\n') {
          cell += '\r\n';
          i += 2;
          line++;
          continue;
        }
        if (q === '\n' || q === '\r') line++;
        cell += q;
        i++;
      }
      if (!closed) {
        problems.push({
          line: openedOn,
          reason: 'この行で始まる " の欄が閉じられていません。欄の終わりに " を入れてください',
        });
        break;
      }
      const next = input[i];
      if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
        problems.push({ line, reason: '" で閉じた欄の後に文字があります。欄の中の " は "" と二つ重ねてください' });
        // Skip to the end of the record, so later records are still checked.
        while (i < input.length && input[i] !== '\n' && input[i] !== '\r') i++;
      }
      continue;
    }
    if (c === delimiter) {
      endCell();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    cell += c;
    i++;
  }
  if (started) endRecord();
  if (problems.length) throw new CsvInvalid(problems);
  return records;
}

export interface CsvWriteOptions {
  /** Start with a BOM, which Excel needs to read UTF-8 (default true). */
  bom?: boolean;
  /** Record separator; CRLF as RFC 4180 and Excel (default). */
  newline?: '\r\n' | '\n';
  /** Neutralise cells a spreadsheet would run as formulas (default true); see neutraliseFormula. */
  neutraliseFormulas?: boolean;
}

/** Writes records as CSV: quoted only where needed, every record ended by the newline. */
export function writeCsv(rows: ReadonlyArray<ReadonlyArray<string>>, options: CsvWriteOptions = {}): string {
  const newline = options.newline ?? '\r\n';
  const neutralise = options.neutraliseFormulas ?? true;
  const quote = (raw: string) => {
    const cell = neutralise ? neutraliseFormula(raw) : raw;
    return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  };
  return ((options.bom ?? true) ? '\uFEFF' : '') + rows.map((cells) => cells.map(quote).join(',') + newline).join('');
}

/**
 * OWASP's CSV injection guidance: a cell starting with =, +, -, @, tab or CR is run by Excel as a formula
 * (=HYPERLINK(...) sends the reader elsewhere, =cmd|... ran commands), so it is written with a leading
 * single quote, which Excel shows as text. Cells that already start with quotes before such a character get
 * one more, so restoreNeutralised can take exactly one away and every text survives the round trip.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** Dashes alone (the sheet's underline rows) cannot call anything, and a quote before them would show. */
const DASHES_ONLY = /^-+$/;

export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) && !DASHES_ONLY.test(cell) ? `'${cell}` : cell;
}

/** The inverse of neutraliseFormula, for reading back a CSV this service wrote. */
export function restoreNeutralised(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
