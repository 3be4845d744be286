/**
 * What the rest of the trace module reads from the EPCIS repository (the consumer page, genealogy, the regulator
 * view). INTERFACE — the signatures are fixed; the EPCIS helper replaces the bodies.
 */
import type { Db } from '../../../db/database.ts';
import { eventsNaming } from './epcis.repository.ts';

export interface StoredEpcisEvent {
  /** The event's eventID (its Event Hash ID when the client sent none). */
  eventId: string;
  eventType: 'ObjectEvent' | 'AggregationEvent' | 'TransactionEvent' | 'TransformationEvent' | 'AssociationEvent';
  /** ISO 8601 with offset, as captured. */
  eventTime: string;
  bizStep: string | null;
  disposition: string | null;
  bizLocation: string | null;
  readPoint: string | null;
  /** The division the event belongs to (its capturer's). */
  divisionCode: string;
  /** The event as JSON (EPCIS 2.0 JSON-LD, without the document's @context). */
  event: Record<string, unknown>;
}

/**
 * Events naming any of `epcs` in any role (epcList, childEPCs, parentID, input/output lists, quantity lists by
 * class), oldest first (at most `limit`, default 1,000), not scoped (the caller decides what to show), error-declared events included with their
 * errorDeclaration.
 */
export async function eventsForEpcs(
  db: Db,
  epcs: readonly string[],
  opts: { limit?: number } = {},
): Promise<StoredEpcisEvent[]> {
  const rows = await eventsNaming(db, [...new Set(epcs)], Math.min(Math.max(opts.limit ?? 1000, 1), 10_000));
  return rows.map((r) => ({
    eventId: r.event_id,
    eventType: r.event_type as StoredEpcisEvent['eventType'],
    eventTime: r.event_time,
    bizStep: r.biz_step,
    disposition: r.disposition,
    bizLocation: r.biz_location,
    readPoint: r.read_point,
    divisionCode: r.division_code,
    event: JSON.parse(r.event_json) as Record<string, unknown>,
  }));
}
