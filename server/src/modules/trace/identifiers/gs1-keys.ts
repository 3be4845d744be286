/**
 * GS1 identification keys the catalogue stores: GTIN-8/12/13/14 (normalised to GTIN-14), GLN (13 digits), SSCC
 * (18 digits) and the GS1 company prefix (4-12 digits; China's prefixes 690-699 are issued by 中国物品编码中心).
 * Rules from the GS1 General Specifications (section 3.2 key formats, 7.9 check digit). Pure.
 */
import { hasValidGs1CheckDigit } from './check-digit.ts';

export type Gs1KeyResult = { ok: true; value: string } | { ok: false; message: string };

function digitsOnly(input: string): string {
  return input.replace(/[\s-]/g, '');
}

function checkKey(input: string, lengths: readonly number[], zh: string, en: string): Gs1KeyResult {
  const key = digitsOnly(input);
  if (!/^\d+$/.test(key)) return { ok: false, message: `${zh}只能包含数字 / a ${en} has digits only` };
  if (!lengths.includes(key.length)) {
    const want = lengths.join('、');
    return {
      ok: false,
      message: `${zh}应为 ${want} 位数字，实际 ${key.length} 位 / a ${en} has ${lengths.join(', ')} digits, got ${key.length}`,
    };
  }
  if (!hasValidGs1CheckDigit(key)) return { ok: false, message: `${zh}校验位错误 / ${en} check digit is wrong` };
  return { ok: true, value: key };
}

/** Validates a GTIN-8, -12, -13 or -14 and returns it as GTIN-14 (left-padded with zeros). */
export function validateGtin(input: string): Gs1KeyResult {
  const r = checkKey(input, [8, 12, 13, 14], '商品条码（GTIN）', 'GTIN');
  return r.ok ? { ok: true, value: r.value.padStart(14, '0') } : r;
}

/** Validates a GLN (global location number, 13 digits). */
export function validateGln(input: string): Gs1KeyResult {
  return checkKey(input, [13], '参与方位置编码（GLN）', 'GLN');
}

/** Validates an SSCC (serial shipping container code, 18 digits). */
export function validateSscc(input: string): Gs1KeyResult {
  return checkKey(input, [18], '系列货运包装箱代码（SSCC）', 'SSCC');
}

/** Validates a GS1 company prefix (4-12 digits, no check digit). */
export function validateGs1CompanyPrefix(input: string): Gs1KeyResult {
  const prefix = digitsOnly(input);
  if (!/^\d{4,12}$/.test(prefix)) {
    return { ok: false, message: '厂商识别代码应为 4-12 位数字 / a GS1 company prefix has 4-12 digits' };
  }
  return { ok: true, value: prefix };
}

/** Whether a GTIN-14 (or SGTIN-style key) falls under a company prefix: indicator digit, then the prefix. */
export function gtinHasCompanyPrefix(gtin14: string, companyPrefix: string): boolean {
  return gtin14.length === 14 && gtin14.slice(1, 1 + companyPrefix.length) === companyPrefix;
}
