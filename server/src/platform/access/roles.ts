/** Role codes, their permissions, and the rules that keep duties apart. */

export const PERMISSIONS = [
  'org:read',
  'org:create',
  'org:update',
  'org:approve',
  'user:read',
  'user:create',
  'user:update',
  'role:assign',
  'registration:approve',
  'pi:view_full',
  'audit:read',
  'audit:verify',
  'profile:read',
  'metrics:read',
  /** 监测评价: read results and data within scope. */
  'monitoring:read',
  /** 监测评价: enter and submit a county's values. */
  'monitoring:enter',
  /** 监测评价: approve or return a county's submission (league step; region step needs monitoring:manage too). */
  'monitoring:approve',
  /** 监测评价: frameworks, index runs, publication, unlocking approved data. */
  'monitoring:manage',
  /** 三员: approve or reject another administrator's request to grant or revoke an admin role (two-person rule). */
  'role:approve',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_CODES = [
  'sys-admin',
  'sec-admin',
  'audit-admin',
  'region-officer',
  'league-officer',
  'county-officer',
  'unit-officer',
  'enterprise',
  'researcher',
  'expert',
  'farmer',
] as const;

export type RoleCode = (typeof ROLE_CODES)[number];

/** 三员: system, security and audit administrators. One account may hold at most one of them, and nothing else. */
export const ADMIN_ROLES: readonly RoleCode[] = ['sys-admin', 'sec-admin', 'audit-admin'];

/** Roles a member of the public may ask for when registering. */
export const SELF_REGISTER_ROLES: readonly RoleCode[] = ['enterprise', 'researcher', 'farmer'];

const OFFICER: Permission[] = [
  'org:read',
  'org:create',
  'org:update',
  'org:approve',
  'user:read',
  'registration:approve',
  'metrics:read',
];

export const ROLE_PERMISSIONS: Record<RoleCode, readonly Permission[]> = {
  'sys-admin': [
    'org:read',
    'org:create',
    'org:update',
    'user:read',
    'user:create',
    'user:update',
    'profile:read',
    'role:approve',
  ],
  'sec-admin': ['user:read', 'user:update', 'role:assign', 'profile:read', 'role:approve'],
  'audit-admin': ['audit:read', 'audit:verify', 'profile:read', 'role:approve'],
  'region-officer': [
    ...OFFICER,
    'pi:view_full',
    'profile:read',
    'monitoring:read',
    'monitoring:enter',
    'monitoring:approve',
    'monitoring:manage',
  ],
  'league-officer': [...OFFICER, 'profile:read', 'monitoring:read', 'monitoring:approve'],
  'county-officer': [...OFFICER, 'pi:view_full', 'profile:read', 'monitoring:read', 'monitoring:enter'],
  'unit-officer': ['org:read', 'profile:read', 'metrics:read', 'monitoring:read'],
  enterprise: ['profile:read'],
  researcher: ['profile:read'],
  expert: ['profile:read'],
  farmer: ['profile:read'],
};

export const ROLE_NAMES: Record<RoleCode, { zh: string; en: string }> = {
  'sys-admin': { zh: '系统管理员', en: 'System administrator' },
  'sec-admin': { zh: '安全管理员', en: 'Security administrator' },
  'audit-admin': { zh: '审计管理员', en: 'Audit administrator' },
  'region-officer': { zh: '自治区科技厅工作人员', en: 'Region officer' },
  'league-officer': { zh: '盟市科技局工作人员', en: 'League/city officer' },
  'county-officer': { zh: '旗县科技局工作人员', en: 'Banner/county officer' },
  'unit-officer': { zh: '责任单位工作人员', en: 'Responsibility-unit officer' },
  enterprise: { zh: '企业用户', en: 'Enterprise' },
  researcher: { zh: '科研人员', en: 'Researcher' },
  expert: { zh: '专家/科技特派员', en: 'Expert / S&T commissioner' },
  farmer: { zh: '农牧民', en: 'Farmer / herder' },
};

/** Roles that grant `permission`. */
export function rolesWithPermission(permission: Permission): RoleCode[] {
  return ROLE_CODES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));
}

export function isRoleCode(v: string): v is RoleCode {
  return (ROLE_CODES as readonly string[]).includes(v);
}

/** Admin roles need a second factor (TOTP). */
export function needsSecondFactor(roles: readonly string[]): boolean {
  return roles.some((r) => (ADMIN_ROLES as readonly string[]).includes(r));
}

/**
 * Whether adding `role` to an account that holds `held` keeps 三员分立: an admin role never sits beside another
 * admin role or beside any business role.
 */
export function keepsSeparationOfDuties(held: readonly string[], role: string): boolean {
  const all = new Set([...held, role]);
  const admins = [...all].filter((r) => (ADMIN_ROLES as readonly string[]).includes(r));
  if (admins.length === 0) return true;
  return all.size === 1;
}

export function isAdminRole(role: string): boolean {
  return (ADMIN_ROLES as readonly string[]).includes(role);
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
