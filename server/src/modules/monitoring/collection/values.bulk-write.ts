/**
 * Phase 2 of the yearbook import: every validated row written in one transaction, in cell-key order — multi-row
 * inserts for new cells, a revision and an update for each changed one (through values.repository).
 */
import type { FrameworkNode } from '../../../../../contracts/monitoring.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import type { Engine } from '../../../db/dialect.ts';
import { MAX_YEAR, MIN_YEAR, type ParsedFile, type RowStore } from './values.bulk-parse.ts';
import * as values from './values.repository.ts';

/** Rows per multi-row INSERT (13 parameters a row on SQLite: under its 32,766; PostgreSQL takes 13 arrays). */
const INSERT_BATCH = 2000;
/** Rows whose existing cells are looked up together. */
const STEP = 10_000;

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

/** Writes every validated row inside the caller's transaction, in key order; returns the counts and county-years. */
export async function writeBulk(
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
    const existing = new Map<string, values.StoredCell>();
    for (const [county, yearsOf] of lookup)
      for (const r of await values.listCellsOfCountyYears(trx, ctx.frameworkCode, county, [...yearsOf]))
        existing.set(`${r.division_code}:${r.indicator_code}:${r.period}`, r);
    let pending: values.NewCellRow[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      await values.insertCellRows(trx, engine, pending);
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
      await values.reviseValue(
        trx,
        old,
        {
          value,
          textValue,
          source,
          note,
          flags: values
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
