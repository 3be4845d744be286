/**
 * The search thesaurus (dict/thesaurus.txt): per query term, the alternatives that also answer it (奶牛 -> 乳业 …,
 * 科技局 -> 科学技术局). Read once; terms and alternatives are NFKC-normalised and lower-cased like query terms.
 */
import fs from 'node:fs';
import path from 'node:path';

const THESAURUS = path.join(import.meta.dirname, 'dict', 'thesaurus.txt');

let entries: ReadonlyMap<string, readonly string[]> | undefined;

const clean = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/** Parses `term: alt alt …` lines (# comments, blank lines ignored); a malformed line throws with its number. */
export function parseThesaurus(text: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [term, alts, ...rest] = line.split(/[:：]/);
    const alternatives = (alts ?? '').split(/\s+/).map(clean).filter((a) => a !== '');
    if (rest.length > 0 || !term || clean(term) === '' || /\s/.test(clean(term)) || alternatives.length === 0)
      throw new Error(`thesaurus line ${i + 1}: expected "term: alternative …", got "${line}"`);
    const key = clean(term);
    map.set(key, [...new Set([...(map.get(key) ?? []), ...alternatives])].filter((a) => a !== key));
  });
  return map;
}

/** The thesaurus, loaded on first use. */
export function thesaurus(): ReadonlyMap<string, readonly string[]> {
  entries ??= parseThesaurus(fs.readFileSync(THESAURUS, 'utf8'));
  return entries;
}

/** The alternatives of one query term (none when the thesaurus has no line for it). */
export function alternativesOf(term: string): readonly string[] {
  return thesaurus().get(term) ?? [];
}
