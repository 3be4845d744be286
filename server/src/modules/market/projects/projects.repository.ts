/** All SQL of transfer projects (mkt_transfer_project), their milestones and stage history. */
import { sql, type Selectable } from 'kysely';
import type { ProjectStage } from '../../../../../contracts/market-contracts.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { likeOperator, likePattern, type Engine } from '../../../db/dialect.ts';
import type {
  MktTransferMilestoneTable,
  MktTransferProjectTable,
  MktTransferStageEventTable,
} from '../contracts/contracts.tables.ts';

export type ProjectRow = Selectable<MktTransferProjectTable>;
export type MilestoneRow = Selectable<MktTransferMilestoneTable>;
export type StageEventRow = Selectable<MktTransferStageEventTable>;

export interface ProjectFilter {
  codes: readonly string[];
  stage?: ProjectStage;
  centre?: number;
  q?: string;
}

function filtered(db: DbOrTrx, engine: Engine, f: ProjectFilter) {
  let qb = db.selectFrom('mkt_transfer_project').where('division_code', 'in', [...f.codes]);
  if (f.stage) qb = qb.where('stage', '=', f.stage);
  if (f.centre !== undefined) qb = qb.where('centre_org_id', '=', f.centre);
  if (f.q) {
    const pattern = likePattern(f.q);
    const op = likeOperator(engine);
    qb = qb.where((eb) =>
      eb.or([
        eb(sql`title`, op, sql`${pattern} escape '\\'`),
        eb(sql`achievement_title`, op, sql`${pattern} escape '\\'`),
        eb(sql`industry`, op, sql`${pattern} escape '\\'`),
        eb(sql`centre_name`, op, sql`${pattern} escape '\\'`),
      ]),
    );
  }
  return qb;
}

export async function listProjects(
  db: DbOrTrx,
  engine: Engine,
  f: ProjectFilter,
  page: { page: number; pageSize: number },
): Promise<{ rows: ProjectRow[]; total: number }> {
  if (f.codes.length === 0) return { rows: [], total: 0 };
  const rows = await filtered(db, engine, f)
    .selectAll()
    .orderBy('id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  if (page.page === 1 && rows.length < page.pageSize) return { rows, total: rows.length };
  const n = await filtered(db, engine, f)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return { rows, total: Number(n?.n ?? 0) };
}

/** Every project of a centre within `codes` (the board), stage then newest first. */
export function listCentreProjects(db: DbOrTrx, codes: readonly string[], centre: number): Promise<ProjectRow[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('mkt_transfer_project')
    .selectAll()
    .where('centre_org_id', '=', centre)
    .where('division_code', 'in', [...codes])
    .orderBy('id', 'desc')
    .execute();
}

export function findProject(db: DbOrTrx, codes: readonly string[], id: number): Promise<ProjectRow | undefined> {
  if (codes.length === 0) return Promise.resolve(undefined);
  return db
    .selectFrom('mkt_transfer_project')
    .selectAll()
    .where('id', '=', id)
    .where('division_code', 'in', [...codes])
    .executeTakeFirst();
}

/** Done and total milestones per project. */
export async function milestoneCounts(db: DbOrTrx, ids: readonly number[]) {
  const out = new Map<number, { done: number; total: number }>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('mkt_transfer_milestone')
    .select([
      'project_id',
      (eb) => eb.fn.countAll<number | string>().as('total'),
      (eb) => eb.fn.count<number | string>('done_on').as('done'),
    ])
    .where('project_id', 'in', [...ids])
    .groupBy('project_id')
    .execute();
  for (const r of rows) out.set(r.project_id, { done: Number(r.done), total: Number(r.total) });
  return out;
}

export function listMilestones(db: DbOrTrx, projectId: number): Promise<MilestoneRow[]> {
  return db
    .selectFrom('mkt_transfer_milestone')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('planned_on')
    .orderBy('id')
    .execute();
}

export function findMilestone(db: DbOrTrx, projectId: number, id: number): Promise<MilestoneRow | undefined> {
  return db
    .selectFrom('mkt_transfer_milestone')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listStageEvents(db: DbOrTrx, projectId: number): Promise<StageEventRow[]> {
  return db
    .selectFrom('mkt_transfer_stage_event')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('id')
    .execute();
}

export async function insertProject(db: DbOrTrx, values: Omit<MktTransferProjectTable, 'id'>): Promise<number> {
  const row = await db.insertInto('mkt_transfer_project').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateProject(db: DbOrTrx, id: number, set: Partial<Omit<MktTransferProjectTable, 'id'>>) {
  await db.updateTable('mkt_transfer_project').set(set).where('id', '=', id).execute();
}

export async function insertMilestone(db: DbOrTrx, values: Omit<MktTransferMilestoneTable, 'id'>): Promise<number> {
  const row = await db.insertInto('mkt_transfer_milestone').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateMilestone(
  db: DbOrTrx,
  id: number,
  set: Partial<Omit<MktTransferMilestoneTable, 'id' | 'project_id'>>,
) {
  await db.updateTable('mkt_transfer_milestone').set(set).where('id', '=', id).execute();
}

export async function insertStageEvent(db: DbOrTrx, values: Omit<MktTransferStageEventTable, 'id'>): Promise<void> {
  await db.insertInto('mkt_transfer_stage_event').values(values).execute();
}

/** Projects per county and stage among `codes`: the rows of the market.transfer_projects fact. */
export function countByDivisionAndStage(db: DbOrTrx, codes: readonly string[]) {
  return db
    .selectFrom('mkt_transfer_project')
    .select(['division_code', 'stage', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('division_code', 'in', [...codes])
    .groupBy(['division_code', 'stage'])
    .execute();
}
