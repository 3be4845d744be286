/** Rows of the catalogue shaped for the API (rows never leave the module). */
import type { Generated } from 'kysely';
import {
  BATCH_STATUS_NAMES,
  INPUT_KIND_NAMES,
  OPERATOR_KIND_NAMES,
  SITE_KIND_NAMES,
} from '../../../../../contracts/trace.ts';
import { EAR_TAG_SPECIES } from '../identifiers/ear-tag.ts';
import type {
  TraceAnimalTable,
  TraceBatchTable,
  TraceInputProductTable,
  TraceOperatorTable,
  TraceProductTable,
  TraceSiteTable,
} from './catalogue.tables.ts';
import { batchEpc, batchDigitalLink, traceUrl } from './epc-uri.ts';

type Row<T> = { [K in keyof T]: T[K] extends Generated<infer V> ? V : T[K] };

export function presentOperator(r: Row<TraceOperatorTable>, divisionName: string) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    kindName: OPERATOR_KIND_NAMES[r.kind],
    uscc: r.uscc,
    maskedId: r.masked_id,
    divisionCode: r.division_code,
    divisionName,
    gs1CompanyPrefixes: JSON.parse(r.gs1_prefixes) as string[],
    gln: r.gln,
    orgId: r.org_id,
    contact: r.contact,
    isDemo: r.is_demo === 1,
    createdAt: r.created_at,
  };
}

export function presentSite(r: Row<TraceSiteTable>) {
  return {
    id: r.id,
    operatorId: r.operator_id,
    name: r.name,
    kind: r.kind,
    kindName: SITE_KIND_NAMES[r.kind],
    lat: r.lat === null ? null : Number(r.lat),
    lon: r.lon === null ? null : Number(r.lon),
    divisionCode: r.division_code,
    isDemo: r.is_demo === 1,
  };
}

export function presentProduct(r: Row<TraceProductTable>) {
  return {
    id: r.id,
    operatorId: r.operator_id,
    name: r.name,
    category: r.category,
    gtin: r.gtin,
    unit: r.unit,
    description: r.description,
    divisionCode: r.division_code,
    isDemo: r.is_demo === 1,
  };
}

export function presentInputProduct(r: Row<TraceInputProductTable>) {
  return {
    id: r.id,
    operatorId: r.operator_id,
    name: r.name,
    kind: r.kind,
    kindName: INPUT_KIND_NAMES[r.kind],
    registrationNo: r.registration_no,
    withdrawalDays: Number(r.withdrawal_days),
    manufacturer: r.manufacturer,
    divisionCode: r.division_code,
    isDemo: r.is_demo === 1,
  };
}

export function presentBatch(r: Row<TraceBatchTable> & { operator_name: string; product_name: string }) {
  return {
    id: r.id,
    operatorId: r.operator_id,
    operatorName: r.operator_name,
    productId: r.product_id,
    productName: r.product_name,
    siteId: r.site_id,
    quantity: Number(r.quantity),
    unit: r.unit,
    producedOn: r.produced_on,
    traceCode: r.trace_code,
    traceUrl: traceUrl(r.trace_code),
    epc: batchEpc(r),
    digitalLink: batchDigitalLink(r),
    gtin: r.gtin,
    lot: r.lot,
    nationalTraceCode: r.national_trace_code,
    status: r.status,
    statusName: BATCH_STATUS_NAMES[r.status],
    divisionCode: r.division_code,
    isDemo: r.is_demo === 1,
    createdAt: r.created_at,
  };
}

export function presentAnimal(r: Row<TraceAnimalTable>) {
  const digit = r.ear_tag.charAt(0) as keyof typeof EAR_TAG_SPECIES;
  return {
    id: r.id,
    operatorId: r.operator_id,
    earTag: r.ear_tag,
    species: r.species,
    speciesName: EAR_TAG_SPECIES[digit]?.zh ?? r.species,
    batchId: r.batch_id,
    divisionCode: r.division_code,
    isDemo: r.is_demo === 1,
  };
}
