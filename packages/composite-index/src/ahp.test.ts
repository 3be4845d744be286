import { describe, expect, it } from 'vitest';
import { AhpConsistencyError, SAATY_RANDOM_INDEX, ahpWeights, parseJudgement } from './ahp.ts';

describe('Saaty random index', () => {
  it('is the table of Saaty (1980) for n = 1..10', () => {
    expect(SAATY_RANDOM_INDEX.slice(1)).toEqual([0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]);
  });
});

describe('ahpWeights', () => {
  it('a perfectly consistent matrix (a_ij = w_i / w_j, w = 4:2:1) returns w, lambdaMax = n, CI = CR = 0', () => {
    const r = ahpWeights([
      [1, 2, 4],
      [1 / 2, 1, 2],
      [1 / 4, 1 / 2, 1],
    ]);
    [4 / 7, 2 / 7, 1 / 7].forEach((w, i) => expect(r.weights[i]).toBeCloseTo(w, 14));
    expect(r.lambdaMax).toBeCloseTo(3, 13);
    expect(r.ci).toBeCloseTo(0, 12);
    expect(r.cr).toBeCloseTo(0, 12);
  });

  // Principal eigenvectors checked against an independent eigen-solver (numpy.linalg.eig).
  it.each([
    {
      name: '3 x 3 (1, 3, 5 / 1/3, 1, 3 / 1/5, 1/3, 1)',
      m: [
        [1, 3, 5],
        [1 / 3, 1, 3],
        [1 / 5, 1 / 3, 1],
      ],
      w: [0.63698557, 0.25828499, 0.10472943],
      lambda: 3.0385110905581727,
      cr: 0.03319921599842474,
    },
    {
      name: '4 x 4 with RI = 0.90',
      m: [
        [1, 1 / 3, 1 / 9, 1 / 5],
        [3, 1, 1, 1],
        [9, 1, 1, 3],
        [5, 1, 1 / 3, 1],
      ],
      w: [0.05759632, 0.26632442, 0.45462607, 0.22145318],
      lambda: 4.18734663558499,
      cr: 0.06938764280925547,
    },
  ])('$name', ({ m, w, lambda, cr }) => {
    const r = ahpWeights(m);
    w.forEach((v, i) => expect(r.weights[i]).toBeCloseTo(v, 8));
    expect(r.lambdaMax).toBeCloseTo(lambda, 12);
    expect(r.ci).toBeCloseTo((lambda - m.length) / (m.length - 1), 12);
    expect(r.cr).toBeCloseTo(cr, 12);
  });

  it('n <= 2 is always consistent', () => {
    const r = ahpWeights([
      [1, 7],
      [1 / 7, 1],
    ]);
    expect(Array.from(r.weights)).toEqual([7 / 8, 1 / 8]);
    expect(r.cr).toBe(0);
  });

  it('rejects CR > 0.1 with a Chinese and English message (a cyclic judgement: 1 > 2 > 3 > 1)', () => {
    const cyclic = [
      [1, 9, 1 / 9],
      [1 / 9, 1, 9],
      [9, 1 / 9, 1],
    ];
    let caught: unknown;
    try {
      ahpWeights(cyclic, { label: 'Input' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AhpConsistencyError);
    const e = caught as AhpConsistencyError;
    expect(e.cr).toBeCloseTo(3.5555555555555554 / 0.58, 9);
    expect(e.message).toMatch(/一致性检验未通过/);
    expect(e.message).toMatch(/fails the consistency check: CR = 6\.1303 > 0\.1/);
    expect(e.message).toMatch(/\(Input\)/);
    // accepted when the caller raises the limit
    expect(ahpWeights(cyclic, { maxCR: Number.POSITIVE_INFINITY }).cr).toBeCloseTo(6.130268199233717, 9);
  });

  it.each([
    [[], /empty/],
    [[[1, 2]], /row 1 has 2 entries/],
    [
      [
        [2, 1],
        [1, 1],
      ],
      /diagonal/,
    ],
    [
      [
        [1, 3],
        [3, 1],
      ],
      /reciprocal/,
    ],
    [
      [
        [1, 0],
        [1, 1],
      ],
      /positive/,
    ],
  ])('validates the matrix %j', (m, msg) => {
    expect(() => ahpWeights(m)).toThrow(msg);
  });

  it('needs an explicit random index above n = 10', () => {
    const m = Array.from({ length: 11 }, (_, i) => Array.from({ length: 11 }, (_, j) => (i === j ? 1 : 1)));
    expect(() => ahpWeights(m)).toThrow(/randomIndex/);
    expect(ahpWeights(m, { randomIndex: 1.51 }).weights[0]).toBeCloseTo(1 / 11, 14);
  });
});

describe('parseJudgement', () => {
  it.each([
    [3, 3],
    ['1/3', 1 / 3],
    [' 1 / 9 ', 1 / 9],
    ['0.5/2', 0.25],
    ['7', 7],
  ])('%j -> %d', (v, want) => expect(parseJudgement(v)).toBe(want));
  it('rejects text that is not a number or a fraction', () => {
    expect(() => parseJudgement('three')).toThrow(/cannot read/);
  });
});
