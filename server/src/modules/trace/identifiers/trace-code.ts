/**
 * Platform trace codes (追溯码): `CCCCCC-YY-RRRRRRRRRRRRRRRR-K` — the 6-digit county code (visible on purpose: the
 * consumer and the regulator see where a batch comes from), the 2-digit issue year, 16 Crockford base-32 characters
 * (80 bits from crypto.randomBytes) and one check character. The check character is ISO 7064 MOD 37,36 (the hybrid
 * system for alphanumeric strings: it catches every single substitution and every adjacent transposition), computed
 * over the 24 characters without hyphens and written as 0-9A-Z. ASCII, printable, no I/L/O/U in the random part;
 * on input lower case is accepted and Crockford's look-alikes (O -> 0, I/L -> 1) are folded in the random part.
 * The parser rejects malformed codes and bad check characters before any database lookup.
 */
import { randomBytes } from 'node:crypto';

export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const M = 36;

/** The ISO 7064 MOD 37,36 check character of `chars` (each in 0-9A-Z). */
export function mod3736CheckChar(chars: string): string {
  let p = M;
  for (const ch of chars) {
    const v = ALNUM.indexOf(ch);
    if (v < 0) throw new Error(`not alphanumeric: ${ch}`);
    let s = (p + v) % M;
    if (s === 0) s = M;
    p = (s * 2) % (M + 1);
  }
  return ALNUM.charAt((((1 - p) % M) + M) % M);
}

/** Whether `chars` followed by its last character as check character verifies under MOD 37,36. */
function verifiesMod3736(withCheck: string): boolean {
  let p = M;
  let s = 0;
  for (const ch of withCheck) {
    const v = ALNUM.indexOf(ch);
    if (v < 0) return false;
    s = (p + v) % M;
    if (s === 0) s = M;
    p = (s * 2) % (M + 1);
  }
  return s === 1;
}

/** 16 Crockford base-32 characters carrying 80 random bits. */
export function randomCrockford80(bytes: Buffer = randomBytes(10)): string {
  let out = '';
  let acc = 0n;
  for (const b of bytes.subarray(0, 10)) acc = (acc << 8n) | BigInt(b);
  for (let i = 15; i >= 0; i--) out += CROCKFORD.charAt(Number((acc >> BigInt(i * 5)) & 31n));
  return out;
}

/** A new trace code for a batch of `countyCode` issued in `year` (e.g. 2026). */
export function issueTraceCode(countyCode: string, year: number, bytes?: Buffer): string {
  if (!/^\d{6}$/.test(countyCode)) throw new Error(`bad county code ${countyCode}`);
  const yy = String(year % 100).padStart(2, '0');
  const random = randomCrockford80(bytes);
  return `${countyCode}-${yy}-${random}-${mod3736CheckChar(countyCode + yy + random)}`;
}

export interface TraceCode {
  /** The canonical form (upper case, hyphens). */
  code: string;
  countyCode: string;
  year: string;
}

export type TraceCodeResult = { ok: true; value: TraceCode } | { ok: false; message: string };

const SHAPE = /^(\d{6})-?(\d{2})-?([0-9A-Z]{16})-?([0-9A-Z])$/;

/** Parses a trace code as printed or typed; rejects a bad shape or check character (no database needed). */
export function parseTraceCode(input: string): TraceCodeResult {
  const text = input.trim().toUpperCase();
  if (text.length > 40) return { ok: false, message: '追溯码过长 / trace code too long' };
  const m = SHAPE.exec(text);
  if (!m) return { ok: false, message: '追溯码格式不正确 / malformed trace code' };
  const [, county = '', yy = '', rawRandom = '', check = ''] = m;
  const random = rawRandom.replace(/O/g, '0').replace(/[IL]/g, '1');
  if ([...random].some((c) => !CROCKFORD.includes(c)))
    return { ok: false, message: '追溯码含有无效字符 / invalid character in trace code' };
  if (!verifiesMod3736(county + yy + random + check))
    return { ok: false, message: '追溯码校验位错误 / trace code check character is wrong' };
  return { ok: true, value: { code: `${county}-${yy}-${random}-${check}`, countyCode: county, year: yy } };
}
