import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventHashId, preHashString } from './event-hash.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../../../..');
const DIR = path.resolve(ROOT, '../shared/conformance/epcis-event-hash');
const hasConformance = fs.existsSync(DIR);
if (!hasConformance) console.warn(`[skip] EPCIS Event Hash ID vectors not found at ${DIR}`);

type Json = Record<string, unknown>;

/** The events of an EPCIS document or query document, the document's @context and its ignoreFields, if any. */
function eventsOf(doc: Json): { events: Json[]; ignoreFields: string[] } {
  const body = doc.epcisBody as Json;
  const query = body.queryResults as Json | undefined;
  const list = (body.eventList ?? (query?.resultsBody as Json | undefined)?.eventList ?? [body.event]) as Json[];
  // The reference implementation's repository convention: `<prefix of https://repository-x.example.com/>:ignoreFields`.
  const ctx = (Array.isArray(doc['@context']) ? doc['@context'] : [doc['@context']]) as unknown[];
  const prefix = ctx
    .flatMap((c) => (c && typeof c === 'object' ? Object.entries(c) : []))
    .find(([, iri]) => iri === 'https://repository-x.example.com/')?.[0];
  const key = `${prefix}:ignoreFields`;
  const ignoreFields = ((prefix && (doc[key] ?? query?.[key])) ?? []) as string[];
  return { events: list, ignoreFields };
}

const vectors: [file: string, index: number, event: Json, context: unknown, ignoreFields: string[], hash: string][] =
  [];
if (hasConformance) {
  for (const file of fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.jsonld'))
    .sort()) {
    const doc = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as Json;
    const hashes = fs
      .readFileSync(path.join(DIR, file.replace(/\.jsonld$/, '.hashes')), 'utf8')
      .split('\n')
      .filter(Boolean);
    const { events, ignoreFields } = eventsOf(doc);
    events.forEach((event, i) =>
      vectors.push([file, i, event, doc['@context'], ignoreFields, hashes[i] ?? '(missing)']),
    );
  }
}

describe.skipIf(!hasConformance)(
  'CBV 2.0 Event Hash ID conformance (RalphTro/epcis-event-hash-generator vectors)',
  () => {
    it('covers every JSON-LD vector file', () => {
      expect(vectors.length).toBeGreaterThanOrEqual(40);
    });

    it.each(vectors)('%s event %i', (file, index, event, context, ignoreFields, hash) => {
      expect(eventHashId(event, context, { ignoreFields }), `${file} #${index}: ${preHashString(event, context)}`).toBe(
        hash,
      );
    });
  },
);

describe('Event Hash ID invariants', () => {
  const context = [
    'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
    { example: 'https://ns.example.com/epcis/' },
  ];
  const event = {
    type: 'ObjectEvent',
    eventTime: '2026-05-01T08:30:00.000+08:00',
    eventTimeZoneOffset: '+08:00',
    epcList: ['urn:epc:id:sgtin:0614141.107346.2017', 'urn:epc:id:sgtin:0614141.107346.2018'],
    action: 'OBSERVE',
    bizStep: 'shipping',
    disposition: 'in_transit',
    readPoint: { id: 'urn:epc:id:sgln:0614141.07346.1234' },
    bizTransactionList: [{ type: 'po', bizTransaction: 'http://transaction.acme.com/po/12345678' }],
    'example:batch': 'B-2026-001',
  };
  const hash = eventHashId(event, context);

  it('has the ni: form with a SHA-256 hex digest', () => {
    expect(hash).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
  });

  it('ignores key order, eventID, recordTime and comments', () => {
    const reordered = Object.fromEntries(Object.entries(event).reverse());
    expect(eventHashId(reordered, context)).toBe(hash);
    expect(
      eventHashId(
        {
          ...event,
          eventID: 'urn:uuid:6d6cd3c4-0a56-4a3f-a7a2-4e7a2f0d9a11',
          recordTime: '2026-05-02T00:00:00Z',
          comment: 'x',
        },
        context,
      ),
    ).toBe(hash);
  });

  it('is the same for the same instant in another offset, in epc order and in Digital Link or CBV URN form', () => {
    expect(eventHashId({ ...event, eventTime: '2026-05-01T00:30:00Z' }, context)).toBe(hash);
    expect(eventHashId({ ...event, eventTime: '2026-05-01T00:30:00.0004Z' }, context)).toBe(hash);
    expect(eventHashId({ ...event, epcList: [...event.epcList].reverse() }, context)).toBe(hash);
    const dl = ['https://id.gs1.org/01/10614141073464/21/2017', 'https://example.com/01/10614141073464/21/2018?x=1'];
    expect(eventHashId({ ...event, epcList: dl }, context)).toBe(hash);
    expect(eventHashId({ ...event, bizStep: 'urn:epcglobal:cbv:bizstep:shipping' }, context)).toBe(hash);
    expect(eventHashId({ ...event, bizStep: 'https://ref.gs1.org/cbv/BizStep-shipping' }, context)).toBe(hash);
  });

  it('resolves user extensions through the namespace, whatever the prefix', () => {
    const other = [
      'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
      { ex: 'https://ns.example.com/epcis/' },
    ];
    const { 'example:batch': batch, ...rest } = event;
    expect(eventHashId({ ...rest, 'ex:batch': batch }, other)).toBe(hash);
    expect(eventHashId({ ...rest, '@context': [{ ex: 'https://ns.example.com/epcis/' }], 'ex:batch': batch })).toBe(
      hash,
    );
  });

  it('changes with any hashed field', () => {
    expect(eventHashId({ ...event, epcList: ['urn:epc:id:sgtin:0614141.107346.2019'] }, context)).not.toBe(hash);
    expect(eventHashId({ ...event, eventTime: '2026-05-01T08:30:00.001+08:00' }, context)).not.toBe(hash);
    expect(eventHashId({ ...event, bizStep: 'receiving' }, context)).not.toBe(hash);
    expect(eventHashId({ ...event, 'example:batch': 'B-2026-002' }, context)).not.toBe(hash);
    expect(eventHashId({ ...event, readPoint: { id: 'urn:epc:id:sgln:0614141.07346.0' } }, context)).not.toBe(hash);
  });

  it('writes the canonical pre-hash string of CBV 2.0 section 8.9', () => {
    expect(preHashString(event, context)).toBe(
      'eventType=ObjectEventeventTime=2026-05-01T00:30:00.000ZeventTimeZoneOffset=+08:00' +
        'epcListepc=https://id.gs1.org/01/10614141073464/21/2017epc=https://id.gs1.org/01/10614141073464/21/2018' +
        'action=OBSERVEbizStep=https://ref.gs1.org/cbv/BizStep-shippingdisposition=https://ref.gs1.org/cbv/Disp-in_transit' +
        'readPointid=https://id.gs1.org/414/0614141073467/254/1234' +
        'bizTransactionListtype=https://ref.gs1.org/cbv/BTT-pobizTransaction=http://transaction.acme.com/po/12345678' +
        '{https://ns.example.com/epcis/}batch=B-2026-001',
    );
  });
});
