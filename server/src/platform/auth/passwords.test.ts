import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, generateTemporaryPassword, hashPassword, verifyPassword } from './passwords.ts';

describe('password policy: 等保 profile (default)', () => {
  it.each([
    ['Qixian#Test2026', 'four classes, 15 characters'],
    ['Abcdefgh12', 'upper, lower, digit; exactly 10'],
    ['abcdefgh1!', 'lower, digit, symbol'],
    ['ABCDEFGH1!', 'upper, digit, symbol'],
    ['Abcdefghi!', 'upper, lower, symbol'],
    ['密码Abcdefg12', 'Chinese counts as a symbol class character'],
  ])('accepts %s (%s)', (pw) => {
    expect(checkPasswordPolicy(pw)).toEqual([]);
    expect(checkPasswordPolicy(pw, 'dengbao')).toEqual([]);
  });

  it.each([
    ['Abcdef12!', ['密码至少 10 个字符']],
    ['abcdefghijkl', ['密码须包含大写字母、小写字母、数字、符号中的至少三类']],
    ['abcdefgh12', ['密码须包含大写字母、小写字母、数字、符号中的至少三类']],
    ['ABCDEFGH!!', ['密码须包含大写字母、小写字母、数字、符号中的至少三类']],
    ['12345678901', ['密码须包含大写字母、小写字母、数字、符号中的至少三类']],
    ['abc', ['密码至少 10 个字符', '密码须包含大写字母、小写字母、数字、符号中的至少三类']],
    ['', ['密码至少 10 个字符', '密码须包含大写字母、小写字母、数字、符号中的至少三类']],
  ])('rejects %s', (pw, problems) => {
    expect(checkPasswordPolicy(pw, 'dengbao')).toEqual(problems);
  });

  it('counts characters, not UTF-16 units', () => {
    // Nine astral characters are 18 UTF-16 units but still too short.
    expect(checkPasswordPolicy('𠀀𠀀𠀀Aa1𠀀𠀀𠀀', 'dengbao')).toContain('密码至少 10 个字符');
  });

  it('refuses a password containing the username, case-insensitively', () => {
    expect(checkPasswordPolicy('Officer1#Strong', 'dengbao', 'officer1')).toEqual(['密码不能包含用户名']);
    expect(checkPasswordPolicy('xxOFFICER1yy#Z', 'dengbao', 'officer1')).toEqual(['密码不能包含用户名']);
    expect(checkPasswordPolicy('Qixian#Test2026', 'dengbao', 'officer1')).toEqual([]);
  });
});

describe('password policy: ASVS 5.0 profile', () => {
  it.each(['aaaaaaaaaaaa', 'correct horse battery', '密码密码密码密码密码密码', 'Qixian#Test2026'])(
    'accepts %s (length only)',
    (pw) => {
      expect(checkPasswordPolicy(pw, 'asvs')).toEqual([]);
    },
  );

  it.each(['aaaaaaaaaaa', 'Abcdef12!xy', '密码密码密码密码密码', ''])('rejects %s (under 12 characters)', (pw) => {
    expect(checkPasswordPolicy(pw, 'asvs')).toEqual(['密码至少 12 个字符']);
  });

  it('has no composition rule and still refuses the username', () => {
    expect(checkPasswordPolicy('onlylowercaseletters', 'asvs')).toEqual([]);
    expect(checkPasswordPolicy('farmer-zhang-2026', 'asvs', 'farmer-zhang')).toEqual(['密码不能包含用户名']);
  });
});

describe('argon2id hashing', () => {
  it('produces an $argon2id$ hash with a random salt and verifies it', async () => {
    const a = await hashPassword('Qixian#Test2026');
    const b = await hashPassword('Qixian#Test2026');
    expect(a.startsWith('$argon2id$')).toBe(true);
    expect(a).toMatch(/m=19456,t=2,p=1/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('Qixian#Test2026');
    expect(await verifyPassword(a, 'Qixian#Test2026')).toBe(true);
    expect(await verifyPassword(b, 'Qixian#Test2026')).toBe(true);
  });

  it('rejects wrong passwords, near misses and empty input', async () => {
    const h = await hashPassword('Qixian#Test2026');
    for (const wrong of ['qixian#test2026', 'Qixian#Test2027', 'Qixian#Test2026 ', '', 'Qixian#Test202']) {
      expect(await verifyPassword(h, wrong), wrong).toBe(false);
    }
  });

  it('handles Unicode passwords', async () => {
    const h = await hashPassword('内蒙古·旗县#2026');
    expect(await verifyPassword(h, '内蒙古·旗县#2026')).toBe(true);
    expect(await verifyPassword(h, '内蒙古·旗县#2025')).toBe(false);
  });

  it('returns false, not an exception, for a missing or corrupt stored hash', async () => {
    expect(await verifyPassword(null, 'anything')).toBe(false);
    expect(await verifyPassword(null, 'qixian-dummy-password')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
    expect(await verifyPassword('', 'anything')).toBe(false);
  });
});

describe('temporary passwords (administrator reset)', () => {
  it('meets both policy profiles, has every class, avoids look-alikes, and never repeats', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const pw = generateTemporaryPassword('officer1');
      expect(pw).toHaveLength(16);
      expect(checkPasswordPolicy(pw, 'dengbao', 'officer1')).toEqual([]);
      expect(checkPasswordPolicy(pw, 'asvs', 'officer1')).toEqual([]);
      for (const re of [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/]) expect(pw).toMatch(re);
      expect(pw).not.toMatch(/[0O1lI]/);
      seen.add(pw);
    }
    expect(seen.size).toBe(500);
  });

  it('never contains the username', () => {
    // A one-letter-class username would be found by chance within a few thousand draws if it were not excluded.
    for (let i = 0; i < 2000; i++) expect(generateTemporaryPassword('abc').toLowerCase()).not.toContain('abc');
  });
});
