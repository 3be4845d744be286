/** SQL of server-side sessions (table `session`) and the principal each one carries (session.ts holds the rules). */
import { sql, type Insertable } from 'kysely';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { readCompiled } from '../../db/compiled.ts';
import { namedStatement, type Engine } from '../../db/dialect.ts';
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

/** Role assignments folded into one text column by the session lookup: `role@division` joined by commas. */
export function unfoldRoles(folded: string | null): { role_code: string; division_code: string }[] {
  if (!folded) return [];
  return folded.split(',').map((pair) => {
    const at = pair.indexOf('@');
    return { role_code: pair.slice(0, at), division_code: pair.slice(at + 1) };
  });
}

/**
 * The account's role assignments folded into one column (`role@division,…`, read back by `unfoldRoles`), as a
 * subquery over `userIdColumn` of the outer query (the session's or the API token's account).
 */
export function foldedRolesOf(engine: Engine, userIdColumn: 'session.user_id' | 'api_token.user_id') {
  const userId = sql.ref(userIdColumn);
  return engine === 'postgres'
    ? sql<
        string | null
      >`(select string_agg(r.role_code || '@' || r.division_code, ',' order by r.role_code, r.division_code) from user_role r where r.user_id = ${userId})`
    : sql<
        string | null
      >`(select group_concat(r.role_code || '@' || r.division_code, ',') from user_role r where r.user_id = ${userId})`;
}

/**
 * The query every authenticated request runs, compiled once: session, account and the account's role assignments
 * in one statement (roles folded by `unfoldRoles`'s format; role and division codes hold no '@' or ','). On SQLite
 * it runs on the cached prepared statement without Kysely's per-query work; on PostgreSQL as a named prepared
 * statement (parsed and planned once per pooled connection).
 */
export function prepareSessionLookup(db: Db, engine: Engine) {
  const folded = foldedRolesOf(engine, 'session.user_id');
  const compiled = db
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
      folded.as('roles'),
    ])
    .where('session.id_hash', '=', '')
    .compile();
  const sessionQuery = engine === 'postgres' ? namedStatement('qx_session_lookup', compiled) : compiled;
  return {
    /** The session with this id hash, its account and the account's folded roles, or undefined. */
    findSession: async (idHash: string) => (await readCompiled(db, sessionQuery, [idHash]))[0],
  };
}
