/**
 * Deterministic pseudo-random numbers for the uncertainty analysis: xoshiro128** (Blackman & Vigna 2018,
 * "Scrambled linear pseudorandom number generators") seeded through splitmix32, so a seed reproduces a run exactly
 * on every platform. Not for cryptography.
 */

/** A generator of uniform numbers in [0, 1). */
export type Rng = () => number;

/** splitmix32 step: a well-mixed 32-bit value from a counter (used to fill the xoshiro state from one seed). */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** The raw xoshiro128** generator over a 128-bit state (four 32-bit words, not all zero): unsigned 32-bit outputs. */
export function xoshiro128ss(state: readonly [number, number, number, number]): () => number {
  let [a, b, c, d] = state.map((x) => x >>> 0) as [number, number, number, number];
  if ((a | b | c | d) === 0) throw new Error('xoshiro128**: the state must not be all zero');
  return () => {
    const b5 = Math.imul(b, 5);
    const result = Math.imul((b5 << 7) | (b5 >>> 25), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    return result;
  };
}

/**
 * Uniform doubles in [0, 1) with 53 random bits (two xoshiro128** outputs per number), the state filled from `seed`
 * by splitmix32. The same seed always gives the same sequence.
 */
export function createRng(seed: number): Rng {
  const sm = splitmix32(seed);
  const next = xoshiro128ss([sm(), sm(), sm(), sm() || 1]);
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
}
