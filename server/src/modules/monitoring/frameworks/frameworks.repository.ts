/** Reading and writing indicator frameworks (指标体系): mon_framework + mon_node. */
import {
  type Framework,
  type FrameworkNode,
  type FrameworkSettings,
  type FrameworkSummary,
  ZFrameworkSettings,
  ZIndicatorSpec,
} from '../../../../../contracts/monitoring.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import type { FrameworkStatus, MonFrameworkTable, MonNodeTable } from '../shared/monitoring.tables.ts';

/** Code of the shipped default county framework (县域创新能力监测默认指标体系). */
export const DEFAULT_FRAMEWORK_CODE = 'county-default';

type FrameworkRow = Omit<MonFrameworkTable, 'id'> & { id: number };
type NodeRow = Omit<MonNodeTable, 'id'> & { id: number };

function summaryOf(row: FrameworkRow, indicatorCount: number): FrameworkSummary {
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    description: row.description,
    status: row.status,
    isDefault: row.is_default === 1,
    indicatorCount,
    createdAt: row.created_at,
    activatedAt: row.activated_at,
  };
}

function nodeOf(row: NodeRow): FrameworkNode {
  return {
    code: row.code,
    parentCode: row.parent_code,
    kind: row.kind,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    weight: row.weight,
    spec: row.kind === 'indicator' ? ZIndicatorSpec.parse(JSON.parse(row.spec)) : null,
  };
}

export function parseSettings(json: string): FrameworkSettings {
  return ZFrameworkSettings.parse(JSON.parse(json));
}

/** Every framework version, newest first within a code. */
export async function listFrameworks(db: DbOrTrx): Promise<FrameworkSummary[]> {
  const rows = await db.selectFrom('mon_framework').selectAll().orderBy('code').orderBy('version', 'desc').execute();
  const counts = await db
    .selectFrom('mon_node')
    .select(['framework_id', db.fn.countAll<number>().as('n')])
    .where('kind', '=', 'indicator')
    .groupBy('framework_id')
    .execute();
  const byId = new Map(counts.map((c) => [c.framework_id, Number(c.n)]));
  return rows.map((r) => summaryOf(r, byId.get(r.id) ?? 0));
}

/** One framework with its settings and nodes in depth-first order, or null. */
export async function loadFramework(db: DbOrTrx, id: number): Promise<Framework | null> {
  const row = await db.selectFrom('mon_framework').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const nodes = await db
    .selectFrom('mon_node')
    .selectAll()
    .where('framework_id', '=', id)
    .orderBy('sort_order')
    .execute();
  const mapped = nodes.map(nodeOf);
  return {
    ...summaryOf(row, mapped.filter((n) => n.kind === 'indicator').length),
    settings: parseSettings(row.settings),
    nodes: mapped,
  };
}

/** The active version of a framework code (the one that collects data), or null. */
export async function loadActiveFramework(db: DbOrTrx, code = DEFAULT_FRAMEWORK_CODE): Promise<Framework | null> {
  const row = await db
    .selectFrom('mon_framework')
    .select('id')
    .where('code', '=', code)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row ? loadFramework(db, row.id) : null;
}

/** The active framework of any code (the region collects one at a time), newest activation first. */
export async function loadCurrentFramework(db: DbOrTrx): Promise<Framework | null> {
  const row = await db
    .selectFrom('mon_framework')
    .select('id')
    .where('status', '=', 'active')
    .orderBy('activated_at', 'desc')
    .executeTakeFirst();
  return row ? loadFramework(db, row.id) : null;
}

export interface NewFramework {
  code: string;
  version: number;
  nameZh: string;
  nameEn: string;
  description: string;
  status: FrameworkStatus;
  isDefault: boolean;
  settings: FrameworkSettings;
  nodes: readonly FrameworkNode[];
  createdBy: number | null;
  now: string;
}

/** Inserts a framework version and its nodes (in the given order); returns its id. Call inside a transaction. */
export async function insertFramework(trx: DbOrTrx, f: NewFramework): Promise<number> {
  const row = await trx
    .insertInto('mon_framework')
    .values({
      code: f.code,
      version: f.version,
      name_zh: f.nameZh,
      name_en: f.nameEn,
      description: f.description,
      status: f.status,
      is_default: f.isDefault ? 1 : 0,
      settings: JSON.stringify(f.settings),
      created_by: f.createdBy,
      created_at: f.now,
      updated_at: f.now,
      activated_at: f.status === 'active' ? f.now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertNodes(trx, row.id, f.nodes);
  return row.id;
}

/** Inserts nodes of a framework in order (sort_order = position). */
export async function insertNodes(trx: DbOrTrx, frameworkId: number, nodes: readonly FrameworkNode[]): Promise<void> {
  const rows = nodes.map((n, i) => ({
    framework_id: frameworkId,
    code: n.code,
    parent_code: n.parentCode,
    kind: n.kind,
    sort_order: i,
    name_zh: n.nameZh,
    name_en: n.nameEn,
    weight: n.weight,
    spec: n.kind === 'indicator' && n.spec ? JSON.stringify(n.spec) : '{}',
  }));
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto('mon_node')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** Indicators of a framework (leaves), in order. */
export function indicatorsOf(f: Framework): FrameworkNode[] {
  return f.nodes.filter((n) => n.kind === 'indicator');
}

/** The stored row of a framework version (status, code, version), or undefined. */
export function findFrameworkRow(db: DbOrTrx, id: number) {
  return db
    .selectFrom('mon_framework')
    .select(['id', 'code', 'version', 'status', 'is_default', 'name_zh', 'name_en', 'description'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The newest version of a code (its names seed an imported version), or undefined. */
export function latestOfCode(db: DbOrTrx, code: string) {
  return db
    .selectFrom('mon_framework')
    .select(['id', 'version', 'name_zh', 'name_en', 'description'])
    .where('code', '=', code)
    .orderBy('version', 'desc')
    .executeTakeFirst();
}

/** Sets the description of every version of `code` whose description is exactly `from` (a reworded seed text). */
export async function replaceDescription(db: DbOrTrx, code: string, from: string, to: string): Promise<number> {
  const res = await db
    .updateTable('mon_framework')
    .set({ description: to })
    .where('code', '=', code)
    .where('description', '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Replaces a draft's names, settings and nodes. Call inside a transaction. */
export async function replaceDraft(
  trx: DbOrTrx,
  id: number,
  f: {
    nameZh: string;
    nameEn: string;
    description: string;
    settings: FrameworkSettings;
    nodes: readonly FrameworkNode[];
    now: string;
  },
): Promise<boolean> {
  const res = await trx
    .updateTable('mon_framework')
    .set({
      name_zh: f.nameZh,
      name_en: f.nameEn,
      description: f.description,
      settings: JSON.stringify(f.settings),
      updated_at: f.now,
    })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await trx.deleteFrom('mon_node').where('framework_id', '=', id).execute();
  await insertNodes(trx, id, f.nodes);
  return true;
}

/**
 * Activates a draft and retires the active version of the same code; returns the retired version's id (or null),
 * or false when the framework was no longer a draft. Call inside a transaction.
 */
export async function activateDraft(
  trx: DbOrTrx,
  id: number,
  code: string,
  now: string,
): Promise<number | null | false> {
  const previous = await trx
    .selectFrom('mon_framework')
    .select('id')
    .where('code', '=', code)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (previous)
    await trx
      .updateTable('mon_framework')
      .set({ status: 'retired', updated_at: now })
      .where('id', '=', previous.id)
      .execute();
  const res = await trx
    .updateTable('mon_framework')
    .set({ status: 'active', activated_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  return previous?.id ?? null;
}

/** Deletes a draft (its nodes go by the cascade); false when it is not (or no longer) a draft. */
export async function deleteDraft(trx: DbOrTrx, id: number): Promise<boolean> {
  const res = await trx
    .deleteFrom('mon_framework')
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/** Whether any index run used this framework version. */
export async function hasRuns(db: DbOrTrx, id: number): Promise<boolean> {
  const row = await db.selectFrom('mon_run').select('id').where('framework_id', '=', id).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Indicator nodes (id, code, spec JSON) of every version of framework `code`. */
export async function listIndicatorSpecs(
  db: DbOrTrx,
  code: string,
): Promise<{ id: number; code: string; spec: string }[]> {
  return db
    .selectFrom('mon_node as n')
    .innerJoin('mon_framework as f', 'f.id', 'n.framework_id')
    .select(['n.id as id', 'n.code as code', 'n.spec as spec'])
    .where('f.code', '=', code)
    .where('n.kind', '=', 'indicator')
    .execute();
}

/** Replaces one node's indicator spec (JSON text). */
export async function updateIndicatorSpec(db: DbOrTrx, id: number, spec: string): Promise<void> {
  await db.updateTable('mon_node').set({ spec }).where('id', '=', id).execute();
}
