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
