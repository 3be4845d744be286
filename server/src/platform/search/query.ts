/**
 * From what the user typed to what the engine matches: the query's terms (segmented like documents, implied terms left
 * out), each widened by the thesaurus into alternatives, plus every word worth highlighting in the hits.
 */
import type { MatchClause } from '../../db/dialect.ts';
import { alternativesOf } from './thesaurus.ts';
import { matchTerms, queryTerms } from './segment.ts';

export interface ParsedQuery {
  /** ANDed by the search: a term, or the term and its thesaurus alternatives (any of them). */
  clauses: MatchClause[];
  /** The query's terms and the words of their alternatives, for the snippets. */
  highlight: string[];
}

/** The clauses of a query and the words to highlight; no clauses when the query holds no letters or digits. */
export function parseQuery(q: string): ParsedQuery {
  const terms = queryTerms(q);
  const highlight = new Set(terms);
  const clauses = matchTerms(terms).map((term): MatchClause => {
    const options = alternativesOf(term)
      .map((alt) => matchTerms(queryTerms(alt)))
      .filter((words) => words.length > 0);
    if (options.length === 0) return term;
    for (const words of options) for (const w of words) highlight.add(w);
    return [[term], ...options];
  });
  return { clauses, highlight: [...highlight] };
}
