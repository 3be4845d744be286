/**
 * Every route declares who may call it, how it narrows to the caller's divisions, and what it audits. The rules are
 * collected at registration (route inventory) and enforced by one hook before the body is read.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../errors/errors.ts';
import type { Permission } from '../../../../contracts/access.ts';
import { hasPermission } from '../access/scope.ts';
import { isDeclaredAuditAction, isDeclaredPermission, modulesInstalled } from '../modules/installed.ts';

export interface RouteRule {
  /** `public`, `authenticated` (any signed-in user), or the permission needed. */
  access: 'public' | 'authenticated' | Permission;
  /**
   * `none`: nothing division-owned; `public-data`: published reference data; `self`: only the caller's own records;
   * `division-subtree`: rows filtered by the scope function.
   */
  scope: 'none' | 'public-data' | 'self' | 'division-subtree';
  /** Audit action written by the handler on success, or `none` for reads that are not audited. */
  audit: string;
  /** Allowed while a second factor is still owed (only the TOTP and logout routes). */
  allowMfaPending?: boolean;
  /**
   * Allowed while the account must change its password after an administrator's reset (the session view, logout,
   * TOTP, the own account, the password change itself and preferences).
   */
  allowPasswordChangePending?: boolean;
  /** Refused to API tokens (403): routes about the browser session or that would let a token mint credentials. */
  sessionOnly?: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    rule?: RouteRule;
  }
}

export interface InventoryEntry {
  method: string;
  url: string;
  rule: RouteRule | undefined;
  hasSchema: boolean;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SESSION_ONLY = {
  zh: '此操作须在登录会话中进行，API 令牌不能使用',
  en: 'This action needs a signed-in session; API tokens cannot be used',
};

/** Records every route in `inventory`; plugin routes under `/api/docs` are declared public here. */
export function collectRoutes(app: FastifyInstance, inventory: InventoryEntry[]): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.url.startsWith('/api/docs')) {
      route.config = { ...(route.config as object), rule: { access: 'public', scope: 'none', audit: 'none' } };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const rule = route.config?.rule;
    if (rule && modulesInstalled()) {
      // A route may only name what a module manifest declares (a typo would otherwise be a silent 403 for everyone).
      if (rule.access !== 'public' && rule.access !== 'authenticated' && !isDeclaredPermission(rule.access))
        throw new Error(`route ${route.url}: permission ${rule.access} is not declared by any module manifest`);
      if (rule.audit !== 'none' && !isDeclaredAuditAction(rule.audit))
        throw new Error(`route ${route.url}: audit action ${rule.audit} is not declared by any module manifest`);
    }
    const s = route.schema ?? {};
    const hasSchema =
      route.url.startsWith('/api/docs') ||
      Boolean(s.response) ||
      Boolean(s.body) ||
      Boolean(s.querystring) ||
      Boolean(s.params);
    for (const m of methods) if (m !== 'HEAD') inventory.push({ method: m, url: route.url, rule, hasSchema });
  });
}

/**
 * Enforces each route's rule: session, second factor, forced password change, CSRF, permission. Runs as a preParsing
 * hook (app.ts), after the session is resolved and before any byte of the body is read, so a refused upload is never
 * buffered (issue 9, finding 2).
 */
export function enforceRule(req: FastifyRequest): Promise<void> | undefined {
  if (req.is404) return undefined; // unknown routes fall through to the 404 handler
  const rule = req.routeOptions.config.rule;
  if (!rule) throw new AppError('FORBIDDEN'); // undeclared routes are closed (the inventory test catches them)
  if (rule.access === 'public') return undefined;
  const session = req.session;
  // A request authenticates by its session cookie or by an API token (auth/api-tokens.ts: no second factor owed).
  if (!req.principal || (!session && !req.apiToken))
    throw new AppError(req.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
  if (req.apiToken && rule.sessionOnly) throw new AppError('FORBIDDEN', SESSION_ONLY);
  if (session?.mfaPending && !rule.allowMfaPending) throw new AppError('MFA_REQUIRED');
  if (req.passwordChangeRequired && !rule.allowPasswordChangePending) throw new AppError('PASSWORD_CHANGE_REQUIRED');
  if (STATE_CHANGING.has(req.method) && !req.csrfOk) throw new AppError('CSRF');
  if (rule.access !== 'authenticated' && !hasPermission(req.principal, rule.access)) {
    // The only step that waits: the refusal is audited before it is answered.
    const permission = rule.access;
    return req.auditDenied(permission).then(() => {
      throw new AppError('FORBIDDEN');
    });
  }
  return undefined;
}
