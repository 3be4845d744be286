/**
 * Reference data every database needs, demo or production: the division tree with its closure, Inner Mongolia's
 * county attributes (real, sourced), the code-history crosswalk and the default county monitoring framework.
 * Idempotent.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../database.ts';
import { analyzeAfterBulkWrite } from '../dialect.ts';
import { buildClosure } from '../../platform/access/scope.ts';
import { parseTrustedCsv } from '../../platform/spreadsheets/csv.ts';
import { loadChinaDivisions } from '../../platform/divisions/index.ts';
import { MODULES } from '../../modules/registry.ts';

const DATA_DIR = path.join(import.meta.dirname, 'data');

/** Known code changes in the default region, each with its source. */
const CODE_HISTORY = [
  {
    old_code: '150602',
    old_name: '东胜区',
    new_code: '150603',
    new_name: '康巴什区',
    change_type: 'split',
    effective_date: '2016-02-26',
    share: null,
    source: '民政部《2016年县级以上行政区划变更情况》：设立鄂尔多斯市康巴什区（以东胜区部分街道为其行政区域）',
    note: '以原东胜区部分街道设立 / created from part of Dongsheng District',
  },
];

async function insertChunked<T>(items: T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await insert(items.slice(i, i + size));
}

/**
 * The county attributes file: one row per county x attribute x year. `source` is the citation shown to users
 * (publisher, document or table, year, in Chinese); `provenance` is how the figure was obtained (addresses, commits,
 * derivations) for maintainers, never shown as the citation.
 */
export function readCountyAttributes(): CountyAttributeSeedRow[] {
  return parseTrustedCsv(fs.readFileSync(path.join(DATA_DIR, 'inner-mongolia-county-attributes.csv'), 'utf8'))
    .slice(1)
    .filter((r) => r.length >= 8)
    .map(([code, , attribute, valueText, valueNumber, year, source, provenance]) => ({
      code: code ?? '',
      attribute: attribute ?? '',
      valueText: valueText ? valueText : null,
      valueNumber: valueNumber ? Number(valueNumber) : null,
      year: Number(year),
      source: source ?? '',
      provenance: provenance ?? '',
    }));
}

export interface CountyAttributeSeedRow {
  code: string;
  attribute: string;
  valueText: string | null;
  valueNumber: number | null;
  year: number;
  source: string;
  provenance: string;
}

/**
 * Brings the citations of a database seeded earlier up to the file's (they were English notes and addresses before
 * issue 12). Only the reference seed writes county attributes, so a row whose citation differs from the file's is an
 * older seed's. Idempotent; returns how many rows changed.
 */
async function refreshCitations(db: Db, rows: readonly CountyAttributeSeedRow[]): Promise<number> {
  const stored = await db
    .selectFrom('county_attribute')
    .select(['division_code', 'attribute', 'year', 'source'])
    .execute();
  const current = new Map(stored.map((r) => [`${r.division_code}|${r.attribute}|${Number(r.year)}`, r.source]));
  const stale = rows.filter((r) => {
    const source = current.get(`${r.code}|${r.attribute}|${r.year}`);
    return source !== undefined && source !== r.source;
  });
  if (stale.length === 0) return 0;
  await db.transaction().execute(async (trx) => {
    for (const r of stale)
      await trx
        .updateTable('county_attribute')
        .set({ source: r.source })
        .where('division_code', '=', r.code)
        .where('attribute', '=', r.attribute)
        .where('year', '=', r.year)
        .execute();
  });
  return stale.length;
}

export async function seedReference(db: Db, now: string): Promise<{ divisions: number; attributes: number }> {
  // Its own check: databases created before the monitoring module get the default framework too.
  for (const m of MODULES) await m.seeds?.reference?.(db, now);
  const existing = await db
    .selectFrom('division')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const attrRows = readCountyAttributes();
  if (Number(existing.n) > 0) {
    await refreshCitations(db, attrRows);
    return { divisions: 0, attributes: 0 };
  }
  const divisions = loadChinaDivisions();
  const depthOf = new Map<string, number>();
  for (const d of divisions) depthOf.set(d.code, d.parentCode ? (depthOf.get(d.parentCode) ?? 0) + 1 : 0);
  const closure = buildClosure(new Map(divisions.map((d) => [d.code, d.parentCode])));

  await db.transaction().execute(async (trx) => {
    await insertChunked(divisions, 500, (chunk) =>
      trx
        .insertInto('division')
        .values(
          chunk.map((d) => ({
            code: d.code,
            name: d.name,
            level: d.level,
            type: d.type,
            parent_code: d.parentCode,
            depth: depthOf.get(d.code) ?? 0,
          })),
        )
        .execute(),
    );
    await insertChunked(closure, 1000, (chunk) =>
      trx
        .insertInto('division_closure')
        .values(chunk.map((c) => ({ ancestor_code: c.ancestor, descendant_code: c.descendant, distance: c.distance })))
        .execute(),
    );
    await insertChunked(attrRows, 200, (chunk) =>
      trx
        .insertInto('county_attribute')
        .values(
          chunk.map((r) => ({
            division_code: r.code,
            attribute: r.attribute,
            value_text: r.valueText,
            value_number: r.valueNumber,
            year: r.year,
            source: r.source,
            updated_at: now,
          })),
        )
        .execute(),
    );
    await trx.insertInto('division_code_history').values(CODE_HISTORY).execute();
  });
  await analyzeAfterBulkWrite(db); // fresh statistics for the planner (PostgreSQL)
  return { divisions: divisions.length, attributes: attrRows.length };
}
