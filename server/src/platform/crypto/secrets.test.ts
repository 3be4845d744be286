import { describe, expect, it } from 'vitest';
import { createVault } from './secrets.ts';

const SECRET = 'test-secret-0123456789abcdef-0123456789abcdef';

/** Flips one bit of a base64url segment and re-encodes it. */
function flipBit(segment: string, byte = 0, bit = 0): string {
  const buf = Buffer.from(segment, 'base64url');
  buf[byte % buf.length]! ^= 1 << bit;
  return buf.toString('base64url');
}

describe('vault: AES-256-GCM at rest', () => {
  const vault = createVault(SECRET);

  it.each([
    ['a phone number', '13812345678'],
    ['an ID number', '11010519491231002X'],
    ['Chinese text', '呼和浩特市新城区 内蒙古'],
    ['emoji and astral characters', '𠀀🐎 马'],
    ['the empty string', ''],
    ['a long value', 'x'.repeat(10_000)],
  ])('round-trips %s', (_label, plain) => {
    const token = vault.encrypt(plain);
    expect(token.startsWith('v1.')).toBe(true);
    if (plain.length > 0) expect(token).not.toContain(plain);
    expect(vault.decrypt(token)).toBe(plain);
  });

  it('uses a fresh IV each time: equal plaintexts give different ciphertexts', () => {
    const a = vault.encrypt('13812345678');
    const b = vault.encrypt('13812345678');
    expect(a).not.toBe(b);
    expect(a.split('.')[1]).not.toBe(b.split('.')[1]);
    expect(vault.decrypt(a)).toBe(vault.decrypt(b));
  });

  it('decrypts with a second vault built from the same secret', () => {
    expect(createVault(SECRET).decrypt(vault.encrypt('13812345678'))).toBe('13812345678');
  });

  it('refuses a ciphertext made under another secret', () => {
    const other = createVault(`${SECRET}-other`);
    expect(() => other.decrypt(vault.encrypt('13812345678'))).toThrow();
  });

  it.each([
    ['IV', 1],
    ['auth tag', 2],
    ['ciphertext', 3],
  ])('detects a flipped bit in the %s (every bit of the first bytes)', (_label, part) => {
    const token = vault.encrypt('11010519491231002X');
    const parts = token.split('.');
    const len = Buffer.from(parts[part]!, 'base64url').length;
    let tried = 0;
    for (let byte = 0; byte < Math.min(len, 12); byte++) {
      for (let bit = 0; bit < 8; bit++) {
        const tampered = [...parts];
        tampered[part] = flipBit(parts[part]!, byte, bit);
        expect(() => vault.decrypt(tampered.join('.')), `byte ${byte} bit ${bit}`).toThrow();
        tried++;
      }
    }
    expect(tried).toBeGreaterThanOrEqual(96);
  });

  it('detects truncated, extended and swapped ciphertexts', () => {
    const a = vault.encrypt('13812345678').split('.');
    const b = vault.encrypt('13987654321').split('.');
    const data = Buffer.from(a[3]!, 'base64url');
    expect(() =>
      vault.decrypt([a[0], a[1], a[2], data.subarray(0, data.length - 1).toString('base64url')].join('.')),
    ).toThrow();
    expect(() =>
      vault.decrypt([a[0], a[1], a[2], Buffer.concat([data, Buffer.from([0])]).toString('base64url')].join('.')),
    ).toThrow();
    // Tag of one message with the body of another.
    expect(() => vault.decrypt([a[0], a[1], b[2], a[3]].join('.'))).toThrow();
    expect(() => vault.decrypt([a[0], b[1], a[2], a[3]].join('.'))).toThrow();
  });

  it.each([
    ['unknown version', (t: string) => t.replace(/^v1\./, 'v2.')],
    ['missing part', (t: string) => t.split('.').slice(0, 3).join('.')],
    ['plain text', () => '13812345678'],
    ['empty', () => ''],
  ])('rejects a malformed token: %s', (_label, mutate) => {
    expect(() => vault.decrypt(mutate(vault.encrypt('13812345678')))).toThrow();
  });
});

describe('vault: lookup hash', () => {
  const vault = createVault(SECRET);

  it('is deterministic, hex, 64 characters', () => {
    const h = vault.lookupHash('13812345678');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(vault.lookupHash('13812345678')).toBe(h);
    expect(createVault(SECRET).lookupHash('13812345678')).toBe(h);
  });

  it('depends on the value', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(vault.lookupHash(`138${String(i).padStart(8, '0')}`));
    expect(seen.size).toBe(200);
  });

  it('depends on the key and is not a bare hash of the value', async () => {
    const { createHash } = await import('node:crypto');
    const h = vault.lookupHash('13812345678');
    expect(createVault(`${SECRET}x`).lookupHash('13812345678')).not.toBe(h);
    expect(createHash('sha256').update('13812345678').digest('hex')).not.toBe(h);
  });

  it('is separate from the encryption key: the hash does not appear in ciphertexts', () => {
    const h = vault.lookupHash('13812345678');
    expect(vault.encrypt('13812345678')).not.toContain(h);
  });
});
