/**
 * The server's access rules over the role and permission codes in contracts/access.ts: which roles grant a permission,
 * the second factor, who may manage whom, and 三员分立 over chains of admin grants.
 */
import { permissionsOfRole } from '../modules/installed.ts';
import {
  ADMIN_ROLES,
  ROLE_CODES,
  isAdminRole,
  keepsSeparationOfDuties,
  type Permission,
  type RoleCode,
} from '../../../../contracts/access.ts';

/** The permissions a role carries, as the module manifests declare them (empty for an unknown role). */
export { permissionsOfRole } from '../modules/installed.ts';

/** Roles that grant `permission`. */
export function rolesWithPermission(permission: Permission): RoleCode[] {
  return ROLE_CODES.filter((r) => permissionsOfRole(r).includes(permission));
}

/** Admin roles need a second factor (TOTP). */
export function needsSecondFactor(roles: readonly string[]): boolean {
  return roles.some((r) => (ADMIN_ROLES as readonly string[]).includes(r));
}

/** The admin role an account holds (三员 hold exactly one and nothing else), or null. */
export function adminKindOf(roles: readonly string[]): string | null {
  return roles.find(isAdminRole) ?? null;
}

/**
 * Whether an account holding `actorRoles` may disable, enable, reset or change the roles of an account holding
 * `targetRoles`: an administrator is managed only by an administrator of the same kind (a system administrator never
 * disables the audit administrator, a security administrator never resets the system administrator).
 */
export function mayManageAccount(actorRoles: readonly string[], targetRoles: readonly string[]): boolean {
  const kind = adminKindOf(targetRoles);
  return kind === null || actorRoles.includes(kind);
}

/** Days an account must have held no business role before it may become an administrator. */
export const ADMIN_COOLING_OFF_DAYS = 30;

/** What the chain rule knows about an admin-role grant. */
export interface AdminGrantChain {
  role: string;
  targetId: number;
  /** Roles the account holds now. */
  held: readonly string[];
  /** Roles the account held before, with the time each was revoked (ISO). */
  past: readonly { role: string; revokedAt: string }[];
  /** Who set the account's current password when it was not the holder (create or reset), else null. */
  passwordSetBy: number | null;
  requesterId: number;
  /** The second administrator; absent while only the request is checked. */
  approverId?: number;
  now: Date;
}

/**
 * 三员分立 over chains, not only the single account: the reasons (Chinese) an admin-role grant must not happen, or an
 * empty list. Beyond keepsSeparationOfDuties: the grant needs a second administrator (never the requester, never the
 * account itself); the account must not have held a business role in the last ADMIN_COOLING_OFF_DAYS days (revoking
 * a county officer's role and making it an auditor the same day is a hand-over of a known account); and its password
 * must be one the holder chose — an account whose password was set by an administrator (created with an initial
 * password, or reset and not yet redeemed) could be used by that administrator.
 */
export function adminGrantObstacles(c: AdminGrantChain): string[] {
  const out: string[] = [];
  if (!isAdminRole(c.role)) return out;
  if (!keepsSeparationOfDuties(c.held, c.role)) out.push('三员角色不能与其他角色同时授予同一账户');
  if (c.requesterId === c.targetId) out.push('不能为自己申请管理员角色');
  if (c.approverId !== undefined) {
    if (c.approverId === c.requesterId) out.push('管理员角色须由另一名管理员批准（双人规则）');
    if (c.approverId === c.targetId) out.push('不能批准授予自己的管理员角色');
  }
  const since = c.now.getTime() - ADMIN_COOLING_OFF_DAYS * 86_400_000;
  if (c.past.some((p) => !isAdminRole(p.role) && Date.parse(p.revokedAt) > since))
    out.push(`该账户在 ${ADMIN_COOLING_OFF_DAYS} 天内持有过业务角色，不能授予管理员角色`);
  if (c.passwordSetBy !== null)
    out.push('该账户的密码由管理员设置（初始密码或重置后尚未由本人设置），须由本人设置密码后才能授予管理员角色');
  return out;
}
