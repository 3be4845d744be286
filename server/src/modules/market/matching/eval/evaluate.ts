/**
 * Offline evaluation of the matcher on labelled demand/achievement pairs: every demand is matched against every
 * achievement of the file (plus distractors); the pair's own achievement is the one relevant answer. Figures:
 * precision@1 and precision@5 (share of demands whose achievement is first / in the first five), MRR and nDCG@10.
 */
import { z } from 'zod';
import { createMatcher, type MatcherTuning } from '../matcher.ts';
import type { MatchDocument } from '../types.ts';

const ZText = z.string().trim().min(1);
const ZPair = z.object({
  id: z.union([ZText, z.number()]).transform(String),
  split: z.string().optional(),
  demand: z.object({ title: ZText, description: z.string() }),
  achievement: z.object({ title: ZText, summary: z.string() }),
});
const ZPairsFile = z.object({ pairs: z.array(ZPair).min(1) });

export type EvalPair = z.output<typeof ZPair>;

export interface EvalFigures {
  pairs: number;
  precisionAt1: number;
  precisionAt5: number;
  mrr: number;
  ndcg10: number;
}

export interface EvalResult extends EvalFigures {
  /** Rank of each pair's achievement (1-based; 0 when not among the hits looked at). */
  ranks: { id: string; rank: number; split?: string; top?: string }[];
}

/** A pairs file that cannot be used, with a bilingual message. */
export class PairsFileError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'PairsFileError';
  }
}

/** Parses and checks a pairs file's text; duplicate ids are refused. */
export function parsePairsFile(text: string): EvalPair[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new PairsFileError(`配对文件不是有效的 JSON：${why}`, `the pairs file is not valid JSON: ${why}`);
  }
  const parsed = ZPairsFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.') || '(根)';
    throw new PairsFileError(
      `配对文件格式不对：${where} ${issue.message}（应为 {"pairs":[{"id","demand":{"title","description"},"achievement":{"title","summary"}}]}）`,
      `the pairs file has the wrong shape at ${where}: ${issue.message} (expected {"pairs":[{"id","demand":{"title","description"},"achievement":{"title","summary"}}]})`,
    );
  }
  const seen = new Set<string>();
  for (const p of parsed.data.pairs) {
    if (seen.has(p.id)) throw new PairsFileError(`配对编号重复：${p.id}`, `duplicate pair id: ${p.id}`);
    seen.add(p.id);
  }
  return parsed.data.pairs;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

/** Figures of a list of ranks (0 = not found). */
export function figuresOf(ranks: readonly number[]): EvalFigures {
  const n = ranks.length;
  const share = (f: (r: number) => number) => (n === 0 ? 0 : round(ranks.reduce((s, r) => s + f(r), 0) / n));
  return {
    pairs: n,
    precisionAt1: share((r) => (r === 1 ? 1 : 0)),
    precisionAt5: share((r) => (r >= 1 && r <= 5 ? 1 : 0)),
    mrr: share((r) => (r >= 1 ? 1 / r : 0)),
    ndcg10: share((r) => (r >= 1 && r <= 10 ? 1 / Math.log2(r + 1) : 0)),
  };
}

/** How far down the hits a pair's achievement is looked for (MRR counts ranks beyond 10 too). */
const DEPTH = 100;

/** Runs the evaluation: the pairs' achievements plus the distractors form one index; each demand queries it. */
export function evaluatePairs(
  pairs: readonly EvalPair[],
  distractors: readonly MatchDocument[] = [],
  tuning: Partial<MatcherTuning> = {},
): EvalResult {
  const docs: MatchDocument[] = pairs.map((p) => ({
    id: `pair:${p.id}`,
    kind: 'achievement',
    title: p.achievement.title,
    text: p.achievement.summary,
  }));
  // Distractors take the shape of the labelled achievements (title and summary only), so neither side has fields the
  // other lacks.
  const others = distractors.map((d) => ({ id: d.id, kind: d.kind, title: d.title, text: d.text }));
  const matcher = createMatcher([...docs, ...others], tuning);
  const ranks = pairs.map((p) => {
    const hits = matcher.match(
      { id: `demand:${p.id}`, kind: 'demand', title: p.demand.title, text: p.demand.description },
      { limit: DEPTH },
    );
    const at = hits.findIndex((h) => h.id === `pair:${p.id}`);
    return { id: p.id, rank: at + 1, split: p.split, top: hits[0]?.id };
  });
  return { ...figuresOf(ranks.map((r) => r.rank)), ranks };
}
