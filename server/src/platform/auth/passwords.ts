import { randomInt } from 'node:crypto';
import { hash, verify, type Options } from '@node-rs/argon2';

/** argon2id, OWASP-recommended parameters (19 MiB, 2 passes). */
// algorithm 2 = Argon2id (a const enum in the typings, not importable under isolatedModules).
const OPTIONS: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/** Verifies a password; with no hash, verifies against a dummy so unknown users cost the same time. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    dummyHash ??= hash('qixian-dummy-password', OPTIONS);
    await verify(await dummyHash, password);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

export type PasswordProfile = 'dengbao' | 'asvs';

/**
 * Password rules as a switchable profile. 等保 (default): at least 10 characters from at least three of upper case,
 * lower case, digits and symbols. ASVS 5.0: at least 12 characters, no composition rules.
 * Returns Chinese messages of what is missing; empty when acceptable.
 */
export function checkPasswordPolicy(
  password: string,
  profile: PasswordProfile = 'dengbao',
  username?: string,
): string[] {
  const problems: string[] = [];
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('密码不能包含用户名');
  if (profile === 'asvs') {
    if ([...password].length < 12) problems.push('密码至少 12 个字符');
    return problems;
  }
  if ([...password].length < 10) problems.push('密码至少 10 个字符');
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('密码须包含大写字母、小写字母、数字、符号中的至少三类');
  return problems;
}

/** Letters and digits that cannot be mistaken for each other when read out or copied by hand (no 0/O, 1/l/I). */
const TEMP_UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const TEMP_LOWER = 'abcdefghijkmnopqrstuvwxyz';
const TEMP_DIGITS = '23456789';
const TEMP_SYMBOLS = '#%+=@';

/**
 * A one-time password for an administrator's reset: 16 characters from an unambiguous alphabet (about 95 bits), with
 * at least one of each class so it meets both policy profiles, never containing the username. Drawn with
 * crypto.randomInt (no modulo bias).
 */
export function generateTemporaryPassword(username = ''): string {
  const all = TEMP_UPPER + TEMP_LOWER + TEMP_DIGITS + TEMP_SYMBOLS;
  const pick = (set: string): string => set[randomInt(set.length)] ?? '';
  for (;;) {
    const chars = [pick(TEMP_UPPER), pick(TEMP_LOWER), pick(TEMP_DIGITS), pick(TEMP_SYMBOLS)];
    while (chars.length < 16) chars.push(pick(all));
    // Fisher-Yates, so the guaranteed classes do not sit at fixed positions.
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
    }
    const password = chars.join('');
    if (checkPasswordPolicy(password, 'dengbao', username).length === 0) return password;
  }
}
