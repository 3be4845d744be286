/**
 * The access model's codes, shared by the server and the web app: roles, their names, the permission code shape and
 * the one-account 三员分立 rule the console checks before offering a grant. Which permissions each role carries is
 * declared by the modules' manifests; the server's rules over them (scope, chains of admin grants, who may manage
 * whom) live in server/src/platform/access.
 */

/**
 * A permission code, `area:verb` (e.g. `monitoring:read`). Each module declares its permissions, their names and the
 * roles that carry them in its manifest (server/src/modules/<m>/index.ts); the session lists what the caller holds.
 */
export type Permission = `${string}:${string}`;

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

export function isRoleCode(v: string): v is RoleCode {
  return (ROLE_CODES as readonly string[]).includes(v);
}

export function isAdminRole(role: string): boolean {
  return (ADMIN_ROLES as readonly string[]).includes(role);
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
