/**
 * Parties of the demo contracts and projects (演示数据): the platform's demo enterprises (read through the
 * organisations front door) and made-up demo research institutes named after the region's real ones, each marked
 * （演示） with a made-up, well-formed credit code. Deterministic.
 */
import { usccCheckChar } from '../../../../../contracts/identifiers.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { organisationSummaries } from '../../organisations/index.ts';

/** mulberry32: the same demo set on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A made-up, well-formed credit code (GB 32100 check character) from a stable key. */
export function demoCreditCode(kind: '91' | '12', divisionCode: string, key: string): string {
  let h = 2166136261;
  for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const rand = prng(h);
  let body = '';
  for (let i = 0; i < 9; i++) body += CHARS.charAt(Math.floor(rand() * CHARS.length));
  const first17 = `${kind}${divisionCode}${body}`;
  return first17 + (usccCheckChar(first17) ?? '0');
}

export interface Party {
  name: string;
  uscc: string;
  divisionCode: string;
}

function institute(name: string, divisionCode: string): Party {
  return { name: `${name}（演示）`, uscc: demoCreditCode('12', divisionCode, name), divisionCode };
}

/** Research institutes inside the region (sellers), by key. */
export const REGION_INSTITUTES = {
  imau: institute('内蒙古农业大学', '150105'),
  imu: institute('内蒙古大学', '150105'),
  imut: institute('内蒙古工业大学', '150102'),
  imust: institute('内蒙古科技大学', '150203'),
  rareEarth: institute('包头稀土研究院', '150207'),
  agriAcademy: institute('内蒙古自治区农牧业科学院', '150104'),
  forestry: institute('内蒙古自治区林业科学研究院', '150105'),
  medical: institute('内蒙古医科大学', '150105'),
  nationalities: institute('内蒙古民族大学', '150502'),
} as const;

/** Institutes outside the region: technology flowing in. */
export const OUTSIDE_INSTITUTES = {
  cau: institute('中国农业大学', '110108'),
  ipe: institute('中国科学院过程工程研究所', '110108'),
  tsinghua: institute('清华大学', '110108'),
  nwafu: institute('西北农林科技大学', '610403'),
  lzu: institute('兰州大学', '620102'),
  jiangnan: institute('江南大学', '320211'),
} as const;

/**
 * The platform's demo enterprises and cooperatives by county: demo organisations carry the county's code in their
 * credit code (digits 3-8, as GB 32100 places the registering authority's division). Read in id order through the
 * organisations front door until a batch comes back empty.
 */
export async function demoEnterprisesByCounty(db: DbOrTrx): Promise<Map<string, Party[]>> {
  const out = new Map<string, Party[]>();
  for (let start = 1; ; start += 500) {
    const ids = Array.from({ length: 500 }, (_, i) => start + i);
    const batch = await organisationSummaries(db, ids);
    if (batch.size === 0) break;
    for (const id of ids) {
      const o = batch.get(id);
      if (!o?.uscc || !o.uscc.startsWith('91') || !o.name.includes('演示')) continue;
      const county = o.uscc.slice(2, 8);
      const list = out.get(county) ?? [];
      list.push({ name: o.name, uscc: o.uscc, divisionCode: county });
      out.set(county, list);
    }
  }
  return out;
}
