/** Test helpers for spreadsheet routes: raw uploads and xlsx builders. */
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import type { Agent, TestApp } from '../../test/harness.ts';
import { usccCheckChar } from '../../../../contracts/identifiers.ts';

/** POSTs raw bytes as a file upload. */
export function upload(
  t: TestApp,
  agent: Agent,
  url: string,
  payload: Buffer | string,
  contentType = 'application/octet-stream',
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, 'content-type': contentType },
    payload,
  });
}

/** An xlsx with one sheet of the given rows. */
export async function xlsxOf(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A valid unified social credit code ending in a serial number. */
export function uscc(n: number): string {
  const first17 = `91150102MA${String(n).padStart(7, '0')}`;
  return first17 + (usccCheckChar(first17) ?? '0');
}

/** Reads an xlsx export: header, rows, and how many cells hold formulas. */
export async function readXlsx(buffer: Buffer): Promise<{ rows: unknown[][]; formulas: number; types: number[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  const types: number[][] = [];
  let formulas = 0;
  ws.eachRow((row) => {
    const vals: unknown[] = [];
    const ts: number[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => {
      if (cell.type === ExcelJS.ValueType.Formula || cell.formula) formulas++;
      vals.push(cell.value);
      ts.push(cell.type);
    });
    rows.push(vals);
    types.push(ts);
  });
  return { rows, formulas, types };
}
