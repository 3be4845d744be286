/** The divisions a session holds one permission in: where the user may grant, create or approve. */
import type { Session } from '../../../../../contracts/auth.ts';
import {
  ROLE_PERMISSIONS,
  isRoleCode,
  keepsSeparationOfDuties,
  type Permission,
} from '../../../../../contracts/access.ts';
import { isInScope, subtreePrefix } from '../../division.tsx';

/** Roots (widest first, none inside another) of the roles that carry `permission`. */
export function permissionRoots(roles: Session['roles'], permission: Permission): string[] {
  const codes = [
    ...new Set(
      roles
        .filter((r) => isRoleCode(r.role) && ROLE_PERMISSIONS[r.role].includes(permission))
        .map((r) => r.divisionCode),
    ),
  ].sort((a, b) => subtreePrefix(a).length - subtreePrefix(b).length);
  const kept: string[] = [];
  for (const c of codes) if (!isInScope(c, kept)) kept.push(c);
  return kept;
}

/** Whether a role may be added beside the ones held (三员分立), and whether it is already held there. */
export function grantProblem(
  held: readonly { role: string; divisionCode: string }[],
  grant: { role: string; divisionCode?: string },
): 'separation' | 'duplicate' | null {
  if (grant.divisionCode && held.some((h) => h.role === grant.role && h.divisionCode === grant.divisionCode))
    return 'duplicate';
  if (
    !keepsSeparationOfDuties(
      held.map((h) => h.role),
      grant.role,
    )
  )
    return 'separation';
  return null;
}
