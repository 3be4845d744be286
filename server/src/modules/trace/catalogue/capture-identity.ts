/**
 * Who captures EPCIS events, as the EPCIS part needs to know it (the catalogue implements it from its operators).
 * INTERFACE — the signatures are fixed; the catalogue helper replaces the bodies.
 */
import type { Db } from '../../../db/database.ts';

export interface CaptureIdentity {
  userId: number;
  /** The operator (经营主体) the account acts for, or null for an officer capturing in scope. */
  operatorId: number | null;
  /** The division the captured events belong to (the operator's division; an officer's own division). */
  divisionCode: string;
}

/** The capture identity of an account: its operator when it acts for one, else null (the caller decides). */
export function captureIdentityFor(db: Db, userId: number): Promise<CaptureIdentity | null> {
  void db;
  void userId;
  return Promise.resolve(null);
}

/**
 * The identifiers among `epcs` (EPC URNs, Digital Link URIs, trace-code URIs, location ids) that belong to another
 * operator on the platform than `operatorId`: a GS1 company prefix registered to another operator, a trace code of
 * another operator's batch. Identifiers nobody on the platform holds are not foreign.
 */
export function foreignIdentifiers(
  db: Db,
  operatorId: number | null,
  epcs: readonly string[],
): Promise<string[]> {
  void db;
  void operatorId;
  void epcs;
  return Promise.resolve([]);
}
