/**
 * Turns a MatchDocument into weighted terms: jieba words (the house segmenter's dictionary plus the thesaurus' terms,
 * in search mode) with field boosts (title, keywords, text), and thesaurus concepts (direct, and their broader
 * concepts at a lower weight). A query also reaches the concepts related to its own (a problem reaches the methods that
 * solve it), remembering the path for the explanation.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { domainDictionary } from '../../../platform/search/segment.ts';
import { broaderOf, clean, findConcepts, thesaurus, type Thesaurus } from './thesaurus.ts';
import type { MatchDocument } from './types.ts';

/** Field boosts for words (BM25F-style weighted term frequency). */
export const FIELD_BOOST = { title: 3, keywords: 2.5, text: 1 } as const;
/** Concept weights: found in the title, in keywords or text; a broader concept; a related concept (queries only). */
export const CONCEPT_WEIGHT = {
  title: 1.2,
  text: 1,
  broader: 0.5,
  broader2: 0.25,
  related: 0.8,
  perTerm: 0.35,
} as const;

/** Prefix that keeps concept tokens apart from words in one vocabulary. */
export const CONCEPT_PREFIX = '\u0001';

/** Words that say nothing about the subject (segmenter output). */
const STOP = new Set(
  (
    '我们 我们的 你们 他们 这个 那个 这些 那些 这样 一个 一些 一种 一下 一直 现在 目前 已经 可以 可能 需要 希望 想要 想找 ' +
    '能够 没有 不是 就是 还是 而且 但是 因为 所以 如果 或者 以及 以上 以下 其中 通过 进行 采用 利用 基于 实现 提高 提升 ' +
    '降低 减少 增加 问题 情况 方面 方法 技术 研究 研发 开发 应用 推广 示范 公司 企业 单位 合作社 这几年 几年 每年 今年 ' +
    '去年 明年 效果 效率 关键 系统 综合 体系 模式 建立 形成 相关 主要 较好 很多 很大 特别 非常 比较 不好 不够 怎么 什么 ' +
    '办法 左右 以上 达到 平均 对照 试验 示范区 亩 吨 万元 自己 一年 多年 连续 想 找 让 把 被 给 在 和 与 及 的 了 是 有 ' +
    '也 都 又 就 还 要 会 能 不 很 更 最 等 从 对 到 将 为 以 于 并 或 其 该 此 各 个 种 多 少 大 小 好'
  ).split(/\s+/),
);

/** Single characters that still name a subject (牛, 羊 …); other single characters are dropped. */
const SINGLE = new Set([...'牛羊马驼猪鸡草沙煤薯麦奶绒肉盐碱风光电药菌虫苗肥土林树花果菜鱼水冰霜旱涝']);

let segmenter: Jieba | undefined;

/** The matcher's own jieba instance: the house dictionary plus every thesaurus term as a word. */
export function matchingJieba(th: Thesaurus = thesaurus()): Jieba {
  if (!segmenter) {
    const j = Jieba.withDict(dict);
    const words = [...th.termIndex.keys()].filter((t) => /^\p{Script=Han}{2,}$/u.test(t)).map((t) => `${t} 5000 n`);
    j.loadDict(Buffer.from([domainDictionary(), ...words].join('\n'), 'utf8'));
    segmenter = j;
  }
  return segmenter;
}

/** True when the code unit is a letter or digit of the scripts we meet (Han, Latin, digits); others split words. */
function isWordChar(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    c === 0xb2 || // ² in CO₂ after NFKC is 2; kept for safety
    (c >= 0xc0 && c <= 0x24f) ||
    c === 0x3b2 // β (β-葡聚糖)
  );
}

function keep(piece: string, out: string[]): void {
  if (piece === '' || STOP.has(piece)) return;
  if (piece.length === 1) {
    if (SINGLE.has(piece)) out.push(piece);
    return;
  }
  let digits = true;
  for (let i = 0; i < piece.length && digits; i++) {
    const c = piece.charCodeAt(i);
    digits = (c >= 0x30 && c <= 0x39) || c === 0x2e;
  }
  if (!digits) out.push(piece);
}

/** The subject words of a text (cleaned), search mode, stop words, numbers and most single characters left out. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const w of matchingJieba().cutForSearch(text, true)) {
    let start = 0;
    for (let i = 0; i <= w.length; i++) {
      if (i < w.length && isWordChar(w.charCodeAt(i))) continue;
      if (i > start) keep(start === 0 && i === w.length ? w : w.slice(start, i), out);
      start = i + 1;
    }
  }
  return out;
}

/** How a query reached a concept: the surface form in the query and the concepts on the way. */
export interface ConceptPath {
  term: string;
  via: string[];
}

export interface Analysis {
  /** Token -> weighted term frequency (words) or weight (concepts, CONCEPT_PREFIX + id). */
  weights: Map<string, number>;
  /** Weighted length of the words (for BM25's length normalisation). */
  length: number;
  /** Per concept token reached, how (queries keep every path; documents only the first). */
  paths: Map<string, ConceptPath>;
}

function addConcept(a: Analysis, id: string, weight: number, path: ConceptPath): void {
  const key = CONCEPT_PREFIX + id;
  const had = a.weights.get(key) ?? 0;
  if (weight > had) {
    a.weights.set(key, weight);
    a.paths.set(key, path);
  }
}

/**
 * Analyses a document: weighted words and concepts. With `expand`, concepts related to the ones found are added too
 * (the query side of a match), so a demand's problem reaches the achievements' methods and the other way round.
 */
export function analyze(doc: MatchDocument, expand = false, th: Thesaurus = thesaurus()): Analysis {
  const a: Analysis = { weights: new Map(), length: 0, paths: new Map() };
  const fields: [string, number, number][] = [
    [clean(doc.title), FIELD_BOOST.title, CONCEPT_WEIGHT.title],
    [clean((doc.keywords ?? []).join(' ')), FIELD_BOOST.keywords, CONCEPT_WEIGHT.title],
    [clean(doc.text), FIELD_BOOST.text, CONCEPT_WEIGHT.text],
  ];
  const direct: { id: string; term: string; weight: number }[] = [];
  for (const [text, boost, conceptWeight] of fields) {
    if (text === '') continue;
    for (const w of words(text)) {
      a.weights.set(w, (a.weights.get(w) ?? 0) + boost);
      a.length += boost;
    }
    // Each further surface form of the same concept (茎尖脱毒, 雾培, 微型薯 …) is more evidence of the subject.
    for (const hit of findConcepts(th, text))
      direct.push({ ...hit, weight: conceptWeight * (1 + CONCEPT_WEIGHT.perTerm * Math.min(hit.count - 1, 4)) });
  }
  for (const d of direct) {
    const key = CONCEPT_PREFIX + d.id;
    const had = a.weights.get(key);
    // The same concept in title and text: the stronger plus a part of the weaker.
    if (had !== undefined) a.weights.set(key, Math.max(had, d.weight) + 0.3 * Math.min(had, d.weight));
    else addConcept(a, d.id, d.weight, { term: d.term, via: [d.id] });
  }
  for (const d of direct) {
    for (const b of broaderOf(th, d.id)) {
      const w = d.weight * (b.level === 1 ? CONCEPT_WEIGHT.broader : CONCEPT_WEIGHT.broader2);
      addConcept(a, b.id, w, { term: d.term, via: [d.id, b.id] });
    }
    if (!expand) continue;
    for (const r of th.concepts.get(d.id)?.related ?? []) {
      addConcept(a, r, d.weight * CONCEPT_WEIGHT.related, { term: d.term, via: [d.id, r] });
      for (const b of broaderOf(th, r, 1)) {
        addConcept(a, b.id, d.weight * CONCEPT_WEIGHT.related * CONCEPT_WEIGHT.broader, {
          term: d.term,
          via: [d.id, r, b.id],
        });
      }
    }
  }
  return a;
}
