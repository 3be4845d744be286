/** Composite-index engine: pure functions, no I/O. */
export * from './types.ts';
export * from './stats.ts';
export * from './denominate.ts';
export * from './impute.ts';
export * from './treat.ts';
export * from './normalise.ts';
export * from './aggregate.ts';
export * from './rank.ts';
export * from './hdi.ts';
export * from './method.ts';
export * from './pipeline.ts';
