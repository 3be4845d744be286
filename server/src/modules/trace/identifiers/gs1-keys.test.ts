import { describe, expect, it } from 'vitest';
import { gtinHasCompanyPrefix, validateGln, validateGs1CompanyPrefix, validateGtin, validateSscc } from './gs1-keys.ts';

describe('validateGtin', () => {
  it.each([
    ['02345673', '00000002345673'],
    ['416000336108', '00416000336108'],
    ['6901234567892', '06901234567892'],
    ['1234567890128', '01234567890128'],
    ['12345678901231', '12345678901231'],
    ['6 901234-567892', '06901234567892'],
  ])('accepts %s as %s', (input, gtin14) => {
    expect(validateGtin(input)).toEqual({ ok: true, value: gtin14 });
  });

  it.each([
    ['12345673', '校验位错误'],
    ['1234567890129', '校验位错误'],
    ['123456789', '应为 8、12、13、14 位'],
    ['1234567A90128', '只能包含数字'],
  ])('rejects %s', (input, fragment) => {
    const r = validateGtin(input);
    expect(r.ok ? '' : r.message).toContain(fragment);
  });
});

describe('GLN, SSCC, company prefix', () => {
  it('validates a GLN', () => {
    expect(validateGln('9520123456788')).toEqual({ ok: true, value: '9520123456788' });
    expect(validateGln('9520123456789').ok).toBe(false);
    expect(validateGln('952012345678').ok).toBe(false);
  });
  it('validates an SSCC', () => {
    expect(validateSscc('006141411234567890')).toEqual({ ok: true, value: '006141411234567890' });
    expect(validateSscc('006141411234567891').ok).toBe(false);
  });
  it('validates a company prefix', () => {
    expect(validateGs1CompanyPrefix('0614141')).toEqual({ ok: true, value: '0614141' });
    expect(validateGs1CompanyPrefix('123').ok).toBe(false);
    expect(validateGs1CompanyPrefix('1234567890123').ok).toBe(false);
  });
  it('tells whether a GTIN-14 is under a prefix', () => {
    expect(gtinHasCompanyPrefix('10614141123456', '0614141')).toBe(true);
    expect(gtinHasCompanyPrefix('19520123456788', '0614141')).toBe(false);
  });
});
