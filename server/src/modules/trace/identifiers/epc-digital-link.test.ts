import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { digitalLinkToEpcUrn, epcUrnToDigitalLink } from './epc-digital-link.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../../..');
const FILE = path.resolve(ROOT, '../shared/conformance/gs1-digital-link/epc-urn-dl-translation-vectors.json');
const hasConformance = fs.existsSync(FILE);
if (!hasConformance) console.warn(`[skip] EPC URN <-> Digital Link vectors not found at ${FILE}`);

interface Vectors {
  urn_to_dl: { urn: string; expected_dl: string }[];
  dl_to_urn: { dl: string; gcp_length: number; expected_urn: string }[];
}

describe.skipIf(!hasConformance)('EPC URN <-> Digital Link conformance (openepcis translator vectors)', () => {
  const v = hasConformance ? (JSON.parse(fs.readFileSync(FILE, 'utf8')) as Vectors) : { urn_to_dl: [], dl_to_urn: [] };

  it('has the 18 published pairs', () => {
    expect(v.urn_to_dl.length + v.dl_to_urn.length).toBe(18);
  });

  it.each(v.urn_to_dl.map((r, i) => [i, r.urn, r.expected_dl] as const))('urn_to_dl[%i] %s', (_i, urn, dl) => {
    expect(epcUrnToDigitalLink(urn)).toBe(dl);
  });

  it.each(v.dl_to_urn.map((r, i) => [i, r.dl, r.gcp_length, r.expected_urn] as const))(
    'dl_to_urn[%i] %s',
    (_i, dl, gcpLength, urn) => {
      expect(digitalLinkToEpcUrn(dl, gcpLength)).toBe(urn);
    },
  );
});

describe('EPC URN <-> Digital Link (in-repo examples)', () => {
  it.each([
    ['urn:epc:id:sgtin:0614141.107346.2017', 'https://id.gs1.org/01/10614141073464/21/2017'],
    ['urn:epc:id:sgln:0614141.07346.1234', 'https://id.gs1.org/414/0614141073467/254/1234'],
    ['urn:epc:id:sscc:0614141.1234567890', 'https://id.gs1.org/00/106141412345678908'],
    ['urn:epc:id:giai:4000001.111', 'https://id.gs1.org/8004/4000001111'],
    ['urn:epc:id:sgtin:0614141.812345.6789!(x)', 'https://id.gs1.org/01/80614141123458/21/6789%21%28x%29'],
    ['urn:epc:idpat:sgtin:0614141.107346.*', 'https://id.gs1.org/01/10614141073464'],
  ])('%s -> %s', (urn, dl) => {
    expect(epcUrnToDigitalLink(urn)).toBe(dl);
  });

  it('round-trips the demo prefix 0614141 with the default company prefix length 7', () => {
    for (const urn of [
      'urn:epc:id:sgtin:0614141.107346.2017',
      'urn:epc:id:sgln:0614141.07346.1234',
      'urn:epc:id:sscc:0614141.1234567890',
      'urn:epc:class:lgtin:0614141.107346.L2026-01',
      'urn:epc:id:pgln:0614141.00001',
    ]) {
      const dl = epcUrnToDigitalLink(urn);
      expect(dl, urn).not.toBeNull();
      expect(digitalLinkToEpcUrn(dl ?? '')).toBe(urn);
    }
  });

  it('rejects malformed URNs and URIs without an EPC key', () => {
    expect(epcUrnToDigitalLink('urn:epc:id:sgtin:0614141.10734.2017')).toBeNull(); // 12 digits, not 13
    expect(epcUrnToDigitalLink('urn:epc:id:sgtin:06141.1073466.2017')).toBeNull(); // prefix shorter than 6
    expect(epcUrnToDigitalLink('urn:epc:id:unknown:0614141.1.2')).toBeNull();
    expect(epcUrnToDigitalLink('https://id.gs1.org/01/10614141073464')).toBeNull();
    expect(digitalLinkToEpcUrn('https://example.com/products/123')).toBeNull();
    expect(digitalLinkToEpcUrn('https://id.gs1.org/01/10614141073464', 13)).toBeNull();
  });
});
