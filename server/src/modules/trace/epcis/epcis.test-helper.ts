/** EPCIS documents and events for the repository's tests and access cases. */
export const CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

export function objectEvent(serial: string | number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'ObjectEvent',
    eventTime: '2026-05-01T08:00:00.000+08:00',
    eventTimeZoneOffset: '+08:00',
    epcList: [`urn:epc:id:sgtin:0614141.107346.${serial}`],
    action: 'OBSERVE',
    bizStep: 'shipping',
    disposition: 'in_transit',
    readPoint: { id: 'urn:epc:id:sgln:0614141.07346.1234' },
    bizLocation: { id: 'urn:epc:id:sgln:0614141.07346.0' },
    ...over,
  };
}

export function epcisDocument(events: readonly unknown[], context: unknown = [CONTEXT]): Record<string, unknown> {
  return {
    '@context': context,
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-05-01T08:05:00.000+08:00',
    epcisBody: { eventList: events },
  };
}
