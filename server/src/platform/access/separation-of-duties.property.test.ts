/**
 * T2c: 三员分立 as a property: no sequence of grants leaves an account with two admin roles, or an admin role and
 * another role (keepsSeparationOfDuties in contracts/access.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADMIN_ROLES, ROLE_CODES, keepsSeparationOfDuties } from '../../../../contracts/access.ts';

const isAdmin = (r: string): boolean => (ADMIN_ROLES as readonly string[]).includes(r);

describe('T2c: keepsSeparationOfDuties', () => {
  it('no sequence of accepted grants breaks separation of duties (2,000 sequences)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ROLE_CODES, 'unknown-role'), { minLength: 1, maxLength: 25 }),
        (grants) => {
          const held: string[] = [];
          for (const role of grants) {
            const before = [...held];
            const ok = keepsSeparationOfDuties(held, role);
            if (ok && !held.includes(role)) held.push(role);
            const admins = held.filter(isAdmin);
            expect(admins.length).toBeLessThanOrEqual(1);
            if (admins.length === 1) expect(held).toEqual(admins);
            // It refuses only when the grant would actually break the rule.
            const wouldBreak =
              (isAdmin(role) && before.some((r) => r !== role)) || (!isAdmin(role) && before.some(isAdmin));
            expect(ok).toBe(!wouldBreak);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it.each([
    [[], 'sys-admin', true],
    [['sys-admin'], 'sys-admin', true],
    [['sys-admin'], 'sec-admin', false],
    [['sec-admin'], 'audit-admin', false],
    [['audit-admin'], 'county-officer', false],
    [['county-officer'], 'audit-admin', false],
    [['county-officer', 'expert'], 'sec-admin', false],
    [['county-officer'], 'expert', true],
    [['farmer', 'expert', 'researcher'], 'enterprise', true],
  ])('held %j + %s -> %s', (held, role, ok) => {
    expect(keepsSeparationOfDuties(held, role)).toBe(ok);
  });
});
