import { describe, expect, it } from 'vitest';
import {
  achievementOwnerSteps,
  achievementReviewSteps,
  budgetText,
  demandReviewSteps,
  ndaState,
  publicityEnd,
  publicityOver,
  reasonGroups,
  scorePercent,
} from './market-view.ts';

const zh = (z: string) => z;

describe('market view rules', () => {
  it('offers the workflow steps the server allows from each status', () => {
    expect(achievementOwnerSteps('draft')).toEqual(['submit']);
    expect(achievementOwnerSteps('listed')).toEqual(['withdraw', 'negotiating', 'transferred']);
    expect(achievementReviewSteps('submitted')).toEqual(['start', 'publicise', 'reject']);
    expect(achievementReviewSteps('publicity')).toEqual(['list', 'reject']);
    expect(achievementReviewSteps('listed')).toEqual([]);
    expect(demandReviewSteps('review')).toEqual(['publish', 'reject']);
  });

  it('says what the NDA button does', () => {
    const base = { isOwner: false, confidentialDetail: null, ndaStatus: null, visibility: 'nda' } as const;
    expect(ndaState(base)).toBe('request');
    expect(ndaState({ ...base, ndaStatus: 'pending' })).toBe('pending');
    expect(ndaState({ ...base, ndaStatus: 'declined' })).toBe('declined');
    expect(ndaState({ ...base, ndaStatus: 'approved', confidentialDetail: '工艺参数' })).toBe('released');
    expect(ndaState({ ...base, isOwner: true, confidentialDetail: 'x' })).toBe('owner');
    expect(ndaState({ ...base, visibility: 'public' })).toBe('public');
  });

  it('writes budgets, scores and publicity ends', () => {
    expect(budgetText(null, null, zh)).toBe('面议');
    expect(budgetText(10, 50, zh)).toBe('10–50 万元');
    expect(budgetText(null, 50, zh)).toBe('不超过 50 万元');
    expect(scorePercent(0.874)).toBe(87);
    expect(scorePercent(3.2)).toBe(100);
    expect(publicityEnd(7, new Date(2026, 11, 28))).toBe('2027-01-04');
    expect(publicityOver(null, new Date())).toBe(true);
    expect(publicityOver('2999-01-01T00:00:00Z', new Date())).toBe(false);
  });

  it('groups the explanation: terms, concepts and the features that counted', () => {
    const groups = reasonGroups(
      {
        terms: ['马铃薯', '脱毒种薯'],
        concepts: ['种薯繁育'],
        features: [
          { code: 'domain', zh: '技术领域', en: 'Field', value: 1 },
          { code: 'distance', zh: '地域', en: 'Distance', value: 0.6 },
          { code: 'mode', zh: '合作方式', en: 'Mode', value: 0 },
        ],
      },
      zh,
    );
    expect(groups).toEqual([
      { label: '匹配词', items: ['马铃薯', '脱毒种薯'] },
      { label: '相关概念', items: ['种薯繁育'] },
      { label: '匹配条件', items: ['技术领域 100%', '地域 60%'] },
    ]);
  });
});
