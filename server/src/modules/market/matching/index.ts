/**
 * The matching engine (pure: no database, no files): jieba-segmented BM25 with field boosts over words and thesaurus
 * concepts, structured features (field, stage, distance, budget, mode), a score in 0..1 and an explanation for every
 * hit. Used by the market module both ways (demand -> achievements and experts; achievement -> demands and
 * enterprises), and by advisory and talent.
 */
export { createMatcher, DEFAULT_TUNING, type MatcherTuning } from './matcher.ts';
export { thesaurus, findConcepts, type Concept, type Thesaurus } from './thesaurus.ts';
export { evaluatePairs, parsePairsFile, type EvalFigures, type EvalPair } from './eval/evaluate.ts';
export { syntheticAchievements } from './synthetic.ts';
export type { MatchDocument, MatchFeature, MatchHit, Matcher, MatchOptions, MatchReasons } from './types.ts';
