import { describe, expect, it } from 'vitest';
import { contractStats, type StatsInput } from './contract-stats.ts';
import type { DivisionInfo } from './division-info.ts';

const info = new Map<string, DivisionInfo>([
  ['150000', { name: '内蒙古自治区', level: 'province', parent: null }],
  ['150100', { name: '呼和浩特市', level: 'prefecture', parent: '150000' }],
  ['150102', { name: '新城区', level: 'county', parent: '150100' }],
  ['150105', { name: '赛罕区', level: 'county', parent: '150100' }],
  ['150200', { name: '包头市', level: 'prefecture', parent: '150000' }],
  ['150203', { name: '昆都仑区', level: 'county', parent: '150200' }],
]);
const area = new Set(info.keys());
const c = (seller: string, buyer: string, turnover: number, year = 2024): StatsInput => ({
  seller,
  buyer,
  value: turnover + 10,
  turnover,
  year,
  type: 'development',
  field: 'agriculture',
});
// A: within Hohhot (赛罕 -> 新城); B: Beijing -> 新城; C: 昆都仑 -> 赛罕; D: 新城 -> 昆都仑.
const rows = [
  c('150105', '150102', 80),
  c('110108', '150102', 50),
  c('150203', '150105', 20, 2025),
  c('150102', '150203', 10),
];

describe('contractStats', () => {
  it('counts seller side, buyer side, inflow and outflow per county', () => {
    const { rows: byCounty, total } = contractStats(rows, { groupBy: 'county', area, info });
    const xincheng = byCounty.find((r) => r.key === '150102')!;
    expect(xincheng.seller).toEqual({ count: 1, contractValue: 20, turnover: 10 });
    expect(xincheng.buyer).toEqual({ count: 2, contractValue: 150, turnover: 130 });
    expect(xincheng.inflow.turnover).toBe(130);
    expect(xincheng.outflow.turnover).toBe(10);
    expect(byCounty.map((r) => r.key)).toEqual(['150102', '150105', '150203']);
    // The whole area: only Beijing's contract flows in.
    expect(total.inflow).toEqual({ count: 1, contractValue: 60, turnover: 50 });
    expect(total.seller.count).toBe(3);
    expect(total.buyer.count).toBe(4);
  });

  it('treats a league as one area: contracts between its counties are neither inflow nor outflow', () => {
    const hohhot = contractStats(rows, { groupBy: 'league', area, info }).rows.find((r) => r.key === '150100')!;
    expect(hohhot.seller.turnover).toBe(90);
    expect(hohhot.buyer.turnover).toBe(150);
    expect(hohhot.inflow.turnover).toBe(70); // Beijing 50 + 昆都仑 20
    expect(hohhot.outflow.turnover).toBe(10); // to 昆都仑
  });

  it('groups by year, field and type against the request area', () => {
    const xinchengOnly = new Set(['150102']);
    const byYear = contractStats(rows, { groupBy: 'year', area: xinchengOnly, info }).rows;
    expect(byYear).toHaveLength(1);
    expect(byYear[0]).toMatchObject({ key: '2024', name: '2024年' });
    expect(byYear[0]!.inflow.count).toBe(2);
    const byType = contractStats(rows, { groupBy: 'type', area, info }).rows;
    expect(byType[0]).toMatchObject({ key: 'development', name: '技术开发' });
  });
});
