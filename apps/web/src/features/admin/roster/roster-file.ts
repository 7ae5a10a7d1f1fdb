/** The roster file as the administrator chose it: its bytes, and its text read the way the api reads it. */
export interface RosterFile {
  name: string;
  bytes: ArrayBuffer;
  encoding: 'UTF-8' | 'Shift_JIS';
  /** Lines as the file numbers them (1 = the heading), each split into cells. */
  lines: string[][];
}

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8; otherwise Shift_JIS, as Japanese Excel saves CSV. */
export async function readRosterFile(file: File): Promise<RosterFile> {
  const bytes = await file.arrayBuffer();
  let text: string;
  let encoding: RosterFile['encoding'] = 'UTF-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('shift_jis').decode(bytes);
    encoding = 'Shift_JIS';
  }
  return { name: file.name, bytes, encoding, lines: splitCsv(text.replace(/^\uFEFF/, '')) };
}

/** RFC 4180 records (quoted cells may hold commas and line breaks), for showing the file beside its errors. */
function splitCsv(text: string): string[][] {
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
    else if (c === ',') {
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

/** "3行目 職員番号" → line 3, column 職員番号; "(body)" → the file as a whole. */
export function problemPlace(field: string): { line?: number; column?: string } {
  const m = /^(\d+)行目(?:\s+(.+))?$/.exec(field);
  return m ? { line: Number(m[1]), column: m[2] } : {};
}
