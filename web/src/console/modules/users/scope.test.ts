import { describe, expect, it } from 'vitest';
import { rolePermissionsOf } from '../../lib/test-utils.tsx';
import { grantProblem, permissionRoots } from './scope.ts';

/** A session holding `roles`, with what each carries. */
const holding = (roles: { role: string; divisionCode: string }[]) => ({
  roles,
  rolePermissions: rolePermissionsOf(roles),
});

describe('grant scope', () => {
  it('keeps the widest divisions of roles holding the permission', () => {
    const roles = [
      { role: 'sec-admin', divisionCode: '150000' },
      { role: 'county-officer', divisionCode: '150102' },
    ];
    expect(permissionRoots(holding(roles), 'role:assign')).toEqual(['150000']);
    expect(permissionRoots(holding(roles), 'pi:view_full')).toEqual(['150102']);
    expect(
      permissionRoots(
        holding([
          { role: 'county-officer', divisionCode: '150102' },
          { role: 'league-officer', divisionCode: '150100' },
          { role: 'league-officer', divisionCode: '150200' },
        ]),
        'org:read',
      ),
    ).toEqual(['150100', '150200']);
    expect(permissionRoots(holding([{ role: 'farmer', divisionCode: '150121' }]), 'role:assign')).toEqual([]);
  });

  it('refuses grants that break 三员分立 or repeat a role', () => {
    const held = [{ role: 'county-officer', divisionCode: '150102' }];
    expect(grantProblem(held, { role: 'audit-admin' })).toBe('separation');
    expect(grantProblem(held, { role: 'county-officer', divisionCode: '150102' })).toBe('duplicate');
    expect(grantProblem(held, { role: 'county-officer', divisionCode: '150103' })).toBeNull();
    expect(grantProblem([], { role: 'sec-admin' })).toBeNull();
  });
});
