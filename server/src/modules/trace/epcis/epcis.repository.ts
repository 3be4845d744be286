/** Storage of the EPCIS repository: append-only inserts and the indexed event query. */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { DbOrTrx } from '../../../db/database.ts';
import { scopeFilter } from '../../../platform/access/scope.ts';
import type { EpcRole, TraceEpcisCaptureTable, TraceEpcisEventTable } from './epcis.tables.ts';
import './epcis.tables.ts';

export type EventRow = Selectable<TraceEpcisEventTable>;
export type CaptureRow = Selectable<TraceEpcisCaptureTable>;

const CHUNK = 400;

function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Stored rows whose eventID or Event Hash ID is among the given ones (same declaration flag). */
export async function existingKeys(
  db: DbOrTrx,
  eventIds: readonly string[],
  hashIds: readonly string[],
): Promise<{ eventId: string; hashId: string; isDeclaration: number }[]> {
  const out: { eventId: string; hashId: string; isDeclaration: number }[] = [];
  for (const part of chunks([...new Set(eventIds)])) {
    const rows = await db
      .selectFrom('trace_epcis_event')
      .select(['event_id', 'hash_id', 'is_declaration'])
      .where('event_id', 'in', part)
      .execute();
    for (const r of rows) out.push({ eventId: r.event_id, hashId: r.hash_id, isDeclaration: r.is_declaration });
  }
  for (const part of chunks([...new Set(hashIds)])) {
    const rows = await db
      .selectFrom('trace_epcis_event')
      .select(['event_id', 'hash_id', 'is_declaration'])
      .where('hash_id', 'in', part)
      .execute();
    for (const r of rows) out.push({ eventId: r.event_id, hashId: r.hash_id, isDeclaration: r.is_declaration });
  }
  return out;
}

export async function insertEvent(
  db: DbOrTrx,
  row: Insertable<TraceEpcisEventTable>,
  epcs: readonly { epc: string; role: EpcRole }[],
): Promise<number> {
  const { id } = await db.insertInto('trace_epcis_event').values(row).returning('id').executeTakeFirstOrThrow();
  for (const part of chunks(epcs, 300))
    await db
      .insertInto('trace_epcis_epc')
      .values(part.map((e) => ({ event_row_id: id, epc: e.epc, role: e.role })))
      .execute();
  return id;
}

export async function insertCapture(db: DbOrTrx, row: Insertable<TraceEpcisCaptureTable>): Promise<void> {
  await db.insertInto('trace_epcis_capture').values(row).execute();
}

export function findCapture(db: DbOrTrx, id: string): Promise<CaptureRow | undefined> {
  return db.selectFrom('trace_epcis_capture').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The rows of one eventID (the event and, when declared erroneous, its error declaration), oldest first. */
export function findEventRows(db: DbOrTrx, eventId: string): Promise<EventRow[]> {
  return db.selectFrom('trace_epcis_event').selectAll().where('event_id', '=', eventId).orderBy('id').execute();
}

export interface EventFilter {
  roots: readonly string[] | null;
  matchEpc?: readonly string[];
  matchAnyEpc?: readonly string[];
  matchEpcClass?: readonly string[];
  geEventTime?: string;
  ltEventTime?: string;
  eqBizStep?: readonly string[];
  eqBizLocation?: readonly string[];
  eventTypes?: readonly string[];
  /** Keyset: events after (eventTimeUtc, id). */
  after?: { t: string; i: number };
  limit: number;
}

function epcExists(roles: readonly EpcRole[], epcs: readonly string[]) {
  return sql<boolean>`exists (select 1 from trace_epcis_epc x where x.event_row_id = trace_epcis_event.id and x.epc in (${sql.join([...epcs])}) and x.role in (${sql.join([...roles])}))`;
}

/** Events matching `f`, by event time then id. */
export function queryEvents(db: DbOrTrx, f: EventFilter): Promise<EventRow[]> {
  const lists = [f.matchEpc, f.matchAnyEpc, f.matchEpcClass, f.eqBizStep, f.eqBizLocation, f.eventTypes];
  if (lists.some((l) => l !== undefined && l.length === 0)) return Promise.resolve([]);
  let q = db.selectFrom('trace_epcis_event').selectAll();
  if (f.roots) q = q.where(scopeFilter('trace_epcis_event.division_code', f.roots));
  if (f.matchEpc) q = q.where(epcExists(['epc', 'child', 'input', 'output'], f.matchEpc));
  if (f.matchAnyEpc) q = q.where(epcExists(['epc', 'child', 'input', 'output', 'parent'], f.matchAnyEpc));
  if (f.matchEpcClass) q = q.where(epcExists(['quantity'], f.matchEpcClass));
  if (f.geEventTime) q = q.where('event_time_utc', '>=', f.geEventTime);
  if (f.ltEventTime) q = q.where('event_time_utc', '<', f.ltEventTime);
  if (f.eqBizStep) q = q.where('biz_step', 'in', [...f.eqBizStep]);
  if (f.eqBizLocation) q = q.where('biz_location', 'in', [...f.eqBizLocation]);
  if (f.eventTypes) q = q.where('event_type', 'in', [...f.eventTypes]);
  const after = f.after;
  if (after)
    q = q.where((eb) =>
      eb.or([eb('event_time_utc', '>', after.t), eb.and([eb('event_time_utc', '=', after.t), eb('id', '>', after.i)])]),
    );
  return q.orderBy('event_time_utc').orderBy('id').limit(f.limit).execute();
}

/** Events naming any of `epcs` in any role, oldest first (not scoped). */
export async function eventsNaming(db: DbOrTrx, epcs: readonly string[], limit: number): Promise<EventRow[]> {
  if (epcs.length === 0) return [];
  return db
    .selectFrom('trace_epcis_event')
    .selectAll()
    .where(
      sql<boolean>`exists (select 1 from trace_epcis_epc x where x.event_row_id = trace_epcis_event.id and x.epc in (${sql.join([...epcs])}))`,
    )
    .orderBy('event_time_utc')
    .orderBy('id')
    .limit(limit)
    .execute();
}
