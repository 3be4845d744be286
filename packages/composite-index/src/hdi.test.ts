import { describe, expect, it } from 'vitest';
import { computeHdi, educationIndex, hdiTier, incomeIndex, lifeExpectancyIndex, rankHdi } from './hdi.ts';

describe('HDI dimension indices', () => {
  it.each([
    [20, 0],
    [52.5, 0.5],
    [85, 1],
    [85.47, 1], // capped at the 85-year goalpost (Hong Kong 2021)
  ])('LEI(%d) = %d', (le, want) => expect(lifeExpectancyIndex(le)).toBeCloseTo(want, 12));

  it.each([
    [18, 15, 1],
    [9, 7.5, 0.5],
    [20, 16, 1], // both capped
    [18, 0, 0.5],
  ])('EI(%d, %d) = %d', (eys, mys, want) => expect(educationIndex(eys, mys)).toBeCloseTo(want, 12));

  it.each([
    [100, 0],
    [75000, 1],
    [50, 0], // clipped
    [100000, 1], // clipped
    [Math.sqrt(100 * 75000), 0.5], // geometric midpoint of the goalposts
  ])('II(%d) = %d', (g, want) => expect(incomeIndex(g)).toBeCloseTo(want, 12));

  it('HDI is the geometric mean of the three indices, null when a component is missing', () => {
    // LEI 0.5, EI 0.5, II 1 -> (0.25)^(1/3)
    expect(computeHdi({ le: 52.5, eys: 9, mys: 7.5, gnipc: 75000 })).toBeCloseTo(Math.cbrt(0.25), 12);
    expect(computeHdi({ le: 52.5, eys: null, mys: 7.5, gnipc: 75000 })).toBeNull();
  });
});

describe('HDI ranks and tiers', () => {
  it('rank = 1 + number of strictly higher 3-dp values', () => {
    expect(rankHdi([0.9001, 0.9004, 0.8, null, 0.95])).toEqual([2, 2, 4, null, 1]);
  });

  it.each([
    [0.8, 'Very High'],
    [0.7999, 'Very High'], // 0.800 at 3 dp
    [0.7994, 'High'],
    [0.7, 'High'],
    [0.699, 'Medium'],
    [0.55, 'Medium'],
    [0.549, 'Low'],
  ] as const)('tier(%d) = %s', (v, want) => expect(hdiTier(v)).toBe(want));
});
