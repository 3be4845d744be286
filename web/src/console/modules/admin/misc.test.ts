import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from './download.ts';
import { canCommit, importStep } from './imports.ts';
import { grantProblem, permissionRoots } from './scope.ts';

describe('download names (RFC 6266)', () => {
  it('prefers the UTF-8 name', () => {
    const h = `attachment; filename="organisations.xlsx"; filename*=UTF-8''%E5%8D%95%E4%BD%8D%E5%88%97%E8%A1%A8.xlsx`;
    expect(fileNameFromDisposition(h, 'x')).toBe('单位列表.xlsx');
  });
  it('falls back to the plain name, then to the given one', () => {
    expect(fileNameFromDisposition('attachment; filename="users.csv"', 'x')).toBe('users.csv');
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''%E0%A4%A; filename="a.csv"`, 'x')).toBe('a.csv');
    expect(fileNameFromDisposition(null, 'fallback.xlsx')).toBe('fallback.xlsx');
  });
});

describe('import steps', () => {
  it('follows the job', () => {
    expect(importStep(null, false)).toBe(0);
    expect(importStep(null, true)).toBe(1);
    expect(importStep({ status: 'parsing' }, false)).toBe(1);
    expect(importStep({ status: 'failed' }, false)).toBe(2);
    expect(importStep({ status: 'validated' }, false)).toBe(2);
    expect(importStep({ status: 'expired' }, false)).toBe(2);
    expect(importStep({ status: 'committed' }, false)).toBe(3);
  });
  it('commits only a clean, validated report', () => {
    expect(canCommit({ status: 'validated', errorCount: 0 })).toBe(true);
    expect(canCommit({ status: 'failed', errorCount: 2 })).toBe(false);
    expect(canCommit({ status: 'expired', errorCount: 0 })).toBe(false);
    expect(canCommit(null)).toBe(false);
  });
});

describe('grant scope', () => {
  it('keeps the widest divisions of roles holding the permission', () => {
    const roles = [
      { role: 'sec-admin', divisionCode: '150000' },
      { role: 'county-officer', divisionCode: '150102' },
    ];
    expect(permissionRoots(roles, 'role:assign')).toEqual(['150000']);
    expect(permissionRoots(roles, 'pi:view_full')).toEqual(['150102']);
    expect(
      permissionRoots(
        [
          { role: 'county-officer', divisionCode: '150102' },
          { role: 'league-officer', divisionCode: '150100' },
          { role: 'league-officer', divisionCode: '150200' },
        ],
        'org:read',
      ),
    ).toEqual(['150100', '150200']);
    expect(permissionRoots([{ role: 'farmer', divisionCode: '150121' }], 'role:assign')).toEqual([]);
  });

  it('refuses grants that break 三员分立 or repeat a role', () => {
    const held = [{ role: 'county-officer', divisionCode: '150102' }];
    expect(grantProblem(held, { role: 'audit-admin' })).toBe('separation');
    expect(grantProblem(held, { role: 'county-officer', divisionCode: '150102' })).toBe('duplicate');
    expect(grantProblem(held, { role: 'county-officer', divisionCode: '150103' })).toBeNull();
    expect(grantProblem([], { role: 'sec-admin' })).toBeNull();
  });
});
