export * from './sheet-document';
export * from './sheet-file.parse';
export * from './sheet-file.export';
export * from './sheet-import';
export * from './office-text';
export * from './sheet-file.read';
export * from './workbook-cells';
