import { describe, expect, it } from 'vitest';
import { canonicalIdentifier, canonicalTimestamp, canonicalValue } from './canonical-value.ts';

describe('canonicalTimestamp', () => {
  it.each([
    ['2022-02-16T20:33:31.116000-06:00', '2022-02-17T02:33:31.116Z'],
    ['2019-10-21T14:45:00Z', '2019-10-21T14:45:00.000Z'],
    ['2023-02-02T11:04:03.1415Z', '2023-02-02T11:04:03.142Z'], // 141.5 ms -> 142 (half to even)
    ['2023-02-02T11:04:03.1425Z', '2023-02-02T11:04:03.142Z'], // 142.5 ms -> 142 (half to even)
    ['2023-02-02T11:04:03.14251Z', '2023-02-02T11:04:03.143Z'],
    ['2023-12-31T23:59:59.9996Z', '2024-01-01T00:00:00.000Z'], // rounding carries into the next second
    ['2026-05-01T08:30:00+0800', '2026-05-01T00:30:00.000Z'],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalTimestamp(input)).toBe(expected);
  });

  it('leaves text that is no ISO 8601 date-time unchanged', () => {
    expect(canonicalTimestamp('yesterday')).toBe('yesterday');
    expect(canonicalTimestamp('2026-13-01T00:00:00Z')).toBe('2026-13-01T00:00:00Z');
  });
});

describe('canonicalValue', () => {
  it.each([
    ['26', '26'],
    ['26.0', '26'],
    ['+0.50', '0.5'],
    ['1e3', '1000'],
    ['0.00001', '1e-05'],
    ['12345678901234567890', '12345678901234567168'], // as a double, printed exactly like the reference
    ['urn:epcglobal:cbv:disp:in_transit', 'https://ref.gs1.org/cbv/Disp-in_transit'],
    ['urn:epc:id:sgln:0614141.07346.0', 'https://id.gs1.org/414/0614141073467'],
    ['https://example.com/gtin/9780345418913/lot/A1/ser/42?linkType=all', 'https://id.gs1.org/01/09780345418913/21/42'],
    ['https://id.gs1.org/01/09780345418913/22/2A/10/L1', 'https://id.gs1.org/01/09780345418913/10/L1'],
    ['geo:50.9475,6.9221', 'geo:50.9475,6.9221'],
    ['CEL', 'CEL'],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalValue(input)).toBe(expected);
  });

  it('keeps Digital Links it cannot constrain (percent-escapes, unknown keys) as they are', () => {
    expect(canonicalIdentifier('https://id.gs1.org/01/09780345418913/21/a%2Fb')).toBeNull();
    expect(canonicalIdentifier('https://example.com/products/1234')).toBeNull();
  });
});
