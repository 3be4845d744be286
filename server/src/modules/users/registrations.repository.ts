/** SQL of self-registration: the applicant's division, colliding accounts, the review list, the applicant. */
import type { DbOrTrx } from '../../db/database.ts';
import { scopeFilter } from '../../platform/access/scope.ts';
import { fetchPage, type PageRequest } from '../../platform/http/paging.ts';
import type { UserStatus } from './users.tables.ts';

/** The division a registration names (code, level, name), or undefined. */
export function findDivision(db: DbOrTrx, code: string) {
  return db.selectFrom('division').select(['code', 'level', 'name']).where('code', '=', code).executeTakeFirst();
}

/** Accounts holding `username` or the phone with lookup hash `phoneHmac`, by id. */
export function accountsHolding(db: DbOrTrx, username: string, phoneHmac: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'username', 'phone_hmac', 'division_code'])
    .where((eb) => eb.or([eb('username', '=', username), eb('phone_hmac', '=', phoneHmac)]))
    .orderBy('id')
    .execute();
}

/** One page of self-registered accounts in `roots` with the given status, oldest first. */
export function listRegistrations(
  db: DbOrTrx,
  f: { roots: readonly string[]; status: UserStatus; division?: string },
  page: PageRequest,
) {
  let base = db
    .selectFrom('app_user')
    .innerJoin('division', 'division.code', 'app_user.division_code')
    .where(scopeFilter('app_user.division_code', f.roots))
    .where('app_user.requested_role', 'is not', null)
    .where('app_user.status', '=', f.status);
  if (f.division) base = base.where(scopeFilter('app_user.division_code', [f.division]));
  return fetchPage(
    base,
    (qb) =>
      qb
        .select([
          'app_user.id',
          'app_user.username',
          'app_user.display_name',
          'app_user.requested_role',
          'app_user.division_code',
          'division.name as division_name',
          'app_user.phone_enc',
          'app_user.status',
          'app_user.created_at',
          'app_user.org_id',
        ])
        .orderBy('app_user.id', 'asc'),
    page,
  );
}

/** The account a decision is about (any status; the caller checks scope and state). */
export function findApplicant(db: DbOrTrx, id: number) {
  return db
    .selectFrom('app_user')
    .select(['id', 'division_code', 'status', 'requested_role', 'org_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Active holders of `roles` at the nearest division covering `divisionCode` that has any: the county's own officers,
 * else the league's, else the region's (the level that acts is told, not every level above it).
 */
export async function nearestActiveHolders(
  db: DbOrTrx,
  roles: readonly string[],
  divisionCode: string,
): Promise<number[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('user_role')
    .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
    .innerJoin('division_closure as dc', 'dc.ancestor_code', 'user_role.division_code')
    .select(['user_role.user_id', 'dc.distance'])
    .where('dc.descendant_code', '=', divisionCode)
    .where('user_role.role_code', 'in', [...roles])
    .where('app_user.status', '=', 'active')
    .execute();
  const nearest = Math.min(...rows.map((r) => r.distance));
  return [...new Set(rows.filter((r) => r.distance === nearest).map((r) => r.user_id))].sort((a, b) => a - b);
}
