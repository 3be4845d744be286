import { describe, expect, it } from 'vitest';
import { budget, excerpt, listHref, listQuery } from './portal-market.ts';

describe('portal market helpers', () => {
  it('reads the list query from the URL and drops bad values', () => {
    expect(listQuery(new URLSearchParams('q=马铃薯&domain=seed&page=3'))).toEqual({
      q: '马铃薯',
      domain: 'seed',
      page: 3,
    });
    expect(listQuery(new URLSearchParams('domain=DROP TABLE&page=-2'))).toEqual({
      q: undefined,
      domain: undefined,
      page: 1,
    });
  });

  it('writes list links without defaults', () => {
    expect(listHref('demands', { q: '种薯', page: 1 })).toBe('/market/demands?q=%E7%A7%8D%E8%96%AF');
    expect(listHref('achievements', {})).toBe('/market/achievements');
  });

  it('shortens long texts and writes budgets', () => {
    expect(excerpt('一'.repeat(100), 10)).toBe(`${'一'.repeat(10)}…`);
    expect(budget(20, 80, 'zh-CN')).toBe('20–80 万元');
    expect(budget(null, null, 'zh-CN')).toBe('面议');
  });
});
