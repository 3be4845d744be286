/** SQL of server-side sessions (table `session`) and the principal each one carries (session.ts holds the rules). */
import type { CompiledQuery, Insertable } from 'kysely';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { namedStatement } from '../../db/dialect.ts';
import type { SessionTable } from '../platform.tables.ts';

/** The account a principal is built from, or undefined for an unknown id. */
export async function findPrincipalAccount(db: DbOrTrx, userId: number) {
  return db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'division_code', 'org_id', 'status'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** The account's role assignments (role and the division it holds it at). */
export async function listRoleAssignments(db: DbOrTrx, userId: number) {
  return db.selectFrom('user_role').select(['role_code', 'division_code']).where('user_id', '=', userId).execute();
}

/** Stores a new session row. */
export async function insertSession(db: DbOrTrx, row: Insertable<SessionTable>): Promise<void> {
  await db.insertInto('session').values(row).execute();
}

/** Ends one session by the hash of its id (no-op when it is gone already). */
export async function deleteSession(db: DbOrTrx, idHash: string): Promise<void> {
  await db.deleteFrom('session').where('id_hash', '=', idHash).execute();
}

/** Ends every session of an account; returns how many there were. */
export async function deleteUserSessions(db: DbOrTrx, userId: number): Promise<number> {
  const ended = await db.deleteFrom('session').where('user_id', '=', userId).executeTakeFirst();
  return Number(ended.numDeletedRows);
}

/** Records that the session was used at `at` (the idle timeout counts from here). */
export async function touchSession(db: DbOrTrx, idHash: string, at: string): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

/** A compiled query with new values for its parameters (same SQL, same order). */
function withParameters<R>(query: CompiledQuery<R>, parameters: unknown[]): CompiledQuery<R> {
  return { ...query, parameters };
}

/**
 * The two queries every authenticated request runs, compiled once: Kysely's query building cost more than SQLite's
 * execution here. Session and account come in one query (`findSession`), roles in the second (`listRoles`). On
 * PostgreSQL both run as named prepared statements (parsed and planned once per pooled connection).
 */
export function prepareSessionLookup(db: Db) {
  const sessionQuery = db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select([
      'session.csrf_token',
      'session.created_at',
      'session.last_seen_at',
      'session.expires_at',
      'session.idle_timeout_s',
      'session.mfa_pending',
      'session.user_id',
      'app_user.username',
      'app_user.display_name',
      'app_user.division_code',
      'app_user.org_id',
      'app_user.status',
      'app_user.must_change_password',
    ])
    .where('session.id_hash', '=', '')
    .compile();
  namedStatement('qx_session_lookup', sessionQuery);
  const rolesQuery = db
    .selectFrom('user_role')
    .select(['role_code', 'division_code'])
    .where('user_id', '=', 0)
    .compile();
  namedStatement('qx_session_roles', rolesQuery);
  return {
    /** The session with this id hash and its account, or undefined. */
    findSession: async (idHash: string) => (await db.executeQuery(withParameters(sessionQuery, [idHash]))).rows[0],
    /** The account's role assignments. */
    listRoles: async (userId: number) => (await db.executeQuery(withParameters(rolesQuery, [userId]))).rows,
  };
}
