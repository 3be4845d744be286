import { describe, expect, it } from 'vitest';
import {
  idNumberCheckChar,
  isValidIdNumber,
  isValidMobile,
  isValidUscc,
  maskIdNumber,
  maskPhone,
  usccCheckChar,
} from './identifiers.ts';

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * Published 统一社会信用代码 of well-known companies (business licences / annual reports). Each was checked against the
 * GB 32100-2015 algorithm before being kept; 911500001140209012 was a candidate too but its check character does
 * not validate (the algorithm gives T), so it is not used as a real code.
 */
const REAL_USCC: { code: string; name: string }[] = [
  { code: '91440300708461136T', name: '深圳市腾讯计算机系统有限公司' },
  { code: '914403001922038216', name: '华为技术有限公司' },
  { code: '91110000802100433B', name: '北京百度网讯科技有限公司' },
  { code: '91110108558521630L', name: '小米通讯技术有限公司' },
  { code: '91330100716105852F', name: '阿里巴巴(中国)有限公司' },
];

function replaceAt(s: string, i: number, c: string): string {
  return s.slice(0, i) + c + s.slice(i + 1);
}

describe('GB 32100 统一社会信用代码', () => {
  it.each(REAL_USCC)('accepts the published code of $name ($code)', ({ code }) => {
    expect(isValidUscc(code)).toBe(true);
    expect(usccCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
  });

  it('rejects the candidate 911500001140209012, whose check character does not fit', () => {
    expect(isValidUscc('911500001140209012')).toBe(false);
    expect(usccCheckChar('91150000114020901')).toBe('T');
  });

  it.each(REAL_USCC)('rejects every other check character for $code', ({ code }) => {
    const body = code.slice(0, 17);
    const others = [...USCC_CHARSET, ...'IOSVZ', ...'abcdefxyz'].filter((c) => c !== code.charAt(17));
    expect(others.length).toBeGreaterThanOrEqual(30);
    for (const c of others) expect(isValidUscc(body + c), `${body}${c}`).toBe(false);
  });

  it.each(REAL_USCC)('rejects every single-character substitution anywhere in $code', ({ code }) => {
    let tried = 0;
    for (let i = 0; i < 18; i++) {
      for (const c of USCC_CHARSET) {
        if (c === code.charAt(i)) continue;
        tried++;
        expect(isValidUscc(replaceAt(code, i, c)), `position ${i} -> ${c}`).toBe(false);
      }
    }
    expect(tried).toBe(18 * 30);
  });

  it.each(REAL_USCC)('rejects every adjacent transposition of different characters in $code', ({ code }) => {
    for (let i = 0; i < 17; i++) {
      const a = code.charAt(i);
      const b = code.charAt(i + 1);
      if (a === b) continue;
      const swapped = code.slice(0, i) + b + a + code.slice(i + 2);
      expect(isValidUscc(swapped), `swap ${i}/${i + 1}`).toBe(false);
    }
  });

  it.each([
    ['empty', ''],
    ['17 characters', '91440300708461136'],
    ['19 characters', '91440300708461136T0'],
    ['lower case check character', '91440300708461136t'],
    ['letter I (not in the charset)', '91440300708461136I'],
    ['letter O', '9144030070846113OT'],
    ['letter in the division code part', '9144A300708461136T'],
    ['space', '91440300708461136 '],
    ['full-width digit', '９1440300708461136T'],
  ])('rejects malformed input: %s', (_label, code) => {
    expect(isValidUscc(code)).toBe(false);
  });

  it('computes the check character for constructed codes and returns null on invalid characters', () => {
    const body = '91150102MA0N12345';
    const check = usccCheckChar(body);
    expect(check).not.toBeNull();
    expect(isValidUscc(`${body}${check}`)).toBe(true);
    expect(usccCheckChar('91150102MA0N1234I')).toBeNull();
    expect(usccCheckChar('91150102MA0N1234')).toBeNull();
  });
});

describe('GB 11643 公民身份号码', () => {
  it.each([
    ['11010519491231002X', 'the standard’s first example (check X)'],
    ['440524188001010014', 'the standard’s second example (born 1880)'],
  ])('accepts %s — %s', (id) => {
    expect(isValidIdNumber(id)).toBe(true);
    expect(idNumberCheckChar(id.slice(0, 17))).toBe(id.charAt(17));
  });

  it.each(['11010519491231002X', '440524188001010014'])('rejects every other check character for %s', (id) => {
    for (const c of '0123456789X') {
      if (c === id.charAt(17)) continue;
      expect(isValidIdNumber(id.slice(0, 17) + c), c).toBe(false);
    }
  });

  it.each(['11010519491231002X', '440524188001010014'])(
    'rejects every single-digit substitution in the first 17 of %s',
    (id) => {
      for (let i = 0; i < 17; i++) {
        for (const c of '0123456789') {
          if (c === id.charAt(i)) continue;
          const mutated = replaceAt(id, i, c);
          // A substituted date digit may also make the date impossible; either way it must fail.
          expect(isValidIdNumber(mutated), `position ${i} -> ${c}`).toBe(false);
        }
      }
    },
  );

  /** An ID with the given birth date and a check character that fits, so only the date can make it fail. */
  function withDate(yyyymmdd: string): string {
    const body = `110105${yyyymmdd}002`;
    return body + idNumberCheckChar(body);
  }

  it.each([
    ['19490230', '30 February'],
    ['19490229', '29 February of a common year'],
    ['19000229', '29 February 1900 (not a leap year)'],
    ['19491301', 'month 13'],
    ['19490001', 'month 00'],
    ['19490100', 'day 00'],
    ['19490132', 'day 32'],
    ['20230431', '31 April'],
    ['17991231', 'before 1800'],
  ])('rejects the impossible birth date %s (%s) even with a fitting check character', (date) => {
    expect(isValidIdNumber(withDate(date))).toBe(false);
  });

  it.each(['20000229', '19840229', '19491231', '20240101'])(
    'accepts the real birth date %s with a fitting check character',
    (date) => {
      expect(isValidIdNumber(withDate(date))).toBe(true);
    },
  );

  it.each([
    ['empty', ''],
    ['15-digit old format', '110105491231002'],
    ['17 characters', '11010519491231002'],
    ['19 characters', '11010519491231002X0'],
    ['X inside the body', '1101051949123100X2'],
    ['letter check other than X', '11010519491231002Y'],
  ])('rejects malformed input: %s', (_label, id) => {
    expect(isValidIdNumber(id)).toBe(false);
  });
});

describe('mobile numbers', () => {
  it.each([
    ['13812345678', true],
    ['19912345678', true],
    ['15012345678', true],
    ['12812345678', false],
    ['10012345678', false],
    ['1381234567', false],
    ['138123456789', false],
    ['+8613812345678', false],
    ['1381234567a', false],
  ])('%s -> %s', (phone, ok) => {
    expect(isValidMobile(phone)).toBe(ok);
  });
});

describe('masking', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['19900001111', '199****1111'],
    ['123456', '****'],
    ['', '****'],
  ])('maskPhone(%s) = %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it.each([
    ['11010519491231002X', '1101**********002X'],
    ['440524188001010014', '4405**********0014'],
    ['110105491231002', '****'],
    ['', '****'],
  ])('maskIdNumber(%s) = %s', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });

  it('never leaves the birth date or the middle digits of an ID number visible', () => {
    const masked = maskIdNumber('11010519491231002X');
    expect(masked).not.toContain('19491231');
    expect(masked).toHaveLength(18);
    expect(masked.slice(4, 14)).toBe('*'.repeat(10));
  });

  it('never leaves the middle four digits of a phone number visible', () => {
    const masked = maskPhone('13899997777');
    expect(masked).not.toContain('9999');
    expect(masked).not.toContain('13899997777');
  });
});
