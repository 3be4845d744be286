/** The engine under bad input: every case stops with a located error or runs with a logged warning, never silent NA. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CsvInputError,
  frameworkFromMeta,
  parseCsv,
  parseNumber,
  readCsvFile,
  rowsToTable,
  tableToDataSet,
} from './csv.ts';
import { parseMethod } from './method.ts';
import { runPipeline } from './pipeline.ts';
import { type Framework, dataSetFromRows, getValue } from './types.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-bad-input-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('numbers in CSV cells', () => {
  it.each([
    ['12', 12],
    ['-0.5', -0.5],
    ['+3', 3],
    ['.25', 0.25],
    ['5.', 5],
    ['1.5E-3', 0.0015],
    [' 7 ', 7],
    ['1e308', 1e308],
  ])('accepts the decimal %j', (cell, want) => {
    expect(parseNumber(cell)).toBe(want);
  });

  it.each(['Infinity', '-Infinity', 'inf', 'NaN', '0x10', '0b101', '0o17', '1_000', '1,5', '12abc', '--1', 'e5'])(
    'refuses %j as not decimal',
    (cell) => {
      expect(() => parseNumber(cell)).toThrow(/not a decimal number/);
    },
  );

  it.each(['1e400', '-1e309', `1${'0'.repeat(400)}`])('refuses %j as not finite', (cell) => {
    expect(() => parseNumber(cell)).toThrow(/out of range/);
  });

  it('locates a bad cell by row, unit and column, in Chinese and English', () => {
    const table = rowsToTable(parseCsv('code,a,b\nU1,1,2\nU2,1e400,3\nU3,0x10,4\n'));
    const err = (() => {
      try {
        tableToDataSet(table, 'code', ['a', 'b']);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(CsvInputError);
    expect((err as CsvInputError).message).toBe('row 3 (U2), column a: number out of range (not finite): 1e400');
    expect((err as CsvInputError).zh).toBe('第 3 行（U2）列 a：数值超出范围（非有限数）：1e400');
    const hex = rowsToTable(parseCsv('code,a\nU1,1\nU2,0x10\n'));
    expect(() => tableToDataSet(hex, 'code', ['a'])).toThrow('row 3 (U2), column a: not a decimal number: 0x10');
  });

  it('refuses a negative or non-decimal weight in the metadata, with its row', () => {
    const meta = (w: string) =>
      rowsToTable(parseCsv(`code,type,parent,weight\na,Indicator,P,${w}\nb,Indicator,P,1\nP,Aggregate,,1\n`));
    expect(() => frameworkFromMeta(meta('-1'))).toThrow(/metadata row 2: the weight of a is negative/);
    expect(() => frameworkFromMeta(meta('Infinity'))).toThrow(/metadata row 2, column weight: not a decimal/);
    expect(frameworkFromMeta(meta('0.5')).indicators[0]!.weight).toBe(0.5);
  });
});

describe('CSV shape and encoding', () => {
  it('refuses a row with more or fewer fields than the header (never padded or cut)', () => {
    expect(() => rowsToTable(parseCsv('code,a,b\nU1,1,2\nU2,1\n'))).toThrow(
      'row 3 has 2 fields but the header has 3 columns',
    );
    expect(() => rowsToTable(parseCsv('code,a,b\nU1,1,2,9\n'))).toThrow('row 2 has 4 fields');
    expect(rowsToTable(parseCsv('code,a\nU1,1\n\nU2,"x,y"\n')).records).toEqual([
      { code: 'U1', a: '1' },
      { code: 'U2', a: 'x,y' },
    ]);
  });

  it('refuses a GBK file instead of reading garbled unit codes', () => {
    const file = path.join(tmp, 'gbk.csv');
    // "代码,a\n呼和浩特,1\n" in GBK
    const gbk = Buffer.from([
      0xb4, 0xfa, 0xc2, 0xeb, 0x2c, 0x61, 0x0a, 0xba, 0xf4, 0xba, 0xcd, 0xba, 0xc6, 0xcc, 0xd8, 0x2c, 0x31, 0x0a,
    ]);
    fs.writeFileSync(file, gbk);
    expect(() => readCsvFile(file)).toThrow(/is not UTF-8 \(GBK\?\)/);
    fs.writeFileSync(file, '代码,a\n呼和浩特,1\n');
    expect(readCsvFile(file).records).toEqual([{ 代码: '呼和浩特', a: '1' }]);
  });
});

const framework: Framework = {
  indicators: [
    { code: 'a', direction: 1, weight: 1, parent: 'P1' },
    { code: 'b', direction: 1, weight: 1, parent: 'P1' },
    { code: 'c', direction: 1, weight: 1, parent: 'P2' },
  ],
  aggregates: [
    { code: 'Index', weight: 1 },
    { code: 'P1', weight: 1, parent: 'Index' },
    { code: 'P2', weight: 1, parent: 'Index' },
  ],
};
const units = ['U1', 'U2', 'U3', 'U4'];
const raw = dataSetFromRows(
  units,
  ['a', 'b', 'c'],
  [
    [1, 10, 5],
    [2, 20, 3],
    [3, 30, 1],
    [4, 40, 4],
  ],
);
const run = (stages: unknown[], fw: Framework = framework, data = raw) =>
  runPipeline(parseMethod({ stages }), { framework: fw, raw: data });
const withWeights = (w: Record<string, number>): Framework => ({
  indicators: framework.indicators.map((m) => ({ ...m, weight: w[m.code] ?? m.weight })),
  aggregates: framework.aggregates.map((a) => ({ ...a, weight: w[a.code] ?? a.weight })),
});
const minMax = { op: 'normalise', method: 'minMax', range: [0, 100] };

describe('weights that cannot form a weighted mean', () => {
  it('stops on a negative weight (scores would leave [0, 100])', () => {
    expect(() => run([minMax, { op: 'aggregate' }], withWeights({ b: -0.9 }))).toThrow(
      /aggregate P1: the weight of b is -0.9; weights must be finite and >= 0/,
    );
  });

  it('stops when the weights of siblings sum to 0', () => {
    expect(() => run([minMax, { op: 'aggregate' }], withWeights({ a: 0, b: 0 }))).toThrow(
      /aggregate P1: the weights of its children \(a, b\) sum to 0/,
    );
  });

  it('stops on a negative fixed weight set as the schema allows none', () => {
    expect(() => parseMethod({ stages: [{ op: 'weight', method: 'fixed', weights: { a: -1 } }] })).toThrow();
  });
});

describe('means that need positive values (COINr stops too)', () => {
  it.each([
    ['geometric', { method: 'geometric' }],
    ['harmonic', { method: 'harmonic' }],
    ['generalised p = -1', { method: 'generalised', p: -1 }],
  ])('%s over min-max [0, 100] names the unit holding a minimum', (_name, agg) => {
    expect(() => run([minMax, { op: 'aggregate', ...agg }])).toThrow(
      /aggregate P1 \(.+\): a of U1 is 0; this mean needs values > 0 \(min-max to \[0, 100\] puts 0 at each minimum/,
    );
  });

  it('runs over min-max [1, 100]: every unit scored, no warning', () => {
    const r = run([
      { ...minMax, range: [1, 100] },
      { op: 'aggregate', method: 'geometric' },
    ]);
    units.forEach((u) => expect(getValue(r.datasets.Aggregated!, u, 'Index')).toBeGreaterThan(0));
    expect(r.log[1]!.warnings).toBeUndefined();
  });
});

describe('indicators that cannot be normalised and units scored on fewer children', () => {
  it('a constant indicator is logged and left out for every unit alike', () => {
    const flat = dataSetFromRows(
      units,
      ['a', 'b', 'c'],
      units.map((_, i) => [i + 1, 7, 5 - i]),
    );
    const r = run([minMax, { op: 'aggregate' }], framework, flat);
    expect(r.log[0]!.warnings).toEqual([
      expect.objectContaining({
        code: 'constantIndicator',
        en: expect.stringMatching(/^indicator b has the same value for every unit \(zero variance\)/),
        zh: expect.stringContaining('指标 b 所有单元取值相同'),
      }),
    ]);
    // P1 = a alone for every unit; no aggregate warning, since b is missing for all units alike
    expect(getValue(r.datasets.Aggregated!, 'U4', 'P1')).toBe(100);
    expect(r.log[1]!.warnings).toBeUndefined();
  });

  it('a pillar whose indicators are all constant stops the run (no index on fewer pillars)', () => {
    const flat = dataSetFromRows(
      units,
      ['a', 'b', 'c'],
      units.map((_, i) => [i + 1, 10 - i, 5]),
    );
    expect(() => run([minMax, { op: 'aggregate' }], framework, flat)).toThrow(
      /P2: 4 of 4 units have no score \(no child present, or below the data threshold\)/,
    );
  });

  it('names the units scored on fewer children and the units left without a score', () => {
    const gappy = dataSetFromRows(
      units,
      ['a', 'b', 'c'],
      [
        [1, 10, 5],
        [2, null, 3],
        [3, 30, 1],
        [4, 40, null],
      ],
    );
    const r = run([minMax, { op: 'aggregate' }], framework, gappy);
    expect(r.log[1]!.warnings?.map((w) => w.en)).toEqual([
      'P1: 1 of 4 units are scored on fewer children (missing children skipped, weights renormalised): U2',
      'P2: 1 of 4 units have no score (no child present, or below the data threshold): U4',
      'Index: 1 of 4 units are scored on fewer children (missing children skipped, weights renormalised): U4',
    ]);
  });
});

describe('PCA first-component weights with mixed signs', () => {
  const fw: Framework = {
    indicators: ['x', 'y', 'z'].map((code) => ({ code, direction: 1 as const, weight: 1, parent: 'P' })),
    aggregates: [{ code: 'P', weight: 1 }],
  };
  const n = [1, 2, 3, 4, 5, 6, 7, 8];
  const data = dataSetFromRows(
    n.map((i) => `U${i}`),
    ['x', 'y', 'z'],
    n.map((i) => [i, i + ((i * 7) % 3), 10 - i + ((i * 5) % 4)]),
  );
  const pca = { op: 'weight', method: 'pca', scheme: 'firstComponent' };

  it('refuses negative weights by default', () => {
    expect(() => run([minMax, pca, { op: 'aggregate', weights: 'Weights' }], fw, data)).toThrow(
      /PCA P: negative first-component weights for z; use "loadings": "absolute"/,
    );
  });

  it('takes |loading| normalised to sum 1 when asked, and logs which signs were dropped', () => {
    const r = run([minMax, { ...pca, loadings: 'absolute' }, { op: 'aggregate', weights: 'Weights' }], fw, data);
    const w = r.weights.Weights!;
    expect(w.x! + w.y! + w.z!).toBeCloseTo(1, 14);
    [w.x, w.y, w.z].forEach((v) => expect(v).toBeGreaterThan(0));
    expect(r.log[1]!.warnings?.[0]).toMatchObject({ code: 'pcaAbsoluteLoadings' });
    for (const u of data.units) {
      const p = getValue(r.datasets.Aggregated!, u, 'P')!;
      expect(p >= 0 && p <= 100).toBe(true);
    }
  });
});
