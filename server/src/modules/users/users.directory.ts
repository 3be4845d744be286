/**
 * The account directory other modules read through the users front door (one owner per table): who holds a role over
 * a division (the people to notify or route work to) and the names to show for account ids.
 */
import { ROLE_CODES } from '../../../../contracts/access.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { coversDivision } from '../../platform/access/scope.ts';
import { permissionsOfRole } from '../../platform/modules/installed.ts';

/** Active accounts holding one of `roles` at `division` exactly, or (covering) at a division whose subtree contains it. */
async function activeHolders(
  db: DbOrTrx,
  roles: readonly string[],
  division: string,
  covering: boolean,
): Promise<number[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('user_role')
    .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
    .select('user_role.user_id')
    .distinct()
    .where('user_role.role_code', 'in', [...roles])
    .where(
      covering
        ? coversDivision('user_role.division_code', division)
        : (eb) => eb('user_role.division_code', '=', division),
    )
    .where('app_user.status', '=', 'active')
    .execute();
  return rows.map((r) => r.user_id).sort((a, b) => a - b);
}

function rolesWith(permission: string): string[] {
  return ROLE_CODES.filter((r) => permissionsOfRole(r).includes(permission));
}

/** Active accounts holding one of `roles` at a division whose subtree contains `division`, ascending ids. */
export function activeHoldersCovering(db: DbOrTrx, roles: readonly string[], division: string): Promise<number[]> {
  return activeHolders(db, roles, division, true);
}

/** Active accounts whose role carries `permission` at a division whose subtree contains `division`. */
export function activePermissionHoldersCovering(db: DbOrTrx, permission: string, division: string): Promise<number[]> {
  return activeHolders(db, rolesWith(permission), division, true);
}

/** Display names of accounts by id (ids that do not exist are absent from the map). */
export async function accountDisplayNames(db: DbOrTrx, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Active accounts whose role carries `permission` at exactly `division` (its own officers, not those above). */
export function activePermissionHoldersAt(db: DbOrTrx, permission: string, division: string): Promise<number[]> {
  return activeHolders(db, rolesWith(permission), division, false);
}

/** The id of the account with this username, if any (demo seeds find their demo accounts by name). */
export async function accountIdByUsername(db: DbOrTrx, username: string): Promise<number | undefined> {
  const row = await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
  return row?.id;
}

/** Active accounts holding one of `roles` at any division, ascending ids. */
export async function activeHoldersOfRoles(db: DbOrTrx, roles: readonly string[]): Promise<number[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('user_role')
    .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
    .select('user_role.user_id')
    .distinct()
    .where('user_role.role_code', 'in', [...roles])
    .where('app_user.status', '=', 'active')
    .execute();
  return rows.map((r) => r.user_id).sort((a, b) => a - b);
}

/** Demo accounts (演示) by username: demo seeds of other modules act as them. */
export async function demoAccountIds(db: DbOrTrx): Promise<Map<string, number>> {
  const users = await db.selectFrom('app_user').select(['id', 'username']).where('is_demo', '=', 1).execute();
  return new Map(users.map((u) => [u.username, u.id]));
}
