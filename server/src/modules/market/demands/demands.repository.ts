/** All SQL of mkt_demand, its supporters and 揭榜挂帅 proposals. */
import { sql, type Insertable, type RawBuilder, type SqlBool, type Updateable } from 'kysely';
import type { DbOrTrx } from '../../../db/database.ts';
import { likeOperator, likePattern, type Engine } from '../../../db/dialect.ts';
import { scopeFilter } from '../../../platform/access/scope.ts';
import type { PageRequest } from '../../../platform/http/paging.ts';
import type { DemandStatus, MktDemandTable } from '../market.tables.ts';
import { DEMAND_MATCHABLE, DEMAND_PUBLIC_STATUSES } from '../shared/market.policy.ts';
import type { Viewer } from '../shared/viewer.ts';

const COLUMNS = [
  'd.id',
  'd.title',
  'd.description',
  'd.org_id',
  'd.contact',
  'd.source',
  'd.source_ref',
  'd.desired_outcome',
  'd.requirements',
  'd.keywords',
  'd.domain',
  'd.target_stage',
  'd.target_trl',
  'd.budget_min',
  'd.budget_max',
  'd.cooperation_forms',
  'd.is_open_call',
  'd.deadline',
  'd.status',
  'd.status_reason',
  'd.division_code',
  'd.owner_user_id',
  'd.is_demo',
  'd.created_at',
  'd.updated_at',
  'dv.name as division_name',
  'o.name as organisation_name',
] as const;

/** SQL: the demand `d` is visible to the viewer (own, overseen past draft, or published/closed). */
export function visibleTo(v: Viewer | null): RawBuilder<SqlBool> {
  const shown = sql<SqlBool>`d.status in (${sql.join([...DEMAND_PUBLIC_STATUSES])})`;
  if (!v) return shown;
  return sql<SqlBool>`(${shown} or d.owner_user_id = ${v.userId} or (d.status <> 'draft' and ${scopeFilter('d.division_code', v.oversee)}))`;
}

function base(db: DbOrTrx) {
  return db
    .selectFrom('mkt_demand as d')
    .innerJoin('division as dv', 'dv.code', 'd.division_code')
    .leftJoin('organisation as o', 'o.id', 'd.org_id');
}

export type DemandRow = Awaited<ReturnType<typeof findDemand>> & object;

export function findDemand(db: DbOrTrx, id: number) {
  return base(db)
    .select(COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('mkt_demand_supporter as s')
        .whereRef('s.demand_id', '=', 'd.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('supporters'),
    )
    .where('d.id', '=', id)
    .executeTakeFirst();
}

export interface DemandFilter {
  viewer: Viewer | null;
  q?: string;
  domain?: string;
  division?: string;
  status?: string;
  mine?: boolean;
  onOffer?: boolean;
}

export async function listDemands(db: DbOrTrx, engine: Engine, f: DemandFilter, page: PageRequest) {
  let qb = base(db).where(visibleTo(f.viewer));
  if (f.mine && f.viewer) qb = qb.where('d.owner_user_id', '=', f.viewer.userId);
  if (f.onOffer) qb = qb.where('d.status', 'in', [...DEMAND_MATCHABLE]);
  if (f.status) qb = qb.where('d.status', '=', f.status as DemandStatus);
  if (f.domain) qb = qb.where('d.domain', '=', f.domain);
  if (f.division) qb = qb.where(scopeFilter('d.division_code', [f.division]));
  if (f.q) {
    const pattern = likePattern(f.q);
    const op = likeOperator(engine);
    qb = qb.where((eb) =>
      eb.or([eb('d.title', op, pattern), eb('d.description', op, pattern), eb('d.keywords', op, pattern)]),
    );
  }
  const count = await qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const total = Number(count?.n ?? 0);
  if (total === 0) return { rows: [], total };
  const rows = await qb
    .select(COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('mkt_demand_supporter as s')
        .whereRef('s.demand_id', '=', 'd.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('supporters'),
    )
    .orderBy('d.updated_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total };
}

export async function insertDemand(trx: DbOrTrx, values: Insertable<MktDemandTable>): Promise<number> {
  const row = await trx.insertInto('mkt_demand').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDemand(trx: DbOrTrx, id: number, values: Updateable<MktDemandTable>) {
  await trx.updateTable('mkt_demand').set(values).where('id', '=', id).execute();
}

/** Public fields of published demands, for the matcher. */
export function matchableRows(db: DbOrTrx) {
  return db
    .selectFrom('mkt_demand')
    .select([
      'id',
      'title',
      'description',
      'requirements',
      'desired_outcome',
      'keywords',
      'domain',
      'target_trl',
      'division_code',
      'budget_min',
      'budget_max',
      'cooperation_forms',
    ])
    .where('status', 'in', [...DEMAND_MATCHABLE])
    .orderBy('id')
    .execute();
}

export async function matchableSignature(db: DbOrTrx): Promise<string> {
  const row = await db
    .selectFrom('mkt_demand')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('at')])
    .where('status', 'in', [...DEMAND_MATCHABLE])
    .executeTakeFirst();
  return `${row?.n ?? 0}|${row?.at ?? ''}`;
}

export function searchRows(db: DbOrTrx, opts: { ids?: readonly number[]; afterId?: number; limit?: number }) {
  let qb = db
    .selectFrom('mkt_demand')
    .select(['id', 'title', 'description', 'requirements', 'keywords', 'division_code', 'created_at', 'updated_at'])
    .where('status', 'in', [...DEMAND_PUBLIC_STATUSES])
    .orderBy('id');
  if (opts.ids) qb = qb.where('id', 'in', [...opts.ids]);
  if (opts.afterId !== undefined) qb = qb.where('id', '>', opts.afterId);
  if (opts.limit !== undefined) qb = qb.limit(opts.limit);
  return qb.execute();
}

/** Published demands per division among `divisionCodes` (market.open_demands). */
export function countOpenByDivision(db: DbOrTrx, divisionCodes: readonly string[]) {
  return db
    .selectFrom('mkt_demand')
    .select(['division_code', 'domain', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('status', 'in', [...DEMAND_MATCHABLE])
    .where('division_code', 'in', [...divisionCodes])
    .groupBy(['division_code', 'domain'])
    .execute();
}

export async function isSupporter(db: DbOrTrx, demandId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('mkt_demand_supporter')
    .select('user_id')
    .where('demand_id', '=', demandId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertSupporter(
  trx: DbOrTrx,
  v: { demandId: number; userId: number; orgId: number | null; note: string; now: string },
) {
  await trx
    .insertInto('mkt_demand_supporter')
    .values({ demand_id: v.demandId, user_id: v.userId, org_id: v.orgId, note: v.note, created_at: v.now })
    .execute();
}

export async function countProposals(db: DbOrTrx, demandId: number): Promise<number> {
  const row = await db
    .selectFrom('mkt_proposal')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('demand_id', '=', demandId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertProposal(
  trx: DbOrTrx,
  v: { demandId: number; userId: number; achievementId: number | null; summary: string; now: string },
) {
  const row = await trx
    .insertInto('mkt_proposal')
    .values({
      demand_id: v.demandId,
      user_id: v.userId,
      achievement_id: v.achievementId,
      summary: v.summary,
      created_at: v.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function listProposals(db: DbOrTrx, demandId: number) {
  return db
    .selectFrom('mkt_proposal as p')
    .innerJoin('app_user as u', 'u.id', 'p.user_id')
    .select(['p.id', 'p.summary', 'p.achievement_id', 'p.created_at', 'u.display_name'])
    .where('p.demand_id', '=', demandId)
    .orderBy('p.id')
    .execute();
}
