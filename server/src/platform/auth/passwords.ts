import { createRequire } from 'node:module';
import { hash, verify, type Options } from '@node-rs/argon2';
import type * as ZxcvbnCore from '@zxcvbn-ts/core';
import type { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';
import type * as ZxcvbnCommon from '@zxcvbn-ts/language-common';
import type { Mode } from '../../config.ts';

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

/**
 * The password published in the README and on the demo sign-in page (db/seed/demo.ts DEMO_PASSWORD; a test keeps the
 * two equal). Kept here so the policy does not import the demo seed.
 */
export const PUBLISHED_DEMO_PASSWORD = 'Demo#2026qx';

/**
 * Minimum zxcvbn score. 4 (an estimated >= 10^10 guesses), not the usual 3 (>= 10^8): zxcvbn adds 10^4 per extra
 * piece of a password, so any word + symbol + digits reaches 10^8 whatever the pieces are — `Admin@123456`,
 * `1qaz@WSX3edc` and `Register#2026` all score 3. 10^10 guesses keep an offline attacker with a stolen argon2id hash
 * (19 MiB, 2 passes: thousands of guesses per second per GPU) busy for weeks to months per account; 10^8 for hours.
 * The composition profile still applies on top.
 */
export const MIN_PASSWORD_SCORE = 4;

/** Words of this platform and region an attacker would try first (pinyin, lower case). */
const CONTEXT_WORDS = ['neimenggu', 'neimeng', 'nmg', 'huhehaote', 'kejiting', 'keji', 'mima', 'woaini'];

let estimator: ZxcvbnFactory | undefined;

/**
 * The zxcvbn estimator over `@zxcvbn-ts/language-common` (about 49,000 common and breached passwords, 7,776 diceware
 * words, keyboard graphs) with its default l33t table; built once at first use (about 50-200 ms with the require),
 * each check then takes a few ms (measured 1-6 ms, 25 at most for long random ones, on the 2-core CI machine). Two
 * limits keep it there, since a check blocks the event loop: l33t substitutions per password capped at 32 (the default
 * 100 took 10-20 ms and changed no verdict at our bar on a sample of l33t-spelled common passwords), and no
 * Levenshtein matching (about 60 ms per check over the whole list).
 */
function zxcvbn(): ZxcvbnFactory {
  if (estimator) return estimator;
  const require = createRequire(import.meta.url);
  const core = require('@zxcvbn-ts/core') as typeof ZxcvbnCore;
  const common = require('@zxcvbn-ts/language-common') as typeof ZxcvbnCommon;
  estimator = new core.ZxcvbnFactory({
    dictionary: { ...common.dictionary, 'qixian-context': CONTEXT_WORDS },
    graphs: common.adjacencyGraphs,
    l33tMaxSubstitutions: 32,
    maxLength: 128,
  });
  return estimator;
}

/** What a user typed about themselves, split so that `wang.jingli` also yields `wang` and `jingli`. */
function personalInputs(userInputs: { username?: string; displayName?: string }): string[] {
  const out = new Set<string>();
  for (const raw of [userInputs.username, userInputs.displayName]) {
    const value = raw?.trim().toLowerCase();
    if (!value) continue;
    out.add(value);
    for (const part of value.split(/[\s._@-]+/)) if ([...part].length >= 3) out.add(part);
  }
  return [...out];
}

/** Estimates a password (exported for tests and measurements). */
export function estimatePassword(password: string, inputs: string[] = []): ZxcvbnResult {
  return zxcvbn().check(password, inputs);
}

/**
 * THE check of a password someone is about to set (admin create, CLI, import, registration, own change, reset
 * redemption): the 等保 composition profile, not containing the username, not the published demo password outside
 * demo mode, and not common, breached or easy to guess (zxcvbn score >= MIN_PASSWORD_SCORE, with the user's own
 * username and display name as inputs). Returns Chinese messages saying why; empty when acceptable.
 */
export function checkNewPassword(
  mode: Mode,
  password: string,
  userInputs: { username?: string; displayName?: string } = {},
): string[] {
  const problems = checkPasswordPolicy(password, 'dengbao', userInputs.username);
  // Demo mode publishes it for every demo account; anywhere else it is the first password an attacker tries.
  if (password === PUBLISHED_DEMO_PASSWORD && mode === 'demo') return problems;
  if (password.toLowerCase().includes(PUBLISHED_DEMO_PASSWORD.toLowerCase())) {
    problems.push('不能使用公开的演示密码（Demo#2026qx），请设置您自己的密码');
    return problems;
  }
  if (password === '') return problems;
  const result = estimatePassword(password, personalInputs(userInputs));
  if (result.score >= MIN_PASSWORD_SCORE) return problems;
  const warning = result.feedback.warning;
  if (warning === 'userInputs') {
    if (!problems.includes('密码不能包含用户名')) problems.push('密码不能包含用户名、姓名等个人信息');
  } else if (
    warning === 'common' ||
    warning === 'similarToCommon' ||
    warning === 'topTen' ||
    warning === 'topHundred'
  ) {
    problems.push('密码过于常见或容易被猜到（如 Password12），请换一个更长、更独特的密码');
  } else {
    problems.push(
      '密码容易被猜到（如常见单词或姓名加年份、键盘连续键、重复或连续字符），请换一个更长、更独特的密码，例如几个不相关的词加数字和符号',
    );
  }
  return problems;
}
