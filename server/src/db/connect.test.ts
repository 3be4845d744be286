import { describe, expect, it } from 'vitest';
import { DEFAULT_PG_POOL, pgPoolSize } from './connect.ts';

describe('PostgreSQL pool size (QIXIAN_PG_POOL)', () => {
  it('defaults when unset and takes a whole number from 1 to 200', () => {
    expect(pgPoolSize({})).toBe(DEFAULT_PG_POOL);
    expect(pgPoolSize({ QIXIAN_PG_POOL: ' ' })).toBe(DEFAULT_PG_POOL);
    expect(pgPoolSize({ QIXIAN_PG_POOL: '24' })).toBe(24);
    for (const bad of ['0', '201', '2.5', 'ten', '-3'])
      expect(() => pgPoolSize({ QIXIAN_PG_POOL: bad }), bad).toThrow(/QIXIAN_PG_POOL/);
  });
});
