import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import {
  checkNewPassword,
  checkPasswordPolicy,
  estimatePassword,
  hashPassword,
  PUBLISHED_DEMO_PASSWORD,
  verifyPassword,
} from './passwords.ts';

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

describe('checkNewPassword: the one check of a password being set', () => {
  const COMMON = '密码过于常见或容易被猜到（如 Password12），请换一个更长、更独特的密码';
  const GUESSABLE =
    '密码容易被猜到（如常见单词或姓名加年份、键盘连续键、重复或连续字符），请换一个更长、更独特的密码，例如几个不相关的词加数字和符号';
  const DEMO = '不能使用公开的演示密码（Demo#2026qx），请设置您自己的密码';

  it.each([
    ['Password12', COMMON],
    ['P@ssw0rd123', COMMON],
    ['Admin@123456', GUESSABLE],
    ['1qaz@WSX3edc', GUESSABLE],
    ['Qwer1234!@#$', COMMON],
    ['Register#2026', GUESSABLE],
    ['Abcdefgh12', GUESSABLE],
  ])('refuses %s although it meets the composition profile, and says why', (pw, message) => {
    expect(checkPasswordPolicy(pw, 'dengbao')).toEqual([]);
    for (const mode of ['production', 'demo', 'development', 'test'] as const)
      expect(checkNewPassword(mode, pw, { username: 'officer1' })).toEqual([message]);
  });

  it('refuses the published demo password and variants of it outside demo mode; demo mode accepts it as such', () => {
    expect(PUBLISHED_DEMO_PASSWORD).toBe(DEMO_PASSWORD);
    for (const mode of ['production', 'development', 'test'] as const) {
      expect(checkNewPassword(mode, 'Demo#2026qx', { username: 'county-150102' })).toEqual([DEMO]);
      expect(checkNewPassword(mode, 'demo#2026QX!', { username: 'county-150102' })).toEqual([DEMO]);
    }
    expect(checkNewPassword('demo', 'Demo#2026qx', { username: 'county-150102' })).toEqual([]);
  });

  it('refuses passwords built from the username or the display name', () => {
    expect(checkNewPassword('production', 'Wang.jingli#2026', { username: 'wang.jingli' })).toEqual([
      '密码不能包含用户名',
    ]);
    expect(checkNewPassword('production', 'Jingli#2026', { username: 'wang.jingli' })).toEqual([
      '密码不能包含用户名、姓名等个人信息',
    ]);
    expect(
      checkNewPassword('production', 'Wangjianguo@88', { username: 'farmer7', displayName: 'wangjianguo' }),
    ).toEqual(['密码不能包含用户名、姓名等个人信息']);
    expect(checkNewPassword('production', 'Wangjianguo@88', { username: 'farmer7' })).toEqual([]);
  });

  it('keeps the composition messages and adds the reason of the estimate', () => {
    expect(checkNewPassword('production', 'password12')).toEqual([
      '密码须包含大写字母、小写字母、数字、符号中的至少三类',
      COMMON,
    ]);
    expect(checkNewPassword('production', '')).toEqual(checkPasswordPolicy(''));
  });

  it.each([
    'Qixian#Test2026',
    'Register#2026x',
    'Caoyuan#2026',
    'Grassland#2026pw',
    '内蒙古Qixian#2026',
    'Tr0ub4dor&3x',
  ])('accepts %s (fixtures used across the tests)', (pw) => {
    expect(checkNewPassword('production', pw, { username: 'officer1', displayName: '王经理' })).toEqual([]);
  });

  it('estimates with the common-password dictionaries and l33t handling', () => {
    const r = estimatePassword('P@ssw0rd123');
    expect(r.score).toBeLessThan(2);
    expect(r.sequence.some((m) => m.pattern === 'dictionary' && m.l33t === true)).toBe(true);
  });
});
