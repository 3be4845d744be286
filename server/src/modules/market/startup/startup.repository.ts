/**
 * 创业技术库: the read of achievements suited to small entrepreneurs (public columns only — never the confidential
 * detail, never the owner) and all SQL of mkt_startup_request.
 */
import { sql, type SqlBool } from 'kysely';
import type { StartupRequestStatus } from '../../../../../contracts/market-deals.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { likeOperator, likePattern, type Engine } from '../../../db/dialect.ts';
import { scopeFilter } from '../../../platform/access/scope.ts';
import { ACHIEVEMENT_MATCHABLE } from '../shared/market.policy.ts';

/** Listed (or in negotiation), public, marked for entrepreneurs, mature (TRL >= 7 or 成熟) and licensable. */
function inLibrary() {
  return sql<SqlBool>`(a.status in (${sql.join([...ACHIEVEMENT_MATCHABLE])}) and a.visibility = 'public'
    and a.for_entrepreneurs = 1 and (a.trl >= 7 or a.stage = 'mature') and a.transfer_modes like '%"license%')`;
}

function base(db: DbOrTrx) {
  return db
    .selectFrom('mkt_achievement as a')
    .innerJoin('division as dv', 'dv.code', 'a.division_code')
    .leftJoin('division as lg', (j) => j.onRef('lg.code', '=', 'dv.parent_code').on('lg.level', '=', 'prefecture'))
    .where(inLibrary());
}

const COLUMNS = [
  'a.id',
  'a.title',
  'a.summary',
  'a.keywords',
  'a.domain',
  'a.stage',
  'a.trl',
  'a.transfer_modes',
  'a.pricing_mode',
  'a.price',
  'a.suitability',
  'a.public_summary',
  'a.division_code',
  'a.is_demo',
  'dv.name as division_name',
  'dv.level as division_level',
  'lg.code as league_code',
  'lg.name as league_name',
] as const;

export type LibraryRow = Awaited<ReturnType<typeof findInLibrary>> & object;

export function findInLibrary(db: DbOrTrx, id: number) {
  return base(db).select(COLUMNS).where('a.id', '=', id).executeTakeFirst();
}

export async function listLibrary(
  db: DbOrTrx,
  engine: Engine,
  f: { domain?: string; league?: string; q?: string },
  page: { page: number; pageSize: number },
) {
  let qb = base(db);
  if (f.domain) qb = qb.where('a.domain', '=', f.domain);
  if (f.league) qb = qb.where(scopeFilter('a.division_code', [f.league]));
  if (f.q) {
    const pattern = likePattern(f.q);
    const op = likeOperator(engine);
    qb = qb.where((eb) => eb.or([eb('a.title', op, pattern), eb('a.summary', op, pattern)]));
  }
  const count = await qb.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  const rows = await qb
    .select(COLUMNS)
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total: Number(count?.n ?? 0) };
}

export async function isCounty(db: DbOrTrx, code: string): Promise<boolean> {
  const r = await db.selectFrom('division').select('level').where('code', '=', code).executeTakeFirst();
  return r?.level === 'county';
}

export async function insertRequest(
  trx: DbOrTrx,
  v: {
    achievementId: number;
    division: string;
    name: string;
    phone: string;
    county: string;
    want: string;
    userId: number | null;
    at: string;
  },
): Promise<number> {
  const r = await trx
    .insertInto('mkt_startup_request')
    .values({
      achievement_id: v.achievementId,
      division_code: v.division,
      name: v.name,
      phone: v.phone,
      county_code: v.county,
      want: v.want,
      user_id: v.userId,
      status: 'new',
      note: '',
      handled_by: null,
      created_at: v.at,
      updated_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

function requests(db: DbOrTrx) {
  return db
    .selectFrom('mkt_startup_request as r')
    .innerJoin('mkt_achievement as a', 'a.id', 'r.achievement_id')
    .innerJoin('division as cd', 'cd.code', 'r.county_code');
}
const REQUEST_COLUMNS = [
  'r.id',
  'r.achievement_id',
  'a.title as achievement_title',
  'r.name',
  'r.phone',
  'r.county_code',
  'cd.name as county_name',
  'r.want',
  'r.user_id',
  'r.status',
  'r.note',
  'r.division_code',
  'r.created_at',
  'r.updated_at',
] as const;

export type RequestRow = Awaited<ReturnType<typeof findRequest>> & object;

export function findRequest(db: DbOrTrx, id: number) {
  return requests(db).select(REQUEST_COLUMNS).where('r.id', '=', id).executeTakeFirst();
}

export async function listRequests(
  db: DbOrTrx,
  roots: readonly string[],
  f: { status?: StartupRequestStatus; division?: string },
  page: { page: number; pageSize: number },
) {
  let qb = requests(db).where(scopeFilter('r.division_code', roots));
  if (f.division) qb = qb.where(scopeFilter('r.division_code', [f.division]));
  if (f.status) qb = qb.where('r.status', '=', f.status);
  const count = await qb.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  const rows = await qb
    .select(REQUEST_COLUMNS)
    .orderBy('r.id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total: Number(count?.n ?? 0) };
}

export async function updateRequest(
  trx: DbOrTrx,
  id: number,
  v: { status: StartupRequestStatus; note: string; by: number; at: string },
): Promise<void> {
  await trx
    .updateTable('mkt_startup_request')
    .set({ status: v.status, note: v.note, handled_by: v.by, updated_at: v.at })
    .where('id', '=', id)
    .execute();
}
