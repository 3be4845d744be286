/**
 * The matching thesaurus: concepts of the region's industries, each with the words people use for it (a researcher's
 * method names and an enterprise's or herder's plain words for the symptom), its broader concepts (脱毒种薯 -> 马铃薯)
 * and its related concepts (a problem and the methods that solve it: 种薯退化 <-> 脱毒种薯). Data lives in
 * thesaurus-*.data.ts as lines `id | 标签 | term term … | broader … | related …`; this file parses it and finds concepts
 * in text by substring (an Aho-Corasick automaton over characters), so 连续多年自留种 reaches 种薯退化 whatever jieba does.
 */
import { AGRI_CONCEPTS } from './thesaurus-agri.data.ts';
import { ENERGY_CONCEPTS } from './thesaurus-energy.data.ts';
import { LIVESTOCK_CONCEPTS } from './thesaurus-livestock.data.ts';

export interface Concept {
  id: string;
  label: string;
  /** Surface forms (the label included), NFKC-normalised and lower-cased. */
  terms: string[];
  broader: string[];
  /** Symmetric links: problem <-> method, product <-> process. */
  related: string[];
}

export interface Thesaurus {
  concepts: ReadonlyMap<string, Concept>;
  /** Every surface form -> the concepts it names. */
  termIndex: ReadonlyMap<string, readonly string[]>;
  automaton: Automaton;
}

/** A concept found in a text, with the surface form that named it. */
export interface ConceptHit {
  id: string;
  term: string;
  /** How many different surface forms of the concept the text holds (more is stronger evidence). */
  count: number;
}

export const clean = (s: string): string => s.normalize('NFKC').trim().toLowerCase();

/** Parses thesaurus lines; a malformed line, an unknown id or a duplicate id throws with its text. */
export function parseThesaurus(sources: readonly string[]): Thesaurus {
  const concepts = new Map<string, Concept>();
  for (const source of sources) {
    for (const raw of source.split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const parts = line.split('|').map((p) => p.trim());
      const [id, label, terms, broader, related] = parts;
      if (parts.length < 3 || parts.length > 5 || !id || !label || !/^[a-z0-9.-]+$/.test(id))
        throw new Error(`thesaurus: expected "id | 标签 | terms | broader | related", got "${line}"`);
      if (concepts.has(id)) throw new Error(`thesaurus: duplicate concept ${id}`);
      const words = (s: string | undefined) => (s ?? '').split(/\s+/).filter((w) => w !== '');
      const surface = [...new Set([label, ...words(terms)].map(clean))];
      const short = surface.find((t) => [...t].length < 2);
      if (short !== undefined) throw new Error(`thesaurus: term "${short}" of ${id} is shorter than 2 characters`);
      concepts.set(id, { id, label, terms: surface, broader: words(broader), related: words(related) });
    }
  }
  for (const c of concepts.values()) {
    for (const ref of [...c.broader, ...c.related]) {
      if (!concepts.has(ref)) throw new Error(`thesaurus: ${c.id} refers to unknown concept ${ref}`);
    }
  }
  for (const c of concepts.values()) {
    for (const r of c.related) {
      const other = concepts.get(r)!;
      if (!other.related.includes(c.id)) other.related.push(c.id);
    }
  }
  const termIndex = new Map<string, string[]>();
  for (const c of concepts.values()) {
    for (const t of c.terms) {
      const list = termIndex.get(t) ?? [];
      if (!list.includes(c.id)) list.push(c.id);
      termIndex.set(t, list);
    }
  }
  return { concepts, termIndex, automaton: buildAutomaton([...termIndex.keys()]) };
}

let instance: Thesaurus | undefined;

/** The region's thesaurus, parsed on first use. */
export function thesaurus(): Thesaurus {
  instance ??= parseThesaurus([AGRI_CONCEPTS, LIVESTOCK_CONCEPTS, ENERGY_CONCEPTS]);
  return instance;
}

/** An Aho-Corasick automaton over UTF-16 code units (every term is BMP Han, Latin letters or digits). */
export interface Automaton {
  next: Map<number, number>[];
  fail: Int32Array;
  /** Per state, the terms that end there (own and through failure links). */
  out: (readonly string[] | undefined)[];
}

function buildAutomaton(terms: readonly string[]): Automaton {
  const next: Map<number, number>[] = [new Map<number, number>()];
  const own: string[][] = [[]];
  for (const term of terms) {
    let s = 0;
    for (let i = 0; i < term.length; i++) {
      const ch = term.charCodeAt(i);
      let t = next[s]!.get(ch);
      if (t === undefined) {
        t = next.length;
        next.push(new Map<number, number>());
        own.push([]);
        next[s]!.set(ch, t);
      }
      s = t;
    }
    own[s]!.push(term);
  }
  const fail = new Int32Array(next.length);
  const out: (string[] | undefined)[] = own.map((o) => (o.length > 0 ? [...o] : undefined));
  const queue: number[] = [];
  for (const t of next[0]!.values()) queue.push(t);
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi]!;
    for (const [ch, t] of next[s]!) {
      let f = fail[s]!;
      while (f !== 0 && !next[f]!.has(ch)) f = fail[f]!;
      const ft = next[f]!.get(ch);
      fail[t] = ft !== undefined && ft !== t ? ft : 0;
      const inherited = out[fail[t]];
      if (inherited) out[t] = [...(out[t] ?? []), ...inherited];
      queue.push(t);
    }
  }
  return { next, fail, out };
}

/** Every thesaurus term occurring in `text` (already cleaned), each once, in order of first occurrence. */
export function findTerms(automaton: Automaton, text: string): string[] {
  const found = new Set<string>();
  let s = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    let t = automaton.next[s]!.get(ch);
    while (t === undefined && s !== 0) {
      s = automaton.fail[s]!;
      t = automaton.next[s]!.get(ch);
    }
    s = t ?? 0;
    const out = automaton.out[s];
    if (out) for (const term of out) found.add(term);
  }
  return [...found];
}

/**
 * The concepts a text names directly, with the longest surface form for each. A term inside a longer found term of
 * the same concept is not reported separately.
 */
export function findConcepts(th: Thesaurus, text: string): ConceptHit[] {
  const hits = new Map<string, ConceptHit>();
  for (const term of findTerms(th.automaton, text)) {
    for (const id of th.termIndex.get(term) ?? []) {
      const had = hits.get(id);
      if (had === undefined) hits.set(id, { id, term, count: 1 });
      else {
        had.count++;
        if (had.term.length < term.length) had.term = term;
      }
    }
  }
  return [...hits.values()];
}

/** The concept's broader concepts up to `depth` levels, nearest first, each once. */
export function broaderOf(th: Thesaurus, id: string, depth = 2): { id: string; level: number }[] {
  const out: { id: string; level: number }[] = [];
  const seen = new Set([id]);
  let frontier = [id];
  for (let level = 1; level <= depth && frontier.length > 0; level++) {
    const nextFrontier: string[] = [];
    for (const f of frontier) {
      for (const b of th.concepts.get(f)?.broader ?? []) {
        if (seen.has(b)) continue;
        seen.add(b);
        out.push({ id: b, level });
        nextFrontier.push(b);
      }
    }
    frontier = nextFrontier;
  }
  return out;
}
