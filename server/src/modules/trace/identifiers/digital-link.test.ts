import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gs1CheckDigit, hasValidGs1CheckDigit } from './check-digit.ts';
import {
  type DigitalLinkOptions,
  DigitalLinkError,
  generateDigitalLink,
  generateDigitalLinkFromElementString,
  parseBracketedElementString,
  parseDigitalLink,
  parseDigitalLinkOrThrow,
} from './digital-link.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../../..');
const DIR = path.resolve(ROOT, '../shared/conformance/gs1-digital-link');
const hasConformance = fs.existsSync(DIR);
if (!hasConformance) console.warn(`[skip] GS1 Digital Link conformance vectors not found at ${DIR}`);

interface Vector {
  kind: 'parse' | 'generate';
  should_succeed: boolean;
  input_uri?: string | null;
  input_element_string?: string;
  expected_element_string?: string | null;
  expected_uri?: string | null;
  stem?: string | null;
  options: {
    permitConvenienceAlphas: boolean;
    permitZeroSuppressedGTINinDLuris: boolean;
    permitUnknownAIs: boolean;
    validate_UNKNOWN_AI_NOT_DL_ATTR: boolean;
  };
}

function load<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as T;
}

function toOptions(o: Vector['options']): DigitalLinkOptions {
  return {
    permitConvenienceAlphas: o.permitConvenienceAlphas,
    permitZeroSuppressedGTINinDLuris: o.permitZeroSuppressedGTINinDLuris,
    permitUnknownAIs: o.permitUnknownAIs,
    validateUnknownAiNotDlAttr: o.validate_UNKNOWN_AI_NOT_DL_ATTR,
  };
}

describe.skipIf(!hasConformance)(
  'GS1 Digital Link vectors (gs1-syntax-engine dl.c; needs ../shared/conformance)',
  () => {
    const vectors = hasConformance ? load<Vector[]>('gs1-dl-vectors.json') : [];

    it('has the 140 vectors', () => {
      expect(vectors).toHaveLength(140);
    });

    const parse = vectors.filter((v) => v.kind === 'parse');
    it.each(parse.map((v, i) => [i, v.input_uri ?? '', v] as const))('parse #%i %s', (_i, uri, v) => {
      const r = parseDigitalLink(uri, toOptions(v.options));
      if (v.should_succeed) {
        expect(r.ok ? r.value.elementString : r.error.message).toBe(v.expected_element_string);
      } else {
        expect(r.ok ? r.value.elementString : 'rejected').toBe('rejected');
        if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
      }
    });

    const generate = vectors.filter((v) => v.kind === 'generate');
    it.each(generate.map((v, i) => [i, v.input_element_string ?? '', v] as const))(
      'generate #%i %s',
      (_i, input, v) => {
        const r = generateDigitalLinkFromElementString(input, { ...toOptions(v.options), stem: v.stem ?? null });
        if (v.should_succeed) expect(r.ok ? r.value : r.error.message).toBe(v.expected_uri);
        else expect(r.ok ? r.value : 'rejected').toBe('rejected');
      },
    );

    it('every successful generate parses back to the same AIs', () => {
      for (const v of generate.filter((g) => g.should_succeed)) {
        const uri = v.expected_uri!;
        const back = parseDigitalLink(uri, toOptions(v.options));
        expect(back.ok, uri).toBe(true);
        const input = parseBracketedElementString(v.input_element_string!);
        if (!back.ok || !input.ok) continue;
        const want = new Map(input.value.map((a) => [a.ai, a.value]));
        expect(new Map(back.value.ais.map((a) => [a.ai, a.value]))).toEqual(want);
      }
    });
  },
);

describe.skipIf(!hasConformance)('GS1 check digit vectors (lint_csum.c; needs ../shared/conformance)', () => {
  const file = hasConformance
    ? load<{ vectors: { data: string; valid: boolean; expected_check_digit: number }[] }>('gs1-checkdigit-vectors.json')
    : { vectors: [] };
  it.each(file.vectors.map((v) => [v.data, v] as const))('%s', (data, v) => {
    expect(gs1CheckDigit(data.slice(0, -1))).toBe(v.expected_check_digit);
    expect(hasValidGs1CheckDigit(data)).toBe(v.valid);
  });
});

describe('parseDigitalLink (worked examples)', () => {
  it('returns stem, primary key, AIs and element string', () => {
    const r = parseDigitalLinkOrThrow('https://example.com/t/01/09520123456788/10/AB%2FC?17=261231&3103=000500');
    expect(r.stem).toBe('https://example.com/t');
    expect(r.primaryKey).toEqual({ ai: '01', value: '09520123456788', inPath: true });
    expect(r.ais).toEqual([
      { ai: '01', value: '09520123456788', inPath: true },
      { ai: '10', value: 'AB/C', inPath: true },
      { ai: '17', value: '261231', inPath: false },
      { ai: '3103', value: '000500', inPath: false },
    ]);
    expect(r.elementString).toBe('^010952012345678810AB/C^172612313103000500');
  });

  it.each([
    ['HtTp://a/01/09520123456788', 'scheme', 0],
    ['https://a/01/09520123456789', 'check_digit', 13],
    ['https://a/01/9520123456788', 'value_format', 13],
    ['https://a/01/09520123456788/21/X/10/Y', 'qualifier_order', 9],
    ['https://a/01/09520123456788?10=', 'empty_value', 31],
    ['https://a/01/09520123456788?10=A', 'belongs_in_path', 28],
    ['https://a/01/09520123456788?17=261340', 'value_format', 31],
  ])('rejects %s with %s at %i', (uri, code, position) => {
    const r = parseDigitalLink(uri);
    expect(r.ok ? null : { code: r.error.code, position: r.error.position }).toEqual({ code, position });
  });

  it('throws a DigitalLinkError with a Chinese and English message', () => {
    expect(() => parseDigitalLinkOrThrow('https://a/01/09520123456789')).toThrowError(DigitalLinkError);
    expect(() => parseDigitalLinkOrThrow('https://a/01/09520123456789')).toThrow(
      'AI (01) 的校验位错误 / AI (01) check digit is wrong',
    );
  });

  it('checks AI pairing rules (a serial needs a GTIN or ITIP)', () => {
    const r = parseDigitalLink('https://a/414/9520123456788?21=X');
    expect(r.ok ? null : r.error.code).toBe('association');
  });
});

describe('generateDigitalLink', () => {
  it('puts the GTIN, lot and serial in the path and escapes values', () => {
    const r = generateDigitalLink(
      [
        { ai: '01', value: '09520123456788' },
        { ai: '21', value: 'S+1' },
        { ai: '10', value: '2026/01' },
        { ai: '17', value: '261231' },
        { ai: '99', value: 'A+B' },
      ],
      { stem: 'https://trace.example.cn/' },
    );
    expect(r).toEqual({
      ok: true,
      value: 'https://trace.example.cn/01/09520123456788/10/2026%2F01/21/S%2B1?17=261231&99=A%2BB',
    });
  });

  it('rejects a bad check digit and element strings without a primary key', () => {
    expect(generateDigitalLink([{ ai: '01', value: '09520123456789' }]).ok).toBe(false);
    expect(generateDigitalLinkFromElementString('(10)ABC').ok).toBe(false);
    expect(parseBracketedElementString('01)123').ok).toBe(false);
  });
});
