/**
 * Workbooks an attacker sends to the import: small on the wire, costly to read. Written byte by byte
 * (a zip of the few parts an .xlsx needs), so a test builds one in milliseconds and shapes its XML as
 * no spreadsheet program would.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

/** Four sheets, one cell each in Excel's last row and column: tiny on disk, a billion cells to a naive reader. */
export async function sparseHostileWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const name of ['一', '二', '三', '四']) {
    const sheet = workbook.addWorksheet(name);
    sheet.getCell('A1').value = '番号';
    sheet.getCell('XFD1048576').value = 'x';
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * One worksheet of `rows` × `columns` cells holding 1, inside the sheet the dimension check allows
 * (5,000 × 64) when `addressed`. Without addresses (`<row>`, `<c>` with no `r`, as the format allows)
 * the check counts nothing: 20,000 rows of 40 cells zip to about 50 KB, under the default body limit,
 * and cost exceljs seconds of work before it gives up on them.
 */
export function costlyWorkbook({
  rows,
  columns,
  addressed,
  empty = false,
}: {
  rows: number;
  columns: number;
  addressed: boolean;
  /** Cells without a value (`<c/>`, four bytes each): the most cells exceljs builds per byte unpacked. */
  empty?: boolean;
}): Buffer {
  const letters = (n: number): string =>
    (n > 26 ? letters(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));
  const row = (r: number) =>
    addressed
      ? `<row r="${r}">${Array.from({ length: columns }, (_, c) => `<c r="${letters(c + 1)}${r}"><v>1</v></c>`).join('')}</row>`
      : `<row>${(empty ? '<c/>' : '<c><v>1</v></c>').repeat(columns)}</row>`;
  const sheetData = Array.from({ length: rows }, (_, i) => row(i + 1)).join('');
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zipOf({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '</Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/>` +
      '</Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      `<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="整理表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>` +
      '</Relationships>',
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${main}"><sheetData>${sheetData}</sheetData></worksheet>`,
  });
}

/** A zip of deflated entries, as Excel writes one (no ZIP64, no data descriptors). */
export function zipOf(entries: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const raw = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const data = deflateRawSync(raw);
    const fileName = Buffer.from(name, 'utf8');
    const header = (signature: number, size: number) => {
      const h = Buffer.alloc(size);
      h.writeUInt32LE(signature, 0);
      return h;
    };
    const local = header(0x04034b50, 30);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = header(0x02014b50, 46);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
