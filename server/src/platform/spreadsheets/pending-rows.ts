/**
 * Validated rows waiting for commit, encrypted at rest (they may carry phones, ID numbers, initial passwords). They
 * are sealed in chunks of CHUNK rows, one vault token per line, so that sealing 100,000 rows never builds the JSON of
 * all of them at once; a single token (what was stored before chunking) still opens.
 */
import type { Vault } from '../crypto/secrets.ts';
import type { ValidRow } from './sheet.ts';

const CHUNK = 5000;

export function sealRows(vault: Vault, rows: readonly ValidRow<unknown>[]): string {
  const tokens: string[] = [];
  for (let i = 0; i < rows.length || i === 0; i += CHUNK)
    tokens.push(vault.encrypt(JSON.stringify(rows.slice(i, i + CHUNK))));
  return tokens.join('\n');
}

export function openRows(vault: Vault, sealed: string): ValidRow<unknown>[] {
  const rows: ValidRow<unknown>[] = [];
  for (const token of sealed.split('\n'))
    for (const r of JSON.parse(vault.decrypt(token)) as ValidRow<unknown>[]) rows.push(r);
  return rows;
}
