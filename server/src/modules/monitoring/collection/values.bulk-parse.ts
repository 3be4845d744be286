/**
 * Phase 1 of the yearbook import (统计年鉴批量导入): the CSV is read as it streams in and every row is validated
 * against the framework, the caller's counties, the county-year's workflow state and the rows before it, then kept
 * in compact typed arrays (about 20 bytes a row plus interned source/note text). Pure apart from the stream.
 */
import type { FrameworkNode } from '../../../../../contracts/monitoring.ts';
import { readCsvStream, type TextEncoding } from '../../../platform/spreadsheets/csv.ts';
import type { RowError } from '../../../platform/spreadsheets/sheet.ts';
import { MAX_TEXT_LENGTH } from './validation.ts';
import { isEditableStatus } from './workflow.ts';
import { parseNumber } from './values.import.ts';

export const BULK_LIMITS = { maxBytes: 256 * 1024 * 1024, maxRows: 2_000_000, maxReportedErrors: 1000 };
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
export const BULK_COLUMNS = [
  { key: 'county', header: '旗县代码', headerEn: 'county', required: true },
  { key: 'indicator', header: '指标代码', headerEn: 'indicator', required: true },
  { key: 'year', header: '年份', headerEn: 'year', required: true },
  { key: 'value', header: '数值', headerEn: 'value', required: true },
  { key: 'source', header: '来源', headerEn: 'source', required: false },
  { key: 'note', header: '备注', headerEn: 'note', required: false },
] as const;

/** Growable typed columns of the validated rows. */
export class RowStore {
  length = 0;
  county = new Uint16Array(1 << 16);
  indicator = new Uint16Array(1 << 16);
  year = new Uint16Array(1 << 16);
  value = new Float64Array(1 << 16);
  source = new Int32Array(1 << 16);
  note = new Int32Array(1 << 16);
  texts = new Map<number, string>();
  strings: string[] = [''];
  private interned = new Map<string, number>([['', 0]]);

  intern(s: string): number {
    let i = this.interned.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.interned.set(s, i);
    }
    return i;
  }

  push(r: {
    county: number;
    indicator: number;
    year: number;
    value: number | null;
    text: string | null;
    source: string;
    note: string;
  }) {
    if (this.length === this.county.length) this.grow();
    const k = this.length++;
    this.county[k] = r.county;
    this.indicator[k] = r.indicator;
    this.year[k] = r.year;
    this.value[k] = r.value ?? Number.NaN;
    this.source[k] = this.intern(r.source);
    this.note[k] = this.intern(r.note);
    if (r.text !== null) this.texts.set(k, r.text);
  }

  private grow() {
    const n = this.county.length * 2;
    const g = <T extends Uint16Array | Float64Array | Int32Array>(a: T, C: new (n: number) => T): T => {
      const b = new C(n);
      b.set(a);
      return b;
    };
    this.county = g(this.county, Uint16Array);
    this.indicator = g(this.indicator, Uint16Array);
    this.year = g(this.year, Uint16Array);
    this.value = g(this.value, Float64Array);
    this.source = g(this.source, Int32Array);
    this.note = g(this.note, Int32Array);
  }
}

export interface ParsedFile {
  store: RowStore;
  rowCount: number;
  errors: RowError[];
  errorCount: number;
  encoding: TextEncoding | null;
}

/** Phase 1: stream, parse and validate. */
export async function parseBulk(
  body: AsyncIterable<Uint8Array>,
  ctx: {
    counties: readonly string[];
    indicators: readonly FrameworkNode[];
    statusOf: (county: string, year: number) => string | undefined;
    maxBytes: number;
  },
): Promise<ParsedFile> {
  const countyIndex = new Map(ctx.counties.map((c, i) => [c, i]));
  const indicatorIndex = new Map(ctx.indicators.map((n, i) => [n.code, i]));
  const years = MAX_YEAR - MIN_YEAR + 1;
  const seen = new Uint8Array(Math.ceil((ctx.counties.length * ctx.indicators.length * years) / 8) || 1);
  const store = new RowStore();
  const errors: RowError[] = [];
  let errorCount = 0;
  let encoding: TextEncoding | null = null;
  let columns: number[] | null = null;
  let line = 0;
  let rowCount = 0;
  const fail = (row: number, column: string, message: string, messageEn: string) => {
    errorCount++;
    if (errors.length < BULK_LIMITS.maxReportedErrors) errors.push({ row, column, message, messageEn });
  };

  const onRecord = (fields: string[]) => {
    line++;
    if (columns === null) {
      const norm = (h: string) =>
        h
          .replace(/^\uFEFF/, '')
          .replace(/[\s*＊]/g, '')
          .toLowerCase();
      columns = BULK_COLUMNS.map((c) => fields.findIndex((f) => norm(f) === norm(c.header) || norm(f) === c.headerEn));
      const missing = BULK_COLUMNS.filter((c, i) => c.required && columns![i] === -1);
      for (const c of missing) fail(1, c.header, `缺少“${c.header}”列`, `Missing column "${c.headerEn}"`);
      if (missing.length > 0) throw new StopParsing();
      return;
    }
    const [ci, ii, yi, vi, si, ni] = columns as [number, number, number, number, number, number];
    const get = (i: number) => (i < 0 ? '' : (fields[i] ?? '').trim());
    const county = get(ci);
    const code = get(ii);
    const yearText = get(yi);
    const raw = get(vi);
    const source = get(si);
    const note = get(ni);
    if (county === '' && code === '' && yearText === '' && raw === '' && fields.length <= 1) return;
    rowCount++;
    if (rowCount > BULK_LIMITS.maxRows) {
      fail(
        line,
        '',
        `超过 ${BULK_LIMITS.maxRows} 行，请拆分文件`,
        `More than ${BULK_LIMITS.maxRows} rows; split the file`,
      );
      throw new StopParsing();
    }
    const c = countyIndex.get(county);
    if (c === undefined) {
      fail(
        line,
        '旗县代码',
        `旗县代码 ${county || '（空）'} 不存在或不在您的管辖范围内`,
        `County ${county} is unknown or outside your scope`,
      );
      return;
    }
    const k = indicatorIndex.get(code);
    const node = k === undefined ? undefined : ctx.indicators[k];
    if (k === undefined || !node?.spec) {
      fail(line, '指标代码', `指标代码 ${code || '（空）'} 不在当前指标体系中`, `Unknown indicator ${code}`);
      return;
    }
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
    if (!(year >= MIN_YEAR && year <= MAX_YEAR)) {
      fail(
        line,
        '年份',
        `年份“${yearText}”应为 ${MIN_YEAR}-${MAX_YEAR} 的四位数字`,
        `Year must be ${MIN_YEAR}-${MAX_YEAR}`,
      );
      return;
    }
    const bit = (c * ctx.indicators.length + k) * years + (year - MIN_YEAR);
    if (seen[bit >> 3]! & (1 << (bit & 7))) {
      fail(
        line,
        '指标代码',
        `${county} ${code} ${year} 在文件中重复`,
        `${county} ${code} ${year} repeats an earlier row`,
      );
      return;
    }
    seen[bit >> 3]! |= 1 << (bit & 7);
    const status = ctx.statusOf(county, year);
    if (status !== undefined && !isEditableStatus(status as 'draft')) {
      fail(
        line,
        '年份',
        `${county} ${year} 年数据已提交或审定，不能导入（请先退回或解锁）`,
        `${county} ${year} is submitted or approved; return or unlock it first`,
      );
      return;
    }
    if (source.length > 300) return fail(line, '来源', '来源不超过 300 字', 'Source: at most 300 characters');
    if (note.length > 1000) return fail(line, '备注', '备注不超过 1000 字', 'Note: at most 1000 characters');
    const spec = node.spec;
    if (spec.valueType === 'text') {
      if ([...raw].length > MAX_TEXT_LENGTH)
        return fail(line, '数值', `文字不超过 ${MAX_TEXT_LENGTH} 字`, `At most ${MAX_TEXT_LENGTH} characters`);
      store.push({ county: c, indicator: k, year, value: null, text: raw === '' ? null : raw, source, note });
      return;
    }
    const v = parseNumber(raw);
    if (v === 'invalid')
      return fail(line, '数值', `“${raw.slice(0, 20)}”不是数字`, `"${raw.slice(0, 20)}" is not a number`);
    if (v !== null && ((spec.min !== null && v < spec.min) || (spec.max !== null && v > spec.max)))
      return fail(
        line,
        '数值',
        `数值 ${v} 超出 ${code} 的允许范围 [${spec.min ?? '-∞'}, ${spec.max ?? '+∞'}]`,
        `${v} is outside the range of ${code}`,
      );
    store.push({ county: c, indicator: k, year, value: v, text: null, source, note });
  };

  try {
    await readCsvStream(body, onRecord, { maxBytes: ctx.maxBytes, onEncoding: (e) => (encoding = e) });
  } catch (err) {
    if (!(err instanceof StopParsing)) throw err;
  }
  if (columns === null) fail(1, '', '文件为空', 'The file is empty');
  else if (rowCount === 0 && errorCount === 0) fail(2, '', '文件中没有数据行', 'The file has no data rows');
  return { store, rowCount, errors, errorCount, encoding };
}

class StopParsing extends Error {}
