/**
 * The GS1 mod-10 check digit (GTIN, GLN, SSCC, GSRN …): weights 3 and 1 alternate from the rightmost data digit.
 * Pure; shared by the Digital Link parser, the EPC URN translation and the catalogue's GTIN/GLN validation.
 */

/** The check digit for `digits` (the key without its check digit). Throws on a non-digit. */
export function gs1CheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new Error(`GS1 check digit needs digits only: ${JSON.stringify(digits)}`);
  let sum = 0;
  for (let i = digits.length - 1, w = 3; i >= 0; i--, w = 4 - w) sum += (digits.charCodeAt(i) - 48) * w;
  return (10 - (sum % 10)) % 10;
}

/** Whether the last digit of `key` is the GS1 check digit of the rest. */
export function hasValidGs1CheckDigit(key: string): boolean {
  return /^\d{2,}$/.test(key) && gs1CheckDigit(key.slice(0, -1)) === key.charCodeAt(key.length - 1) - 48;
}
