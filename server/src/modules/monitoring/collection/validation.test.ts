import { describe, expect, it } from 'vitest';
import { TEST_NODES } from './collection.test-helpers.ts';
import {
  blockingFindings,
  completenessOf,
  explainedWarningCodes,
  median,
  modifiedZ,
  validateForm,
  yoyChange,
  type CellState,
} from './validation.ts';

const indicators = TEST_NODES.filter((n) => n.kind === 'indicator');
const rules = [
  {
    code: 'R1',
    kind: 'lte' as const,
    left: 'A3',
    right: 'A2',
    messageZh: '企业研发补助不应大于财政科技支出',
    messageEn: 'grants <= spending',
  },
];
const cells = (o: Record<string, Partial<CellState>>) =>
  new Map(Object.entries(o).map(([k, v]) => [k, { value: null, textValue: null, note: '', ...v }]));
const complete = { A1: { value: 1.2 }, A2: { value: 5000 }, A3: { value: 800 }, B1: { value: 12 } };
const none = new Map<string, number | null>();
const noPeers = new Map<string, number[]>();

describe('modified z-score (Iglewicz & Hoaglin)', () => {
  // Worked example: reference 10, 12, 11, 13, 12, 11, 10, 12, 11, 13 -> median 11.5; absolute deviations
  // 1.5 .5 .5 1.5 .5 .5 1.5 .5 .5 1.5 -> MAD 0.5; z(x) = 0.6745 (x - 11.5) / 0.5.
  const ref = [10, 12, 11, 13, 12, 11, 10, 12, 11, 13];
  it.each([
    [30, 24.9565],
    [14.2, 3.6423],
    [14.0, 3.3725],
    [12.5, 1.349],
    [11.5, 0],
    [5, -8.7685],
  ])('z(%d) = %d', (x, z) => {
    expect(median(ref)).toBe(11.5);
    expect(modifiedZ(x, ref)).toBeCloseTo(z, 3);
  });
  it('is undefined without spread or data', () => {
    expect(modifiedZ(5, [3, 3, 3, 3])).toBeNull();
    expect(modifiedZ(5, [])).toBeNull();
  });
  it('median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('year-on-year change', () => {
  it.each([
    [150, 100, 0.5],
    [50, 100, -0.5],
    [-30, -20, -0.5],
  ])('%d after %d = %d', (x, p, r) => expect(yoyChange(x, p)).toBeCloseTo(r, 10));
  it('needs a non-zero previous value', () => {
    expect(yoyChange(5, 0)).toBeNull();
    expect(yoyChange(5, null)).toBeNull();
  });
});

describe('validateForm', () => {
  it('finds nothing on a complete, plausible form', () => {
    expect(validateForm({ indicators, rules, values: cells(complete), previous: none, peers: noPeers })).toEqual([]);
  });

  it('reports missing required values only for numeric, non-optional, non-qualitative indicators', () => {
    const f = validateForm({ indicators, rules, values: cells({ A1: { value: 1 } }), previous: none, peers: noPeers });
    expect(f.filter((x) => x.kind === 'missing').map((x) => x.indicatorCode)).toEqual(['A2', 'A3', 'B1']);
    expect(f.every((x) => x.severity === 'error')).toBe(true);
  });

  it('reports values outside the range as errors', () => {
    const f = validateForm({
      indicators,
      rules,
      values: cells({ ...complete, A1: { value: 120 }, B1: { value: -1 } }),
      previous: none,
      peers: noPeers,
    });
    expect(f.map((x) => [x.indicatorCode, x.kind, x.severity])).toEqual([
      ['A1', 'range', 'error'],
      ['B1', 'range', 'error'],
    ]);
    expect(f[0]!.message).toBe('研发经费投入强度：数值 120 超出允许范围 [0, 100]');
  });

  it('applies cross-indicator rules (part <= whole)', () => {
    const f = validateForm({
      indicators,
      rules,
      values: cells({ ...complete, A3: { value: 6000 } }),
      previous: none,
      peers: noPeers,
    });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ indicatorCode: 'A3', kind: 'rule', severity: 'error' });
    expect(f[0]!.message).toBe('企业研发补助不应大于财政科技支出（6000 > 5000）');
  });

  it('warns on a year-on-year jump beyond the limit; a note explains it', () => {
    // A1: 1.2 after 0.7 = +71.4 % > ±50 %; B1: 12 after 7 = +71 % within ±100 %.
    const previous = new Map([
      ['A1', 0.7],
      ['B1', 7],
    ]);
    const f = validateForm({ indicators, rules, values: cells(complete), previous, peers: noPeers });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ indicatorCode: 'A1', kind: 'yoy', severity: 'warning', explained: false });
    expect(f[0]!.message).toContain('+71.4%');
    expect(blockingFindings(f)).toHaveLength(1);
    const noted = validateForm({
      indicators,
      rules,
      values: cells({ ...complete, A1: { value: 1.2, note: '新建研发中心投产' } }),
      previous,
      peers: noPeers,
    });
    expect(noted[0]).toMatchObject({ kind: 'yoy', explained: true });
    expect(blockingFindings(noted)).toEqual([]);
    expect([...explainedWarningCodes(noted)]).toEqual(['A1']);
  });

  it('warns on outliers against at least 10 other counties by the modified z-score', () => {
    const ref = [10, 12, 11, 13, 12, 11, 10, 12, 11, 13];
    const f = (b1: number, peers: number[]) =>
      validateForm({
        indicators,
        rules,
        values: cells({ ...complete, B1: { value: b1 } }),
        previous: none,
        peers: new Map([['B1', peers]]),
      });
    expect(f(14.2, ref).map((x) => x.kind)).toEqual(['outlier']);
    expect(f(14.0, ref)).toEqual([]);
    // Nine peers are too few to judge.
    expect(f(30, ref.slice(0, 9))).toEqual([]);
  });

  it("judges a county with last year's value by its own history, not by the other counties", () => {
    const ref = [10, 12, 11, 13, 12, 11, 10, 12, 11, 13];
    const f = (previous: number | null) =>
      validateForm({
        indicators,
        rules,
        values: cells({ ...complete, B1: { value: 30 } }),
        previous: new Map([['B1', previous]]),
        peers: new Map([['B1', ref]]),
      });
    // 30 is far from the other counties (modified z 24.3) ...
    expect(f(null).map((x) => x.kind)).toEqual(['outlier']);
    // ... but a district that reported 28.6 last year (+5 %) is consistent with itself: no warning.
    expect(f(28.6)).toEqual([]);
  });

  it('judges skewed counts (spec.log) on the log(1+x) scale', () => {
    // Counts 1..10 and 40: raw modified z of 40 = 0.6745 (40 - 5.5) / 2.5 = 9.3 (outlier); on log(1+x):
    // median of log(2..11) = 1.8688, MAD = 0.3811 -> z(log 41) = 0.6745 (3.7136 - 1.8688) / 0.3811 = 3.27 (not).
    const peers = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const logNodes = indicators.map((n) => (n.code === 'B1' ? { ...n, spec: { ...n.spec!, log: true } } : n));
    const run = (nodes: typeof indicators) =>
      validateForm({
        indicators: nodes,
        rules,
        values: cells({ ...complete, B1: { value: 40 } }),
        previous: none,
        peers: new Map([['B1', peers]]),
      });
    expect(modifiedZ(40, peers)).toBeCloseTo(9.3081, 3);
    expect(modifiedZ(Math.log1p(40), peers.map(Math.log1p))).toBeCloseTo(3.2652, 3);
    expect(run(indicators).map((x) => x.kind)).toEqual(['outlier']);
    expect(run(logNodes)).toEqual([]);
  });

  it('limits text indicators to 200 characters (counted as characters, not bytes)', () => {
    const ok = validateForm({
      indicators,
      rules,
      values: cells({ ...complete, B4: { textValue: '特'.repeat(200) } }),
      previous: none,
      peers: noPeers,
    });
    expect(ok).toEqual([]);
    const long = validateForm({
      indicators,
      rules,
      values: cells({ ...complete, B4: { textValue: '特'.repeat(201) } }),
      previous: none,
      peers: noPeers,
    });
    expect(long.map((x) => x.kind)).toEqual(['text_length']);
  });
});

describe('completeness', () => {
  it('counts required indicators only', () => {
    expect(completenessOf(indicators, cells({}))).toBe(0);
    expect(completenessOf(indicators, cells({ A1: { value: 1 }, B2: { value: 3 } }))).toBe(0.25);
    expect(completenessOf(indicators, cells(complete))).toBe(1);
  });
});
