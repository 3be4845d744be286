/**
 * Reading the inputs of `qixian index run`: the metadata and data CSV files are streamed through the platform's CSV
 * reader (the same encoding detection as uploads: BOM, UTF-8, UTF-16, else GBK/GB18030), ragged rows and bad
 * numbers stop with their row, and the data file goes straight into columns, one pass, without a record object per
 * row, so that memory and time stay linear in the rows (214,000 rows: bench/index-cli.ts).
 */
import fs from 'node:fs';
import {
  CsvInputError,
  type DataSet,
  type Framework,
  type MethodSpec,
  type PipelineInput,
  cellError,
  frameworkFromMeta,
  isBlankRecord,
  numberProblem,
  raggedRowError,
  rowsToTable,
} from '@qixian/composite-index';
import { readCsvStream, type TextEncoding } from '../platform/spreadsheets/csv.ts';
import { CliError } from './context.ts';

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Streams the records of a CSV file to `onRecord` (row 1 = the header) and returns the encoding it was read in. */
async function streamCsv(
  file: string,
  what: { zh: string; en: string },
  onRecord: (fields: string[], row: number) => void,
): Promise<TextEncoding> {
  let encoding: TextEncoding = 'utf-8';
  let row = 0;
  try {
    await readCsvStream(fs.createReadStream(file), (fields) => onRecord(fields, ++row), {
      maxBytes: Number.MAX_SAFE_INTEGER,
      onEncoding: (e) => (encoding = e),
    });
  } catch (err) {
    if (err instanceof CliError) throw err;
    if (err instanceof CsvInputError) throw new CliError(`${what.zh}：${err.zh}`, `${what.en}: ${err.message}`);
    throw new CliError(
      `无法读取${what.zh} ${file}：${message(err)}`,
      `cannot read ${what.en} ${file}: ${message(err)}`,
    );
  }
  return encoding;
}

/** Reads the indicator metadata file into a framework. */
export async function readFramework(file: string): Promise<{ framework: Framework; encoding: TextEncoding }> {
  const rows: string[][] = [];
  const what = { zh: '指标元数据文件', en: 'metadata file' };
  const encoding = await streamCsv(file, what, (fields) => rows.push(fields));
  try {
    return { framework: frameworkFromMeta(rowsToTable(rows)), encoding };
  } catch (err) {
    if (err instanceof CsvInputError) throw new CliError(`${what.zh}：${err.zh}`, `${what.en}: ${err.message}`);
    throw new CliError(`指标元数据无效：${message(err)}`, `invalid indicator metadata: ${message(err)}`);
  }
}

/** Where each needed column sits in the header: unit codes, indicators, denominators, grouping variables. */
interface ColumnPlan {
  readonly unit: number;
  readonly numeric: readonly { name: string; at: number }[];
  readonly groups: readonly { name: string; at: number }[];
  readonly indicators: readonly string[];
  readonly denominators: readonly string[];
}

/** Checks the header against the framework and method before any data row is read. */
function planColumns(
  header: readonly string[],
  framework: Framework,
  method: MethodSpec,
  unitColumn: string,
): ColumnPlan {
  const at = new Map(header.map((h, j) => [h, j]));
  if (at.size !== header.length) {
    const dup = header.find((h, j) => at.get(h) !== j) ?? '';
    throw new CliError(`数据文件表头列名重复：${dup}`, `data file header repeats the column ${dup}`);
  }
  const unit = at.get(unitColumn);
  if (unit === undefined)
    throw new CliError(`数据文件没有单元代码列 ${unitColumn}`, `data file has no unit code column ${unitColumn}`);
  const codes = framework.indicators.map((m) => m.code);
  const missing = codes.filter((c) => !at.has(c));
  if (missing.length > 0)
    throw new CliError(
      `数据文件缺少指标列：${missing.join(', ')}`,
      `data file lacks indicator columns: ${missing.join(', ')}`,
    );
  const dens = [...new Set(framework.indicators.flatMap((m) => (m.denominator ? [m.denominator] : [])))];
  const absent = dens.filter((d) => !at.has(d));
  if (absent.length > 0 && method.stages.some((s) => s.op === 'denominate'))
    throw new CliError(
      `数据文件缺少分母列：${absent.join(', ')}`,
      `data file lacks denominator columns: ${absent.join(', ')}`,
    );
  const denominators = dens.filter((d) => at.has(d));
  const used = new Set([unitColumn, ...codes, ...dens]);
  const named = (names: readonly string[]) => names.map((name) => ({ name, at: at.get(name) as number }));
  return {
    unit,
    numeric: named([...codes, ...denominators.filter((d) => !codes.includes(d))]),
    groups: named(header.filter((h) => !used.has(h))),
    indicators: codes,
    denominators,
  };
}

/** The data file read into a pipeline input, with the unit column and the encoding it was read in. */
export interface DataInput {
  readonly input: PipelineInput;
  readonly unitColumn: string;
  readonly encoding: TextEncoding;
}

/**
 * Streams the data file into a pipeline input: unit codes (unique, checked with a set), the indicator and
 * denominator columns as numbers (plain decimals; NA or blank = missing) and every other column as a grouping
 * variable. The unit column is `unitColumn`, or the first column.
 */
export async function readDataInput(
  file: string,
  framework: Framework,
  method: MethodSpec,
  unitColumn?: string,
): Promise<DataInput> {
  let header: string[] | undefined;
  let plan: ColumnPlan | undefined;
  const units: string[] = [];
  const seen = new Set<string>();
  let numbers: number[][] = [];
  let labels: string[][] = [];
  const encoding = await streamCsv(file, { zh: '数据文件', en: 'data file' }, (fields, row) => {
    if (!header || !plan) {
      header = fields;
      plan = planColumns(fields, framework, method, unitColumn ?? fields[0] ?? '');
      numbers = plan.numeric.map(() => []);
      labels = plan.groups.map(() => []);
      return;
    }
    if (isBlankRecord(fields)) return;
    if (fields.length !== header.length) throw raggedRowError(row, fields.length, header.length);
    const unit = fields[plan.unit] as string;
    if (seen.has(unit))
      throw new CliError(`单元代码重复：${unit}（第 ${row} 行）`, `duplicate unit code: ${unit} (row ${row})`);
    seen.add(unit);
    units.push(unit);
    plan.numeric.forEach((c, k) => {
      const cell = fields[c.at] as string;
      if (numberProblem(cell) !== null) throw cellError({ row, unit, column: c.name, cell });
      const t = cell.trim();
      (numbers[k] as number[]).push(t === '' || t === 'NA' ? Number.NaN : Number(t));
    });
    plan.groups.forEach((g, k) => (labels[k] as string[]).push(fields[g.at] as string));
  });
  if (!header || !plan) throw new CliError('数据文件为空', 'data file is empty');
  const p = plan;
  const columnsOf = (names: readonly string[]): DataSet => ({
    units,
    indicators: [...names],
    columns: names.map((n) => Float64Array.from(numbers[p.numeric.findIndex((c) => c.name === n)] as number[])),
  });
  const groups = Object.fromEntries(p.groups.map((g, k) => [g.name, labels[k] as string[]]));
  return {
    input: { framework, raw: columnsOf(p.indicators), denominators: columnsOf(p.denominators), groups },
    unitColumn: header[p.unit] as string,
    encoding,
  };
}
