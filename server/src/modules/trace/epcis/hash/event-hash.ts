/**
 * The CBV 2.0 Event Hash ID (`ni:///sha-256;…?ver=CBV2.0`) of one EPCIS 2.0 event.
 * INTERFACE ONLY — being implemented (helper "event hash"); the signature is fixed, the body is replaced.
 */

/** A JSON-LD @context as it appears in an EPCIS document (string, object or array of them). */
export type JsonLdContext = unknown;

/**
 * The Event Hash ID of `event` (a JSON object of an EPCIS 2.0 event, as in a document's eventList), given the
 * `@context` of the document it came in (for user-extension namespaces); the event's own `@context` wins.
 */
export function eventHashId(event: Readonly<Record<string, unknown>>, documentContext?: JsonLdContext): string {
  void event;
  void documentContext;
  throw new Error('eventHashId: not implemented yet');
}
