import { describe, expect, it } from 'vitest';
import { CERTIFICATION_KINDS, type CertificationKind, validateCertificationNumber } from './certification-numbers.ts';

const valid: [CertificationKind, string, string][] = [
  ['green-food-enterprise', 'GF150121260001', 'GF150121260001'],
  ['green-food-enterprise', 'GF 152502 24 0123', 'GF152502240123'],
  ['green-food-product', 'LB-18-1901020962A', 'LB-18-1901020962A'],
  ['green-food-product', 'lb-45-18080204016', 'LB-45-18080204016'],
  ['organic', '12326123456789012', '12326123456789012'],
  ['agi', 'AGI01234', 'AGI01234'],
  ['agi', 'AGI2010-02-00326', 'AGI2010-02-00326'],
  ['pgi', '国家质检总局公告2011年第32号', '国家质检总局公告2011年第32号'],
  ['pgi', '国家知识产权局公告第356号', '国家知识产权局公告第356号'],
  ['gi-trademark', '第12345678号', '12345678'],
  ['gi-trademark', '1234567', '1234567'],
  ['pollution-free', 'WNCR-NM19-00123', 'WNCR-NM19-00123'],
];

const invalid: [CertificationKind, string, string][] = [
  ['green-food-enterprise', 'GF15012126001', 'GF 加 12 位数字'],
  ['green-food-enterprise', 'GF990121260001', '地区代码 990121 无效'],
  ['green-food-enterprise', 'GF150121260000', '序号不能为 0000'],
  ['green-food-enterprise', 'GF150199260001', '不存在'],
  ['green-food-product', 'LB-18-19130209621A', '批准月份 13 无效'],
  ['green-food-product', 'LB-18-190102', 'LB-类别'],
  ['organic', '1232612345678901', '17 位数字'],
  ['organic', '1232612345678901X', '17 位数字'],
  ['agi', 'AGI012345', 'AGI 加 5 位数字'],
  ['agi', 'AGI1999-02-00326', 'AGI 加 5 位数字'],
  ['pgi', '公告第32号', '批准公告号'],
  ['pgi', '国家知识产权局公告第0号', '不能为 0'],
  ['gi-trademark', '123456', '7-9 位数字'],
  ['pollution-free', 'WNCR-00123', 'WNCR-'],
  ['pollution-free', '', '不能为空'],
];

const counties = new Set(['150121', '152502']);

describe('validateCertificationNumber', () => {
  it.each(valid)('%s accepts %s', (kind, input, normalised) => {
    expect(validateCertificationNumber(kind, input, { isDivisionCode: (c) => counties.has(c) })).toEqual({
      ok: true,
      value: normalised,
    });
  });

  it.each(invalid)('%s rejects %s', (kind, input, fragment) => {
    const r = validateCertificationNumber(kind, input, { isDivisionCode: (c) => counties.has(c) });
    expect(r.ok ? '' : r.message).toContain(fragment);
    if (!r.ok) expect(r.message).toMatch(/ \/ [a-z]/i);
  });

  it('covers every kind', () => {
    const kinds = new Set([...valid, ...invalid].map(([k]) => k));
    expect([...kinds].sort()).toEqual([...CERTIFICATION_KINDS].sort());
  });
});
