import { describe, expect, it } from 'vitest';
import { isPublicityOver, nextAchievementStatus, nextDemandStatus } from './market.policy.ts';

describe('market status steps', () => {
  it.each([
    ['submit', 'draft', 'submitted'],
    ['submit', 'rejected', 'submitted'],
    ['submit', 'listed', null],
    ['start', 'submitted', 'review'],
    ['publicise', 'submitted', 'publicity'],
    ['publicise', 'review', 'publicity'],
    ['list', 'review', null],
    ['list', 'publicity', 'listed'],
    ['reject', 'publicity', 'rejected'],
    ['reject', 'listed', null],
    ['negotiating', 'listed', 'negotiating'],
    ['relist', 'negotiating', 'listed'],
    ['transferred', 'negotiating', 'transferred'],
    ['withdraw', 'transferred', null],
    ['withdraw', 'listed', 'withdrawn'],
  ] as const)('achievement %s from %s -> %s', (step, from, to) => {
    expect(nextAchievementStatus(step, from)).toBe(to);
  });

  it.each([
    ['submit', 'draft', 'submitted'],
    ['publish', 'submitted', 'published'],
    ['publish', 'draft', null],
    ['close', 'published', 'closed'],
    ['reject', 'published', null],
    ['withdraw', 'published', 'withdrawn'],
  ] as const)('demand %s from %s -> %s', (step, from, to) => {
    expect(nextDemandStatus(step, from)).toBe(to);
  });

  it('ends 公示 at its end date', () => {
    expect(isPublicityOver('2026-05-08T00:00:00.000Z', '2026-05-07T23:59:59.999Z')).toBe(false);
    expect(isPublicityOver('2026-05-08T00:00:00.000Z', '2026-05-08T00:00:00.000Z')).toBe(true);
  });
});
