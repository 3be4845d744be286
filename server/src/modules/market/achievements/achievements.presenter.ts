/** mkt_achievement rows -> API shapes. The confidential detail is passed in only when the caller may read it. */
import type { z } from 'zod';
import type { Achievement, ZAchievementItem } from '../../../../../contracts/market.ts';
import { parseJson, parseStrings } from '../shared/json.ts';
import type { AchievementRow } from './achievements.repository.ts';

export interface Register {
  level: string;
  researchPeriod: string;
  fundingSource: string;
  completingUnits: string[];
  contributors: { name: string; unit: string; percent: number }[];
  owners: { name: string; share: number }[];
  ipItems: Achievement['ipItems'];
}

const EMPTY_REGISTER: Register = {
  level: '',
  researchPeriod: '',
  fundingSource: '',
  completingUnits: [],
  contributors: [],
  owners: [],
  ipItems: [],
};

export function presentAchievementItem(row: AchievementRow): z.infer<typeof ZAchievementItem> {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    keywords: parseStrings(row.keywords),
    domain: row.domain,
    stage: row.stage,
    trl: row.trl,
    divisionCode: row.division_code,
    divisionName: row.division_name,
    status: row.status,
    visibility: row.visibility,
    transferModes: parseStrings(row.transfer_modes),
    pricingMode: row.pricing_mode,
    price: row.price === null ? null : Number(row.price),
    forEntrepreneurs: row.for_entrepreneurs === 1,
    isDemo: row.is_demo === 1,
    updatedAt: row.updated_at,
  };
}

export function presentAchievement(
  row: AchievementRow,
  extra: {
    isOwner: boolean;
    confidentialDetail: string | null;
    ndaStatus: Achievement['ndaStatus'];
    events: Achievement['events'];
  },
): Achievement {
  const register = { ...EMPTY_REGISTER, ...parseJson<Partial<Register>>(row.register, {}) };
  return {
    ...presentAchievementItem(row),
    registrationNo: row.registration_no,
    type: row.type,
    attribute: row.attribute,
    form: row.form,
    ...register,
    publicSummary: { problem: '', advantage: '', scenarios: '', economics: '', ...parseJson(row.public_summary, {}) },
    suitability: {
      forEntrepreneurs: row.for_entrepreneurs === 1,
      cost: null,
      equipment: '',
      training: '',
      ...parseJson(row.suitability, {}),
    },
    statusReason: row.status_reason,
    publicityEndsAt: row.publicity_ends_at,
    createdAt: row.created_at,
    ...extra,
  };
}
