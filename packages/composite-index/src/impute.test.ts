import { describe, expect, it } from 'vitest';
import { imputeLinearTime } from './impute.ts';
import { dataSetFromRows, dataSetToRows } from './types.ts';
import { yearCoordinates } from './years.ts';

const units = ['A', 'C', 'D', 'E', 'G', 'K'];
const col = (values: (number | null)[], u: readonly string[] = units) =>
  dataSetFromRows(
    u,
    ['x'],
    values.map((v) => [v]),
  );
// 2022 (current year) with every cell but K missing
const current = col([null, null, null, null, null, 5]);
const history = [
  col([1, 2, null, 1, 0, 1]), // 2019
  col([2, null, null, 2, 2, 1]), // 2020
  col([3, 6, 7, 6, 4, 1]), // 2021
];
const later = [col([null, null, null, null, 20, 1])]; // 2023
const labels = { historyYears: [2019, 2020, 2021], year: 2022 };
const first = (rows: (number | null)[][]) => rows.map((r) => r[0]);

describe('imputeLinearTime', () => {
  it('least-squares line through the earlier years (worked by hand)', () => {
    const r = imputeLinearTime(current, { history, ...labels });
    // A 1,2,3 -> 4; C 2,_,6 -> slope 2 -> 8; D one point -> missing; E 1,2,6: mean 3, slope 5/2 -> 3 + 2.5 x 2 = 8;
    // G 0,2,4 -> 6; K is present and kept
    expect(first(dataSetToRows(r.data))).toEqual([4, 8, null, 8, 6, 5]);
    expect(Array.from(r.flags[0]!)).toEqual([1, 1, 0, 1, 1, 0]);
    expect(r.imputed).toEqual({ x: 4 });
    expect(r.stillMissing).toEqual({ x: 1 });
    expect(current.columns[0]![0]).toBeNaN(); // input untouched
  });

  it("'nearest' extrapolates the line through the two latest values", () => {
    const r = imputeLinearTime(current, { history, ...labels }, { fit: 'nearest' });
    // E: 2 (2020) -> 6 (2021) -> 10 (2022); C: 2 (2019) -> 6 (2021) -> 8
    expect(first(dataSetToRows(r.data))).toEqual([4, 8, null, 10, 6, 5]);
  });

  it('later years: interpolation between the nearest years, or the least-squares line through all', () => {
    const near = imputeLinearTime(current, { history, later, ...labels, laterYears: [2023] }, { fit: 'nearest' });
    // G: 4 (2021) and 20 (2023) -> 12
    expect(near.data.columns[0]![4]).toBe(12);
    const ols = imputeLinearTime(current, { history, later, ...labels, laterYears: [2023] });
    // G: (2019,0) (2020,2) (2021,4) (2023,20): mean t 2020.75, mean 6.5, Sxy 44.5, Sxx 8.75 -> 6.5 + 44.5/8.75 x 1.25
    expect(ols.data.columns[0]![4]).toBeCloseTo(90 / 7, 12);
    // D: 7 (2021) and nothing else -> still missing even with a later year that lacks D
    expect(ols.data.columns[0]![2]).toBeNaN();
  });

  it('back-casts from later years only, and matches units by code', () => {
    const base = col([null], ['A']);
    const after = [col([9, 5], ['Z', 'A']), col([7], ['A'])]; // A: 5 then 7, in another row order
    for (const fit of ['ols', 'nearest'] as const) {
      expect(imputeLinearTime(base, { later: after }, { fit }).data.columns[0]![0]).toBe(3);
    }
  });

  it('year labels default to consecutive years and must increase', () => {
    expect(yearCoordinates({ history: [current, current], later: [current] })).toEqual({
      year: 0,
      history: [-2, -1],
      later: [1],
    });
    expect(yearCoordinates({ history: [current], historyYears: [2020] }).year).toBe(2021);
    expect(() => yearCoordinates({ history: [current], historyYears: [2020, 2021] })).toThrow(/2 labels/);
    expect(() => yearCoordinates({ history: [current], historyYears: [2022], year: 2022 })).toThrow(/increase/);
  });
});
