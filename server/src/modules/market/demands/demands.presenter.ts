/** mkt_demand rows -> API shapes; the contact is shown to the owner and to overseeing officers only. */
import type { z } from 'zod';
import type { Demand, ZDemandItem } from '../../../../../contracts/market.ts';
import { parseStrings } from '../shared/json.ts';
import type { DemandRow } from './demands.repository.ts';

export function presentDemandItem(row: DemandRow): z.infer<typeof ZDemandItem> {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    keywords: parseStrings(row.keywords),
    domain: row.domain,
    divisionCode: row.division_code,
    divisionName: row.division_name,
    organisationName: row.organisation_name ?? null,
    status: row.status,
    source: row.source,
    cooperationForms: parseStrings(row.cooperation_forms),
    isOpenCall: row.is_open_call === 1,
    budgetMin: row.budget_min === null ? null : Number(row.budget_min),
    budgetMax: row.budget_max === null ? null : Number(row.budget_max),
    deadline: row.deadline,
    supporters: Number(row.supporters ?? 0),
    isDemo: row.is_demo === 1,
    updatedAt: row.updated_at,
  };
}

export function presentDemand(
  row: DemandRow,
  extra: { isOwner: boolean; showContact: boolean; isSupporter: boolean; proposals: number; events: Demand['events'] },
): Demand {
  return {
    ...presentDemandItem(row),
    organisationId: row.org_id,
    contact: extra.showContact ? row.contact : '',
    sourceRef: extra.showContact ? row.source_ref : null,
    desiredOutcome: row.desired_outcome,
    requirements: row.requirements,
    targetStage: row.target_stage,
    targetTrl: row.target_trl,
    statusReason: row.status_reason,
    isOwner: extra.isOwner,
    isSupporter: extra.isSupporter,
    proposals: extra.proposals,
    events: extra.events,
    createdAt: row.created_at,
  };
}
