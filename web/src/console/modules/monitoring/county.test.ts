import { describe, expect, it } from 'vitest';
import { indicatorRows, peerMeans, targetProgress, yearsToTargetText } from './county.ts';
import { COUNTIES, DIAGNOSIS, FRAMEWORK } from './test-fixtures.ts';

const zh = (z: string) => z;
const target = DIAGNOSIS.targets[0]!;

describe('county profile helpers', () => {
  it('averages the peers’ dimensions without the county itself', () => {
    expect(peerMeans(DIAGNOSIS, COUNTIES, FRAMEWORK)).toEqual({ D1: 60, D2: 72.5 });
    expect(peerMeans({ ...DIAGNOSIS, peers: [] }, COUNTIES, FRAMEWORK)).toBeNull();
  });

  it('lists every scored indicator with raw value, score and the imputed marker', () => {
    const rows = indicatorRows(COUNTIES[1]!, FRAMEWORK, zh);
    expect(rows.map((r) => [r.code, r.dimension, r.raw, r.score, r.imputed, r.unit, r.direction])).toEqual([
      ['D1.1', '科技创新投入', 1.2, 55, false, '%', 1],
      ['D1.2', '科技创新投入', 2, 70, true, '%', 1],
      ['D2.1', '创新产出与成效', 0.4, 80, false, '吨标煤', -1],
    ]);
    expect(indicatorRows(COUNTIES[3]!, FRAMEWORK, zh).every((r) => r.raw === null && r.score === null)).toBe(true);
  });

  it('shows target progress capped at 100 % and the years to reach it', () => {
    expect(targetProgress(target)).toEqual({ percent: 80, status: 'normal' });
    expect(targetProgress({ ...target, reached: 1.3 })).toEqual({ percent: 100, status: 'success' });
    expect(targetProgress({ ...target, reached: null })).toEqual({ percent: 0, status: 'exception' });
    expect(yearsToTargetText(target, zh)).toBe('约 2.3 年');
    expect(yearsToTargetText({ ...target, reached: 1.1 }, zh)).toBe('已达到');
    expect(yearsToTargetText({ ...target, yearsToTarget: null }, zh)).toBe('按当前趋势无法达到');
    expect(yearsToTargetText({ ...target, yearsToTarget: 965 }, zh)).toBe('30 年以上');
    expect(yearsToTargetText({ ...target, current: null, reached: null, yearsToTarget: null }, zh)).toBe('无数据');
  });
});
