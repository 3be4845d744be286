/** Reading and writing indicator frameworks (指标体系): mon_framework + mon_node. */
import {
  type Framework,
  type FrameworkNode,
  type FrameworkSettings,
  type FrameworkSummary,
  ZFrameworkSettings,
  ZIndicatorSpec,
} from '../../../../contracts/monitoring.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { FrameworkStatus, MonFrameworkTable, MonNodeTable } from './monitoring.tables.ts';

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
  for (let i = 0; i < rows.length; i += 200) await trx.insertInto('mon_node').values(rows.slice(i, i + 200)).execute();
}

/** Indicators of a framework (leaves), in order. */
export function indicatorsOf(f: Framework): FrameworkNode[] {
  return f.nodes.filter((n) => n.kind === 'indicator');
}
