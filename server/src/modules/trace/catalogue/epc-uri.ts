/**
 * The EPC URI of a batch (the identifier EPCIS events name in epcList / quantityList):
 * - with GTIN + lot: the canonical GS1 Digital Link `https://id.gs1.org/01/{gtin14}/10/{lot}` (an LGTIN class, as
 *   EPCIS 2.0 prefers Digital Link URIs over URNs);
 * - otherwise the platform's own URI `urn:qixian:trace:{traceCode}` (a private URN namespace: a trace code is not a
 *   GS1 key and must not pose as one).
 * The consumer URL of a batch is `/t/{traceCode}` on the platform host.
 */
export const TRACE_URN_PREFIX = 'urn:qixian:trace:';

export function traceUrl(code: string): string {
  return `/t/${code}`;
}

export function batchDigitalLink(b: { gtin: string | null; lot: string | null }): string | null {
  return b.gtin && b.lot ? `https://id.gs1.org/01/${b.gtin}/10/${encodeURIComponent(b.lot)}` : null;
}

export function batchEpc(b: { gtin: string | null; lot: string | null; trace_code: string }): string {
  return batchDigitalLink(b) ?? `${TRACE_URN_PREFIX}${b.trace_code}`;
}

/** The trace code named by a `urn:qixian:trace:` URI, or null. */
export function traceCodeOfUri(uri: string): string | null {
  return uri.startsWith(TRACE_URN_PREFIX) ? uri.slice(TRACE_URN_PREFIX.length) : null;
}
