import { describe, expect, it } from 'vitest';
import { CROCKFORD, issueTraceCode, mod3736CheckChar, parseTraceCode } from './trace-code.ts';

describe('trace codes', () => {
  it('issues 80 random bits in Crockford base-32 with the county code and year visible', () => {
    const code = issueTraceCode('150121', 2026, Buffer.alloc(10, 0xff));
    expect(code).toBe(`150121-26-ZZZZZZZZZZZZZZZZ-${mod3736CheckChar('15012126ZZZZZZZZZZZZZZZZ')}`);
    const random = issueTraceCode('152502', 2026);
    expect(random).toMatch(/^152502-26-[0-9A-HJKMNP-TV-Z]{16}-[0-9A-Z]$/);
    expect(parseTraceCode(random)).toEqual({
      ok: true,
      value: { code: random, countyCode: '152502', year: '26' },
    });
  });

  it('accepts lower case, missing hyphens and Crockford look-alikes', () => {
    const code = issueTraceCode('150430', 2025, Buffer.from('00112233445566778899', 'hex'));
    const res = parseTraceCode(code.toLowerCase().replace(/-/g, ''));
    expect(res.ok && res.value.code).toBe(code);
    const withO = code.replace(/0/g, 'O').replace(/^15O43O-25/, '150430-25');
    const folded = parseTraceCode(withO);
    expect(folded.ok && folded.value.code).toBe(code);
  });

  it.each([
    ['', '格式'],
    ['150121-26-ABC-1', '格式'],
    ['15012a-26-ZZZZZZZZZZZZZZZZ-1', '格式'],
    ['150121-26-UUUUUUUUUUUUUUUU-1', '无效字符'],
  ])('rejects %j', (input, msg) => {
    const res = parseTraceCode(input);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.message).toContain(msg);
  });

  it('catches every single substitution and adjacent transposition of a code', () => {
    const code = issueTraceCode('150521', 2026, Buffer.from('a1b2c3d4e5f60718293a', 'hex'));
    const chars = code.replace(/-/g, '');
    let tried = 0;
    for (let i = 6 + 2; i < chars.length - 1; i++) {
      for (const c of CROCKFORD) {
        if (c === chars[i]) continue;
        const bad = chars.slice(0, i) + c + chars.slice(i + 1);
        expect(parseTraceCode(bad).ok).toBe(false);
        tried++;
      }
      const a = chars[i] ?? '';
      const b = chars[i + 1] ?? '';
      if (a !== b && i + 1 < chars.length - 1) {
        const swapped = chars.slice(0, i) + b + a + chars.slice(i + 2);
        expect(parseTraceCode(swapped).ok).toBe(false);
      }
    }
    expect(tried).toBe(16 * 31);
  });

  it('100,000 random well-formed guesses hit none of 10,000 issued codes', () => {
    const issued = new Set<string>();
    for (let i = 0; i < 10_000; i++) issued.add(issueTraceCode('150121', 2026));
    let wellFormed = 0;
    let hits = 0;
    for (let i = 0; i < 100_000; i++) {
      // A guesser who knows the format: right county and year, a random body, the right check character.
      const guess = issueTraceCode('150121', 2026);
      if (parseTraceCode(guess).ok) wellFormed++;
      if (issued.has(guess)) hits++;
    }
    expect(wellFormed).toBe(100_000);
    expect(hits).toBe(0);
  });
});
