/**
 * Use cases of API tokens: create (console or command line), list and revoke one's own, and the administrators' list
 * and revocation within their scope. Every write is audited in its transaction (`token.create`, `token.revoke`,
 * target `api_token`); the audit row names the token's prefix, never the secret.
 */
import type { AdminApiToken, ApiToken, CreatedApiToken } from '../../../../contracts/api-tokens.ts';
import { isAdminRole } from '../../../../contracts/access.ts';
import type { Principal } from '../access/scope.ts';
import { isWithinScope, scopeFilter, scopeRoots } from '../access/scope.ts';
import { writeAudit, type AuditActor } from '../audit/audit.ts';
import { defineAuditTarget } from '../audit/audit-targets.ts';
import { iso } from '../clock.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors/errors.ts';
import type { PageRequest } from '../http/paging.ts';
import { generateApiToken } from './api-tokens.ts';
import * as repo from './api-tokens.repository.ts';

/** Live (unrevoked, unexpired) tokens one account may hold. */
export const MAX_TOKENS_PER_USER = 20;

/** The audit target `api_token`: a token shows as its name and prefix. */
export const API_TOKEN_AUDIT_TARGET = defineAuditTarget({
  type: 'api_token',
  zh: 'API 令牌',
  en: 'API token',
  async names(db, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('api_token')
      .select(['id', 'name', 'prefix'])
      .where('id', 'in', [...ids])
      .execute();
    return new Map(rows.map((r) => [r.id, `${r.name}（${r.prefix}…）`]));
  },
});

interface TokenRow {
  id: number;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

/** A token as the lists show it (no secret). */
export function presentToken(row: TokenRow, now: Date): ApiToken {
  const status =
    row.revoked_at !== null
      ? 'revoked'
      : row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime()
        ? 'expired'
        : 'active';
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    status,
  };
}

const ADMIN_REFUSED = {
  zh: '管理员账户（三员）不能持有 API 令牌：令牌无法完成动态口令验证',
  en: 'Administrator accounts cannot hold API tokens: a token cannot pass the second factor',
};

/**
 * Creates a token for `userId` and returns it with its secret (shown this once). The account must be active and hold
 * no 三员 role; at most MAX_TOKENS_PER_USER live tokens. `createdBy` is the console user, null for the command line.
 */
export async function createApiToken(
  deps: Deps,
  opts: { userId: number; name: string; expiresInDays?: number; createdBy: number | null; actor: AuditActor },
): Promise<CreatedApiToken> {
  const now = deps.clock.now();
  const name = opts.name.trim();
  if (name === '' || name.length > 60)
    throw new AppError('VALIDATION', { zh: '令牌名称应为 1-60 个字符', en: 'The name must be 1-60 characters' });
  const { token, hash, prefix } = generateApiToken();
  const expiresAt =
    opts.expiresInDays === undefined ? null : iso(new Date(now.getTime() + opts.expiresInDays * 86_400_000));
  return deps.db.transaction().execute(async (trx) => {
    const owner = await trx
      .selectFrom('app_user')
      .select(['id', 'status', 'division_code'])
      .where('id', '=', opts.userId)
      .executeTakeFirst();
    if (!owner) throw new AppError('NOT_FOUND');
    if (owner.status !== 'active')
      throw new AppError('INVALID_STATE', { zh: '账户未启用，不能创建令牌', en: 'The account is not active' });
    if ((await repo.listUserRoles(trx, owner.id)).some(isAdminRole)) throw new AppError('INVALID_STATE', ADMIN_REFUSED);
    if ((await repo.countUnrevoked(trx, owner.id, iso(now))) >= MAX_TOKENS_PER_USER)
      throw new AppError('INVALID_STATE', {
        zh: `每个账户最多持有 ${MAX_TOKENS_PER_USER} 个有效令牌，请先撤销不用的令牌`,
        en: `At most ${MAX_TOKENS_PER_USER} live tokens per account; revoke unused ones first`,
      });
    const row = {
      user_id: owner.id,
      name,
      token_hash: hash,
      prefix,
      created_at: iso(now),
      created_by: opts.createdBy,
      last_used_at: null,
      expires_at: expiresAt,
      revoked_at: null,
      revoked_by: null,
    };
    const id = await repo.insertToken(trx, row);
    await writeAudit(trx, deps.audit, opts.actor, {
      action: 'token.create',
      targetType: 'api_token',
      targetId: id,
      divisionCode: owner.division_code,
      details: { userId: owner.id, name, prefix, expiresAt },
    });
    return { ...presentToken({ id, ...row }, now), token };
  });
}

/** One page of the caller's own tokens (live ones, or all with `all`). */
export async function listOwnApiTokens(
  deps: Deps,
  opts: { principal: Principal; all: boolean; page: PageRequest },
): Promise<{ items: ApiToken[]; total: number } & PageRequest> {
  const now = deps.clock.now();
  const { rows, total } = await repo.listOwnTokens(deps.db, {
    userId: opts.principal.userId,
    all: opts.all,
    now: iso(now),
    page: opts.page,
  });
  return { items: rows.map((r) => presentToken(r, now)), total, ...opts.page };
}

/** One page of every account's tokens within the caller's `token:manage` scope (by the owner's division). */
export async function listApiTokensInScope(
  deps: Deps,
  opts: { principal: Principal; username?: string; all: boolean; page: PageRequest },
): Promise<{ items: AdminApiToken[]; total: number } & PageRequest> {
  const now = deps.clock.now();
  const roots = scopeRoots(opts.principal, 'token:manage');
  const { rows, total } = await repo.listTokensInScope(deps.db, {
    scope: scopeFilter('app_user.division_code', roots),
    username: opts.username?.trim().toLowerCase(),
    all: opts.all,
    now: iso(now),
    page: opts.page,
  });
  const items = rows.map((r) => ({
    ...presentToken(r, now),
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    divisionCode: r.division_code,
  }));
  return { items, total, ...opts.page };
}

/**
 * Revokes a token: `own` — the caller's own (another's answers 404); `admin` — any within the caller's `token:manage`
 * scope (outside: 404); `cli` — any. A token revoked already answers 409. Effective at once: every bearer request
 * reads the token's row.
 */
export async function revokeApiToken(
  deps: Deps,
  opts: { id: number; as: 'own' | 'admin' | 'cli'; principal: Principal | null; actor: AuditActor },
): Promise<ApiToken> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const token = await repo.findTokenById(trx, opts.id);
    if (!token) throw new AppError('NOT_FOUND');
    if (opts.as !== 'cli') {
      const p = opts.principal;
      if (!p) throw new AppError('UNAUTHENTICATED');
      const visible =
        opts.as === 'own'
          ? token.user_id === p.userId
          : await isWithinScope(trx, scopeRoots(p, 'token:manage'), token.division_code);
      if (!visible) throw new AppError('NOT_FOUND');
    }
    const at = iso(now);
    if (!(await repo.revokeToken(trx, { id: token.id, at, by: opts.principal?.userId ?? null })))
      throw new AppError('INVALID_STATE', { zh: '该令牌已撤销', en: 'The token is revoked already' });
    await writeAudit(trx, deps.audit, opts.actor, {
      action: 'token.revoke',
      targetType: 'api_token',
      targetId: token.id,
      divisionCode: token.division_code,
      details: { userId: token.user_id, name: token.name, prefix: token.prefix, as: opts.as },
    });
    return presentToken({ ...token, revoked_at: at }, now);
  });
}

/** The account of a username, for the command line (NOT_FOUND when there is none). */
export async function findAccountId(deps: Deps, username: string): Promise<number> {
  const user = await repo.findUserByUsername(deps.db, username.trim().toLowerCase());
  if (!user) throw new AppError('NOT_FOUND', { zh: '没有该用户名的账户', en: 'No account with this username' });
  return user.id;
}
