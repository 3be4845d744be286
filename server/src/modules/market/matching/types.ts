/**
 * The matching engine's public shapes (pure: no I/O). The repository turns achievements, demands (and later experts)
 * into `MatchDocument`s from their PUBLIC fields only — a confidential detail never enters a document, so it can never
 * appear in a score, a matched term or an explanation.
 */

/** One record as the matcher sees it. */
export interface MatchDocument {
  id: string;
  /**
   * What the record is: the offering side (achievement, expert) or the asking side (demand, enterprise). Decides which
   * TRL is offered and which wanted, and which amount is a price and which a budget. Unset: a query is the asking side.
   */
  kind?: 'demand' | 'achievement' | 'expert' | 'enterprise';
  title: string;
  /** Public text: an achievement's summary, a demand's description and requirements. */
  text: string;
  /** Up to a few keywords the author chose (boosted like the title). */
  keywords?: readonly string[];
  /** Technical field code (contracts/market.ts), compared for equality. */
  domain?: string | null;
  /** An achievement's TRL (1-9), or the TRL a demand wants. */
  trl?: number | null;
  /** GB/T 2260 division code (county, league or region); distance is by shared prefix. */
  divisionCode?: string | null;
  /** Price of an achievement or budget of a demand, in 万元 (min and max; equal for a fixed price). */
  amountMin?: number | null;
  amountMax?: number | null;
  /** Transfer modes an achievement offers, or cooperation forms a demand accepts (contracts/market.ts codes). */
  modes?: readonly string[];
}

/** One structured feature's part in a score, with its name for people. */
export interface MatchFeature {
  code: 'text' | 'domain' | 'stage' | 'distance' | 'amount' | 'mode';
  zh: string;
  en: string;
  /** Contribution to the score (0..1 before weighting). */
  value: number;
}

/** Why a suggestion was made: the matched terms (query side and document side) and the features. */
export interface MatchReasons {
  /** Terms both sides share, after segmentation and the thesaurus (e.g. 脱毒种薯, 马铃薯). */
  terms: string[];
  /** Concepts reached through the thesaurus (e.g. 自留种 -> 种薯退化), as "query term -> concept". */
  concepts: string[];
  features: MatchFeature[];
}

export interface MatchHit {
  id: string;
  /** 0..1, higher is better; hits are sorted by score, then id. */
  score: number;
  /** One readable Chinese sentence, e.g. "匹配词：马铃薯、脱毒种薯；同一盟市；阶段 成熟（TRL 8）符合需求". */
  explanation: string;
  reasons: MatchReasons;
}

export interface MatchOptions {
  /** Most hits returned (default 20). */
  limit?: number;
  /** Document ids to leave out (e.g. the query's own record). */
  exclude?: ReadonlySet<string>;
}

/** An index over one kind of document (e.g. all listed achievements), built once and queried many times. */
export interface Matcher {
  readonly size: number;
  match(query: MatchDocument, options?: MatchOptions): MatchHit[];
}
