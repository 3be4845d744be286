/**
 * API tokens (API 令牌) for machine clients: `Authorization: Bearer qx_…` authenticates a request as the token's
 * owner — the same principal a session of the owner carries (roles, permissions, division scope, resolved afresh on
 * every request), with no CSRF header (a browser never attaches this header on its own, so there is nothing to forge).
 *
 * Rules (docs/SECURITY.md):
 * - A token is `qx_` + 40 base32 characters (200 random bits); only its SHA-256 is stored, with the display prefix
 *   `qx_` + 8 characters (160 unknown bits remain). Lookup is one indexed query by hash.
 * - It stops working at once when revoked, when it expires, when its owner is not `active` (disabled, pending,
 *   rejected), and whenever its owner holds a 三员 role: administrators must pass TOTP, which a token cannot.
 * - A bearer request ignores the session cookie: the token alone decides who is calling; an invalid token is a 401
 *   (`WWW-Authenticate: Bearer error="invalid_token"`), never a fall-back to the cookie.
 * - Routes marked `sessionOnly` (sign-out, TOTP, own password, creating tokens) refuse tokens: a leaked token cannot
 *   mint more tokens or take the account over.
 * - Failed bearer checks count per client (IP) in `auth_throttle` (survives restarts, shared by app nodes):
 *   BEARER_MAX_FAILURES in LOCKOUT_MS lock the client's bearer checks for LOCKOUT_MS (429).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_TOKEN_PATTERN } from '../../../../contracts/api-tokens.ts';
import { isAdminRole } from '../../../../contracts/access.ts';
import { iso } from '../clock.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors/errors.ts';
import * as repo from './api-tokens.repository.ts';
import { unfoldRoles } from './sessions.repository.ts';
import { claimLock, LOCKOUT_MS } from './throttle.ts';

/** last_used_at is written at most this often per token. */
export const TOUCH_INTERVAL_MS = 60_000;
/** Failed bearer checks per client before its bearer checks are locked for LOCKOUT_MS. */
export const BEARER_MAX_FAILURES = 20;
/** Locked clients remembered in memory per app (beyond it, expired entries are dropped first). */
const LOCKED_CLIENTS_MAX = 10_000;

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API token the request authenticated with (null for sessions and anonymous requests). */
    apiToken: { id: number } | null;
  }
}

/** SHA-256 (hex) of a token: what the table stores and the lookup asks for. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new token: the secret (shown once), its hash and its display prefix. */
export function generateApiToken(): { token: string; hash: string; prefix: string } {
  const bytes = randomBytes(25); // 200 bits = 40 base32 characters exactly
  let bits = 0;
  let value = 0;
  let body = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      body += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  const token = `qx_${body}`;
  return { token, hash: hashApiToken(token), prefix: displayPrefix(token) };
}

/** `qx_` and the first 8 characters of the secret. */
export function displayPrefix(token: string): string {
  return token.slice(0, 11);
}

/** Whether a string has the shape of a token (checked before any database work). */
export function isWellFormedToken(token: string): boolean {
  return API_TOKEN_PATTERN.test(token);
}

/** The credentials of an `Authorization: Bearer …` header, or null for other schemes (and no header). */
export function bearerCredentials(header: string | undefined): string | null {
  if (header === undefined) return null;
  const m = /^bearer(?:\s+(.*))?$/i.exec(header.trim());
  return m ? (m[1] ?? '').trim() : null;
}

const INVALID = { zh: 'API 令牌无效、已过期或已被撤销', en: 'The API token is invalid, expired or revoked' };

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * Prepares bearer authentication for the session hook (session.ts): decorates `req.apiToken` and returns the
 * resolver, which the hook calls instead of reading the session cookie when the request carries a bearer header.
 */
export function prepareBearerAuth(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('apiToken', null);
  const lookup = repo.prepareTokenLookup(deps.db, deps.engine);
  /** Clients whose bearer checks are locked, until when (ms); the table holds the truth across nodes. */
  const locked = new Map<string, number>();

  function lockedUntil(client: string, now: number): number | null {
    const until = locked.get(client);
    if (until === undefined) return null;
    if (until <= now) {
      locked.delete(client);
      return null;
    }
    return until;
  }

  async function countFailure(client: string, now: Date): Promise<void> {
    if (await claimLock(deps.db, `bearer:${client}`, now, BEARER_MAX_FAILURES)) return;
    // The key is locked in the table (by this node or another): refuse this client's checks here too.
    if (locked.size >= LOCKED_CLIENTS_MAX)
      for (const [k, until] of locked) if (until <= now.getTime()) locked.delete(k);
    if (locked.size < LOCKED_CLIENTS_MAX) locked.set(client, now.getTime() + LOCKOUT_MS);
  }

  async function refuse(reply: FastifyReply, client: string, now: Date): Promise<never> {
    await countFailure(client, now);
    void reply.header('www-authenticate', 'Bearer error="invalid_token"');
    throw new AppError('UNAUTHENTICATED', INVALID);
  }

  return {
    /** Authenticates the request by its bearer token, or throws 401 (invalid) / 429 (client locked). */
    async resolve(req: FastifyRequest, reply: FastifyReply, token: string): Promise<void> {
      const now = deps.clock.now();
      const client = sha256(req.ip);
      if (lockedUntil(client, now.getTime()) !== null) throw new AppError('RATE_LIMITED');
      if (!isWellFormedToken(token)) return refuse(reply, client, now);
      const row = await lookup.findByHash(hashApiToken(token));
      if (!row || row.revoked_at !== null || row.status !== 'active') return refuse(reply, client, now);
      if (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime()) return refuse(reply, client, now);
      const roles = unfoldRoles(row.roles);
      if (roles.some((r) => isAdminRole(r.role_code))) return refuse(reply, client, now);
      if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= TOUCH_INTERVAL_MS)
        await repo.touchToken(deps.db, {
          id: row.id,
          at: iso(now),
          since: iso(new Date(now.getTime() - TOUCH_INTERVAL_MS)),
        });
      req.principal = {
        userId: row.user_id,
        username: row.username,
        displayName: row.display_name,
        divisionCode: row.division_code,
        orgId: row.org_id,
        roles: roles.map((r) => ({ role: r.role_code, divisionCode: r.division_code })),
      };
      req.apiToken = { id: row.id };
      req.passwordChangeRequired = row.must_change_password === 1;
      // No cookie authenticated this request, so there is no cross-site request to guard against.
      req.csrfOk = true;
    },
  };
}
