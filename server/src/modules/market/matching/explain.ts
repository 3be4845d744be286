/**
 * The explanation of one hit: the words both sides share, the concepts the query reached in the document (with the
 * path: 自留种 → 种薯退化 → 脱毒种薯), and the structured features, as reasons and one Chinese sentence.
 */
import { CONCEPT_PREFIX, type Analysis } from './analyze.ts';
import { amountFit, describeFeatures, distanceFit, divisionNumber, queryIsOffer, stageFit } from './features.ts';
import type { MatchIndex } from './matcher.ts';
import { thesaurus } from './thesaurus.ts';
import type { MatchDocument, MatchFeature, MatchHit } from './types.ts';

const MAX_TERMS = 6;
const MAX_CONCEPTS = 3;

/** 初期 / 中期 / 成熟 of a TRL (1-3, 4-6, 7-9), as 科技成果登记 names the stages. */
export function stageName(trl: number): string {
  return trl >= 7 ? '成熟' : trl >= 4 ? '中期' : '初期';
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Builds the MatchHit of document `d` for the analysed query. */
export function explainHit(
  index: MatchIndex,
  d: number,
  score: number,
  text: number,
  query: MatchDocument,
  qa: Analysis,
  conceptWeight: number,
  /** The query's mode groups (modeMask), computed once per query. */
  queryModes: number,
): MatchHit {
  const th = thesaurus();
  const words: { token: string; w: number }[] = [];
  const concepts: { token: string; w: number }[] = [];
  for (let p = index.fwdOffsets[d]!; p < index.fwdOffsets[d + 1]!; p++) {
    const id = index.fwdTerms[p]!;
    const token = index.tokens[id]!;
    const qw = qa.weights.get(token);
    if (qw === undefined) continue;
    const w = index.idf[id]! * (token.startsWith(CONCEPT_PREFIX) ? qw * conceptWeight : qw);
    (token.startsWith(CONCEPT_PREFIX) ? concepts : words).push({ token, w });
  }
  words.sort((a, b) => b.w - a.w || (a.token < b.token ? -1 : 1));
  concepts.sort((a, b) => b.w - a.w || (a.token < b.token ? -1 : 1));
  // Words inside a longer matched word (马铃 in 马铃薯) add nothing for a reader.
  const shown = words.map((x) => x.token).filter((w, _, all) => !all.some((o) => o !== w && o.includes(w)));
  const terms = shown.slice(0, MAX_TERMS);
  const conceptLines: string[] = [];
  for (const c of concepts) {
    if (conceptLines.length >= MAX_CONCEPTS) break;
    const path = qa.paths.get(c.token);
    if (!path) continue;
    // Reaching a whole sector (种植业, 畜牧业) through a broader link explains nothing.
    const last = th.concepts.get(path.via[path.via.length - 1]!);
    if (path.via.length > 1 && last && last.broader.length === 0) continue;
    const labels = path.via.map((id) => th.concepts.get(id)?.label ?? id);
    const line = [path.term, ...labels.filter((l) => l !== path.term)].join(' → ');
    if (path.via.length === 1 && terms.includes(path.term)) continue;
    // A path that only extends one already shown (… → 精准施药 → 植物保护) adds nothing for a reader.
    if (!conceptLines.some((l) => line.startsWith(l) || l.startsWith(line))) conceptLines.push(line);
  }

  const offer = queryIsOffer(query);
  const doc = index.docs[d]!;
  const values: Partial<Record<MatchFeature['code'], number>> = { text };
  const parts: string[] = [];
  if (terms.length > 0) parts.push(`匹配词：${terms.join('、')}`);
  if (conceptLines.length > 0) parts.push(`概念关联：${conceptLines.join('；')}`);
  if (query.domain && doc.domain) {
    values.domain = query.domain === doc.domain ? 1 : 0;
    parts.push(values.domain === 1 ? '同一技术领域' : '技术领域不同');
  }
  const qTrl = query.trl ?? 0;
  const dTrl = doc.trl ?? 0;
  if (qTrl > 0 && dTrl > 0) {
    const [offered, wanted] = offer ? [qTrl, dTrl] : [dTrl, qTrl];
    values.stage = stageFit(offered, wanted);
    parts.push(
      offered >= wanted
        ? `阶段 ${stageName(offered)}（TRL ${offered}）符合需求（TRL ${wanted}）`
        : `阶段 ${stageName(offered)}（TRL ${offered}）低于需求（TRL ${wanted}）`,
    );
  }
  const dist = distanceFit(divisionNumber(query.divisionCode), divisionNumber(doc.divisionCode));
  if (dist >= 0) {
    values.distance = dist;
    parts.push(dist === 1 ? '同一旗县' : dist === 0.6 ? '同一盟市' : dist === 0.3 ? '同一省区' : '不同省区');
  }
  const [budget, price] = offer ? [doc, query] : [query, doc];
  const fit = amountFit(budget.amountMax ?? budget.amountMin ?? NaN, price.amountMin ?? price.amountMax ?? NaN);
  if (fit >= 0) {
    values.amount = fit;
    parts.push(fit === 1 ? '价格在预算内' : '价格高于预算');
  }
  if (query.modes?.length && doc.modes?.length) {
    const common = (queryModes & index.modes[d]!) !== 0;
    values.mode = common ? 1 : 0;
    parts.push(common ? '合作方式相符' : '合作方式不一致');
  }
  const direct = concepts
    .map((c) => qa.paths.get(c.token))
    .filter((p) => p !== undefined && p.via.length === 1)
    .map((p) => th.concepts.get(p!.via[0]!)?.label ?? '');
  return {
    id: doc.id,
    score: round(score),
    explanation: parts.length > 0 ? `${parts.join('；')}。` : '文本相关。',
    reasons: {
      terms: [...new Set([...terms, ...direct.filter((l) => l !== '')])],
      concepts: conceptLines,
      features: describeFeatures(values),
    },
  };
}
