import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/harness.ts';
import { DEMO_PASSWORD } from '../../../db/seed/demo.ts';
import { issueTraceCode } from '../identifiers/trace-code.ts';
import { captureIdentityFor, foreignIdentifiers } from './capture-identity.ts';
import { DEMO_GS1_PREFIX, DEMO_OPERATOR_USERNAME, seedCatalogueDemo } from './catalogue.demo.ts';
import type { ConsumerView } from './consumer.service.ts';

describe('consumer page, Digital Link resolver, capture identity (with the demo data)', () => {
  let t: TestApp;
  const codeOf = async (product: string, status: 'active' | 'recalled' = 'active') => {
    const r = await t.db.db
      .selectFrom('trace_batch')
      .innerJoin('trace_product', 'trace_product.id', 'trace_batch.product_id')
      .select(['trace_batch.trace_code', 'trace_batch.gtin', 'trace_batch.lot', 'trace_batch.operator_id'])
      .where('trace_product.name', '=', product)
      .where('trace_batch.status', '=', status)
      .orderBy('trace_batch.id')
      .executeTakeFirstOrThrow();
    return r;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedCatalogueDemo(t.app.deps);
    await seedCatalogueDemo(t.app.deps); // idempotent
  });
  afterAll(async () => {
    await t.close();
  });

  it('seeds the demo operator account with the GS1 example prefix, once', async () => {
    const ops = await t.db.db.selectFrom('trace_operator').select(['name', 'gs1_prefixes', 'is_demo']).execute();
    expect(ops).toHaveLength(7);
    expect(ops.every((o) => o.is_demo === 1 && o.name.includes('演示'))).toBe(true);
    expect(ops.filter((o) => o.gs1_prefixes === JSON.stringify([DEMO_GS1_PREFIX]))).toHaveLength(1);
    const agent = await signIn(t, DEMO_OPERATOR_USERNAME, DEMO_PASSWORD);
    const mine = (await agent.request('GET', '/api/trace/batches')).json<{ items: { divisionCode: string }[] }>();
    expect(mine.items.length).toBe(2);
    expect(mine.items.every((b) => b.divisionCode === '150121')).toBe(true);
  });

  it('serves the page as HTML (演示数据, producer, county, scans) and the same content as JSON', async () => {
    const { trace_code: code } = await codeOf('赤峰小米（演示）');
    const html = await t.app.inject({ method: 'GET', url: `/t/${code}`, headers: { accept: 'text/html' } });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('赤峰小米（演示）');
    expect(html.body).toContain('演示数据');
    expect(html.body).toContain('敖汉旗');
    expect(html.body).toContain('赤峰市');
    expect(html.body).not.toMatch(/<script/i);
    expect(html.body).not.toContain('合格证'); // no certificate data, no section
    const json = await t.app.inject({ method: 'GET', url: `/t/${code}`, headers: { accept: 'application/ld+json' } });
    expect(json.headers['content-type']).toContain('application/ld+json');
    const v = json.json<ConsumerView>();
    expect(v).toMatchObject({
      traceCode: code,
      isDemo: true,
      product: { name: '赤峰小米（演示）' },
      operator: { countyCode: '150430', countyName: '敖汉旗', leagueName: '赤峰市' },
      epc: `urn:qixian:trace:${code}`,
    });
    expect(v.scans.count).toBe(2); // the HTML scan and this one
    expect(v.scans.first).not.toBeNull();
    const plain = await t.app.inject({ method: 'GET', url: `/t/${code}`, headers: { accept: 'application/json' } });
    expect(plain.json<ConsumerView>().scans.count).toBe(3);
    const lower = await t.app.inject({ method: 'GET', url: `/t/${code.toLowerCase()}` });
    expect(lower.statusCode).toBe(301);
    expect(lower.headers.location).toBe(`/t/${code}`);
  });

  it('warns on a recalled batch and on a code scanned far apart in a short time', async () => {
    const recalled = await codeOf('科尔沁牛肉（演示）', 'recalled');
    const v = (
      await t.app.inject({ method: 'GET', url: `/t/${recalled.trace_code}`, headers: { accept: 'application/json' } })
    ).json<ConsumerView>();
    expect(v.warnings.map((w) => w.kind)).toEqual(['recalled']);
    const html = await t.app.inject({ method: 'GET', url: `/t/${recalled.trace_code}` });
    expect(html.body).toContain('已召回');

    const potato = await codeOf('乌兰察布马铃薯（演示）');
    const near = await t.app.inject({
      method: 'GET',
      url: `/t/${potato.trace_code}?lat=41.0&lon=113.2`,
      headers: { accept: 'application/json' },
    });
    expect(near.json<ConsumerView>().warnings).toEqual([]);
    const far = await t.app.inject({
      method: 'GET',
      url: `/t/${potato.trace_code}?lat=31.2&lon=121.5`,
      headers: { accept: 'application/json' },
    });
    expect(far.json<ConsumerView>().warnings.map((w) => w.kind)).toEqual(['suspicious_scans']);
    const scans = await t.db.db
      .selectFrom('trace_scan')
      .select(['ip_hash', 'lat', 'is_anomaly'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(scans).toMatchObject({ lat: 31.2, is_anomaly: 1 });
    expect(scans.ip_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(scans.ip_hash).not.toContain('127.0.0.1');

    const mutton = await codeOf('锡林郭勒羊肉（演示）');
    const seeded = (
      await t.app.inject({ method: 'GET', url: `/t/${mutton.trace_code}`, headers: { accept: 'application/json' } })
    ).json<ConsumerView>();
    expect(seeded.warnings.map((w) => w.kind)).toEqual(['suspicious_scans']);
  });

  it('answers 404 for malformed, wrong-check and unknown codes, then 429 after too many misses', async () => {
    const malformed = await t.app.inject({ method: 'GET', url: '/t/not-a-code', remoteAddress: '10.0.0.1' });
    expect(malformed.statusCode).toBe(404);
    expect(malformed.body).toContain('未找到该追溯码');
    const unknown = issueTraceCode('150121', 2026);
    const last = unknown.slice(-1);
    const wrongCheck = unknown.slice(0, -1) + (last === 'A' ? 'B' : 'A');
    const bad = await t.app.inject({
      method: 'GET',
      url: `/t/${wrongCheck}`,
      headers: { accept: 'application/json' },
      remoteAddress: '10.0.0.1',
    });
    expect(bad.statusCode).toBe(404);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain('校验位');
    const none = await t.app.inject({ method: 'GET', url: `/t/${unknown}`, remoteAddress: '10.0.0.1' });
    expect(none.statusCode).toBe(404);
    let status = 0;
    for (let i = 0; i < 40 && status !== 429; i++)
      status = (await t.app.inject({ method: 'GET', url: `/t/${unknown}`, remoteAddress: '10.0.0.2' })).statusCode;
    expect(status).toBe(429);
    // Another client is not slowed by the guesser.
    expect((await t.app.inject({ method: 'GET', url: `/t/${unknown}`, remoteAddress: '10.0.0.3' })).statusCode).toBe(
      404,
    );
  });

  it('100,000 random well-formed guesses at the demo counties hit no batch in the database', async () => {
    const rows = await t.db.db.selectFrom('trace_batch').select(['trace_code', 'division_code']).execute();
    const issued = new Set(rows.map((r) => r.trace_code));
    const counties = [...new Set(rows.map((r) => r.division_code))];
    let hits = 0;
    for (let i = 0; i < 100_000; i++)
      if (issued.has(issueTraceCode(counties[i % counties.length] ?? '150121', 2026))) hits++;
    expect(issued.size).toBe(rows.length);
    expect(hits).toBe(0);
  });

  it('resolves our Digital Links: /01/{gtin}/10/{lot}[/21/{serial}] -> the batch page or its JSON', async () => {
    const corn = await codeOf('敕勒川鲜食玉米（演示）');
    expect(corn.gtin?.startsWith(`0${DEMO_GS1_PREFIX}`)).toBe(true);
    const dl = `/01/${corn.gtin}/10/${corn.lot}`;
    const redirect = await t.app.inject({ method: 'GET', url: dl });
    expect(redirect.statusCode).toBe(307);
    expect(redirect.headers.location).toBe(`/t/${corn.trace_code}`);
    const serial = await t.app.inject({ method: 'GET', url: `${dl}/21/0001` });
    expect(serial.headers.location).toBe(`/t/${corn.trace_code}`);
    const json = await t.app.inject({ method: 'GET', url: dl, headers: { accept: 'application/json' } });
    expect(json.json<ConsumerView>()).toMatchObject({
      traceCode: corn.trace_code,
      digitalLink: `https://id.gs1.org${dl}`,
      epc: `https://id.gs1.org${dl}`,
    });
    expect(
      (await t.app.inject({ method: 'GET', url: `/01/${corn.gtin}/10/NOPE`, remoteAddress: '10.0.1.1' })).statusCode,
    ).toBe(404);
    const badCheck = `${corn.gtin?.slice(0, 13)}${(Number(corn.gtin?.slice(13)) + 1) % 10}`;
    expect(
      (await t.app.inject({ method: 'GET', url: `/01/${badCheck}/10/${corn.lot}`, remoteAddress: '10.0.1.1' }))
        .statusCode,
    ).toBe(404);
  });

  it('gives the demo account its operator as capture identity and names other operators’ identifiers foreign', async () => {
    const users = await t.db.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', DEMO_OPERATOR_USERNAME)
      .executeTakeFirstOrThrow();
    const id = await captureIdentityFor(t.db.db, users.id);
    expect(id).toMatchObject({ userId: users.id, divisionCode: '150121' });
    const corn = await codeOf('敕勒川鲜食玉米（演示）');
    expect(id?.operatorId).toBe(corn.operator_id);
    const millet = await codeOf('赤峰小米（演示）');
    const epcs = [
      'urn:epc:id:sgtin:0614141.107346.2017',
      'urn:epc:id:sgln:0614141.00777.0',
      `https://id.gs1.org/01/${corn.gtin}/10/${corn.lot}`,
      `urn:qixian:trace:${corn.trace_code}`,
      `urn:qixian:trace:${millet.trace_code}`,
      `https://example.org/t/${millet.trace_code}`,
      'urn:epc:id:sgtin:4012345.011111.1',
      'https://id.gs1.org/01/09521234543213',
    ];
    expect(await foreignIdentifiers(t.db.db, id?.operatorId ?? null, epcs)).toEqual([
      `urn:qixian:trace:${millet.trace_code}`,
      `https://example.org/t/${millet.trace_code}`,
    ]);
    expect(await foreignIdentifiers(t.db.db, millet.operator_id, epcs.slice(0, 4))).toEqual(epcs.slice(0, 4));
    expect(await captureIdentityFor(t.db.db, 999999)).toBeNull();
  });
});
