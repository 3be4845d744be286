import { describe, expect, it } from 'vitest';
import { hasConformance, parseNumber, readTable, tableToDataSet } from './csv.test-helper.ts';
import { computeHdi, hdiTier, rankHdi } from './hdi.ts';
import { parseMethod } from './method.ts';
import { runPipeline } from './pipeline.ts';
import { roundTo } from './stats.ts';
import { type Direction, type Framework, getColumn } from './types.ts';

describe.skipIf(!hasConformance)('COINr v1 paper example conformance (needs ../shared/conformance)', () => {
  it('min-max [0,100] + weighted mean skipping missing children reproduces the published top 6 to 0.005', () => {
    const meta = readTable('asem_v1/ASEM_iMeta.csv').records;
    const framework: Framework = {
      indicators: meta
        .filter((r) => r.Type === 'Indicator')
        .map((r) => ({
          code: r.iCode!,
          direction: (Number(r.Direction) === -1 ? -1 : 1) as Direction,
          weight: Number(r.Weight),
          parent: r.Parent!,
        })),
      aggregates: meta
        .filter((r) => r.Type === 'Aggregate')
        .map((r) => ({ code: r.iCode!, weight: Number(r.Weight), parent: r.Parent === '' ? undefined : r.Parent })),
    };
    const codes = framework.indicators.map((m) => m.code);
    const raw = tableToDataSet(readTable('asem_v1/ASEM_iData.csv'), 'uCode', codes);
    const method = parseMethod({
      stages: [
        { op: 'normalise', method: 'minMax', range: [0, 100] },
        { op: 'aggregate', method: 'arithmetic' },
        { op: 'rank', columns: ['Index'] },
      ],
    });
    const r = runPipeline(method, { framework, raw });
    const index = getColumn(r.datasets.Aggregated!, 'Index');
    const rank = getColumn(r.datasets.Ranks!, 'Index');
    for (const rec of readTable('asem_v1/expected_paper_top6.csv').records) {
      const i = raw.units.indexOf(rec.uCode!);
      expect(Math.abs(index[i]! - Number(rec.Index)), rec.uCode).toBeLessThanOrEqual(0.005);
      expect(roundTo(index[i]!, 2), rec.uCode).toBe(Number(rec.Index)); // the published 2-dp value exactly
      expect(rank[i], rec.uCode).toBe(Number(rec.Rank));
    }
  });
});

describe.skipIf(!hasConformance)('UNDP HDI conformance (needs ../shared/conformance)', () => {
  const components = hasConformance ? readTable('hdi/input_hdi_components.csv').records : [];
  const hdiOf = (r: Record<string, string>): number | null =>
    computeHdi({
      le: parseNumber(r.le),
      eys: parseNumber(r.eys),
      mys: parseNumber(r.mys),
      gnipc: parseNumber(r.gnipc),
    });

  it('HDI 1990-2021 equals the published values rounded to 3 dp (missing where published missing)', () => {
    const expected = new Map(
      readTable('hdi/expected_hdi.csv').records.map((r) => [`${r.iso3}/${r.year}`, parseNumber(r.hdi)]),
    );
    expect(components.length).toBe(expected.size);
    const mismatches: string[] = [];
    for (const r of components) {
      const key = `${r.iso3}/${r.year}`;
      const got = hdiOf(r);
      const want = expected.get(key);
      if (want === undefined) mismatches.push(`${key}: not expected`);
      else if ((got === null) !== (want === null) || (got !== null && roundTo(got, 3) !== want)) {
        mismatches.push(`${key}: got ${got} want ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('2021 ranks (1 + strictly higher 3-dp values) and tiers are exact', () => {
    const rows2021 = components.filter((r) => r.year === '2021');
    const values = rows2021.map(hdiOf);
    const ranks = rankHdi(values);
    const byIso = new Map(rows2021.map((r, k) => [r.iso3!, { rank: ranks[k], hdi: values[k] }]));
    const expected = readTable('hdi/expected_hdi_2021_rank_tier.csv').records;
    let compared = 0;
    for (const e of expected) {
      const got = byIso.get(e.iso3!);
      const wantRank = parseNumber(e.hdi_rank_2021);
      if (wantRank === null) {
        expect(got?.hdi ?? null, e.iso3).toBeNull();
        continue;
      }
      expect(got?.rank, e.iso3).toBe(wantRank);
      expect(hdiTier(got!.hdi!), e.iso3).toBe(e.hdicode);
      compared++;
    }
    expect(compared).toBeGreaterThan(180);
  });
});
