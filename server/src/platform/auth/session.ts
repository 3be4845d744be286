/** Cookie sessions stored server-side: lookup on every request, idle and absolute timeouts, CSRF token. */
import '@fastify/cookie';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DbOrTrx } from '../../db/database.ts';
import type { Principal } from '../access/scope.ts';
import { ADMIN_ROLES } from '../../../../contracts/access.ts';
import { writeAudit } from '../audit/audit.ts';
import { iso } from '../clock.ts';
import type { Deps } from '../deps.ts';
import * as repo from './sessions.repository.ts';
import { bearerCredentials, prepareBearerAuth } from './api-tokens.ts';

export const IDLE_TIMEOUT_S = 30 * 60;
export const ADMIN_IDLE_TIMEOUT_S = 15 * 60;
export const ABSOLUTE_TIMEOUT_S = 12 * 60 * 60;
/** last_seen_at is written at most this often, so reads stay reads. */
const TOUCH_INTERVAL_MS = 30_000;

export interface SessionState {
  idHash: string;
  csrfToken: string;
  mfaPending: boolean;
  createdAt: string;
  expiresAt: string;
  idleTimeoutS: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    session: SessionState | null;
    sessionExpired: boolean;
    /** The account must change its password (after an administrator's reset) before doing anything else. */
    passwordChangeRequired: boolean;
    csrfOk: boolean;
    auditDenied(permission: string): Promise<void>;
  }
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

export function cookieName(deps: Deps): string {
  return deps.config.secureCookies ? '__Host-qx_session' : 'qx_session';
}

/** Loads a principal (user + role assignments) by user id. */
export async function loadPrincipal(db: DbOrTrx, userId: number): Promise<Principal | null> {
  const user = await repo.findPrincipalAccount(db, userId);
  if (!user || user.status !== 'active') return null;
  const roles = await repo.listRoleAssignments(db, userId);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    divisionCode: user.division_code,
    orgId: user.org_id,
    roles: roles.map((r) => ({ role: r.role_code, divisionCode: r.division_code })),
  };
}

export function idleTimeoutFor(roles: readonly string[]): number {
  return roles.some((r) => (ADMIN_ROLES as readonly string[]).includes(r)) ? ADMIN_IDLE_TIMEOUT_S : IDLE_TIMEOUT_S;
}

/** Creates a session row and returns the secret id for the cookie. */
export async function createSession(
  trx: DbOrTrx,
  deps: Deps,
  opts: {
    userId: number;
    roles: readonly string[];
    mfaPending: boolean;
    ip: string;
    userAgent: string;
    createdAt?: string;
  },
): Promise<{ id: string; state: SessionState }> {
  const id = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  const createdAt = opts.createdAt ?? iso(now);
  const state: SessionState = {
    idHash: hashSessionId(id),
    csrfToken: randomBytes(24).toString('base64url'),
    mfaPending: opts.mfaPending,
    createdAt,
    expiresAt: iso(new Date(Date.parse(createdAt) + ABSOLUTE_TIMEOUT_S * 1000)),
    idleTimeoutS: idleTimeoutFor(opts.roles),
  };
  await repo.insertSession(trx, {
    id_hash: state.idHash,
    user_id: opts.userId,
    csrf_token: state.csrfToken,
    created_at: state.createdAt,
    last_seen_at: iso(now),
    expires_at: state.expiresAt,
    idle_timeout_s: state.idleTimeoutS,
    mfa_pending: opts.mfaPending ? 1 : 0,
    ip: opts.ip.slice(0, 64),
    user_agent: opts.userAgent.slice(0, 300),
  });
  return { id, state };
}

export function setSessionCookie(reply: FastifyReply, deps: Deps, id: string): void {
  void reply.setCookie(cookieName(deps), id, {
    path: '/',
    httpOnly: true,
    secure: deps.config.secureCookies,
    sameSite: 'strict',
    maxAge: ABSOLUTE_TIMEOUT_S,
  });
}

export function clearSessionCookie(reply: FastifyReply, deps: Deps): void {
  void reply.clearCookie(cookieName(deps), {
    path: '/',
    httpOnly: true,
    secure: deps.config.secureCookies,
    sameSite: 'strict',
  });
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** Resolves the session cookie on every request into `req.principal` and `req.session`. */
export function registerSessions(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('passwordChangeRequired', false);
  app.decorateRequest('csrfOk', false);
  app.decorateRequest(
    'auditDenied',
    async function (
      this: { principal: Principal | null; ip: string; url: string; method: string },
      permission: string,
    ) {
      const principal = this.principal;
      await deps.db.transaction().execute((trx) =>
        writeAudit(
          trx,
          deps.audit,
          { userId: principal?.userId ?? null, username: principal?.username ?? null, ip: this.ip },
          {
            action: 'access.denied',
            result: 'denied',
            details: { permission, method: this.method, url: this.url.slice(0, 200) },
          },
        ),
      );
    },
  );

  // The one query every authenticated request runs, built once (see prepareSessionLookup).
  const lookup = repo.prepareSessionLookup(deps.db, deps.engine);

  // Machine clients: `Authorization: Bearer qx_…` (api-tokens.ts). The token alone decides; the cookie is ignored.
  const bearer = prepareBearerAuth(app, deps);

  // Requests without the cookie (public pages, health) pass without a promise.
  app.addHook('onRequest', (req, reply, done) => {
    const token = bearerCredentials(req.headers.authorization);
    if (token !== null) {
      bearer.resolve(req, reply, token).then(() => done(), done);
      return;
    }
    const raw = req.cookies[cookieName(deps)];
    if (!raw) {
      done();
      return;
    }
    resolveSession(req, raw).then(() => done(), done);
  });

  async function resolveSession(req: FastifyRequest, raw: string): Promise<void> {
    const idHash = hashSessionId(raw);
    // Session, account and roles in one query: the whole cost of authentication per request.
    const row = await lookup.findSession(idHash);
    if (!row) {
      req.sessionExpired = true;
      return;
    }
    const now = deps.clock.now();
    const idleDeadline = Date.parse(row.last_seen_at) + row.idle_timeout_s * 1000;
    if (now.getTime() >= Date.parse(row.expires_at) || now.getTime() >= idleDeadline) {
      await repo.deleteSession(deps.db, idHash);
      req.sessionExpired = true;
      return;
    }
    if (row.status !== 'active') {
      await repo.deleteSession(deps.db, idHash);
      req.sessionExpired = true;
      return;
    }
    if (now.getTime() - Date.parse(row.last_seen_at) > TOUCH_INTERVAL_MS) {
      await repo.touchSession(deps.db, idHash, iso(now));
    }
    const roles = repo.unfoldRoles(row.roles);
    req.principal = {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      divisionCode: row.division_code,
      orgId: row.org_id,
      roles: roles.map((r) => ({ role: r.role_code, divisionCode: r.division_code })),
    };
    req.session = {
      idHash,
      csrfToken: row.csrf_token,
      mfaPending: row.mfa_pending === 1,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      idleTimeoutS: row.idle_timeout_s,
    };
    req.passwordChangeRequired = row.must_change_password === 1;
    const header = req.headers['x-csrf-token'];
    req.csrfOk = typeof header === 'string' && safeEqual(header, row.csrf_token);
  }
}
