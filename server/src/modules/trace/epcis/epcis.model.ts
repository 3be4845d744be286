/**
 * Pure helpers over EPCIS 2.0 JSON events: the identifiers an event names by role, the indexed columns, CBV short
 * names, UTC times. No I/O.
 */
import type { EpcRole } from './epcis.tables.ts';

export type JsonObject = Record<string, unknown>;

export const EPCIS_VERSION = '2.0.0';
export const CBV_VERSION = '2.0.0';
export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const classes = (v: unknown): string[] =>
  Array.isArray(v) ? v.flatMap((q) => (isObject(q) && typeof q.epcClass === 'string' ? [q.epcClass] : [])) : [];

/** Every identifier `event` names in its what dimension, with its role (duplicates removed). */
export function epcsOf(event: JsonObject): { epc: string; role: EpcRole }[] {
  const out = new Map<string, { epc: string; role: EpcRole }>();
  const add = (role: EpcRole, list: string[]) => {
    for (const epc of list) out.set(`${role} ${epc}`, { epc, role });
  };
  add('epc', strings(event.epcList));
  add('child', strings(event.childEPCs));
  if (typeof event.parentID === 'string') add('parent', [event.parentID]);
  add('input', strings(event.inputEPCList));
  add('output', strings(event.outputEPCList));
  for (const key of ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList'])
    add('quantity', classes(event[key]));
  return [...out.values()];
}

/** Roles MATCH_epc looks at (instance identifiers, not parentID); MATCH_anyEPC adds the parent. */
export const MATCH_EPC_ROLES: readonly EpcRole[] = ['epc', 'child', 'input', 'output'];
export const MATCH_ANY_EPC_ROLES: readonly EpcRole[] = ['epc', 'child', 'input', 'output', 'parent'];

const CBV_PREFIXES: Record<'bizStep' | 'disposition', readonly string[]> = {
  bizStep: ['urn:epcglobal:cbv:bizstep:', 'https://ref.gs1.org/cbv/BizStep-'],
  disposition: ['urn:epcglobal:cbv:disp:', 'https://ref.gs1.org/cbv/Disp-'],
};

/** A CBV value in its short JSON-LD form (`shipping`), whichever of the three spellings was used; others as sent. */
export function cbvShort(kind: 'bizStep' | 'disposition', value: string): string {
  for (const p of CBV_PREFIXES[kind]) if (value.startsWith(p)) return value.slice(p.length);
  return value;
}

/** The id of a readPoint / bizLocation object, or null. */
export function locationId(v: unknown): string | null {
  return isObject(v) && typeof v.id === 'string' ? v.id : null;
}

/** An ISO 8601 date-time in UTC with milliseconds (fixed width, sorts as text); null when unparseable. */
export function utc(value: string): string | null {
  // Fractions beyond milliseconds are cut (Date keeps milliseconds); an offset or Z is required by the schema.
  const m = /^(.*T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i.exec(value.trim());
  if (!m) return null;
  const frac = m[2] ? m[2].slice(0, 4) : '';
  const t = Date.parse(`${m[1]}${frac}${m[3] ?? 'Z'}`);
  if (Number.isNaN(t)) return null;
  const d = new Date(t);
  return d.getUTCFullYear() < 0 || d.getUTCFullYear() > 9999 ? null : d.toISOString();
}

export { isObject };

export const EPCIS_EVENT_TYPES_SET: ReadonlySet<string> = new Set([
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
]);
