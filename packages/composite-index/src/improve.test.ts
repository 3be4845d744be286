import { describe, expect, it } from 'vitest';
import { simulateImprovements } from './improve.ts';
import { parseMethod } from './method.ts';
import { type Framework, dataSetFromRows } from './types.ts';

const fw: Framework = {
  indicators: [
    { code: 'a', direction: 1, weight: 1, parent: 'Index' },
    { code: 'b', direction: 1, weight: 1, parent: 'Index' },
  ],
  aggregates: [{ code: 'Index', weight: 1 }],
};
// min-max [0, 100] and the arithmetic mean: scores u1 0, u2 (33.33 + 100) / 2 = 66.67, u3 (66.67 + 60) / 2 = 63.33,
// u4 (100 + 20) / 2 = 60 -> u4 ranks 3rd.
const raw = dataSetFromRows(
  ['u1', 'u2', 'u3', 'u4'],
  ['a', 'b'],
  [
    [10, 5],
    [20, 30],
    [30, 20],
    [40, 10],
  ],
);
const method = parseMethod({ stages: [{ op: 'normalise', method: 'minMax', range: [0, 100] }, { op: 'aggregate' }] });
const input = { framework: fw, raw };

describe('simulateImprovements', () => {
  it('+10 %: b gains 2 points (10 -> 11 of 5..30 = 24); a gains no score but one rank (it stretches the range)', () => {
    const r = simulateImprovements(method, input, { unit: 'u4', step: { kind: 'relative', fraction: 0.1 } });
    expect(r.baseline).toEqual({ score: 60, rank: 3 });
    expect(r.nextUp).toEqual({
      unit: 'u3',
      rank: 2,
      score: expect.closeTo(63.333333, 5),
      scoreGap: expect.closeTo(10 / 3, 10),
    });
    const [first, second] = r.options;
    expect(first).toMatchObject({ indicator: 'b', from: 10, rank: 3 });
    expect(first!.to).toBeCloseTo(11, 12);
    expect(first!.scoreGain).toBeCloseTo(2, 10);
    // a: 40 -> 44 keeps u4 at 100 but lowers u3 to ((30 - 10) / 34 * 100 + 60) / 2 = 59.41 < 60
    expect(second).toMatchObject({ indicator: 'a', rank: 2, rankGain: 1 });
    expect(second!.scoreGain).toBeCloseTo(0, 12);
  });

  it('to the peer median: a is already above it; b 10 -> 15 lifts u4 to 70 and first place', () => {
    const r = simulateImprovements(method, input, { unit: 'u4', step: { kind: 'peer' } });
    const b = r.options.find((o) => o.indicator === 'b')!;
    expect(b.to).toBe(15);
    expect(b.score).toBeCloseTo(70, 10);
    expect(b.rankGain).toBe(2);
    expect(r.options.find((o) => o.indicator === 'a')!.skipped).toBe('alreadyBetter');
    expect(r.options.at(-1)!.indicator).toBe('a'); // skipped options last
  });

  it('whole-number indicators move to the next whole number on the better side (5 people +10 % -> 6, not 5.5)', () => {
    const step = { kind: 'relative', fraction: 0.1 } as const;
    const plain = simulateImprovements(method, input, { unit: 'u1', step });
    expect(plain.options.find((o) => o.indicator === 'b')!.to).toBeCloseTo(5.5, 12);
    const r = simulateImprovements(method, input, { unit: 'u1', step, wholeNumbers: ['b'] });
    const b = r.options.find((o) => o.indicator === 'b')!;
    expect(b.to).toBe(6);
    // the score follows the whole number: b of u1 at (6 - 6) / (30 - 6) = 0 stays 0 while the range shrinks
    expect(b.score).toBe(0);
    expect(r.options.find((o) => o.indicator === 'a')!.to).toBe(11);
    const neg: Framework = { ...fw, indicators: [fw.indicators[0]!, { ...fw.indicators[1]!, direction: -1 }] };
    const down = simulateImprovements(method, { framework: neg, raw }, { unit: 'u1', step, wholeNumbers: ['b'] });
    expect(down.options.find((o) => o.indicator === 'b')!.to).toBe(4);
  });

  it('a lower-is-better indicator improves downwards; absolute and target steps; missing values', () => {
    const neg: Framework = { ...fw, indicators: [fw.indicators[0]!, { ...fw.indicators[1]!, direction: -1 }] };
    const r = simulateImprovements(
      method,
      { framework: neg, raw },
      { unit: 'u4', step: { kind: 'relative', fraction: 0.5 } },
    );
    expect(r.options.find((o) => o.indicator === 'b')!.to).toBe(5);
    const abs = simulateImprovements(method, input, { unit: 'u4', step: { kind: 'absolute', amounts: { b: 5 } } });
    expect(abs.options.find((o) => o.indicator === 'b')!.to).toBe(15);
    expect(abs.options.find((o) => o.indicator === 'a')!.skipped).toBe('noStep');
    const tgt = simulateImprovements(method, input, { unit: 'u1', step: { kind: 'target', targets: { a: 25 } } });
    expect(tgt.options.find((o) => o.indicator === 'a')!.to).toBe(25);
    const gappy = dataSetFromRows(
      ['u1', 'u2', 'u3'],
      ['a', 'b'],
      [
        [1, null],
        [2, 3],
        [3, 1],
      ],
    );
    const g = simulateImprovements(
      method,
      { framework: fw, raw: gappy },
      { unit: 'u1', step: { kind: 'relative', fraction: 0.1 } },
    );
    expect(g.options.find((o) => o.indicator === 'b')!.skipped).toBe('noValue');
    expect(() => simulateImprovements(method, input, { unit: 'zz', step: { kind: 'peer' } })).toThrow(/zz/);
  });

  it('peer goals are set on the denominated scale and the raw value scaled in proportion', () => {
    const dfw: Framework = {
      indicators: [
        { code: 'pat', direction: 1, weight: 1, parent: 'Index', denominator: 'pop' },
        { code: 'b', direction: 1, weight: 1, parent: 'Index' },
      ],
      aggregates: [{ code: 'Index', weight: 1 }],
    };
    // patents per 10k people: 10/1 = 100, 20/4 = 50, 30/2 = 150, 8/4 = 20 -> peer median 75
    const draw = dataSetFromRows(
      ['u1', 'u2', 'u3', 'u4'],
      ['pat', 'b'],
      [
        [1, 1],
        [2, 2],
        [3, 3],
        [0.8, 4],
      ],
    );
    const dens = dataSetFromRows(['u1', 'u2', 'u3', 'u4'], ['pop'], [[0.1], [0.4], [0.2], [0.4]]);
    const m = parseMethod({
      stages: [{ op: 'denominate', scale: 10 }, { op: 'normalise', method: 'minMax' }, { op: 'aggregate' }],
    });
    const r = simulateImprovements(
      m,
      { framework: dfw, raw: draw, denominators: dens },
      { unit: 'u4', step: { kind: 'peer' } },
    );
    const pat = r.options.find((o) => o.indicator === 'pat')!;
    expect(pat.to).toBeCloseTo(3, 12); // 75 per 10k x 0.4 / 10
    const zero = dataSetFromRows(
      ['u1', 'u2', 'u3', 'u4'],
      ['pat', 'b'],
      [
        [1, 1],
        [2, 2],
        [3, 3],
        [0, 4],
      ],
    );
    const z = simulateImprovements(
      m,
      { framework: dfw, raw: zero, denominators: dens },
      { unit: 'u4', step: { kind: 'peer' } },
    );
    // peer median of (100, 50, 150, 0) = 75 again; from a zero numerator the goal times the denominator / scale
    expect(z.options.find((o) => o.indicator === 'pat')!.to).toBeCloseTo(3, 12);
  });
});
