/** The EPCIS 2.0 repository through its REST bindings: capture, jobs, single events, query, paging, scope. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../../test/harness.ts';
import { eventHashId } from './hash/event-hash.ts';
import { eventsForEpcs } from './epcis.reader.ts';
import { epcisDocument, objectEvent } from './epcis.test-helper.ts';

type Json = Record<string, unknown>;
const eventsOf = (doc: Json) =>
  ((doc.epcisBody as Json).queryResults as { resultsBody: { eventList: Json[] } }).resultsBody.eventList;

describe('EPCIS repository', () => {
  let t: TestApp;
  const a: Record<string, Agent> = {};

  beforeAll(async () => {
    t = await createTestApp();
    for (const [name, role, division] of [
      ['ent', 'enterprise', '150102'],
      ['xincheng', 'county-officer', '150102'],
      ['kundulun', 'county-officer', '150203'],
      ['region', 'region-officer', '150000'],
      ['researcher', 'researcher', '150102'],
    ] as const) {
      await addUser(t, { username: name, role, division });
      a[name] = await signIn(t, name);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const capture = (agent: Agent, doc: unknown, behaviour?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: {
        cookie: agent.cookie,
        'x-csrf-token': agent.csrf,
        'content-type': 'application/ld+json',
        ...(behaviour ? { 'gs1-capture-error-behaviour': behaviour } : {}),
      },
      payload: JSON.stringify(doc),
    });
  const query = async (agent: Agent, qs: string) => {
    const res = await agent.request('GET', `/epcis/events?${qs}`);
    expect(res.statusCode, res.body).toBe(200);
    return eventsOf(res.json<Json>());
  };

  it('captures a document (202, job with per-event results), hashes as eventIDs, and is idempotent', async () => {
    const events = [
      objectEvent(1001),
      {
        type: 'AggregationEvent',
        eventTime: '2026-05-01T09:00:00+08:00',
        eventTimeZoneOffset: '+08:00',
        parentID: 'urn:epc:id:sscc:0614141.1234567890',
        childEPCs: ['urn:epc:id:sgtin:0614141.107346.1001'],
        action: 'ADD',
        bizStep: 'packing',
      },
      objectEvent(1002, {
        epcList: [],
        quantityList: [{ epcClass: 'urn:epc:class:lgtin:0614141.107346.LOT7', quantity: 20, uom: 'KGM' }],
        eventTime: '2026-05-02T10:00:00Z',
        eventTimeZoneOffset: '+00:00',
        bizStep: 'receiving',
      }),
    ];
    const res = await capture(a.ent!, epcisDocument(events));
    expect(res.statusCode, res.body).toBe(202);
    expect(res.headers['gs1-epcis-version']).toBe('2.0.0');
    expect(res.headers['gs1-cbv-version']).toBe('2.0.0');
    const location = res.headers.location as string;
    expect(location).toMatch(/^\/epcis\/capture\/cap-/);
    const job = (await a.ent!.request('GET', location)).json<Json>();
    expect(job).toMatchObject({
      running: false,
      success: true,
      captureErrorBehaviour: 'rollback',
      divisionCode: '150102',
    });
    const results = job.results as { eventID: string; status: string }[];
    expect(results.map((r) => r.status)).toEqual(['captured', 'captured', 'captured']);
    expect(results[0]!.eventID).toBe(eventHashId(events[0]!, epcisDocument([])['@context']));

    const again = await capture(a.ent!, epcisDocument(events));
    expect(again.statusCode).toBe(202);
    expect(again.json<Json>()).toMatchObject({ success: true, counts: { captured: 0, duplicate: 3, rejected: 0 } });
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'trace.epcis.capture')
      .execute();
    expect(audit).toHaveLength(2);
    expect(await eventsForEpcs(t.db.db, ['urn:epc:id:sgtin:0614141.107346.1001'])).toHaveLength(2);
  });

  it('answers the standard query parameters', async () => {
    const sgtin = encodeURIComponent('urn:epc:id:sgtin:0614141.107346.1001');
    expect((await query(a.ent!, `MATCH_epc=${sgtin}`)).map((e) => e.type)).toEqual(['ObjectEvent', 'AggregationEvent']);
    const sscc = encodeURIComponent('urn:epc:id:sscc:0614141.1234567890');
    expect(await query(a.ent!, `MATCH_epc=${sscc}`)).toHaveLength(0);
    expect((await query(a.ent!, `MATCH_anyEPC=${sscc}`)).map((e) => e.type)).toEqual(['AggregationEvent']);
    const lgtin = encodeURIComponent('urn:epc:class:lgtin:0614141.107346.LOT7');
    expect(await query(a.ent!, `MATCH_epcClass=${lgtin}`)).toHaveLength(1);
    expect(await query(a.ent!, `EQ_bizStep=${encodeURIComponent('urn:epcglobal:cbv:bizstep:packing')}`)).toHaveLength(
      1,
    );
    expect(
      await query(a.ent!, `EQ_bizStep=${encodeURIComponent('https://ref.gs1.org/cbv/BizStep-shipping')}|receiving`),
    ).toHaveLength(2);
    expect(await query(a.ent!, `GE_eventTime=${encodeURIComponent('2026-05-01T01:00:00Z')}`)).toHaveLength(2);
    expect(await query(a.ent!, `LT_eventTime=${encodeURIComponent('2026-05-01T08:00:00+08:00')}`)).toHaveLength(0);
    expect(await query(a.ent!, 'eventType=AggregationEvent|TransformationEvent')).toHaveLength(1);
    const loc = encodeURIComponent('urn:epc:id:sgln:0614141.07346.0');
    expect(await query(a.ent!, `EQ_bizLocation=${loc}`)).toHaveLength(2);
    expect(await query(a.ent!, `WD_bizLocation=${loc}&EQ_bizStep=receiving`)).toHaveLength(1);
    const bad = await a.ent!.request('GET', '/epcis/events?EQ_foo=1');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Json>()).toMatchObject({ type: 'epcisException:QueryParameterException', status: 400 });
    expect((await a.ent!.request('GET', '/epcis/events?GE_eventTime=yesterday')).statusCode).toBe(400);
  });

  it('pages with an opaque nextPageToken and a Link header', async () => {
    const events = Array.from({ length: 7 }, (_, i) =>
      objectEvent(2000 + i, {
        eventTime: `2026-06-0${i + 1}T00:00:00Z`,
        eventTimeZoneOffset: '+00:00',
        bizStep: 'storing',
      }),
    );
    expect((await capture(a.ent!, epcisDocument(events))).statusCode).toBe(202);
    const seen: string[] = [];
    let url: string | null = '/epcis/events?EQ_bizStep=storing&perPage=3';
    let pages = 0;
    while (url) {
      const res = await a.ent!.request('GET', url);
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...eventsOf(res.json<Json>()).map((e) => e.eventTime as string));
      const link = res.headers.link as string | undefined;
      url = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1]! : null;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(events.map((e) => e.eventTime));
    const foreignToken = await a.ent!.request('GET', '/epcis/events?EQ_bizStep=storing&perPage=3');
    const token = new URL(`http://x${/^<([^>]+)>/.exec(foreignToken.headers.link as string)![1]}`).searchParams.get(
      'nextPageToken',
    )!;
    const misuse = await a.ent!.request('GET', `/epcis/events?EQ_bizStep=shipping&nextPageToken=${token}`);
    expect(misuse.statusCode).toBe(400);
  });

  it('captures single events: 201 + Location, 409 on a duplicate hash or eventID, reads them by URL-encoded id', async () => {
    const event = objectEvent(3001);
    const res = await a.ent!.request('POST', '/epcis/events', event);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ eventID: string }>().eventID;
    expect(id).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
    expect(res.headers.location).toBe(`/epcis/events/${encodeURIComponent(id)}`);
    const dup = await a.ent!.request('POST', '/epcis/events', event);
    expect(dup.statusCode).toBe(409);
    expect(dup.headers['content-type']).toContain('application/problem+json');
    expect(dup.json<Json>()).toMatchObject({ type: 'epcisException:ResourceAlreadyExistsException', status: 409 });
    const sameId = await a.ent!.request('POST', '/epcis/events', { ...objectEvent(3002), eventID: id });
    expect(sameId.statusCode).toBe(409);
    const got = await a.ent!.request('GET', res.headers.location as string);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toContain('application/ld+json');
    expect(got.json<Json>()).toMatchObject({ ...event, eventID: id });
    const asJson = await t.app.inject({
      method: 'GET',
      url: res.headers.location as string,
      headers: { cookie: a.ent!.cookie, accept: 'application/json' },
    });
    expect(asJson.headers['content-type']).toContain('application/json');
    expect((await a.ent!.request('GET', `/epcis/events/${encodeURIComponent('urn:uuid:nothing')}`)).statusCode).toBe(
      404,
    );
  });

  it('refuses invalid documents with a located bilingual problem and stores nothing', async () => {
    const before = await t.db.db.selectFrom('trace_epcis_event').select('id').execute();
    const res = await capture(
      a.ent!,
      epcisDocument([objectEvent(4001), objectEvent(4002, { bizStep: 'transforming' })]),
    );
    expect(res.statusCode).toBe(400);
    const body = res.json<{ errors: { eventIndex: number; pointer: string; message: string }[]; error: Json }>();
    expect(body.errors[0]).toMatchObject({ eventIndex: 1, pointer: '/epcisBody/eventList/1/bizStep' });
    expect(body.errors[0]!.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(body.error.code).toBe('VALIDATION');
    const single = await a.ent!.request('POST', '/epcis/events', objectEvent(4003, { action: 'CREATE' }));
    expect(single.statusCode).toBe(400);
    expect(single.json<{ errors: { pointer: string }[] }>().errors[0]!.pointer).toBe('/action');
    expect(await t.db.db.selectFrom('trace_epcis_event').select('id').execute()).toHaveLength(before.length);
    expect((await capture(a.ent!, epcisDocument([objectEvent(4004)]), 'sometimes')).statusCode).toBe(400);
  });

  it('rollback stores nothing when one event fails; proceed stores the others', async () => {
    // A leap second passes the schema's date-time format but names no instant: that event alone is rejected.
    const leap = objectEvent(5002, { eventTime: '2016-12-31T23:59:60Z', eventTimeZoneOffset: '+00:00' });
    const rb = (await capture(a.ent!, epcisDocument([objectEvent(5001), leap]))).json<Json>();
    expect(rb).toMatchObject({
      success: false,
      captureErrorBehaviour: 'rollback',
      counts: { captured: 0, rejected: 1 },
    });
    expect((rb.results as { status: string }[]).map((r) => r.status)).toEqual(['rolled_back', 'rejected']);
    expect((rb.errors as { eventIndex: number; pointer: string }[])[0]).toMatchObject({
      eventIndex: 1,
      pointer: '/epcisBody/eventList/1/eventTime',
    });
    const sgtin = encodeURIComponent('urn:epc:id:sgtin:0614141.107346.5001');
    expect(await query(a.ent!, `MATCH_epc=${sgtin}`)).toHaveLength(0);
    const pr = (await capture(a.ent!, epcisDocument([objectEvent(5001), leap]), 'proceed')).json<Json>();
    expect(pr).toMatchObject({
      success: false,
      captureErrorBehaviour: 'proceed',
      counts: { captured: 1, rejected: 1 },
    });
    expect(await query(a.ent!, `MATCH_epc=${sgtin}`)).toHaveLength(1);
  });

  it('records corrections as error declarations beside the original', async () => {
    const original = objectEvent(6001);
    const id = (await a.ent!.request('POST', '/epcis/events', original)).json<{ eventID: string }>().eventID;
    const declaration = {
      ...original,
      eventID: id,
      errorDeclaration: { declarationTime: '2026-05-03T00:00:00Z', reason: 'incorrect_data' },
    };
    expect((await a.ent!.request('POST', '/epcis/events', declaration)).statusCode).toBe(201);
    const rows = await t.db.db.selectFrom('trace_epcis_event').selectAll().where('event_id', '=', id).execute();
    expect(rows.map((r) => r.is_declaration).sort()).toEqual([0, 1]);
    expect(JSON.parse(rows.find((r) => r.is_declaration === 0)!.event_json)).not.toHaveProperty('errorDeclaration');
    const got = (await a.ent!.request('GET', `/epcis/events/${encodeURIComponent(id)}`)).json<Json>();
    expect(got.errorDeclaration).toMatchObject({ reason: 'incorrect_data' });
    expect((await a.ent!.request('POST', '/epcis/events', declaration)).statusCode).toBe(409);
  });

  it('scopes queries and reads by division', async () => {
    const sgtin = encodeURIComponent('urn:epc:id:sgtin:0614141.107346.1001');
    expect(await query(a.xincheng!, `MATCH_epc=${sgtin}`)).toHaveLength(2);
    expect(await query(a.region!, `MATCH_epc=${sgtin}`)).toHaveLength(2);
    expect(await query(a.kundulun!, `MATCH_epc=${sgtin}`)).toHaveLength(0);
    const id = (await query(a.ent!, `MATCH_epc=${sgtin}`))[0]!.eventID as string;
    expect((await a.kundulun!.request('GET', `/epcis/events/${encodeURIComponent(id)}`)).statusCode).toBe(404);
    const job = (await capture(a.ent!, epcisDocument([objectEvent(7001)]))).json<{ captureID: string }>();
    expect((await a.kundulun!.request('GET', `/epcis/capture/${job.captureID}`)).statusCode).toBe(404);
    expect((await a.xincheng!.request('GET', `/epcis/capture/${job.captureID}`)).statusCode).toBe(200);
    expect((await a.researcher!.request('GET', '/epcis/events')).statusCode).toBe(403);
    expect((await capture(a.region!, epcisDocument([objectEvent(7002)]))).statusCode).toBe(403);
    // An officer captures in its own division.
    const officer = (await capture(a.kundulun!, epcisDocument([objectEvent(7003)]))).json<Json>();
    expect(officer).toMatchObject({ success: true, divisionCode: '150203' });
  });

  it('honours the GS1 version headers', async () => {
    const refused = await t.app.inject({
      method: 'GET',
      url: '/epcis/events',
      headers: { cookie: a.ent!.cookie, 'gs1-epcis-min': '2.1.0' },
    });
    expect(refused.statusCode).toBe(406);
    const ok = await t.app.inject({
      method: 'GET',
      url: '/epcis/events',
      headers: { cookie: a.ent!.cookie, 'gs1-epcis-min': '2.0', 'gs1-epcis-max': '3.0.0', 'gs1-cbv-version': '2.0.0' },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('lists the EPCIS routes in the OpenAPI document under the epcis tag', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json<{
      paths: Record<string, Record<string, { tags?: string[] }>>;
    }>();
    for (const [path, method] of [
      ['/epcis/capture', 'post'],
      ['/epcis/capture/{captureID}', 'get'],
      ['/epcis/events', 'post'],
      ['/epcis/events', 'get'],
      ['/epcis/events/{eventID}', 'get'],
    ] as const)
      expect(doc.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['epcis']);
  });
});
