/** SQL of the platform info: the demo accounts shown on the login page. */
import type { DbOrTrx } from '../../db/database.ts';

/**
 * Active demo accounts with each role they hold and their division's name, in account order: every account but the
 * county ones, and of those only `shownCounties`.
 */
export async function listDemoAccounts(db: DbOrTrx, shownCounties: readonly string[]) {
  return db
    .selectFrom('app_user')
    .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
    .innerJoin('division', 'division.code', 'app_user.division_code')
    .select(['app_user.username', 'app_user.display_name', 'user_role.role_code', 'division.name'])
    .where('app_user.is_demo', '=', 1)
    .where('app_user.status', '=', 'active')
    .where((eb) =>
      eb.or([eb('app_user.username', 'not like', 'county-%'), eb('app_user.username', 'in', [...shownCounties])]),
    )
    .orderBy('app_user.id')
    .execute();
}
