/**
 * 统计年鉴批量导入: a region-level CSV of many counties x indicators x years (旗县代码,指标代码,年份,数值,来源,备注).
 *
 * Two phases so that memory stays bounded and the write lock is held only while writing: (1) the body is decoded and
 * parsed as it streams in, every row validated against the framework, the caller's counties, the county-year's
 * workflow state and the rows before it, and kept in compact typed arrays (about 20 bytes a row plus interned
 * source/note text); (2) if no row failed, everything is written in one transaction in batches (multi-row inserts
 * for new cells, a revision and an update for each changed one, the county-years' submissions), with one audit row.
 * Any invalid row: nothing is written and the report lists the rows (the first 1,000).
 */
import type { BulkImportReport, FrameworkNode } from '../../../../contracts/monitoring.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { bulkInsert, type BulkColumn, type Engine } from '../../db/dialect.ts';
import { scopeRoots } from '../../platform/access/scope.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { iso } from '../../platform/clock.ts';
import type { Caller, Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors/errors.ts';
import { readCsvStream, type TextEncoding } from '../../platform/spreadsheets/csv.ts';
import type { RowError } from '../../platform/spreadsheets/sheet.ts';
import { indicatorsOf } from './frameworks.repository.ts';
import * as repo from './collection.repository.ts';
import { currentFramework } from './collection.service.ts';
import { MAX_TEXT_LENGTH } from './validation.ts';
import { isEditableStatus } from './workflow.ts';
import { parseNumber } from './values.import.ts';

export const BULK_LIMITS = { maxBytes: 256 * 1024 * 1024, maxRows: 2_000_000, maxReportedErrors: 1000 };
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
/** Rows per multi-row INSERT (13 parameters a row on SQLite: under its 32,766; PostgreSQL takes 13 arrays). */
const INSERT_BATCH = 2000;
/** Rows whose existing cells are looked up together. */
const STEP = 10_000;

export const BULK_COLUMNS = [
  { key: 'county', header: '旗县代码', headerEn: 'county', required: true },
  { key: 'indicator', header: '指标代码', headerEn: 'indicator', required: true },
  { key: 'year', header: '年份', headerEn: 'year', required: true },
  { key: 'value', header: '数值', headerEn: 'value', required: true },
  { key: 'source', header: '来源', headerEn: 'source', required: false },
  { key: 'note', header: '备注', headerEn: 'note', required: false },
] as const;

/** Growable typed columns of the validated rows. */
class RowStore {
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

interface ParsedFile {
  store: RowStore;
  rowCount: number;
  errors: RowError[];
  errorCount: number;
  encoding: TextEncoding | null;
}

/** Phase 1: stream, parse and validate. */
async function parseBulk(
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

type ExistingRow = {
  id: number;
  division_code: string;
  indicator_code: string;
  period: number;
  value: number | null;
  text_value: string | null;
  source: string;
  note: string;
  flags: string;
  version: number;
};

/**
 * Row indexes in the order of the cell key (county code, indicator code, year): the unique index of mon_value grows
 * at its end instead of at thousands of places, which keeps the pages it touches in the cache. Keys are unique (the
 * parse refused duplicates), so a direct placement over the key space sorts in one pass.
 */
function writeOrder(store: RowStore, counties: readonly string[], indicators: readonly FrameworkNode[]): Int32Array {
  const years = MAX_YEAR - MIN_YEAR + 1;
  const countyRank = rankOf(counties);
  const indicatorRank = rankOf(indicators.map((n) => n.code));
  const slots = new Int32Array(counties.length * indicators.length * years).fill(-1);
  for (let k = 0; k < store.length; k++)
    slots[
      (countyRank[store.county[k]!]! * indicators.length + indicatorRank[store.indicator[k]!]!) * years +
        store.year[k]! -
        MIN_YEAR
    ] = k;
  const order = new Int32Array(store.length);
  let n = 0;
  for (const k of slots) if (k >= 0) order[n++] = k;
  return order;
}

/** Position of each item when the list is sorted as text (the order of the index). */
function rankOf(items: readonly string[]): Int32Array {
  const sorted = items.map((c, i) => [c, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const rank = new Int32Array(items.length);
  sorted.forEach(([, i], r) => (rank[i] = r));
  return rank;
}

const VALUE_COLUMNS: readonly BulkColumn[] = [
  { name: 'framework_code', pgType: 'text' },
  { name: 'division_code', pgType: 'text' },
  { name: 'indicator_code', pgType: 'text' },
  { name: 'period', pgType: 'integer' },
  { name: 'value', pgType: 'double precision' },
  { name: 'text_value', pgType: 'text' },
  { name: 'source', pgType: 'text' },
  { name: 'note', pgType: 'text' },
  { name: 'flags', pgType: 'text' },
  { name: 'reporter_id', pgType: 'integer' },
  { name: 'version', pgType: 'integer' },
  { name: 'is_demo', pgType: 'integer' },
  { name: 'updated_at', pgType: 'text' },
];

/** Phase 2: write every validated row in one transaction, in key order. */
async function writeBulk(
  trx: DbOrTrx,
  engine: Engine,
  parsed: ParsedFile,
  ctx: {
    frameworkCode: string;
    counties: readonly string[];
    indicators: readonly FrameworkNode[];
    userId: number;
    now: string;
    existingPairs: ReadonlySet<string>;
  },
) {
  const { store } = parsed;
  const order = writeOrder(store, ctx.counties, ctx.indicators);
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  const pairs = new Set<string>();
  for (let start = 0; start < order.length; start += STEP) {
    const end = Math.min(order.length, start + STEP);
    // Existing cells only where the county-year already has values (none on a first load).
    const lookup = new Map<string, Set<number>>();
    for (let i = start; i < end; i++) {
      const k = order[i]!;
      const county = ctx.counties[store.county[k]!]!;
      const pair = `${county}:${store.year[k]}`;
      pairs.add(pair);
      if (!ctx.existingPairs.has(pair)) continue;
      let s = lookup.get(county);
      if (!s) lookup.set(county, (s = new Set()));
      s.add(store.year[k]!);
    }
    const existing = new Map<string, ExistingRow>();
    for (const [county, yearsOf] of lookup) {
      const rows = await trx
        .selectFrom('mon_value')
        .select([
          'id',
          'division_code',
          'indicator_code',
          'period',
          'value',
          'text_value',
          'source',
          'note',
          'flags',
          'version',
        ])
        .where('framework_code', '=', ctx.frameworkCode)
        .where('division_code', '=', county)
        .where('period', 'in', [...yearsOf])
        .execute();
      for (const r of rows) existing.set(`${r.division_code}:${r.indicator_code}:${r.period}`, r);
    }
    let pending: unknown[][] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      await trx.executeQuery(bulkInsert(engine, 'mon_value', VALUE_COLUMNS, pending));
      inserted += pending.length;
      pending = [];
    };
    for (let i = start; i < end; i++) {
      const k = order[i]!;
      const county = ctx.counties[store.county[k]!]!;
      const code = ctx.indicators[store.indicator[k]!]!.code;
      const period = store.year[k]!;
      const v = store.value[k]!;
      const value = Number.isNaN(v) ? null : v;
      const textValue = store.texts.get(k) ?? null;
      const source = store.strings[store.source[k]!]!;
      const note = store.strings[store.note[k]!]!;
      const old = existing.get(`${county}:${code}:${period}`);
      if (!old) {
        pending.push([
          ctx.frameworkCode,
          county,
          code,
          period,
          value,
          textValue,
          source,
          note,
          '',
          ctx.userId,
          1,
          0,
          ctx.now,
        ]);
        if (pending.length === INSERT_BATCH) await flush();
        continue;
      }
      const oldValue = old.value === null ? null : Number(old.value);
      if (oldValue === value && (old.text_value ?? null) === textValue && old.source === source && old.note === note) {
        unchanged++;
        continue;
      }
      await repo.reviseValue(
        trx,
        old,
        {
          value,
          textValue,
          source,
          note,
          flags: repo
            .parseFlags(old.flags)
            .filter((f) => f !== 'outlier')
            .join(','),
        },
        { userId: ctx.userId, now: ctx.now },
      );
      updated++;
    }
    await flush();
  }
  return { inserted, updated, unchanged, pairs };
}

/**
 * POST /api/monitoring/values/import.csv: validates the whole stream, then writes all rows or none. With `approve`
 * the county-years loaded are approved (locked) in the same transaction, one `approve` event each.
 */
export async function importBulkCsv(
  deps: Deps,
  caller: Caller,
  body: AsyncIterable<Uint8Array>,
  opts: { fileName: string; approve: boolean; maxBytes?: number },
): Promise<BulkImportReport> {
  const framework = await currentFramework(deps.db);
  const roots = scopeRoots(caller.principal, 'monitoring:manage');
  if (roots.length === 0) throw new AppError('FORBIDDEN');
  const counties = (await repo.listCounties(deps.db, roots)).map((c) => c.code);
  const indicators = indicatorsOf(framework);
  const submissions = await deps.db
    .selectFrom('mon_submission')
    .select(['id', 'division_code', 'period', 'status'])
    .where('framework_code', '=', framework.code)
    .execute();
  const subByPair = new Map(submissions.map((s) => [`${s.division_code}:${s.period}`, s]));
  const parsed = await parseBulk(body, {
    counties,
    indicators,
    statusOf: (county, year) => subByPair.get(`${county}:${year}`)?.status,
    maxBytes: opts.maxBytes ?? BULK_LIMITS.maxBytes,
  });
  const report = {
    fileName: opts.fileName,
    encoding: parsed.encoding,
    rowCount: parsed.rowCount,
    errorCount: parsed.errorCount,
    errors: parsed.errors.sort((a, b) => a.row - b.row),
    errorsTruncated: parsed.errorCount > parsed.errors.length,
  };
  if (parsed.errorCount > 0)
    return { ...report, status: 'failed', inserted: 0, updated: 0, unchanged: 0, countyYears: 0, approved: 0 };

  const existingPairs = new Set(
    (
      await deps.db
        .selectFrom('mon_value')
        .select(['division_code', 'period'])
        .distinct()
        .where('framework_code', '=', framework.code)
        .execute()
    ).map((r) => `${r.division_code}:${r.period}`),
  );
  const now = iso(deps.clock.now());
  const userId = caller.principal.userId;
  const result = await deps.db.transaction().execute(async (trx) => {
    const written = await writeBulk(trx, deps.engine, parsed, {
      frameworkCode: framework.code,
      counties,
      indicators,
      userId,
      now,
      existingPairs,
    });
    // Submissions: every county-year loaded exists afterwards (draft, or approved when asked).
    const missing = [...written.pairs].filter((p) => !subByPair.has(p));
    for (let i = 0; i < missing.length; i += 500)
      await trx
        .insertInto('mon_submission')
        .values(
          missing.slice(i, i + 500).map((p) => {
            const [county, period] = p.split(':') as [string, string];
            return {
              framework_code: framework.code,
              division_code: county,
              period: Number(period),
              status: opts.approve ? 'approved' : 'draft',
              submitted_at: opts.approve ? now : null,
              approved_at: opts.approve ? now : null,
              is_demo: 0,
              created_at: now,
              updated_at: now,
            } as const;
          }),
        )
        .execute();
    let approved = 0;
    if (opts.approve) {
      const subs = await trx
        .selectFrom('mon_submission')
        .select(['id', 'division_code', 'period', 'status'])
        .where('framework_code', '=', framework.code)
        .execute();
      const events: Parameters<typeof repo.insertEvent>[1][] = [];
      for (const s of subs) {
        const pair = `${s.division_code}:${s.period}`;
        if (!written.pairs.has(pair)) continue;
        const before = subByPair.get(pair)?.status ?? 'draft';
        if (s.status !== 'approved')
          await trx
            .updateTable('mon_submission')
            .set({ status: 'approved', submitted_at: now, approved_at: now, updated_at: now })
            .where('id', '=', s.id)
            .execute();
        events.push({
          submissionId: s.id,
          action: 'approve',
          from: before,
          to: 'approved',
          comment: `统计年鉴批量导入并审定（${opts.fileName}）`,
          actorId: userId,
          at: now,
        });
        approved++;
      }
      for (let i = 0; i < events.length; i += 500)
        await trx
          .insertInto('mon_submission_event')
          .values(
            events.slice(i, i + 500).map((e) => ({
              submission_id: e.submissionId,
              action: e.action,
              from_status: e.from,
              to_status: e.to,
              comment: e.comment,
              actor_id: e.actorId,
              at: e.at,
            })),
          )
          .execute();
    } else {
      // Existing county-years touched: their updated_at moves.
      const touched = [...written.pairs]
        .map((p) => subByPair.get(p)?.id)
        .filter((id): id is number => id !== undefined);
      for (let i = 0; i < touched.length; i += 500)
        await trx
          .updateTable('mon_submission')
          .set({ updated_at: now })
          .where('id', 'in', touched.slice(i, i + 500))
          .execute();
    }
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'monitoring.values.bulk_import',
      targetType: 'mon_framework',
      targetId: framework.id,
      divisionCode: caller.principal.divisionCode,
      details: {
        framework: framework.code,
        fileName: opts.fileName,
        rows: parsed.rowCount,
        inserted: written.inserted,
        updated: written.updated,
        unchanged: written.unchanged,
        countyYears: written.pairs.size,
        approve: opts.approve,
      },
    });
    return { ...written, approved };
  });
  return {
    ...report,
    status: 'saved',
    inserted: result.inserted,
    updated: result.updated,
    unchanged: result.unchanged,
    countyYears: result.pairs.size,
    approved: result.approved,
  };
}
