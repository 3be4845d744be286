/** All SQL of mkt_achievement (no other module writes it). */
import { sql, type SqlBool, type RawBuilder, type Insertable, type Updateable } from 'kysely';
import type { DbOrTrx } from '../../../db/database.ts';
import type { Engine } from '../../../db/dialect.ts';
import { likeOperator, likePattern } from '../../../db/dialect.ts';
import { scopeFilter } from '../../../platform/access/scope.ts';
import type { PageRequest } from '../../../platform/http/paging.ts';
import type { MktAchievementTable, AchievementStatus } from '../market.tables.ts';
import { ACHIEVEMENT_MATCHABLE, ACHIEVEMENT_PUBLIC_STATUSES } from '../shared/market.policy.ts';
import type { Viewer } from '../shared/viewer.ts';

/** Columns of lists and details: everything but the confidential detail, which only `readConfidentialDetail` reads. */
const COLUMNS = [
  'a.id',
  'a.registration_no',
  'a.title',
  'a.summary',
  'a.keywords',
  'a.domain',
  'a.type',
  'a.attribute',
  'a.form',
  'a.stage',
  'a.trl',
  'a.register',
  'a.public_summary',
  'a.visibility',
  'a.transfer_modes',
  'a.pricing_mode',
  'a.price',
  'a.suitability',
  'a.for_entrepreneurs',
  'a.status',
  'a.status_reason',
  'a.publicity_ends_at',
  'a.division_code',
  'a.owner_user_id',
  'a.org_id',
  'a.is_demo',
  'a.created_at',
  'a.updated_at',
  'dv.name as division_name',
] as const;

/** SQL: the achievement `a` is visible to the viewer (own, overseen past draft, or public-facing and not private). */
export function visibleTo(v: Viewer | null): RawBuilder<SqlBool> {
  const shown = sql<SqlBool>`(a.status in (${sql.join([...ACHIEVEMENT_PUBLIC_STATUSES])}) and a.visibility ${
    v ? sql`<> 'private'` : sql`= 'public'`
  })`;
  if (!v) return shown;
  return sql<SqlBool>`(${shown} or a.owner_user_id = ${v.userId} or (a.status <> 'draft' and ${scopeFilter('a.division_code', v.oversee)}))`;
}

function base(db: DbOrTrx) {
  return db.selectFrom('mkt_achievement as a').innerJoin('division as dv', 'dv.code', 'a.division_code');
}

export type AchievementRow = Awaited<ReturnType<typeof findAchievement>> & object;

export function findAchievement(db: DbOrTrx, id: number) {
  return base(db).select(COLUMNS).where('a.id', '=', id).executeTakeFirst();
}

export interface AchievementFilter {
  viewer: Viewer | null;
  q?: string;
  domain?: string;
  division?: string;
  status?: string;
  mine?: boolean;
  forEntrepreneurs?: boolean;
  /** Only records on offer (listed, negotiating): the portal and the 创业技术库. */
  onOffer?: boolean;
}

export async function listAchievements(db: DbOrTrx, engine: Engine, f: AchievementFilter, page: PageRequest) {
  let qb = base(db).where(visibleTo(f.viewer));
  if (f.mine && f.viewer) qb = qb.where('a.owner_user_id', '=', f.viewer.userId);
  if (f.onOffer) qb = qb.where('a.status', 'in', [...ACHIEVEMENT_MATCHABLE]);
  if (f.status) qb = qb.where('a.status', '=', f.status as AchievementStatus);
  if (f.domain) qb = qb.where('a.domain', '=', f.domain);
  if (f.division) qb = qb.where(scopeFilter('a.division_code', [f.division]));
  if (f.forEntrepreneurs) qb = qb.where('a.for_entrepreneurs', '=', 1).where('a.stage', '=', 'mature');
  if (f.q) {
    const pattern = likePattern(f.q);
    const op = likeOperator(engine);
    qb = qb.where((eb) =>
      eb.or([eb('a.title', op, pattern), eb('a.summary', op, pattern), eb('a.keywords', op, pattern)]),
    );
  }
  const count = await qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const total = Number(count?.n ?? 0);
  if (total === 0) return { rows: [], total };
  const rows = await qb
    .select(COLUMNS)
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total };
}

export async function insertAchievement(trx: DbOrTrx, values: Insertable<MktAchievementTable>): Promise<number> {
  const row = await trx.insertInto('mkt_achievement').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAchievement(trx: DbOrTrx, id: number, values: Updateable<MktAchievementTable>) {
  await trx.updateTable('mkt_achievement').set(values).where('id', '=', id).execute();
}

/** The confidential detail: read only for the owner or an approved NDA requester (achievements.service.ts). */
export async function readConfidentialDetail(db: DbOrTrx, id: number): Promise<string> {
  const row = await db
    .selectFrom('mkt_achievement')
    .select('confidential_detail')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.confidential_detail ?? '';
}

/** Public fields of achievements on offer and not private, for the matcher (never the confidential detail). */
export function matchableRows(db: DbOrTrx) {
  return db
    .selectFrom('mkt_achievement')
    .select([
      'id',
      'title',
      'summary',
      'keywords',
      'public_summary',
      'domain',
      'trl',
      'stage',
      'division_code',
      'price',
      'transfer_modes',
    ])
    .where('status', 'in', [...ACHIEVEMENT_MATCHABLE])
    .where('visibility', '<>', 'private')
    .orderBy('id')
    .execute();
}

/** Count and latest change of the matchable achievements: the matcher cache's key. */
export async function matchableSignature(db: DbOrTrx): Promise<string> {
  const row = await db
    .selectFrom('mkt_achievement')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('at')])
    .where('status', 'in', [...ACHIEVEMENT_MATCHABLE])
    .where('visibility', '<>', 'private')
    .executeTakeFirst();
  return `${row?.n ?? 0}|${row?.at ?? ''}`;
}

/** Rows the search index needs: public-facing, not private; others are removed from the index. */
export function searchRows(db: DbOrTrx, opts: { ids?: readonly number[]; afterId?: number; limit?: number }) {
  let qb = db
    .selectFrom('mkt_achievement')
    .select(['id', 'title', 'summary', 'keywords', 'public_summary', 'division_code', 'created_at', 'updated_at'])
    .where('status', 'in', [...ACHIEVEMENT_PUBLIC_STATUSES])
    .where('visibility', '<>', 'private')
    .orderBy('id');
  if (opts.ids) qb = qb.where('id', 'in', [...opts.ids]);
  if (opts.afterId !== undefined) qb = qb.where('id', '>', opts.afterId);
  if (opts.limit !== undefined) qb = qb.limit(opts.limit);
  return qb.execute();
}

/** Listed achievements per division among `divisionCodes` (market.listed_achievements). */
export function countListedByDivision(db: DbOrTrx, divisionCodes: readonly string[]) {
  return db
    .selectFrom('mkt_achievement')
    .select(['division_code', 'domain', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('status', 'in', [...ACHIEVEMENT_MATCHABLE])
    .where('division_code', 'in', [...divisionCodes])
    .groupBy(['division_code', 'domain'])
    .execute();
}
