/**
 * ExcelJS, loaded on first use (~15 MB once loaded): most app processes never write a workbook; reading uploads happens
 * in the parse worker, which loads its own.
 */
import type ExcelJS from 'exceljs';

let loaded: Promise<typeof ExcelJS> | undefined;

export function loadExcel(): Promise<typeof ExcelJS> {
  loaded ??= import('exceljs').then((m) => m.default);
  return loaded;
}
