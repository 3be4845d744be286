import { describe, expect, it } from 'vitest';
import type { CountyAttribute } from '../../../../../contracts/divisions.ts';
import { attributeLabel, attributeValue, divisionTypeName, sortAttributes } from './attributes.ts';
import { unitLabel } from './format.ts';

const attr = (a: Partial<CountyAttribute> & { attribute: string }): CountyAttribute => ({
  valueText: null,
  valueNumber: null,
  year: 2020,
  source: '2020 census',
  ...a,
});

describe('county attributes', () => {
  it.each([
    [attr({ attribute: 'resident_population', valueNumber: 699672 }), 'zh-CN', '699,672 人'],
    [attr({ attribute: 'resident_population', valueNumber: 699672 }), 'en-US', '699,672 people'],
    [attr({ attribute: 'admin_type', valueText: '市辖区' }), 'zh-CN', '市辖区'],
    [attr({ attribute: 'admin_type', valueText: '自治旗' }), 'en-US', 'Autonomous banner'],
    [
      attr({ attribute: 'former_national_poverty_county', valueText: 'yes', valueNumber: 2020 }),
      'zh-CN',
      '是（2020 年退出）',
    ],
    [
      attr({ attribute: 'former_national_poverty_county', valueText: 'yes', valueNumber: 2020 }),
      'en-US',
      'Yes (exited 2020)',
    ],
    [attr({ attribute: 'rural_revitalization_key_county', valueText: 'yes' }), 'zh-CN', '是'],
    [attr({ attribute: 'border_banner', valueText: 'no' }), 'en-US', 'No'],
    [attr({ attribute: 'river_length_km', valueNumber: 12.5 }), 'zh-CN', '12.5'],
    [attr({ attribute: 'note' }), 'zh-CN', '—'],
  ] as const)('$0.attribute in %s reads %s', (a, locale, text) => {
    expect(attributeValue(a, locale)).toBe(text);
  });

  it('labels known attributes in both languages and shows unknown ones by name', () => {
    expect(attributeLabel('resident_population', 'zh-CN')).toBe('常住人口');
    expect(attributeLabel('rural_revitalization_key_county', 'en-US')).toBe('National rural-revitalisation key county');
    expect(attributeLabel('river_length_km', 'zh-CN')).toBe('river_length_km');
  });

  it('orders type and population first, flags after, unknown last, newest year first', () => {
    const sorted = sortAttributes([
      attr({ attribute: 'zz_unknown' }),
      attr({ attribute: 'rural_revitalization_key_county', year: 2021 }),
      attr({ attribute: 'resident_population', year: 2010 }),
      attr({ attribute: 'resident_population', year: 2020 }),
      attr({ attribute: 'admin_type', year: 2024 }),
    ]);
    expect(sorted.map((a) => `${a.attribute}@${a.year}`)).toEqual([
      'admin_type@2024',
      'resident_population@2020',
      'resident_population@2010',
      'rural_revitalization_key_county@2021',
      'zz_unknown@2020',
    ]);
  });
});

describe('division types', () => {
  it.each([
    ['旗', 'zh-CN', '旗'],
    ['旗', 'en-US', 'Banner'],
    ['地级市', 'en-US', 'Prefecture-level city'],
    ['特别行政区', 'en-US', '特别行政区'],
  ] as const)('%s in %s reads %s', (type, locale, want) => {
    expect(divisionTypeName(type, locale)).toBe(want);
  });
});

describe('units', () => {
  it.each([
    ['个', 'zh-CN', '个'],
    ['个', 'en-US', ''],
    ['万元', 'en-US', ''],
    ['km²', 'en-US', 'km²'],
    ['%', 'zh-CN', '%'],
  ] as const)('%s in %s reads %j', (unit, locale, want) => {
    expect(unitLabel(unit, locale)).toBe(want);
  });
});
