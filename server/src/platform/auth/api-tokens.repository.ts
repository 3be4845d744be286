/** SQL of API tokens (table `api_token`); api-tokens.ts holds the rules (format, expiry, who may do what). */
import { sql, type Expression, type Insertable, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { readCompiled } from '../../db/compiled.ts';
import { namedStatement, type Engine } from '../../db/dialect.ts';
import { fetchPage, type PageRequest } from '../http/paging.ts';
import type { ApiTokenTable } from './api-tokens.tables.ts';
import './api-tokens.tables.ts';
import { foldedRolesOf } from './sessions.repository.ts';

const LISTED = [
  'api_token.id',
  'api_token.name',
  'api_token.prefix',
  'api_token.created_at',
  'api_token.last_used_at',
  'api_token.expires_at',
  'api_token.revoked_at',
] as const;

/** Stores a new token row; returns its id. */
export async function insertToken(db: DbOrTrx, row: Insertable<ApiTokenTable>): Promise<number> {
  const r = await db.insertInto('api_token').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Tokens of one account not yet revoked (expired ones included), for the per-account cap. */
export async function countUnrevoked(db: DbOrTrx, userId: number, now: string): Promise<number> {
  const r = await db
    .selectFrom('api_token')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Only tokens still usable at `now` (not revoked, not expired), unless `all`. */
function usable(all: boolean, now: string): RawBuilder<SqlBool> {
  return all
    ? sql<SqlBool>`1 = 1`
    : sql<SqlBool>`(api_token.revoked_at is null and (api_token.expires_at is null or api_token.expires_at > ${now}))`;
}

/** One page of an account's tokens, newest first. */
export async function listOwnTokens(
  db: DbOrTrx,
  opts: { userId: number; all: boolean; now: string; page: PageRequest },
) {
  const base = db
    .selectFrom('api_token')
    .where('api_token.user_id', '=', opts.userId)
    .where(usable(opts.all, opts.now));
  return fetchPage(base, (qb) => qb.select(LISTED).orderBy('api_token.id', 'desc'), opts.page);
}

/** One page of every account's tokens within `scope` (a predicate over app_user.division_code), newest first. */
export async function listTokensInScope(
  db: DbOrTrx,
  opts: { scope: Expression<SqlBool>; username?: string; all: boolean; now: string; page: PageRequest },
) {
  let base = db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .where(opts.scope)
    .where(usable(opts.all, opts.now));
  if (opts.username !== undefined) base = base.where('app_user.username', '=', opts.username);
  return fetchPage(
    base,
    (qb) =>
      qb
        .select([
          ...LISTED,
          'app_user.id as user_id',
          'app_user.username',
          'app_user.display_name',
          'app_user.division_code',
        ])
        .orderBy('api_token.id', 'desc'),
    opts.page,
  );
}

/** A token with its owner's username and division, or undefined. */
export async function findTokenById(db: DbOrTrx, id: number) {
  return db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select([...LISTED, 'api_token.user_id', 'app_user.username', 'app_user.division_code'])
    .where('api_token.id', '=', id)
    .executeTakeFirst();
}

/** Marks a token revoked (once: a revoked token keeps its first revocation); true when this call revoked it. */
export async function revokeToken(db: DbOrTrx, opts: { id: number; at: string; by: number | null }): Promise<boolean> {
  const r = await db
    .updateTable('api_token')
    .set({ revoked_at: opts.at, revoked_by: opts.by })
    .where('id', '=', opts.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Records a use at `at`, unless one was recorded after `since` (so a busy token writes once a minute at most). */
export async function touchToken(db: DbOrTrx, opts: { id: number; at: string; since: string }): Promise<void> {
  await db
    .updateTable('api_token')
    .set({ last_used_at: opts.at })
    .where('id', '=', opts.id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', opts.since)]))
    .execute();
}

/** The account of a username (lower-cased by the caller), for the command line and the administrators' filter. */
export async function findUserByUsername(db: DbOrTrx, username: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'username', 'status', 'division_code'])
    .where('username', '=', username)
    .executeTakeFirst();
}

/** The roles an account holds. */
export async function listUserRoles(db: DbOrTrx, userId: number): Promise<string[]> {
  const rows = await db.selectFrom('user_role').select('role_code').where('user_id', '=', userId).execute();
  return rows.map((r) => r.role_code);
}

/**
 * The query every bearer request runs, compiled once: the token by its hash, its account and the account's role
 * assignments in one statement (roles folded as sessions.repository's `unfoldRoles` reads them).
 */
export function prepareTokenLookup(db: Db, engine: Engine) {
  const folded = foldedRolesOf(engine, 'api_token.user_id');
  const compiled = db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select([
      'api_token.id',
      'api_token.last_used_at',
      'api_token.expires_at',
      'api_token.revoked_at',
      'api_token.user_id',
      'app_user.username',
      'app_user.display_name',
      'app_user.division_code',
      'app_user.org_id',
      'app_user.status',
      'app_user.must_change_password',
      folded.as('roles'),
    ])
    .where('api_token.token_hash', '=', '')
    .compile();
  const query = engine === 'postgres' ? namedStatement('qx_api_token_lookup', compiled) : compiled;
  return {
    /** The token with this hash, its account and the account's folded roles, or undefined. */
    findByHash: async (hash: string) => (await readCompiled(db, query, [hash]))[0],
  };
}
