/**
 * A table file (the roster, an old 整理表) as a person chose it: its bytes, sent as they are, and its
 * text read the way the api reads it, to show the file beside the api's refusals line by line.
 */
export interface TableFile {
  name: string;
  bytes: ArrayBuffer;
  /** xlsx is sent as it is and not shown. */
  format: 'csv' | 'tsv' | 'xlsx';
  encoding: 'UTF-8' | 'Shift_JIS' | '';
  /** Lines as the file numbers them (1 = the first), each split into cells. */
  lines: string[][];
}
/** The roster page's name for it. */
export type RosterFile = TableFile;

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type the api reads the file as. */
export function contentTypeOf(file: TableFile): string {
  return file.format === 'xlsx' ? XLSX_CONTENT_TYPE : file.format === 'tsv' ? 'text/tab-separated-values' : 'text/csv';
}

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8; otherwise Shift_JIS, as Japanese Excel saves CSV. */
export async function readTableFile(file: File): Promise<TableFile> {
  const bytes = await file.arrayBuffer();
  const head = new Uint8Array(bytes.slice(0, 4));
  // An .xlsx is a zip: PK\x03\x04.
  if (/\.xlsx$/i.test(file.name) || (head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4))
    return { name: file.name, bytes, format: 'xlsx', encoding: '', lines: [] };
  let text: string;
  let encoding: TableFile['encoding'] = 'UTF-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('shift_jis').decode(bytes);
    encoding = 'Shift_JIS';
  }
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const format = /\.tsv$|\.txt$/i.test(file.name) || firstLine.includes('\t') ? 'tsv' : 'csv';
  return { name: file.name, bytes, format, encoding, lines: splitRecords(text, format === 'tsv' ? '\t' : ',') };
}

export const readRosterFile = readTableFile;

/** RFC 4180 records (quoted cells may hold separators and line breaks), for showing the file beside its errors. */
function splitRecords(text: string, separator: string): string[][] {
  const lines: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      lines.push(cells);
      cells = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    lines.push(cells);
  }
  return lines;
}

/** "3行目 職員番号" (or "line 3") → line 3, column 職員番号; "(body)" → the file as a whole. */
export function problemPlace(field: string): { line?: number; column?: string } {
  const m = /^(?:(\d+)行目|line (\d+))(?:\s+(.+))?$/.exec(field);
  return m ? { line: Number(m[1] ?? m[2]), column: m[3] } : {};
}
