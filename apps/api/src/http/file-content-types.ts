import { XLSX_CONTENT_TYPE } from '@goals/sheet-file';

/**
 * Content types a sheet file may arrive with: the body parser hands each over as bytes
 * (strict-body.parsers), and the import route documents them.
 */
export const SHEET_FILE_CONTENT_TYPES = [
  'text/tab-separated-values',
  'text/plain',
  'text/csv',
  XLSX_CONTENT_TYPE,
  // What Windows and browsers label a .csv or an .xlsx they are unsure of.
  'application/vnd.ms-excel',
  'application/octet-stream',
];
