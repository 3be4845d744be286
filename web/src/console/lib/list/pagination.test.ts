import { describe, expect, it } from 'vitest';
import { listPagination } from './pagination.ts';

describe('list paging', () => {
  it('reads page, size and total, and hands a change on as one patch', () => {
    const changes: unknown[] = [];
    const p = listPagination({ page: 3, pageSize: 50, total: 412, onChange: (c) => changes.push(c) });
    expect(p).toMatchObject({ current: 3, pageSize: 50, total: 412, showSizeChanger: true });
    expect('pageSizeOptions' in p).toBe(false);
    p.onChange?.(4, 50);
    expect(changes).toEqual([{ page: 4, pageSize: 50 }]);
  });

  it('counts nothing while the answer is on its way, and keeps the sizes a page offers', () => {
    const p = listPagination({
      page: 1,
      pageSize: 20,
      total: undefined,
      onChange: () => {},
      pageSizeOptions: [20, 50],
    });
    expect(p.total).toBe(0);
    expect(p.pageSizeOptions).toEqual([20, 50]);
  });
});
