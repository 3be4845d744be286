/**
 * What the rest of the trace module reads from the EPCIS repository (the consumer page, genealogy, the regulator
 * view). INTERFACE — the signatures are fixed; the EPCIS helper replaces the bodies.
 */
import type { Db } from '../../../db/database.ts';

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
 * class), oldest first, not scoped (the caller decides what to show), error-declared events included with their
 * errorDeclaration.
 */
export function eventsForEpcs(
  db: Db,
  epcs: readonly string[],
  opts: { limit?: number } = {},
): Promise<StoredEpcisEvent[]> {
  void db;
  void epcs;
  void opts;
  return Promise.resolve([]);
}
