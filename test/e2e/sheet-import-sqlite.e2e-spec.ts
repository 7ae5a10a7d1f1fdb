import { sheetImportEndToEnd } from './sheet-import.e2e';

sheetImportEndToEnd('SQLite event store');
