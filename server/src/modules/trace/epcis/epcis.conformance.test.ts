/**
 * Conformance of the EPCIS repository (needs ../shared/conformance, skipped with a message when absent):
 * - every official GS1 EPCIS 2.0 JSON example is captured and read back semantically equal (eventID added when the
 *   example has none, recordTime set by the repository);
 * - every OpenEPCIS document is accepted or refused as `schema-validation-results.json` says with the strict `uri`
 *   format, refusals being 4xx with a located error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../../test/harness.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../../..');
const DIR = path.resolve(ROOT, '../shared/conformance');
const EXAMPLES = path.join(DIR, 'epcis/JSON');
const OPENEPCIS = path.join(DIR, 'openepcis');
const hasConformance = fs.existsSync(EXAMPLES) && fs.existsSync(OPENEPCIS);
if (!hasConformance) console.warn(`[skip] EPCIS conformance data not found at ${DIR}`);

type Json = Record<string, unknown>;

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => /\.jsonld?$/.test(f))
    .sort();
}

/** An EPCISQueryDocument's events as an EPCISDocument (what a client would re-capture). */
function asCaptureDocument(doc: Json): Json {
  if (doc.type !== 'EPCISQueryDocument') return doc;
  const body = doc.epcisBody as { queryResults: { resultsBody: { eventList: unknown[] } } };
  const { epcisBody: _b, type: _t, ...rest } = doc;
  void _b;
  void _t;
  return { ...rest, type: 'EPCISDocument', epcisBody: { eventList: body.queryResults.resultsBody.eventList } };
}

describe.skipIf(!hasConformance)('EPCIS conformance (needs ../shared/conformance)', () => {
  let t: TestApp;
  let officer: Agent;

  beforeAll(async () => {
    t = await createTestApp();
    // An officer records events about any identifier (no operator ownership check): the examples use 0614141.
    await addUser(t, { username: 'conformance-officer', role: 'county-officer', division: '150102' });
    officer = await signIn(t, 'conformance-officer');
  });
  afterAll(async () => {
    await t.close();
  });

  const capture = (doc: unknown) =>
    t.app.inject({
      method: 'POST',
      url: '/epcis/capture',
      headers: {
        cookie: officer.cookie,
        'x-csrf-token': officer.csrf,
        'content-type': 'application/ld+json',
        'gs1-capture-error-behaviour': 'proceed',
      },
      payload: JSON.stringify(doc),
    });

  it('captures every official EPCIS 2.0 JSON example and returns its events equal', async () => {
    const files = filesUnder(EXAMPLES);
    expect(files.length).toBeGreaterThanOrEqual(40);
    let compared = 0;
    let duplicates = 0;
    for (const file of files) {
      const doc = asCaptureDocument(JSON.parse(fs.readFileSync(file, 'utf8')) as Json);
      const res = await capture(doc);
      const name = path.relative(EXAMPLES, file);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(202);
      const job = res.json<{ success: boolean; results: { index: number; eventID: string; status: string }[] }>();
      expect(job.success, `${name}: ${res.body}`).toBe(true);
      const events = (doc.epcisBody as { eventList: Json[] }).eventList;
      for (const r of job.results) {
        const got = await officer.request('GET', `/epcis/events/${encodeURIComponent(r.eventID)}`);
        expect(got.statusCode, `${name} #${r.index}`).toBe(200);
        const { '@context': _c, recordTime: _r, ...stored } = got.json<Json>();
        void _c;
        void _r;
        if (r.status === 'duplicate') {
          // The same eventID or Event Hash ID was captured from an earlier example: stored once.
          expect(stored.eventID).toBe(r.eventID);
          duplicates++;
          continue;
        }
        const { recordTime: _rt, ...sent } = events[r.index]!;
        void _rt;
        const expected = { ...sent, eventID: r.eventID };
        if (!('errorDeclaration' in expected)) delete stored.errorDeclaration;
        expect(stored, `${name} #${r.index}`).toEqual(expected);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(40);
    console.info(`[epcis conformance] ${files.length} examples, ${compared} events equal, ${duplicates} duplicates`);
  });

  it('accepts and refuses the OpenEPCIS documents as the strict schema check says, with located errors', async () => {
    const expected = JSON.parse(fs.readFileSync(path.join(OPENEPCIS, 'schema-validation-results.json'), 'utf8')) as {
      file: string;
      schema_result_strict_uri: string;
    }[];
    let valid = 0;
    let invalid = 0;
    for (const entry of expected) {
      const file = path.join(OPENEPCIS, entry.file.replace(/^openepcis-test-resources\//, ''));
      const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
      if (entry.schema_result_strict_uri.startsWith('N/A')) {
        // Query bodies (named-query parameters), not documents: capture refuses them.
        expect((await capture(doc)).statusCode, entry.file).toBe(400);
        continue;
      }
      const isValid = entry.schema_result_strict_uri === 'VALID';
      const single = typeof doc.type === 'string' && doc.type.endsWith('Event');
      const res = single
        ? await officer.request('POST', '/epcis/events', doc)
        : await capture(isValid ? asCaptureDocument(doc) : doc);
      if (single && isValid) {
        expect([201, 409], `${entry.file}: ${res.body}`).toContain(res.statusCode);
        valid++;
        continue;
      }
      if (isValid) {
        expect(res.statusCode, `${entry.file}: ${res.body}`).toBe(202);
        expect(res.json<{ success: boolean }>().success, `${entry.file}: ${res.body}`).toBe(true);
        valid++;
      } else {
        expect(res.statusCode, entry.file).toBe(400);
        const body = res.json<{ type: string; errors: { pointer: string; message: string; messageEn: string }[] }>();
        expect(body.type).toBe('epcisException:ValidationException');
        expect(body.errors[0]!.pointer, entry.file).toMatch(/^\//);
        expect(body.errors[0]!.message).toMatch(/[\u4e00-\u9fa5]/);
        invalid++;
      }
    }
    expect(valid).toBeGreaterThanOrEqual(40);
    expect(invalid).toBeGreaterThanOrEqual(15);
  });
});
