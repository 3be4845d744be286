import { mean, range, sd } from './stats.ts';
import { type DataSet, type Direction, type Framework, indicatorMetaByCode } from './types.ts';

/** Normalisation method and its parameters. */
export type NormaliseParams =
  /** (d*x - min) / (max - min) scaled to [lo, hi], where d is the direction. A constant column maps to NaN. */
  | { readonly method: 'minMax'; readonly range?: readonly [number, number] }
  /** (d*x - mean) / sd * scale + centre (defaults: scale 1, centre 0). */
  | { readonly method: 'zScore'; readonly centre?: number; readonly scale?: number }
  /**
   * Fixed goalposts [gMin, gMax] per indicator (from the framework), values clipped to the goalposts, scaled to
   * [lo, hi]; a negative indicator maps gMax to lo.
   */
  | { readonly method: 'goalposts'; readonly range?: readonly [number, number]; readonly clip?: boolean }
  /**
   * Distance to a target S (CASTED standard-value index): min(x / S, 1) * scale, or min(S / x, 1) * scale for a
   * negative indicator. Targets per indicator code.
   */
  | { readonly method: 'target'; readonly targets: Readonly<Record<string, number>>; readonly scale?: number };

/** Normalises a single column with the given direction (see {@link NormaliseParams}). */
export function normaliseColumn(
  src: Float64Array,
  direction: Direction,
  params: NormaliseParams,
  extra: { goalposts?: readonly [number, number]; target?: number } = {},
): Float64Array {
  const n = src.length;
  const out = new Float64Array(n);
  switch (params.method) {
    case 'minMax': {
      const [lo, hi] = params.range ?? [0, 100];
      const signed = new Float64Array(n);
      for (let i = 0; i < n; i++) signed[i] = (src[i] as number) * direction;
      const [mn, mx] = range(signed);
      const span = mx - mn;
      for (let i = 0; i < n; i++) out[i] = (((signed[i] as number) - mn) / span) * (hi - lo) + lo;
      return out;
    }
    case 'zScore': {
      const signed = new Float64Array(n);
      for (let i = 0; i < n; i++) signed[i] = (src[i] as number) * direction;
      const m = mean(signed);
      const s = sd(signed);
      const scale = params.scale ?? 1;
      const centre = params.centre ?? 0;
      for (let i = 0; i < n; i++) out[i] = (((signed[i] as number) - m) / s) * scale + centre;
      return out;
    }
    case 'goalposts': {
      const gp = extra.goalposts;
      if (!gp) throw new Error('goalposts normalisation needs goalposts for every indicator');
      const [gMin, gMax] = gp;
      const [lo, hi] = params.range ?? [0, 1];
      const clip = params.clip ?? true;
      for (let i = 0; i < n; i++) {
        let v = src[i] as number;
        if (clip) v = Math.min(Math.max(v, gMin), gMax);
        const share = direction === 1 ? (v - gMin) / (gMax - gMin) : (gMax - v) / (gMax - gMin);
        out[i] = share * (hi - lo) + lo;
      }
      return out;
    }
    case 'target': {
      const s = extra.target;
      if (s === undefined) throw new Error('target normalisation needs a target for every indicator');
      const scale = params.scale ?? 100;
      for (let i = 0; i < n; i++) {
        const v = src[i] as number;
        out[i] = Math.min(direction === 1 ? v / s : s / v, 1) * scale;
      }
      return out;
    }
    default: {
      const never: never = params;
      throw new Error(`unknown normalisation ${JSON.stringify(never)}`);
    }
  }
}

/** Normalises every indicator of a data set using the directions (and goalposts) of the framework. */
export function normalise(data: DataSet, framework: Framework, params: NormaliseParams): DataSet {
  const meta = indicatorMetaByCode(framework);
  const columns = data.indicators.map((code, j) => {
    const m = meta.get(code);
    if (!m) throw new Error(`normalise: indicator ${code} is not in the framework`);
    return normaliseColumn(data.columns[j] as Float64Array, m.direction, params, {
      goalposts: m.goalposts,
      target: params.method === 'target' ? params.targets[code] : undefined,
    });
  });
  return { units: data.units, indicators: data.indicators, columns };
}
