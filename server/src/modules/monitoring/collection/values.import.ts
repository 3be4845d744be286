/**
 * Spreadsheet entry of one county-year: the xlsx template (one row per indicator with last year's value and empty
 * value, source and note columns) and its upload (xlsx or CSV, parsed in the guarded worker). All rows or none: any
 * invalid row answers the row-level report and nothing is saved; a valid file is saved like PUT …/values.
 */
import { loadExcel } from '../../../platform/spreadsheets/index.ts';
import type { Framework, FrameworkNode, ValuesImportReport } from '../../../../../contracts/monitoring.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { parseInWorker } from '../../../platform/spreadsheets/parse.ts';
import type { Cell } from '../../../platform/spreadsheets/limits.ts';
import type { RowError } from '../../../platform/spreadsheets/sheet.ts';
import { indicatorsOf } from '../frameworks/frameworks.repository.ts';
import { listValues } from './values.repository.ts';
import { currentFramework, deadlineDate, resolveCounty, type FormKey } from './collection.service.ts';
import { writeFormCells, type ValueInput } from './forms.service.ts';
import { MAX_TEXT_LENGTH } from './validation.ts';

/** Template columns: Chinese header, English header (both accepted on upload), width. */
export const FORM_COLUMNS = [
  { key: 'code', header: '指标代码', headerEn: 'Indicator code', width: 14 },
  { key: 'dimension', header: '维度', headerEn: 'Dimension', width: 16 },
  { key: 'name', header: '指标名称', headerEn: 'Indicator', width: 40 },
  { key: 'unit', header: '单位', headerEn: 'Unit', width: 12 },
  { key: 'previous', header: '上年值', headerEn: 'Last year', width: 12 },
  { key: 'value', header: '本年值', headerEn: 'Value', width: 14 },
  { key: 'source', header: '数据来源', headerEn: 'Source', width: 24 },
  { key: 'note', header: '备注', headerEn: 'Note', width: 36 },
] as const;

type ColumnKey = (typeof FORM_COLUMNS)[number]['key'];

const MAX_FORM_ROWS = 1000;

/** The template of a county-year (GET …/template.xlsx). */
export async function buildFormTemplate(deps: Deps, caller: Caller, key: FormKey) {
  const { division } = await resolveCounty(deps, caller, key.division, 'monitoring:enter');
  const framework = await currentFramework(deps.db);
  const previous = new Map(
    (await listValues(deps.db, framework.code, key.division, key.period - 1)).map((r) => [r.indicator_code, r]),
  );
  const dimensions = new Map(framework.nodes.map((n) => [n.code, n.nameZh]));
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Qixian 旗县';
  const ws = wb.addWorksheet('填报数据', { views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }] });
  ws.columns = FORM_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getColumn(1).numFmt = '@';
  for (const n of indicatorsOf(framework)) {
    const prev = previous.get(n.code);
    const spec = n.spec!;
    const row = ws.addRow({
      code: n.code,
      dimension: dimensions.get(n.parentCode ?? '') ?? '',
      name: `${n.nameZh}${spec.valueType === 'text' ? `（文字，≤${MAX_TEXT_LENGTH}字）` : ''}${spec.optional ? '（选填）' : ''}`,
      unit: spec.unit,
      previous: prev ? (prev.value ?? prev.text_value ?? '') : '',
      value: null,
      source: '',
      note: '',
    });
    for (const k of ['code', 'dimension', 'name', 'unit', 'previous'] as const)
      row.getCell(k).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    const valueCell = row.getCell('value');
    if (spec.valueType === 'number')
      valueCell.dataValidation = {
        type: 'decimal',
        operator: 'between',
        allowBlank: true,
        formulae: [spec.min ?? -1e15, spec.max ?? 1e15],
        showErrorMessage: true,
        error: `请输入数字${spec.min !== null || spec.max !== null ? `（${spec.min ?? '-∞'} ~ ${spec.max ?? '+∞'}）` : ''}`,
      };
    else
      valueCell.dataValidation = {
        type: 'textLength',
        operator: 'lessThanOrEqual',
        allowBlank: true,
        formulae: [MAX_TEXT_LENGTH],
        showErrorMessage: true,
        error: `不超过 ${MAX_TEXT_LENGTH} 字`,
      };
  }
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [{ header: '说明', width: 110 }];
  notes.getRow(1).font = { bold: true };
  for (const line of [
    `旗县：${division.name}（${division.code}）  年份：${key.period}  指标体系：${framework.nameZh} v${framework.version}`,
    `填报截止日期：${deadlineDate(framework, key.period)}`,
    '请只填写“本年值”“数据来源”“备注”三列，不要修改指标代码；灰色列仅供参考。',
    '数值指标请填写数字（不带单位、不带千分位以外的符号）；文字指标不超过 200 字。',
    '本年值为空且来源、备注也为空的行不会修改已填数据。',
    '同比变化过大或与其他旗县差异很大的数值会提示预警，请在“备注”中说明原因。',
    '上传时先整体校验：任何一行有误则全部不保存，并给出逐行报告（行号、列名、原因）；也可另存为 CSV 上传。',
  ])
    notes.addRow([line]);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    buffer,
    fileName: `${division.name}${key.period}年监测数据填报模板.xlsx`,
    asciiName: `monitoring-${key.division}-${key.period}.xlsx`,
  };
}

function text(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  // Undo the neutralising quote of our own exports.
  return cell.replace(/^'(?=[=+\-@\t\r])/, '').trim();
}

/** A number from a cell: numbers as they are, text with thousands separators, else null (not a number). */
export function parseNumber(cell: Cell | undefined): number | null | 'invalid' {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : 'invalid';
  const t = cell.trim().replace(/,/g, '');
  if (t === '') return null;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return 'invalid';
  const n = Number(t);
  return Number.isFinite(n) ? n : 'invalid';
}

const norm = (h: Cell | undefined) =>
  String(h ?? '')
    .replace(/[\s*＊]/g, '')
    .toLowerCase();

/** Validates grid rows against the framework: the cells to write, or the row errors. */
export function readFormGrid(
  indicators: readonly FrameworkNode[],
  header: readonly Cell[],
  rows: readonly { row: number; cells: Cell[] }[],
): { cells: ValueInput[]; errors: RowError[]; rowCount: number } {
  const index = new Map<ColumnKey, number>();
  header.forEach((h, i) => {
    const col = FORM_COLUMNS.find((c) => norm(c.header) === norm(h) || norm(c.headerEn) === norm(h));
    if (col && !index.has(col.key)) index.set(col.key, i);
  });
  const missing = FORM_COLUMNS.filter((c) => (c.key === 'code' || c.key === 'value') && !index.has(c.key));
  if (missing.length > 0)
    return {
      cells: [],
      rowCount: 0,
      errors: missing.map((c) => ({
        row: 1,
        column: c.header,
        message: `缺少“${c.header}”列，请使用下载的填报模板`,
        messageEn: `Missing column "${c.headerEn}"; use the template`,
      })),
    };
  const at = (cells: Cell[], k: ColumnKey) => {
    const i = index.get(k);
    return i === undefined ? undefined : cells[i];
  };
  const byCode = new Map(indicators.map((n) => [n.code, n]));
  const firstRow = new Map<string, number>();
  const cells: ValueInput[] = [];
  const errors: RowError[] = [];
  let rowCount = 0;
  for (const r of rows) {
    const code = text(at(r.cells, 'code'));
    const rawValue = at(r.cells, 'value');
    const source = text(at(r.cells, 'source'));
    const note = text(at(r.cells, 'note'));
    if (r.cells.every((c) => text(c) === '')) continue;
    rowCount++;
    const err = (column: string, message: string, messageEn: string) =>
      errors.push({ row: r.row, column, message, messageEn });
    const node = byCode.get(code);
    if (!node?.spec) {
      err(
        '指标代码',
        code ? `指标代码 ${code} 不在当前指标体系中` : '指标代码未填写',
        code ? `Unknown indicator ${code}` : 'Indicator code missing',
      );
      continue;
    }
    const first = firstRow.get(code);
    if (first !== undefined) {
      err('指标代码', `指标 ${code} 与第 ${first} 行重复`, `Indicator ${code} repeats row ${first}`);
      continue;
    }
    firstRow.set(code, r.row);
    const spec = node.spec;
    const valueText = text(rawValue);
    // Nothing to change: the row as the template left it.
    if (valueText === '' && source === '' && note === '') continue;
    let ok = true;
    if (source.length > 300) {
      err('数据来源', '数据来源不超过 300 字', 'Source: at most 300 characters');
      ok = false;
    }
    if (note.length > 1000) {
      err('备注', '备注不超过 1000 字', 'Note: at most 1000 characters');
      ok = false;
    }
    if (spec.valueType === 'text') {
      if ([...valueText].length > MAX_TEXT_LENGTH) {
        err(
          '本年值',
          `文字不超过 ${MAX_TEXT_LENGTH} 字（现 ${[...valueText].length} 字）`,
          `At most ${MAX_TEXT_LENGTH} characters`,
        );
        ok = false;
      }
      if (ok) cells.push({ indicatorCode: code, value: null, textValue: valueText || null, source, note, flags: [] });
      continue;
    }
    const n = parseNumber(rawValue);
    if (n === 'invalid') {
      err('本年值', `“${valueText.slice(0, 20)}”不是数字`, `"${valueText.slice(0, 20)}" is not a number`);
      continue;
    }
    if (n !== null && ((spec.min !== null && n < spec.min) || (spec.max !== null && n > spec.max))) {
      err(
        '本年值',
        `数值 ${n} 超出允许范围 [${spec.min ?? '-∞'}, ${spec.max ?? '+∞'}]`,
        `${n} is outside [${spec.min ?? '-inf'}, ${spec.max ?? '+inf'}]`,
      );
      continue;
    }
    if (ok) cells.push({ indicatorCode: code, value: n, textValue: null, source, note, flags: [] });
  }
  return { cells, errors, rowCount };
}

/** POST …/import: parse, validate every row, then save all of them or none. */
export async function importFormFile(
  deps: Deps,
  caller: Caller,
  key: FormKey,
  input: { bytes: Uint8Array; fileName: string },
): Promise<ValuesImportReport> {
  await resolveCounty(deps, caller, key.division, 'monitoring:enter');
  const framework: Framework = await currentFramework(deps.db);
  const { grid } = await parseInWorker(input.bytes, { limits: { maxBytes: 5 * 1024 * 1024, maxRows: MAX_FORM_ROWS } });
  const { cells, errors, rowCount } = readFormGrid(indicatorsOf(framework), grid.header, grid.rows);
  if (rowCount === 0 && errors.length === 0)
    errors.push({ row: 2, column: '', message: '文件中没有数据行', messageEn: 'The file has no data rows' });
  const base = { fileName: input.fileName, format: grid.format, rowCount };
  if (errors.length > 0)
    return { ...base, status: 'failed', changed: [], errors: errors.sort((a, b) => a.row - b.row) };
  const changed = await writeFormCells(deps, caller, key, framework, cells, {
    action: 'monitoring.values.import',
    details: { fileName: input.fileName, rows: rowCount },
    keepFlags: true,
  });
  return { ...base, status: 'saved', changed, errors: [] };
}
