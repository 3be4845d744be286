import { describe, expect, it } from 'vitest';
import { ASEM_METHOD, loadAsem } from './asem.test-helper.ts';
import { hasConformance } from './csv.test-helper.ts';
import { type MethodSpec, parseMethod } from './method.ts';
import { runPipeline } from './pipeline.ts';
import { createRng } from './prng.ts';
import { rankColumn } from './rank.ts';
import { type Framework, dataSetFromRows, getColumn } from './types.ts';
import { parseUncertaintySpec, runUncertainty } from './uncertainty.ts';

const codes = ['a', 'b', 'c', 'd', 'e', 'f'];
const fw: Framework = {
  indicators: codes.map((code, k) => ({ code, direction: 1, weight: 1, parent: k < 3 ? 'P1' : 'P2' })),
  aggregates: [
    { code: 'Index', weight: 1 },
    { code: 'P1', weight: 1, parent: 'Index' },
    { code: 'P2', weight: 1, parent: 'Index' },
  ],
};
const rng = createRng(99);
const rows = Array.from({ length: 25 }, () => codes.map(() => (rng() < 0.08 ? null : 1 + rng() * 99)));
const raw = dataSetFromRows(
  rows.map((_, i) => `U${String(i).padStart(2, '0')}`),
  codes,
  rows,
);
const input = { framework: fw, raw };
const method: MethodSpec = parseMethod({
  stages: [
    { op: 'impute', method: 'mean' },
    { op: 'normalise', method: 'minMax', range: [1, 100] },
    { op: 'aggregate' },
    { op: 'rank', decimals: 2 },
  ],
});
const nominalRanks = (m: MethodSpec = method): Float64Array => runPipeline(m, input).datasets.Ranks!.columns[0]!;

describe('runUncertainty: uncertainty design', () => {
  it('zero weight noise reproduces the nominal ranks in every run', () => {
    const r = runUncertainty(
      method,
      input,
      parseUncertaintySpec({ runs: 20, factors: [{ kind: 'weights', noise: { '0': 0 } }] }),
    );
    const nominal = nominalRanks();
    r.units.forEach((u, i) => {
      expect(u.nominalRank).toBe(nominal[i]);
      expect([u.rankQ5, u.medianRank, u.rankQ95, u.meanRank]).toEqual([nominal[i], nominal[i], nominal[i], nominal[i]]);
    });
    expect(r.runs).toBe(20);
    expect(r.failedRuns).toBe(0);
    expect(r.sensitivity).toBeUndefined();
  });

  it('weight noise spreads the ranks; the 5-95 % interval holds the median; the same seed gives the same runs', () => {
    const spec = parseUncertaintySpec({
      runs: 200,
      seed: 5,
      factors: [{ kind: 'weights', noise: { '0': 0.5, '1': 0.5 }, replicates: 50 }],
    });
    const r = runUncertainty(method, input, spec);
    expect(r.units.some((u) => u.rankQ95 - u.rankQ5 >= 2)).toBe(true);
    r.units.forEach((u) => {
      expect(u.rankQ5).toBeLessThanOrEqual(u.medianRank);
      expect(u.medianRank).toBeLessThanOrEqual(u.rankQ95);
      expect(u.scoreQ5).toBeLessThanOrEqual(u.scoreQ95);
    });
    const again = runUncertainty(method, input, spec);
    expect(again.units).toEqual(r.units);
    const other = runUncertainty(method, input, { ...spec, seed: 6 });
    expect(other.ranks).not.toEqual(r.ranks);
    expect(new Set(r.choices.map((c) => c[0])).size).toBeGreaterThan(30); // replicates drawn across the 50
  });

  it('each run equals a plain pipeline run with the alternatives it drew (cache and skip are transparent)', () => {
    const spec = parseUncertaintySpec({
      runs: 40,
      seed: 3,
      factors: [
        {
          kind: 'stage',
          stage: 'Imputed',
          alternatives: [{ op: 'impute', method: 'mean' }, { op: 'impute', method: 'median' }, null],
        },
        {
          kind: 'stage',
          stage: 'Normalised',
          alternatives: [
            { op: 'normalise', method: 'minMax', range: [1, 100] },
            { op: 'normalise', method: 'zScore', centre: 100, scale: 10 },
          ],
        },
        {
          kind: 'stage',
          stage: 'Aggregated',
          alternatives: [{ op: 'aggregate' }, { op: 'aggregate', method: 'geometric' }],
        },
      ],
    });
    const r = runUncertainty(method, input, spec);
    const seen = new Set<string>();
    r.choices.forEach((choice, run) => {
      seen.add(Array.from(choice).join());
      const stages = method.stages.flatMap((s, k) => {
        const f = spec.factors.find(
          (x) => x.kind === 'stage' && x.stage === ['Imputed', 'Normalised', 'Aggregated'][k],
        );
        if (!f || f.kind !== 'stage') return [s];
        const alt = f.alternatives[choice[spec.factors.indexOf(f)]!];
        return alt === null || alt === undefined ? [] : [alt];
      });
      const direct = runPipeline({ stages }, input);
      const want = getColumn(direct.datasets.Aggregated!, 'Index');
      expect(Array.from(r.scores[run]!)).toEqual(Array.from(want));
      expect(Array.from(r.ranks[run]!)).toEqual(Array.from(rankColumn(want, { decimals: 2 })));
    });
    expect(seen.size).toBeGreaterThan(6);
  });

  it('a run that throws counts as failed and has missing scores (COINr fills NA)', () => {
    const r = runUncertainty(
      method,
      input,
      parseUncertaintySpec({
        runs: 30,
        factors: [
          {
            kind: 'stage',
            stage: 'Aggregated',
            alternatives: [{ op: 'aggregate' }, { op: 'aggregate', method: 'generalised' }],
          },
        ],
      }),
    );
    const failed = r.choices.filter((c) => c[0] === 1).length;
    expect(failed).toBeGreaterThan(0);
    expect(r.failedRuns).toBe(failed);
    r.choices.forEach((c, run) => expect(Number.isNaN(r.scores[run]![0]!)).toBe(c[0] === 1));
  });

  it.each([
    [{ runs: 10, factors: [{ kind: 'stage', stage: 'Nope', alternatives: [null] }] }, /no stage named Nope/],
    [{ runs: 10, design: 'sensitivity', factors: [{ kind: 'weights', noise: { '0': 0.1 } }] }, /at least two factors/],
    [
      {
        runs: 10,
        factors: [
          { kind: 'weights', noise: { '0': 0.1 } },
          { kind: 'weights', noise: { '1': 0.1 } },
        ],
      },
      /unique/,
    ],
    [{ runs: 10, target: 'P9', factors: [{ kind: 'weights', noise: { '0': 0.1 } }] }, /P9/],
  ])('fails clearly: %j', (spec, msg) => {
    expect(() => runUncertainty(method, input, parseUncertaintySpec(spec))).toThrow(msg);
  });

  it('rejects malformed specifications', () => {
    expect(() => parseUncertaintySpec({ runs: 1, factors: [] })).toThrow();
    expect(() => parseUncertaintySpec({ runs: 5, factors: [{ kind: 'weights', noise: { '0': 2 } }] })).toThrow();
    expect(() =>
      parseUncertaintySpec({ runs: 5, factors: [{ kind: 'stage', stage: 'X', alternatives: [{ op: 'nope' }] }] }),
    ).toThrow();
  });
});

describe('runUncertainty: sensitivity design (Saltelli 2010)', () => {
  const spec = parseUncertaintySpec({
    design: 'sensitivity',
    runs: 150,
    seed: 17,
    bootstrap: 20,
    perUnit: true,
    factors: [
      { kind: 'weights', name: 'weights', noise: { '0': 0.6, '1': 0.6 }, replicates: 60 },
      {
        kind: 'stage',
        name: 'normalisation',
        stage: 'Normalised',
        alternatives: [
          { op: 'normalise', method: 'minMax', range: [1, 100] },
          { op: 'normalise', method: 'zScore', centre: 100, scale: 10 },
        ],
      },
      {
        kind: 'stage',
        name: 'inert',
        stage: 'Imputed',
        alternatives: [
          { op: 'impute', method: 'mean' },
          { op: 'impute', method: 'mean' },
        ],
      },
    ],
  });
  const r = runUncertainty(method, input, spec);

  it('runs N(d + 2) times and reports indices per factor for the mean absolute rank shift', () => {
    expect(r.runs).toBe(150 * 5);
    expect(r.sensitivity!.indices.map((x) => x.factor)).toEqual(['weights', 'normalisation', 'inert']);
    expect(r.sensitivity!.variance).toBeGreaterThan(0);
    const [w, norm] = r.sensitivity!.indices;
    expect(w!.sti).toBeGreaterThan(0.05);
    expect(norm!.sti).toBeGreaterThan(0);
    expect(w!.stiQ5!).toBeLessThanOrEqual(w!.stiQ95!);
  });

  it('a factor whose alternatives are identical has S_i = ST_i = 0 exactly', () => {
    const inert = r.sensitivity!.indices[2]!;
    expect(inert.si).toBe(0);
    expect(inert.sti).toBe(0);
    r.perUnit!.forEach((u) => expect(u.sti[2] === 0 || Number.isNaN(u.sti[2]!)).toBe(true));
  });

  it('rank statistics use the 2N random runs (A and B), as COINr', () => {
    const u0 = r.units[0]!;
    const firstRanks = Float64Array.from(r.ranks.slice(0, 300), (rk) => rk[0]!);
    expect(u0.meanRank).toBeCloseTo(firstRanks.reduce((s, v) => s + v, 0) / 300, 12);
  });
});

describe.skipIf(!hasConformance)('uncertainty on the COINr ASEM example (needs ../shared/conformance)', () => {
  it('runs the ASEM method with COINr-vignette-style factors; every interval brackets the median rank', () => {
    const s = loadAsem();
    const asem = parseMethod({
      ...ASEM_METHOD,
      stages: ASEM_METHOD.stages.map((st) => (st.op === 'normalise' ? { ...st, range: [1, 100] } : st)),
    });
    const r = runUncertainty(
      asem,
      { ...s },
      {
        runs: 100,
        seed: 2021,
        factors: [
          { kind: 'weights', noise: { '1': 0.25, '2': 0.25 } },
          {
            kind: 'stage',
            stage: 'Imputed',
            alternatives: [
              { op: 'impute', method: 'groupMean', groupBy: 'Group_EurAsia' },
              { op: 'impute', method: 'groupMedian', groupBy: 'Group_EurAsia' },
              { op: 'impute', method: 'mean' },
            ],
          },
          {
            kind: 'stage',
            stage: 'Aggregated',
            alternatives: [{ op: 'aggregate' }, { op: 'aggregate', method: 'geometric' }],
          },
        ],
      },
    );
    expect(r.failedRuns).toBe(0);
    expect(r.units).toHaveLength(51);
    r.units.forEach((u) => expect(u.rankQ5 <= u.medianRank && u.medianRank <= u.rankQ95).toBe(true));
  });
});

describe('runUncertainty: the weighting method as an uncertain choice', () => {
  it('alternatives of a weight stage (equal / entropy / skipped) match plain runs', () => {
    const weighted = parseMethod({
      stages: [
        { op: 'impute', method: 'mean' },
        { op: 'normalise', method: 'minMax', range: [1, 100] },
        { op: 'weight', method: 'equal' },
        { op: 'aggregate', weights: 'Weights' },
      ],
    });
    const spec = parseUncertaintySpec({
      runs: 12,
      seed: 4,
      factors: [
        {
          kind: 'stage',
          stage: 'Weights',
          alternatives: [{ op: 'weight', method: 'equal' }, { op: 'weight', method: 'entropy' }, null],
        },
      ],
    });
    const r = runUncertainty(weighted, input, spec);
    expect(new Set(r.choices.map((c) => c[0])).size).toBe(3);
    r.choices.forEach((c, run) => {
      const alt = spec.factors[0]!.kind === 'stage' ? spec.factors[0]!.alternatives[c[0]!] : null;
      const stages = weighted.stages.flatMap((s) => (s.op === 'weight' ? (alt ? [alt] : []) : [s]));
      const plain = alt ? stages : stages.map((s) => (s.op === 'aggregate' ? { op: 'aggregate' as const } : s));
      const want = getColumn(runPipeline({ stages: plain }, input).datasets.Aggregated!, 'Index');
      expect(Array.from(r.scores[run]!)).toEqual(Array.from(want));
    });
  });
});
