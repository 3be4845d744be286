import { describe, expect, it } from 'vitest';
import { parseCsv, parseNumber } from './csv.test-helper.ts';

describe('parseCsv (RFC 4180 test helper)', () => {
  it.each([
    [
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a,b\r\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['x,"Hong Kong, China (SAR)",1', [['x', 'Hong Kong, China (SAR)', '1']]],
    ['"say ""hi""",2', [['say "hi"', '2']]],
    ['"two\nlines",3\n', [['two\nlines', '3']]],
    ['a,,NA\n', [['a', '', 'NA']]],
    ['\uFEFFa\n', [['a']]],
  ])('%j', (text, want) => {
    expect(parseCsv(text)).toEqual(want);
  });

  it.each([
    ['NA', null],
    ['', null],
    ['1.5e-3', 0.0015],
    ['-2', -2],
  ])('parseNumber(%j) = %j', (cell, want) => {
    expect(parseNumber(cell)).toBe(want);
  });

  it('rejects a non-numeric cell', () => {
    expect(() => parseNumber('abc')).toThrow(/abc/);
  });
});
