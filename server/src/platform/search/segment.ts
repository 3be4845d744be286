/**
 * Chinese word segmentation for search: jieba (@node-rs/jieba) with the default dictionary plus the domain dictionary
 * (dict/domain.txt: the region's league and county names, crops, breeds, policy terms). Index time and query time use
 * the same search-engine mode, so a document holding 马铃薯种薯 is indexed under 马铃薯, 马铃 and 种薯, and the query
 * 种薯 finds it. Both engines receive the same space-separated tokens, so they match the same words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { thesaurus } from './thesaurus.ts';

const DOMAIN_DICT = path.join(import.meta.dirname, 'dict', 'domain.txt');

/** Most query terms taken from one query (a pasted paragraph must not become a 200-term AND). */
export const MAX_QUERY_TERMS = 12;

let instance: Jieba | undefined;

/** The lines of the domain dictionary without comments, in jieba's `word freq tag` format. */
export function domainDictionary(): string {
  return fs
    .readFileSync(DOMAIN_DICT, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .join('\n');
}

/**
 * The shared jieba instance (default dictionary + domain dictionary + the thesaurus' terms, so that 科技局 or 农技推广
 * is one query term with its alternatives), loaded on first use.
 */
export function jieba(): Jieba {
  if (!instance) {
    const j = Jieba.withDict(dict);
    const terms = [...thesaurus().keys()].filter((t) => [...t].length >= 2).map((t) => `${t} 3000 n`);
    j.loadDict(Buffer.from([domainDictionary(), ...terms].join('\n'), 'utf8'));
    instance = j;
  }
  return instance;
}

/**
 * Keeps letters and digits only, lower-cased (input is NFKC-normalised first, so full-width ＳＴ is st): punctuation,
 * spaces and markup never become terms.
 */
function normalise(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    for (const piece of w.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (piece !== '') out.push(piece);
  }
  return out;
}

const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * Every one- and two-character piece of the text's runs of Han characters, not already among `have`: a query of one or
 * two characters is then a substring match (薯 in 马铃薯, 肉业 wherever jieba cuts it) on both engines, by one index
 * lookup.
 */
function hanGrams(text: string, have: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const run of text.match(HAN_RUN) ?? []) {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) {
      out.add(chars[i]!);
      if (i + 1 < chars.length) out.add(chars[i]! + chars[i + 1]!);
    }
  }
  return [...out].filter((g) => !have.has(g));
}

/**
 * Tokens to index for a text: search-engine mode (every dictionary word of 2 or 3 characters inside a longer word is
 * emitted too), plus every dictionary word of 2+ characters inside words of 4+ characters (so 呼和浩特 is found
 * inside 呼和浩特市, which search mode alone does not emit), plus the text's Han characters and character pairs once
 * each (`hanGrams`: the substring fallback for short queries).
 */
export function indexTokens(text: string): string[] {
  const j = jieba();
  const normalised = text.normalize('NFKC');
  const words = j.cutForSearch(normalised, true);
  const extra: string[] = [];
  for (const w of words) {
    if ([...w].length < 4) continue;
    for (const sub of j.cutAll(w)) if (sub !== w && [...sub].length >= 2) extra.push(sub);
  }
  const tokens = normalise([...words, ...extra]);
  return [...tokens, ...hanGrams(normalised, new Set(tokens))];
}

/** The space-joined index tokens stored in the segmented columns. */
export function segmentForIndex(text: string): string {
  return indexTokens(text).join(' ');
}

/** Distinct query terms, split the same way as documents; the search ANDs them. */
export function queryTerms(q: string): string[] {
  return [...new Set(normalise(jieba().cutForSearch(q.normalize('NFKC'), true)))].slice(0, MAX_QUERY_TERMS);
}

/** The distinct words (2+ characters) of a title in precise mode: the basis of "similar items". */
export function keyTerms(title: string, max = 8): string[] {
  const words = normalise(jieba().cut(title.normalize('NFKC'), true)).filter((w) => [...w].length >= 2);
  return [...new Set(words)].slice(0, max);
}

const HAN = /^\p{Script=Han}{2,}$/u;

/**
 * The query terms that decide an AND match, without those implied by a longer one: a document indexed under a Han
 * word also carries the dictionary words inside it (search mode's 2- and 3-character words, and every word of 2+
 * characters of words of 4+), so `科技 特派 特派员 科技特派员` matches exactly the documents `科技特派员` matches.
 * A term is left out only when it lies inside a kept term and the indexer emits it for that term; the match set is
 * unchanged and the engine has fewer terms to intersect and rank.
 */
export function matchTerms(terms: readonly string[]): string[] {
  return terms.filter(
    (t) =>
      !HAN.test(t) ||
      !terms.some(
        (longer) => longer !== t && HAN.test(longer) && longer.includes(t) && indexTokens(longer).includes(t),
      ),
  );
}
