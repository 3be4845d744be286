import { describe, expect, it } from 'vitest';
import { ZListAuditQuery } from '../../../../contracts/audit.ts';
import { ZListOrganisationsQuery } from '../../../../contracts/organisations.ts';
import { ZListRegistrationsQuery } from '../../../../contracts/users.ts';
import { exportFilters, readQuery, writeQuery } from './url-query.ts';

const read = (s: string) => readQuery(ZListOrganisationsQuery, new URLSearchParams(s));

describe('filters from the URL', () => {
  it('reads typed values with the contract defaults', () => {
    expect(read('')).toEqual({ page: 1, pageSize: 20 });
    expect(read('division=150102&type=enterprise&status=active&q=%E7%A7%8D%E8%96%AF&page=3&pageSize=50')).toEqual({
      division: '150102',
      type: 'enterprise',
      status: 'active',
      q: '种薯',
      page: 3,
      pageSize: 50,
    });
  });

  it('drops values the schema refuses and keeps the rest', () => {
    expect(read('type=spaceship&division=15&page=-2&q=ok')).toEqual({ q: 'ok', page: 1, pageSize: 20 });
    expect(read('pageSize=100000')).toEqual({ page: 1, pageSize: 20 });
    expect(read('unknown=1&q=')).toEqual({ page: 1, pageSize: 20 });
  });

  it('applies defaults of other lists (registrations pending first)', () => {
    expect(readQuery(ZListRegistrationsQuery, new URLSearchParams(''))).toMatchObject({ status: 'pending' });
    expect(readQuery(ZListRegistrationsQuery, new URLSearchParams('status=rejected'))).toMatchObject({
      status: 'rejected',
    });
    expect(readQuery(ZListAuditQuery, new URLSearchParams('from=2026-01-01&to=2026-13-01&actor=region'))).toEqual({
      from: '2026-01-01',
      actor: 'region',
      page: 1,
      pageSize: 20,
    });
  });
});

describe('filters into the URL', () => {
  const base = new URLSearchParams('division=150100&type=enterprise&page=4');

  it('sets and removes values and returns to page 1 on a filter change', () => {
    expect(writeQuery(base, { status: 'active' }).toString()).toBe('division=150100&type=enterprise&status=active');
    expect(writeQuery(base, { type: undefined }).toString()).toBe('division=150100');
    expect(writeQuery(base, { q: '  ' }).toString()).toBe('division=150100&type=enterprise');
  });

  it('keeps the page when paging and leaves defaults out', () => {
    expect(writeQuery(base, { page: 5 }).toString()).toBe('division=150100&type=enterprise&page=5');
    expect(writeQuery(base, { page: 1, pageSize: 20 }).toString()).toBe('division=150100&type=enterprise');
    expect(writeQuery(base, { page: 2, pageSize: 50 }).toString()).toBe(
      'division=150100&type=enterprise&page=2&pageSize=50',
    );
  });

  it('round-trips through readQuery', () => {
    const url = writeQuery(new URLSearchParams(), { division: '150102', q: '马铃薯', status: 'pending', page: 2 });
    expect(read(url.toString())).toEqual({ division: '150102', q: '马铃薯', status: 'pending', page: 2, pageSize: 20 });
  });

  it('exports the same filters without paging', () => {
    expect(exportFilters({ division: '150102', q: 'x', page: 3, pageSize: 50 })).toEqual({
      division: '150102',
      q: 'x',
    });
  });
});
