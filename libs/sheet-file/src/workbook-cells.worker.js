// @ts-check
/**
 * The one place exceljs parses a workbook a person sent, in a worker thread started by
 * `workbookCells` (workbook-cells.ts) with a memory limit and a timeout: exceljs builds every row and
 * cell up to the last one a sheet names, and a file crafted for it can take seconds and gigabytes,
 * which on the main thread would stop every other request. Only a plain matrix goes back: each
 * worksheet's name and its rows of cell texts, a date as the day it is ({ day: 'YYYY-MM-DD' }, shown
 * in 和暦 by the caller). The worker stays, exceljs loaded, for the next workbook until it is ended.
 *
 * Plain CommonJS on purpose: a worker is loaded by Node itself, not by Jest's transform or the swc
 * require hook, so this file runs as it is under Jest, `npm start` and the built dist alike.
 */
'use strict';
const { parentPort } = require('node:worker_threads');
const ExcelJS = require('exceljs');

/** @typedef {import('exceljs').CellValue} CellValue */

/**
 * Whatever exceljs trips over in a damaged or crafted file, while loading it or walking its cells,
 * answers as a file it cannot read (a 400 for the person), never as a failure of the service.
 * @param {Uint8Array} bytes
 */
async function read(bytes) {
  try {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { worksheets: workbook.worksheets.map((worksheet) => ({ name: worksheet.name, rows: rowsOf(worksheet) })) };
  } catch {
    return { unreadable: true };
  }
}

/**
 * Rows as Excel numbers them (the first is row 1), without the empty cells at a row's end.
 * @param {import('exceljs').Worksheet} worksheet
 */
function rowsOf(worksheet) {
  const rows = [];
  for (let r = 1; r <= worksheet.rowCount; r++) {
    const row = worksheet.getRow(r);
    const cells = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      cells.push(valueText(cell.value, cell.numFmt));
    }
    while (cells.length > 1 && cells[cells.length - 1] === '') cells.pop();
    rows.push(cells.length ? cells : ['']);
  }
  return rows;
}

/**
 * A cell as the text a person sees in it: rich text joined, a formula's last result, a hyperlink's
 * text; a date as the day Excel stores (without a zone: exceljs gives that day at 00:00 UTC).
 * @param {CellValue} value
 * @param {string | undefined} [numFmt]
 * @returns {string | { day: string }}
 */
function valueText(value, numFmt) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  // 番号 typed as a number; いつまで typed as 2 with the format 0"月" shows 2月.
  if (typeof value === 'number') return /"月"/.test(numFmt ?? '') ? `${value}月` : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return { day: value.toISOString().slice(0, 10) };
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = /** @type {{ result?: CellValue }} */ (value).result;
    return result === undefined ? '' : valueText(result, numFmt);
  }
  if ('text' in value && 'hyperlink' in value)
    return typeof value.text === 'string' ? value.text : valueText(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

parentPort?.on('message', (/** @type {{ bytes: Uint8Array }} */ { bytes }) =>
  read(bytes).then((answer) => parentPort?.postMessage(answer)),
);
