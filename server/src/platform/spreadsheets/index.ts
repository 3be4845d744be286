/** Spreadsheets: import (template, worker parsing, row-level report, all-or-nothing commit) and export. */
export { registerImports } from './imports.routes.ts';
export type { ImportKind } from './import-kind.ts';
export { defineSheet, type ColumnSpec, type RowError, type SheetSpec } from './sheet.ts';
export { loadExcel } from './excel.ts';
export { writeExport, contentDisposition, keysetPages, CONTENT_TYPES, type ExportColumn } from './export.ts';
