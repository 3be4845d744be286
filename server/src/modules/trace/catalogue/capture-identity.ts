/**
 * Who captures EPCIS events, as the EPCIS part needs to know it (the catalogue implements it from its operators).
 * INTERFACE — the signatures are fixed.
 */
import type { Db } from '../../../db/database.ts';
import { parseTraceCode } from '../identifiers/trace-code.ts';
import { traceCodeOfUri } from './epc-uri.ts';

export interface CaptureIdentity {
  userId: number;
  /** The operator (经营主体) the account acts for, or null for an officer capturing in scope. */
  operatorId: number | null;
  /** The division the captured events belong to (the operator's division; an officer's own division). */
  divisionCode: string;
}

/** The capture identity of an account: its operator when it acts for one, else null (the caller decides). */
export async function captureIdentityFor(db: Db, userId: number): Promise<CaptureIdentity | null> {
  // An account acting for several operators captures for the first one it was linked to (lowest operator id).
  const row = await db
    .selectFrom('trace_operator_user')
    .innerJoin('trace_operator', 'trace_operator.id', 'trace_operator_user.operator_id')
    .select(['trace_operator.id', 'trace_operator.division_code'])
    .where('trace_operator_user.user_id', '=', userId)
    .orderBy('trace_operator.id')
    .limit(1)
    .executeTakeFirst();
  return row ? { userId, operatorId: row.id, divisionCode: row.division_code } : null;
}

/** What an identifier can be traced to: a GS1 key (digits, company prefix at `prefixFrom`) or a trace code. */
type Key = { kind: 'gs1'; digits: string; prefixFrom: number } | { kind: 'trace'; code: string };

/** The GS1 key or trace code an EPC URI, Digital Link URI or trace-code URI names (null: none we know). */
export function keyOf(uri: string): Key | null {
  // EPC URNs: urn:epc:id|class|idpat:<scheme>:<companyPrefix>.<…> (the prefix is explicit).
  const urn = /^urn:epc:(?:id|class|idpat):[a-z0-9-]+:(\d{4,12})\./.exec(uri);
  if (urn?.[1]) return { kind: 'gs1', digits: urn[1], prefixFrom: 0 };
  const code = traceCodeOfUri(uri);
  if (code) return { kind: 'trace', code };
  const consumer = /\/t\/([0-9A-Za-z-]{24,40})$/.exec(uri);
  if (consumer?.[1]) {
    const parsed = parseTraceCode(consumer[1]);
    if (parsed.ok) return { kind: 'trace', code: parsed.value.code };
  }
  // Digital Link: /01/{gtin14} and /00/{sscc18} start with an indicator or extension digit, /414/ and /417/ with the prefix.
  const dl = /^https?:\/\/[^/]+(?:\/[^/]*)*?\/(01|00|414|417|8003|8004|253|255)\/(\d{8,30})/.exec(uri);
  if (dl?.[1] && dl[2]) {
    const ai = dl[1];
    return { kind: 'gs1', digits: dl[2], prefixFrom: ai === '01' || ai === '00' || ai === '8003' ? 1 : 0 };
  }
  return null;
}

/**
 * The identifiers among `epcs` (EPC URNs, Digital Link URIs, trace-code URIs, location ids) that belong to another
 * operator on the platform than `operatorId`: a GS1 company prefix registered to another operator, a trace code of
 * another operator's batch. Identifiers nobody on the platform holds are not foreign. With `operatorId` null every
 * identifier some operator holds is foreign.
 */
export async function foreignIdentifiers(
  db: Db,
  operatorId: number | null,
  epcs: readonly string[],
): Promise<string[]> {
  const keys = epcs.map((e) => [e, keyOf(e)] as const).filter((k): k is readonly [string, Key] => k[1] !== null);
  if (keys.length === 0) return [];
  const codes = keys.flatMap(([, k]) => (k.kind === 'trace' ? [k.code] : []));
  const hasGs1 = keys.some(([, k]) => k.kind === 'gs1');
  const [batchOwners, operators] = await Promise.all([
    codes.length
      ? db.selectFrom('trace_batch').select(['trace_code', 'operator_id']).where('trace_code', 'in', codes).execute()
      : Promise.resolve([]),
    hasGs1
      ? db.selectFrom('trace_operator').select(['id', 'gs1_prefixes']).where('gs1_prefixes', '!=', '[]').execute()
      : Promise.resolve([]),
  ]);
  const ownerOfCode = new Map(batchOwners.map((b) => [b.trace_code, b.operator_id]));
  const prefixes = operators.flatMap((o) => (JSON.parse(o.gs1_prefixes) as string[]).map((p) => ({ p, id: o.id })));
  const foreign: string[] = [];
  for (const [epc, k] of keys) {
    let holder: number | undefined;
    if (k.kind === 'trace') holder = ownerOfCode.get(k.code);
    else holder = prefixes.find(({ p }) => k.digits.startsWith(p, k.prefixFrom))?.id;
    if (holder !== undefined && holder !== operatorId) foreign.push(epc);
  }
  return foreign;
}
