import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** Encrypts personal data at rest (AES-256-GCM) and derives lookup HMACs, from one configured secret. */
export interface Vault {
  encrypt(plain: string): string;
  decrypt(token: string): string;
  /** Deterministic keyed hash for uniqueness and lookup without decrypting. */
  lookupHash(value: string): string;
}

function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'qixian', purpose, 32));
}

export function createVault(secret: string): Vault {
  const encKey = deriveKey(secret, 'pi-encryption-v1');
  const macKey = deriveKey(secret, 'pi-lookup-v1');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${data.toString('base64url')}`;
    },
    decrypt(token) {
      const [v, iv, tag, data] = token.split('.');
      if (v !== 'v1' || !iv || !tag || data === undefined) throw new Error('unknown ciphertext format');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    },
    lookupHash(value) {
      return createHmac('sha256', macKey).update(value).digest('hex');
    },
  };
}
