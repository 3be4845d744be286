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

export async function seedReference(db: Db, now: string): Promise<{ divisions: number; attributes: number }> {
  // Its own check: databases created before the monitoring module get the default framework too.
  for (const m of MODULES) await m.seeds?.reference?.(db, now);
  const existing = await db
    .selectFrom('division')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return { divisions: 0, attributes: 0 };
  const divisions = loadChinaDivisions();
  const depthOf = new Map<string, number>();
  for (const d of divisions) depthOf.set(d.code, d.parentCode ? (depthOf.get(d.parentCode) ?? 0) + 1 : 0);
  const closure = buildClosure(new Map(divisions.map((d) => [d.code, d.parentCode])));
  const attrRows = parseTrustedCsv(fs.readFileSync(path.join(DATA_DIR, 'inner-mongolia-county-attributes.csv'), 'utf8'))
    .slice(1)
    .filter((r) => r.length >= 7);

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
          chunk.map(([code, , attribute, valueText, valueNumber, year, source]) => ({
            division_code: code ?? '',
            attribute: attribute ?? '',
            value_text: valueText ? valueText : null,
            value_number: valueNumber ? Number(valueNumber) : null,
            year: Number(year),
            source: source ?? '',
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
