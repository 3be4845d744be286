/**
 * @qixian/composite-index — the public API. Pure functions over data sets, plus CSV file helpers (csv.ts) and the
 * conformance runners (conformance.ts) that read files; nothing else does I/O. See ../README.md.
 */
export * from './types.ts';
export * from './stats.ts';
export * from './linalg.ts';
export * from './prng.ts';
export * from './small-numbers.ts';
export * from './denominate.ts';
export * from './years.ts';
export * from './impute.ts';
export * from './transform.ts';
export * from './treat.ts';
export * from './normalise.ts';
export * from './normalise-stage.ts';
export * from './weights.ts';
export * from './ahp.ts';
export * from './pca.ts';
export * from './optimise-weights.ts';
export * from './effective-weights.ts';
export * from './weight-stage.ts';
export * from './aggregate.ts';
export * from './aggregate-checks.ts';
export * from './rank.ts';
export * from './classify.ts';
export * from './classify-stage.ts';
export * from './hdi.ts';
export * from './method.ts';
export * from './pipeline.ts';
export * from './saltelli.ts';
export * from './uncertainty.ts';
export * from './reliability.ts';
export * from './removal.ts';
export * from './gap.ts';
export * from './improve.ts';
export * from './csv.ts';
export * from './conformance.ts';
