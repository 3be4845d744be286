/**
 * The in-memory matcher: an inverted index (CSR arrays: per term the documents and their precomputed BM25 impacts)
 * over words and thesaurus concepts, and typed arrays of the structured fields. A query scores only the documents its
 * terms reach, into accumulators allocated once per matcher (no per-query allocation of big arrays), keeps the top
 * hits in a small heap, and explains only those.
 */
import { analyze, CONCEPT_PREFIX } from './analyze.ts';
import { explainHit } from './explain.ts';
import {
  amountFit,
  distanceFit,
  divisionNumber,
  FEATURE_WEIGHTS,
  modeMask,
  queryIsOffer,
  stageFit,
} from './features.ts';
import type { MatchDocument, Matcher, MatchHit, MatchOptions } from './types.ts';

export interface MatcherTuning {
  k1: number;
  b: number;
  /** Weight of a concept token relative to a word. */
  conceptWeight: number;
  /**
   * Bonus for covering more of the query's own concepts (each concept the query names, reached directly or through a
   * related or broader concept, counts once): text x (1 + coverage x coverageBonus). A record that answers the whole
   * demand beats one that shares only its most general word.
   */
  coverageBonus: number;
  /** Share of the text relevance in the score when the query has structured fields (the rest is the features). */
  textShare: number;
}

export const DEFAULT_TUNING: MatcherTuning = {
  k1: 0.8,
  b: 0.75,
  conceptWeight: 1.6,
  coverageBonus: 0.6,
  textShare: 0.75,
};

/** What a built index holds; exported for the explanation code. */
export interface MatchIndex {
  docs: readonly MatchDocument[];
  vocab: Map<string, number>;
  tokens: string[];
  idf: Float64Array;
  fwdOffsets: Int32Array;
  fwdTerms: Int32Array;
  domain: Int32Array;
  trl: Int8Array;
  division: Int32Array;
  amountMin: Float64Array;
  amountMax: Float64Array;
  modes: Int32Array;
  domains: Map<string, number>;
}

/** Index size from which the commonest terms are left out of queries, and the share of documents that is "common". */
const PRUNE_FROM = 5000;
const PRUNE_SHARE = 0.03;

// Local bindings: the hot loop calls these per candidate.
const fitStage = stageFit;
const fitDistance = distanceFit;
const fitAmount = amountFit;
const WEIGHTS = { ...FEATURE_WEIGHTS };

/** Number of set bits of a 32-bit integer. */
function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

const num = (v: number | null | undefined) => (v === null || v === undefined ? NaN : v);

/** Builds a matcher over the documents (all of one kind, e.g. listed achievements). */
export function createMatcher(documents: readonly MatchDocument[], tuning: Partial<MatcherTuning> = {}): Matcher {
  return buildMatcher(documents, tuning).matcher;
}

/** The matcher and the index it answers from (benchmarks compare it with a scan over the same index). */
export function buildMatcher(
  documents: readonly MatchDocument[],
  tuning: Partial<MatcherTuning> = {},
): { matcher: Matcher; index: MatchIndex } {
  const t = { ...DEFAULT_TUNING, ...tuning };
  const n = documents.length;
  const vocab = new Map<string, number>();
  const tokens: string[] = [];
  // Flat arrays while analysing (small typed arrays per document would cost more to allocate than they hold).
  const flatTerms: number[] = [];
  const flatWeights: number[] = [];
  const fwdOffsets = new Int32Array(n + 1);
  const lengths = new Float64Array(n);
  let df = new Int32Array(1024);
  let totalLength = 0;
  for (let d = 0; d < n; d++) {
    const a = analyze(documents[d]!);
    for (const [token, w] of a.weights) {
      let id = vocab.get(token);
      if (id === undefined) {
        id = tokens.length;
        vocab.set(token, id);
        tokens.push(token);
        if (id >= df.length) {
          const bigger = new Int32Array(df.length * 2);
          bigger.set(df);
          df = bigger;
        }
      }
      df[id]!++;
      flatTerms.push(id);
      flatWeights.push(w);
    }
    fwdOffsets[d + 1] = flatTerms.length;
    lengths[d] = a.length;
    totalLength += a.length;
  }
  const v = tokens.length;
  const avgLength = n > 0 ? Math.max(totalLength / n, 1) : 1;
  const isConcept = new Uint8Array(v);
  tokens.forEach((tok, i) => (isConcept[i] = tok.startsWith(CONCEPT_PREFIX) ? 1 : 0));
  const idf = new Float64Array(v);
  const offsets = new Int32Array(v + 1);
  for (let i = 0; i < v; i++) {
    idf[i] = Math.log(1 + (n - df[i]! + 0.5) / (df[i]! + 0.5));
    offsets[i + 1] = offsets[i]! + df[i]!;
  }
  const postDoc = new Int32Array(offsets[v]!);
  const postImpact = new Float32Array(offsets[v]!);
  const fill = offsets.slice(0, v);
  const fwdTerms = Int32Array.from(flatTerms);
  for (let d = 0; d < n; d++) {
    const norm = t.k1 * (1 - t.b + (t.b * lengths[d]!) / avgLength);
    for (let i = fwdOffsets[d]!, end = fwdOffsets[d + 1]!; i < end; i++) {
      const id = fwdTerms[i]!;
      const tf = flatWeights[i]!;
      const k = isConcept[id] ? t.k1 : norm;
      const at = fill[id]!++;
      postDoc[at] = d;
      postImpact[at] = (tf * (t.k1 + 1)) / (tf + k);
    }
  }
  const domains = new Map<string, number>();
  const domain = new Int32Array(n);
  const trl = new Int8Array(n);
  const division = new Int32Array(n);
  const amountMin = new Float64Array(n);
  const amountMax = new Float64Array(n);
  const modes = new Int32Array(n);
  documents.forEach((doc, d) => {
    if (doc.domain) {
      if (!domains.has(doc.domain)) domains.set(doc.domain, domains.size + 1);
      domain[d] = domains.get(doc.domain)!;
    }
    trl[d] = doc.trl ?? 0;
    division[d] = divisionNumber(doc.divisionCode);
    amountMin[d] = num(doc.amountMin ?? doc.amountMax);
    amountMax[d] = num(doc.amountMax ?? doc.amountMin);
    modes[d] = doc.modes && doc.modes.length > 0 ? modeMask(doc.modes) : -1;
  });
  const index: MatchIndex = {
    docs: documents,
    vocab,
    tokens,
    idf,
    fwdOffsets,
    fwdTerms,
    domain,
    trl,
    division,
    amountMin,
    amountMax,
    modes,
    domains,
  };

  // Scratch space reused by every query.
  const acc = new Float64Array(n);
  const covered = new Int32Array(n);
  const stamp = new Int32Array(n);
  const touched = new Int32Array(n);
  let epoch = 0;

  function match(query: MatchDocument, options: MatchOptions = {}): MatchHit[] {
    const limit = Math.max(0, Math.floor(options.limit ?? 20));
    if (n === 0 || limit === 0) return [];
    const qa = analyze(query, true);
    const qTerms: number[] = [];
    const qWeights: number[] = [];
    const qBits: number[] = [];
    const groups = new Map<string, number>();
    let queryMax = 0;
    for (const [token, w] of qa.weights) {
      const id = vocab.get(token);
      const qw = token.startsWith(CONCEPT_PREFIX) ? t.conceptWeight * w : Math.pow(w, 0.7);
      queryMax += (id === undefined ? Math.log(1 + n) : idf[id]!) * qw * (t.k1 + 1);
      if (id === undefined) continue;
      qTerms.push(id);
      qWeights.push(qw * idf[id]!);
      const origin = token.startsWith(CONCEPT_PREFIX) ? qa.paths.get(token)?.via[0] : undefined;
      if (origin !== undefined && !groups.has(origin) && groups.size < 30) groups.set(origin, groups.size);
      qBits.push(origin !== undefined && groups.has(origin) ? 1 << groups.get(origin)! : 0);
    }
    // Rare terms first: they make the candidates. In a large index a term in more than PRUNE_SHARE of the documents
    // (生产, or an industry as broad as 种植业) only adds to candidates the rarer terms found, so it costs a pass over
    // its postings but no candidate work; when a query has no rare term at all, its common terms make the candidates.
    const common = n >= PRUNE_FROM ? n * PRUNE_SHARE : Infinity;
    const dfOf = (id: number) => offsets[id + 1]! - offsets[id]!;
    const hasRare = qTerms.some((id) => dfOf(id) <= common);
    epoch++;
    let count = 0;
    for (let pass = 0; pass < 2; pass++) {
      for (let q = 0; q < qTerms.length; q++) {
        const id = qTerms[q]!;
        const isCommon = dfOf(id) > common;
        if (isCommon !== (pass === 1)) continue;
        const qw = qWeights[q]!;
        const bits = qBits[q]!;
        const start = offsets[id]!;
        const end = offsets[id + 1]!;
        if (isCommon && hasRare) {
          for (let p = start; p < end; p++) {
            const d = postDoc[p]!;
            if (stamp[d] === epoch) {
              acc[d] = acc[d]! + qw * postImpact[p]!;
              covered[d] = covered[d]! | bits;
            }
          }
          continue;
        }
        for (let p = start; p < end; p++) {
          const d = postDoc[p]!;
          if (stamp[d] !== epoch) {
            stamp[d] = epoch;
            acc[d] = 0;
            covered[d] = 0;
            touched[count++] = d;
          }
          acc[d] = acc[d]! + qw * postImpact[p]!;
          covered[d] = covered[d]! | bits;
        }
      }
    }
    // Structured features of the query, once.
    const offer = queryIsOffer(query);
    const qDomain = query.domain ? (domains.get(query.domain) ?? -1) : 0;
    const qTrl = query.trl ?? 0;
    const qDivision = divisionNumber(query.divisionCode);
    const qMin = num(query.amountMin ?? query.amountMax);
    const qMax = num(query.amountMax ?? query.amountMin);
    const qModes = query.modes && query.modes.length > 0 ? modeMask(query.modes) : -1;
    const wDomain = qDomain !== 0 ? WEIGHTS.domain : 0;
    const wStage = qTrl > 0 ? WEIGHTS.stage : 0;
    const wDistance = qDivision > 0 ? WEIGHTS.distance : 0;
    const wAmount = Number.isFinite(qMin) ? WEIGHTS.amount : 0;
    const wMode = qModes >= 0 ? WEIGHTS.mode : 0;
    const wSum = wDomain + wStage + wDistance + wAmount + wMode;
    const textShare = wSum > 0 ? t.textShare : 1;
    const scale = queryMax > 0 ? 0.3 * queryMax : 1;
    const known = (x: number) => (x < 0 ? 0.5 : x);

    const heapDoc = new Int32Array(limit);
    const heapScore = new Float64Array(limit);
    let size = 0;
    const worse = (i: number, j: number) =>
      heapScore[i]! < heapScore[j]! ||
      (heapScore[i] === heapScore[j] && documents[heapDoc[i]!]!.id > documents[heapDoc[j]!]!.id);
    const swap = (i: number, j: number) => {
      const d = heapDoc[i]!;
      const s = heapScore[i]!;
      heapDoc[i] = heapDoc[j]!;
      heapScore[i] = heapScore[j]!;
      heapDoc[j] = d;
      heapScore[j] = s;
    };
    const nGroups = groups.size;
    const relevance = (d: number) => {
      const raw = nGroups > 0 ? acc[d]! * (1 + (t.coverageBonus * popcount(covered[d]!)) / nGroups) : acc[d]!;
      return raw / (raw + scale);
    };
    for (let c = 0; c < count; c++) {
      const d = touched[c]!;
      const text = relevance(d);
      let score = text;
      // The features can add at most (1 - textShare): a candidate that cannot reach the heap even so is skipped.
      if (size === limit && textShare * text + (1 - textShare) < heapScore[0]!) continue;
      if (wSum > 0) {
        let f = 0;
        if (wDomain > 0) f += wDomain * (domain[d] === qDomain ? 1 : 0);
        if (wStage > 0) f += wStage * known(offer ? fitStage(qTrl, trl[d]!) : fitStage(trl[d]!, qTrl));
        if (wDistance > 0) f += wDistance * known(fitDistance(qDivision, division[d]!));
        if (wAmount > 0) f += wAmount * known(offer ? fitAmount(amountMax[d]!, qMin) : fitAmount(qMax, amountMin[d]!));
        if (wMode > 0) f += wMode * (modes[d]! < 0 ? 0.5 : (modes[d]! & qModes) !== 0 ? 1 : 0);
        score = textShare * text + (1 - textShare) * (f / wSum);
      }
      if (
        size === limit &&
        (score < heapScore[0]! || (score === heapScore[0] && documents[d]!.id > documents[heapDoc[0]!]!.id))
      )
        continue;
      if (options.exclude?.has(documents[d]!.id)) continue;
      if (size < limit) {
        heapDoc[size] = d;
        heapScore[size] = score;
        let i = size++;
        while (i > 0 && worse(i, (i - 1) >> 1)) {
          swap(i, (i - 1) >> 1);
          i = (i - 1) >> 1;
        }
      } else {
        heapDoc[0] = d;
        heapScore[0] = score;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < size && worse(l, m)) m = l;
          if (r < size && worse(r, m)) m = r;
          if (m === i) break;
          swap(i, m);
          i = m;
        }
      }
    }
    const order = Array.from({ length: size }, (_, i) => i).sort(
      (i, j) => heapScore[j]! - heapScore[i]! || (documents[heapDoc[i]!]!.id < documents[heapDoc[j]!]!.id ? -1 : 1),
    );
    return order.map((i) => {
      const d = heapDoc[i]!;
      return explainHit(index, d, heapScore[i]!, relevance(d), query, qa, t.conceptWeight, qModes);
    });
  }

  return { matcher: { size: n, match }, index };
}
