import { describe, expect, it } from 'vitest';
import { boxCox, giiLog, logCT, transformColumn } from './transform.ts';

const NA = Number.NaN;
const f = (x: number[]) => Float64Array.from(x);
const close = (got: Float64Array, want: number[]) =>
  want.forEach((w, i) => (Number.isNaN(w) ? expect(got[i]).toBeNaN() : expect(got[i]).toBeCloseTo(w, 12)));

describe('log transforms', () => {
  it('log_CT: ln(x - min + 0.01 (max - min)); min 0, max 100 gives ln(x + 1)', () => {
    close(logCT(f([0, 1, 3, 100, NA])), [0, Math.log(2), Math.log(4), Math.log(101), NA]);
  });

  it('GII log: ln((max - 1)(x - min) / (max - min) + 1)', () => {
    // min 1: the formula is ln x
    close(giiLog(f([1, 2, 4, 7])).values, [0, Math.log(2), Math.log(4), Math.log(7)]);
    // min 0, max 10: ln(0.9 x + 1)
    close(giiLog(f([0, 5, 10, NA])).values, [0, Math.log(5.5), Math.log(10), NA]);
    expect(giiLog(f([0, 5, 10])).warning).toBeUndefined();
  });

  it('GII log with max < 1 reverses the order and says so; a constant column is missing', () => {
    const r = giiLog(f([0, 0.25, 0.5])); // ln(-x + 1)
    close(r.values, [0, Math.log(0.75), Math.log(0.5)]);
    expect(r.warning).toMatch(/reverses/);
    close(giiLog(f([3, 3])).values, [NA, NA]);
  });
});

describe('Box-Cox', () => {
  it.each<{ name: string; x: number[]; lambda?: number; shift?: number; want: number[]; usedShift: number }>([
    { name: 'λ = 0.5: 2 (sqrt x - 1)', x: [1, 4, 9], lambda: 0.5, want: [0, 2, 4], usedShift: 0 },
    { name: 'λ = 2: (x^2 - 1) / 2', x: [1, 3], lambda: 2, want: [0, 4], usedShift: 0 },
    { name: 'λ = 0 (default) is ln x', x: [1, Math.E, NA], want: [0, 1, NA], usedShift: 0 },
    {
      name: 'a zero shifts by -min + 0.01 (max - min): ln(x + 1)',
      x: [0, 10, 100],
      want: [0, Math.log(11), Math.log(101)],
      usedShift: 1,
    },
    { name: 'explicit shift 1 at λ = 0 is ln(1 + x)', x: [0, 3], shift: 1, want: [0, Math.log(4)], usedShift: 1 },
    {
      name: 'negative values shift too: min -2, max 8 -> s = 2.1, λ = 1 gives x + s - 1',
      x: [-2, 8],
      lambda: 1,
      want: [0.1 - 1, 10.1 - 1],
      usedShift: 2.1,
    },
    { name: 'x + s < 0 and ln 0 are missing', x: [-1, 0, 3], shift: 0, want: [NA, NA, Math.log(3)], usedShift: 0 },
  ])('$name', ({ x, lambda, shift, want, usedShift }) => {
    const r = boxCox(f(x), { lambda, shift });
    close(r.values, want);
    expect(r.shift).toBeCloseTo(usedShift, 12);
  });

  it('transformColumn dispatches by name', () => {
    close(transformColumn(f([1, 4]), 'boxcox', { lambda: 0.5 }).values, [0, 2]);
    close(transformColumn(f([0, 100]), 'logCT').values, [0, Math.log(101)]);
    close(transformColumn(f([1, 7]), 'gii-log').values, [0, Math.log(7)]);
  });
});
