import { describe, expect, it } from 'vitest';
import { formatEarTag, parseEarTag } from './ear-tag.ts';

const counties = new Set(['150121', '152502', '150421']);
const isCountyCode = (c: string): boolean => counties.has(c);

describe('parseEarTag', () => {
  it.each([
    ['115012100000001', 'pig', '猪', '150121', '00000001'],
    ['215250212345678', 'cattle', '牛', '152502', '12345678'],
    ['3 150421 0000-0042', 'sheep', '羊', '150421', '00000042'],
  ])('parses %s', (input, species, zh, county, serial) => {
    const r = parseEarTag(input, { isCountyCode });
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({ species, speciesZh: zh, countyCode: county, serial }),
    });
  });

  it.each([
    ['11501210000000', '15 位'],
    ['1150121000000011', '15 位'],
    ['11501210000000A', '只能包含数字'],
    ['', '只能包含数字'],
    ['415012100000001', '未知的畜禽种类代码 4'],
    ['015012100000001', '未知的畜禽种类代码 0'],
    ['115010000000001', '格式不正确'],
    ['101012100000001', '格式不正确'],
    ['199012100000001', '格式不正确'],
    ['115019900000001', '不存在'],
  ])('rejects %s with a Chinese message', (input, fragment) => {
    const r = parseEarTag(input, { isCountyCode });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(fragment);
  });

  it('checks only the shape of the county code without a callback', () => {
    expect(parseEarTag('115019900000001').ok).toBe(true);
  });

  it('formats in reading groups', () => {
    const r = parseEarTag('215250212345678');
    if (!r.ok) throw new Error(r.message);
    expect(formatEarTag(r.value)).toBe('2 152502 1234 5678');
  });
});
