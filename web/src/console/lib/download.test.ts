import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from './download.ts';

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
