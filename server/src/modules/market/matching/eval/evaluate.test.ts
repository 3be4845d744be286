import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticAchievements } from '../synthetic.ts';
import { evaluatePairs, figuresOf, PairsFileError, parsePairsFile } from './evaluate.ts';

const PAIRS = parsePairsFile(fs.readFileSync(path.join(import.meta.dirname, 'pairs.json'), 'utf8'));

describe('labelled pairs', () => {
  it('hold at least 60 pairs with a held-out split', () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(60);
    expect(PAIRS.filter((p) => p.split === 'heldout').length).toBeGreaterThanOrEqual(20);
  });

  it('meet the quality bars: precision@1 >= 0.8 and precision@5 >= 0.95', () => {
    const r = evaluatePairs(PAIRS);
    expect(r.precisionAt1).toBeGreaterThanOrEqual(0.8);
    expect(r.precisionAt5).toBeGreaterThanOrEqual(0.95);
  });

  it('keep a regression floor with 1,000 distractors (the eval CLI prints the real figures)', () => {
    const r = evaluatePairs(PAIRS, syntheticAchievements(1000, 20260701, 'distractor'));
    expect(r.precisionAt1).toBeGreaterThanOrEqual(0.75);
    expect(r.precisionAt5).toBeGreaterThanOrEqual(0.9);
  });
});

describe('figures and file checks', () => {
  it('computes precision, MRR and nDCG from ranks', () => {
    expect(figuresOf([1, 2, 0, 11])).toEqual({
      pairs: 4,
      precisionAt1: 0.25,
      precisionAt5: 0.5,
      mrr: Math.round(((1 + 0.5 + 0 + 1 / 11) / 4) * 10000) / 10000,
      ndcg10: Math.round(((1 + 1 / Math.log2(3)) / 4) * 10000) / 10000,
    });
  });

  it.each([
    ['not json', /不是有效的 JSON/],
    ['{"pairs":[]}', /格式不对/],
    ['{"pairs":[{"id":"a","demand":{"title":"x"},"achievement":{"title":"y","summary":"z"}}]}', /demand\.description/],
    [
      '{"pairs":[{"id":"a","demand":{"title":"x","description":""},"achievement":{"title":"y","summary":""}},{"id":"a","demand":{"title":"x","description":""},"achievement":{"title":"y","summary":""}}]}',
      /重复/,
    ],
  ])('refuses %s', (text, message) => {
    expect(() => parsePairsFile(text)).toThrow(PairsFileError);
    expect(() => parsePairsFile(text)).toThrow(message);
  });
});
