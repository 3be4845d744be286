/** All SQL of accounts; every read is narrowed by the scope function on the account's division. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { likeOperator, likePattern, type Engine } from '../../db/dialect.ts';
import { coversDivision, scopeFilter } from '../../platform/access/scope.ts';
import { fetchPage, type PageRequest } from '../../platform/http/paging.ts';
import type { Insertable } from 'kysely';
import type { UserStatus, UserTable } from './users.tables.ts';

export interface UserFilter {
  roots: readonly string[];
  division?: string;
  status?: UserStatus;
  role?: string;
  q?: string;
}

const COLUMNS = [
  'app_user.id',
  'app_user.username',
  'app_user.display_name',
  'app_user.division_code',
  'app_user.org_id',
  'app_user.status',
  'app_user.phone_enc',
  'app_user.id_number_enc',
  'app_user.requested_role',
  'app_user.created_at',
  'division.name as division_name',
] as const;

function baseQuery(db: DbOrTrx, engine: Engine, f: UserFilter) {
  let qb = db
    .selectFrom('app_user')
    .innerJoin('division', 'division.code', 'app_user.division_code')
    .where(scopeFilter('app_user.division_code', f.roots));
  if (f.division) qb = qb.where(scopeFilter('app_user.division_code', [f.division]));
  if (f.status) qb = qb.where('app_user.status', '=', f.status);
  if (f.role) {
    const role = f.role;
    qb = qb.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_role')
          .select('user_role.user_id')
          .whereRef('user_role.user_id', '=', 'app_user.id')
          .where('user_role.role_code', '=', role),
      ),
    );
  }
  if (f.q) {
    const pattern = likePattern(f.q);
    const op = likeOperator(engine);
    qb = qb.where((eb) =>
      eb.or([
        eb(sql`app_user.username`, op, sql`${pattern} escape '\\'`),
        eb(sql`app_user.display_name`, op, sql`${pattern} escape '\\'`),
      ]),
    );
  }
  return qb;
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

export function listUsers(db: DbOrTrx, engine: Engine, f: UserFilter, page: PageRequest) {
  return fetchPage(baseQuery(db, engine, f), (qb) => qb.select(COLUMNS).orderBy('app_user.id', 'desc'), page);
}

export function findUser(db: DbOrTrx, roots: readonly string[], id: number) {
  return db
    .selectFrom('app_user')
    .innerJoin('division', 'division.code', 'app_user.division_code')
    .select(COLUMNS)
    .where('app_user.id', '=', id)
    .where(scopeFilter('app_user.division_code', roots))
    .executeTakeFirst();
}

export async function rolesOf(
  db: DbOrTrx,
  userIds: number[],
): Promise<Map<number, { role: string; divisionCode: string }[]>> {
  const out = new Map<number, { role: string; divisionCode: string }[]>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('user_role')
    .select(['user_id', 'role_code', 'division_code'])
    .where('user_id', 'in', userIds)
    .orderBy('role_code')
    .execute();
  for (const r of rows) {
    const list = out.get(r.user_id) ?? [];
    list.push({ role: r.role_code, divisionCode: r.division_code });
    out.set(r.user_id, list);
  }
  return out;
}

/** One export batch: accounts in scope matching the list filters, id descending, after the keyset `afterId`. */
export function listUsersForExport(db: DbOrTrx, engine: Engine, f: UserFilter, afterId: number | null, limit: number) {
  let qb = baseQuery(db, engine, f).select(COLUMNS);
  if (afterId !== null) qb = qb.where('app_user.id', '<', afterId);
  return qb.orderBy('app_user.id', 'desc').limit(limit).execute();
}

/** Usernames among `names` that are taken. */
export async function existingUsernames(db: DbOrTrx, names: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < names.length; i += 500) {
    const rows = await db
      .selectFrom('app_user')
      .select('username')
      .where('username', 'in', names.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.username);
  }
  return found;
}

/** Phone lookup hashes among `hashes` that are taken. */
export async function existingPhoneHashes(db: DbOrTrx, hashes: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await db
      .selectFrom('app_user')
      .select('phone_hmac')
      .where('phone_hmac', 'in', hashes.slice(i, i + 500))
      .execute();
    for (const r of rows) if (r.phone_hmac) found.add(r.phone_hmac);
  }
  return found;
}

/** Active accounts holding one of `roles` at a division whose subtree contains `divisionCode`. */
export async function activeUsersCovering(
  db: DbOrTrx,
  roles: readonly string[],
  divisionCode: string,
): Promise<number[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('user_role')
    .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
    .select('user_role.user_id')
    .distinct()
    .where('user_role.role_code', 'in', [...roles])
    .where(coversDivision('user_role.division_code', divisionCode))
    .where('app_user.status', '=', 'active')
    .orderBy('user_role.user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

/** Whether a division code exists (account and role divisions are checked before any write). */
export async function divisionExists(db: DbOrTrx, code: string): Promise<boolean> {
  return (await db.selectFrom('division').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

/** Inserts an account row; returns its id. */
export async function insertUser(db: DbOrTrx, values: Insertable<UserTable>): Promise<number> {
  return (await db.insertInto('app_user').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** A role held by an account (`user_role`), without its history row (see insertRoleHistory). */
export async function insertUserRole(
  db: DbOrTrx,
  r: { userId: number; role: string; divisionCode: string; grantedBy: number | null; now: string },
): Promise<void> {
  await db
    .insertInto('user_role')
    .values({
      user_id: r.userId,
      role_code: r.role,
      division_code: r.divisionCode,
      granted_by: r.grantedBy,
      granted_at: r.now,
    })
    .execute();
}

/** Opens the history row of a granted role (revoked_* stay null until it is revoked). */
export async function insertRoleHistory(
  db: DbOrTrx,
  r: { userId: number; role: string; divisionCode: string; grantedBy: number | null; now: string },
): Promise<void> {
  await db
    .insertInto('role_history')
    .values({
      user_id: r.userId,
      role_code: r.role,
      division_code: r.divisionCode,
      granted_at: r.now,
      granted_by: r.grantedBy,
      revoked_at: null,
      revoked_by: null,
    })
    .execute();
}

export async function setUserLocale(db: DbOrTrx, userId: number, locale: string, now: string): Promise<void> {
  await db.updateTable('app_user').set({ locale, updated_at: now }).where('id', '=', userId).execute();
}

export async function setUserStatus(db: DbOrTrx, userId: number, status: UserStatus, now: string): Promise<void> {
  await db.updateTable('app_user').set({ status, updated_at: now }).where('id', '=', userId).execute();
}

/** Ends every session of the account; returns how many there were. */
export async function endSessionsOf(db: DbOrTrx, userId: number): Promise<number> {
  const r = await db.deleteFrom('session').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Where a one-time link for the account goes (username, encrypted phone). */
export function findContact(db: DbOrTrx, userId: number) {
  return db
    .selectFrom('app_user')
    .select(['id', 'username', 'phone_enc'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/** Active accounts holding `role`, per division of the grant (among `divisionCodes`): rows of the experts.count fact. */
export function countActiveHoldersByDivision(db: DbOrTrx, role: string, divisionCodes: readonly string[]) {
  return db
    .selectFrom('user_role')
    .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
    .select(['user_role.division_code', (eb) => eb.fn.count<number | string>('user_role.user_id').distinct().as('n')])
    .where('user_role.role_code', '=', role)
    .where('app_user.status', '=', 'active')
    .where('user_role.division_code', 'in', [...divisionCodes])
    .groupBy('user_role.division_code')
    .execute();
}
