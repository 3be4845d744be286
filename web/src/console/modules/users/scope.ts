/**
 * The divisions a session holds one permission in: where the user may grant, create or approve. Which permissions a
 * role carries comes with the session (`rolePermissions`, from the server's module manifests), never from a copy.
 */
import type { Session } from '../../../../../contracts/auth.ts';
import { keepsSeparationOfDuties } from '../../../../../contracts/access.ts';
import { isInScope, subtreePrefix } from '../../division.tsx';

/** Roots (widest first, none inside another) of the held roles that carry `permission`. */
export function permissionRoots(session: Pick<Session, 'roles' | 'rolePermissions'>, permission: string): string[] {
  const codes = [
    ...new Set(
      session.roles.filter((r) => session.rolePermissions[r.role]?.includes(permission)).map((r) => r.divisionCode),
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
