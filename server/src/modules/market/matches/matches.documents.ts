/**
 * Achievements and demands as match documents, from their PUBLIC fields only (title, summary, public summary,
 * requirements, keywords, field, TRL, division, price/budget, modes). The confidential detail is never selected.
 */
import type { MatchDocument } from '../matching/types.ts';
import { parseJson, parseStrings } from '../shared/json.ts';

const STAGE_TRL: Record<string, number> = { early: 3, middle: 6, mature: 8 };

export interface AchievementPublic {
  id: number;
  title: string;
  summary: string;
  keywords: string;
  public_summary: string;
  domain: string;
  trl: number | null;
  stage: string;
  division_code: string;
  price: number | null;
  transfer_modes: string;
}

export interface DemandPublic {
  id: number;
  title: string;
  description: string;
  requirements: string;
  desired_outcome: string;
  keywords: string;
  domain: string;
  target_trl: number | null;
  target_stage?: string | null;
  division_code: string;
  budget_min: number | null;
  budget_max: number | null;
  cooperation_forms: string;
}

const num = (v: number | null) => (v === null ? null : Number(v));

export function achievementDocument(r: AchievementPublic): MatchDocument {
  const s = parseJson<Record<string, string>>(r.public_summary, {});
  return {
    id: String(r.id),
    kind: 'achievement',
    title: r.title,
    text: [r.summary, s.problem, s.advantage, s.scenarios].filter(Boolean).join('\n'),
    keywords: parseStrings(r.keywords),
    domain: r.domain === 'other' ? null : r.domain,
    trl: r.trl ?? STAGE_TRL[r.stage] ?? null,
    divisionCode: r.division_code,
    amountMin: num(r.price),
    amountMax: num(r.price),
    modes: parseStrings(r.transfer_modes),
  };
}

export function demandDocument(r: DemandPublic): MatchDocument {
  return {
    id: String(r.id),
    kind: 'demand',
    title: r.title,
    text: [r.description, r.requirements, r.desired_outcome].filter(Boolean).join('\n'),
    keywords: parseStrings(r.keywords),
    domain: r.domain === 'other' ? null : r.domain,
    trl: r.target_trl ?? (r.target_stage ? (STAGE_TRL[r.target_stage] ?? null) : null),
    divisionCode: r.division_code,
    amountMin: num(r.budget_min),
    amountMax: num(r.budget_max),
    modes: parseStrings(r.cooperation_forms),
  };
}

/** One public record behind a person or organisation profile. */
export interface ProfileSource {
  title: string;
  text: string;
  keywords: string;
  domain: string;
  division_code: string;
}

/**
 * A person or organisation as a match document. Accounts and organisations have no profile text of their own (an
 * expert account has no specialty fields, an organisation only a name, type and USCC), so a profile is what exists:
 * the name (a company name often names its industry: 某某乳业, 某某马铃薯种业) plus the public titles, texts and
 * keywords of its own records on the market (an expert's listed achievements, an enterprise's published demands).
 * The commonest field among them is its field; the division of its first record its place.
 */
export function profileDocument(
  id: number,
  kind: 'expert' | 'enterprise',
  name: string,
  sources: readonly ProfileSource[],
): MatchDocument {
  const domains = new Map<string, number>();
  for (const s of sources) if (s.domain !== 'other') domains.set(s.domain, (domains.get(s.domain) ?? 0) + 1);
  const domain = [...domains].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  return {
    id: String(id),
    kind,
    title: [name, ...sources.map((s) => s.title)].join('\n'),
    text: sources.map((s) => s.text).join('\n'),
    keywords: [...new Set(sources.flatMap((s) => parseStrings(s.keywords)))].slice(0, 20),
    domain,
    divisionCode: sources[0]?.division_code ?? null,
  };
}
