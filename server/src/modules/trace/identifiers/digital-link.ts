/**
 * GS1 Digital Link URI parse and generate (GS1 Digital Link URI Syntax 1.x), pure and I/O-free.
 *
 * Parse: `https://host[/stem]/{primary key AI}/{value}[/{qualifier AI}/{value}…][?{AI}={value}&…][#fragment]` into
 * the AI element string (`^` = FNC1) and the list of AIs. The primary key is the rightmost path pair whose AI is a
 * DL primary key (what lies left of it is the stem); the qualifiers must follow the key's order (01 -> 22, 10, 21
 * or 235; 414 -> 254 or 7040; 8006 -> 22, 10, 21 …); data attributes go in the query string and may neither repeat
 * an AI nor be a qualifier that belongs in the path; `+` means a space only in the query; values are checked
 * against the AI's format, length and check digit, and the AI pairing rules (`req`/`ex`) hold.
 * Generate: from an element string in brackets (`(01)…(10)…`) to a URI on a stem, choosing the first primary key
 * and the qualifier sequence that takes the most AIs into the path.
 * Semantics follow the reference implementation gs1/gs1-syntax-engine (src/c-lib/dl.c), checked by its vectors in
 * ../shared/conformance/gs1-digital-link.
 */
import { gs1CheckDigit } from './check-digit.ts';
import { aiMatchesPattern, GS1_AI_TABLE, type Gs1AiEntry, unknownAiEntry } from './gs1-ai-table.ts';

export interface DigitalLinkOptions {
  /** Accept deprecated convenience alphas in the path (`/gtin/…`, `/ser/…`). Default false. */
  permitConvenienceAlphas?: boolean;
  /** Accept GTIN-8/12/13 for AI (01) and pad them to GTIN-14. Default false (GS1 DL requires GTIN-14). */
  permitZeroSuppressedGTINinDLuris?: boolean;
  /** Accept numeric AIs outside the table. Default false. */
  permitUnknownAIs?: boolean;
  /** An unknown AI is not a DL data attribute (when unknown AIs are permitted). Default true. */
  validateUnknownAiNotDlAttr?: boolean;
}

export interface DigitalLinkAi {
  ai: string;
  value: string;
  /** Where it came from: the path (key or qualifier) or the query string (data attribute). */
  inPath: boolean;
}

export interface ParsedDigitalLink {
  /** Scheme, host and any stem path before the primary key, e.g. `https://example.com/stem`. */
  stem: string;
  primaryKey: DigitalLinkAi;
  /** In URI order: path AIs, then query attributes. */
  ais: DigitalLinkAi[];
  /** The AI element string with `^` as FNC1, e.g. `^0109520123456788^10ABC`... */
  elementString: string;
}

export type DigitalLinkErrorCode =
  | 'illegal_character'
  | 'scheme'
  | 'domain'
  | 'no_primary_key'
  | 'empty_value'
  | 'null_character'
  | 'unknown_ai'
  | 'value_format'
  | 'check_digit'
  | 'qualifier_order'
  | 'duplicate_ai'
  | 'not_data_attribute'
  | 'belongs_in_path'
  | 'association'
  | 'element_string';

export interface DigitalLinkProblem {
  code: DigitalLinkErrorCode;
  /** Chinese first, English after. */
  message: string;
  /** 0-based character position in the input where the problem is, when known. */
  position?: number;
}

export type DigitalLinkResult<T> = { ok: true; value: T } | { ok: false; error: DigitalLinkProblem };

/** An invalid Digital Link or element string (thrown by the `…OrThrow` variants). */
export class DigitalLinkError extends Error {
  readonly code: DigitalLinkErrorCode;
  readonly position: number | undefined;
  constructor(problem: DigitalLinkProblem) {
    super(problem.message);
    this.name = 'DigitalLinkError';
    this.code = problem.code;
    this.position = problem.position;
  }
}

const URI_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
const BAD_DOMAIN_CHARS = /[_~?#@!$&'()*+,;=%]/;
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
const CSET39 = /^[#\-/0-9A-Z]*$/;
const CANONICAL_STEM = 'https://id.gs1.org';

const CONVENIENCE_ALPHAS: Record<string, string> = {
  cpid: '8010',
  cpsn: '8011',
  cpv: '22',
  gcn: '255',
  gdti: '253',
  giai: '8004',
  ginc: '401',
  gln: '414',
  glnx: '254',
  gmn: '8013',
  grai: '8003',
  gsin: '402',
  gsrn: '8018',
  gsrnp: '8017',
  gtin: '01',
  itip: '8006',
  lot: '10',
  party: '417',
  refno: '8020',
  ser: '21',
  srin: '8019',
  sscc: '00',
};

class Fail extends Error {
  constructor(readonly problem: DigitalLinkProblem) {
    super(problem.message);
  }
}

function fail(code: DigitalLinkErrorCode, zh: string, en: string, position?: number): never {
  throw new Fail({ code, message: `${zh} / ${en}`, ...(position === undefined ? {} : { position }) });
}

/** Every valid key-qualifier path sequence (space-separated AIs), sorted as the reference implementation does. */
const KEY_QUALIFIER_SEQUENCES: readonly string[] = (() => {
  const out: string[] = [];
  for (const entry of GS1_AI_TABLE.values()) {
    for (const alternative of entry.dlKeyQualifiers ?? []) {
      let seqs = [entry.ai];
      for (const q of alternative) seqs = [...seqs, ...seqs.map((s) => `${s} ${q}`)];
      out.push(...seqs);
    }
  }
  return [...new Set(out)].sort();
})();
const KEY_QUALIFIER_SET = new Set(KEY_QUALIFIER_SEQUENCES);

function lookupAi(ai: string, options: DigitalLinkOptions): Gs1AiEntry | undefined {
  const entry = GS1_AI_TABLE.get(ai);
  if (entry) return entry;
  if (options.permitUnknownAIs && /^\d{2,4}$/.test(ai)) return unknownAiEntry(ai);
  return undefined;
}

function isPrimaryKey(ai: string): boolean {
  return KEY_QUALIFIER_SET.has(ai);
}

function unescapeComponent(raw: string, isQuery: boolean, position: number, ai: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '%' && i + 2 < raw.length && /^[0-9A-Fa-f]{2}$/.test(raw.slice(i + 1, i + 3))) {
      const code = parseInt(raw.slice(i + 1, i + 3), 16);
      if (code === 0)
        fail('null_character', `AI (${ai}) 的值解码后含有空字符`, `AI (${ai}) value decodes to a NUL`, position + i);
      out += String.fromCharCode(code);
      i += 2;
    } else out += isQuery && c === '+' ? ' ' : c;
  }
  return out;
}

function isValidDate(yymmdd: string, dayMayBeZero: boolean): boolean {
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12) return false;
  if (day === 0) return dayMayBeZero;
  const year = 2000 + Number(yymmdd.slice(0, 2));
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Checks an AI value against the AI's components: length, character set, check digit, dates. */
export function checkAiValue(entry: Gs1AiEntry, value: string, position?: number): void {
  const where = `AI (${entry.ai})`;
  const minLen = entry.parts.reduce((n, p) => n + (p.optional ? 0 : p.min), 0);
  const maxLen = entry.parts.reduce((n, p) => n + p.max, 0);
  if (value.length < minLen || value.length > maxLen) {
    const expect = minLen === maxLen ? `${minLen}` : `${minLen}-${maxLen}`;
    fail(
      'value_format',
      `${where} 的值长度应为 ${expect}，实际 ${value.length}`,
      `${where} value length must be ${expect}, got ${value.length}`,
      position,
    );
  }
  let offset = 0;
  for (const [index, part] of entry.parts.entries()) {
    const isLast = index === entry.parts.length - 1;
    const piece = isLast ? value.slice(offset) : value.slice(offset, offset + part.max);
    offset += piece.length;
    if (piece.length === 0 && part.optional) continue;
    const cset = part.cset === 'N' ? /^\d*$/ : part.cset === 'Y' ? CSET39 : CSET82;
    if (!cset.test(piece) || piece.length < part.min) {
      const kind = part.cset === 'N' ? '数字' : part.cset === 'Y' ? 'GS1 39 字符集' : 'GS1 82 字符集';
      fail(
        'value_format',
        `${where} 的值含有不允许的字符（应为${kind}）`,
        `${where} value has characters outside ${part.cset === 'N' ? 'digits' : `CSET ${part.cset === 'Y' ? 39 : 82}`}`,
        position,
      );
    }
    if (part.checkDigit && gs1CheckDigit(piece.slice(0, -1)) !== Number(piece.slice(-1))) {
      fail('check_digit', `${where} 的校验位错误`, `${where} check digit is wrong`, position);
    }
    if (part.date && !isValidDate(piece.slice(0, 6), part.date === 'yymmd0')) {
      fail('value_format', `${where} 的日期无效`, `${where} is not a valid date`, position);
    }
  }
}

/** The `req`/`ex` pairing rules over a set of AIs (duplicates already removed). */
function checkAssociations(ais: readonly { ai: string; entry: Gs1AiEntry }[]): void {
  const codes = ais.map((a) => a.ai);
  for (const { ai, entry } of ais) {
    for (const group of entry.requires) {
      if (!group.some((pattern) => codes.some((c) => aiMatchesPattern(c, pattern)))) {
        const list = group.join('、');
        fail(
          'association',
          `AI (${ai}) 需要同时出现 (${list}) 之一`,
          `AI (${ai}) requires one of (${group.join(', ')})`,
        );
      }
    }
    for (const pattern of entry.excludes) {
      const other = codes.find((c) => c !== ai && aiMatchesPattern(c, pattern));
      if (other)
        fail('association', `AI (${ai}) 不能与 (${other}) 同时出现`, `AI (${ai}) cannot occur with (${other})`);
    }
  }
}

function toElementString(ais: readonly { ai: string; value: string; entry: Gs1AiEntry }[]): string {
  let out = '';
  let needFnc1 = true;
  for (const a of ais) {
    if (needFnc1) out += '^';
    out += a.ai + a.value;
    needFnc1 = !a.entry.fixedLength;
  }
  return out;
}

function padGtin(value: string): string {
  return value.length === 8 || value.length === 12 || value.length === 13 ? value.padStart(14, '0') : value;
}

interface Collected {
  ai: string;
  value: string;
  entry: Gs1AiEntry;
  inPath: boolean;
  position: number;
}

function parseOrThrow(uri: string, options: DigitalLinkOptions): ParsedDigitalLink {
  if (!URI_CHARS.test(uri)) {
    const at = [...uri].findIndex((c) => !URI_CHARS.test(c));
    fail('illegal_character', 'URI 含有不允许的字符', 'URI contains illegal characters', at);
  }
  const scheme = /^(https?|HTTPS?):\/\//.exec(uri);
  if (!scheme)
    fail(
      'scheme',
      'URI 必须以 http:// 或 https:// 开头（全小写或全大写）',
      'URI scheme must be http:// or https:// (all lower or all upper case)',
      0,
    );
  const hostStart = scheme[0].length;
  const slash = uri.indexOf('/', hostStart);
  if (slash <= hostStart) fail('domain', 'URI 缺少域名或路径', 'URI is missing the domain or the path', hostStart);
  const host = uri.slice(hostStart, slash);
  const badAt = host.search(BAD_DOMAIN_CHARS);
  if (badAt >= 0) fail('domain', '域名含有不允许的字符', 'domain contains illegal characters', hostStart + badAt);

  const hashAt = uri.indexOf('#', slash);
  const beforeFragment = hashAt >= 0 ? uri.slice(0, hashAt) : uri;
  const queryAt = beforeFragment.indexOf('?', slash);
  const pathInfo = queryAt >= 0 ? beforeFragment.slice(slash, queryAt) : beforeFragment.slice(slash);
  const query = queryAt >= 0 ? beforeFragment.slice(queryAt + 1) : null;

  // Path components with their positions; walk pairs from the right to the primary key.
  const comps: { text: string; at: number }[] = [];
  let at = slash;
  for (const text of pathInfo.split('/')) {
    comps.push({ text, at });
    at += text.length + 1;
  }
  const resolveAi = (text: string): Gs1AiEntry | undefined => {
    if (options.permitConvenienceAlphas && text.length >= 3 && text.length <= 5 && !/^\d/.test(text)) {
      const ai = CONVENIENCE_ALPHAS[text];
      if (ai) return GS1_AI_TABLE.get(ai);
    }
    return lookupAi(text, options);
  };
  let keyIndex = -1;
  for (let i = comps.length - 2; i >= 1; i -= 2) {
    const entry = resolveAi(comps[i]!.text);
    if (!entry) break;
    if (isPrimaryKey(entry.ai)) {
      keyIndex = i;
      break;
    }
  }
  if (keyIndex < 0)
    fail('no_primary_key', '路径中找不到 GS1 主键', 'no GS1 Digital Link primary key in the path', slash);

  const collected: Collected[] = [];
  for (let i = keyIndex; i < comps.length; i += 2) {
    const aiComp = comps[i]!;
    const valComp = comps[i + 1]!;
    const entry = resolveAi(aiComp.text)!;
    const valueAt = valComp.at;
    if (valComp.text === '')
      fail('empty_value', `路径中 AI (${entry.ai}) 的值为空`, `AI (${entry.ai}) path value is empty`, valueAt);
    let value = unescapeComponent(valComp.text, false, valueAt, entry.ai);
    if (options.permitZeroSuppressedGTINinDLuris && entry.ai === '01') value = padGtin(value);
    const ai = entry.isUnknown ? aiComp.text : entry.ai;
    checkAiValue(entry, value, valueAt);
    collected.push({ ai, value, entry, inPath: true, position: valueAt });
  }
  const pathAis = collected.map((c) => c.entry.ai);

  if (query !== null) {
    let qAt = queryAt + 1;
    for (const param of query.split('&')) {
      const paramAt = qAt;
      qAt += param.length + 1;
      if (param === '') continue;
      const eq = param.indexOf('=');
      if (eq < 0) continue; // a singleton: not AI data
      const key = param.slice(0, eq);
      if (!/^\d+$/.test(key)) continue; // a non-numeric parameter: not AI data
      const entry = lookupAi(key, options);
      if (!entry)
        fail('unknown_ai', `查询参数中有未知的 AI (${key})`, `unknown AI (${key}) in the query string`, paramAt);
      const raw = param.slice(eq + 1);
      const valueAt = paramAt + eq + 1;
      if (raw === '')
        fail('empty_value', `查询参数中 AI (${key}) 的值为空`, `AI (${key}) query value is empty`, valueAt);
      let value = unescapeComponent(raw, true, valueAt, key);
      if (options.permitZeroSuppressedGTINinDLuris && entry.ai === '01') value = padGtin(value);
      checkAiValue(entry, value, valueAt);
      collected.push({ ai: key, value, entry, inPath: false, position: paramAt });
    }
  }

  if (!KEY_QUALIFIER_SET.has(pathAis.join(' '))) {
    fail(
      'qualifier_order',
      `路径中的键限定符顺序无效：${pathAis.join('/')}`,
      `invalid key-qualifier sequence in the path: ${pathAis.join('/')}`,
      comps[keyIndex]!.at - 1,
    );
  }
  const validateUnknown = options.validateUnknownAiNotDlAttr ?? true;
  collected.forEach((c, i) => {
    if (c.inPath) return;
    if (collected.slice(0, i).some((d) => d.ai === c.ai)) {
      fail('duplicate_ai', `AI (${c.ai}) 重复出现`, `AI (${c.ai}) occurs more than once`, c.position);
    }
    if (!c.entry.dlAttribute || (c.entry.isUnknown && validateUnknown)) {
      fail(
        'not_data_attribute',
        `AI (${c.ai}) 不能作为 Digital Link 数据属性`,
        `AI (${c.ai}) is not a valid Digital Link data attribute`,
        c.position,
      );
    }
    for (let j = 1; j <= pathAis.length; j++) {
      const trial = [...pathAis.slice(0, j), c.entry.ai, ...pathAis.slice(j)].join(' ');
      if (KEY_QUALIFIER_SET.has(trial)) {
        fail(
          'belongs_in_path',
          `AI (${c.ai}) 是键限定符，应放在路径中`,
          `AI (${c.ai}) is a key qualifier and belongs in the path`,
          c.position,
        );
      }
    }
  });
  checkAssociations(collected);

  const keyComp = comps[keyIndex]!;
  const primary = collected[0]!;
  return {
    stem: uri.slice(0, keyComp.at - 1),
    primaryKey: { ai: primary.ai, value: primary.value, inPath: true },
    ais: collected.map(({ ai, value, inPath }) => ({ ai, value, inPath })),
    elementString: toElementString(collected),
  };
}

function run<T>(fn: () => T): DigitalLinkResult<T> {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    if (err instanceof Fail) return { ok: false, error: err.problem };
    throw err;
  }
}

/** Parses a GS1 Digital Link URI. Returns the AIs and element string, or the problem with its position. */
export function parseDigitalLink(uri: string, options: DigitalLinkOptions = {}): DigitalLinkResult<ParsedDigitalLink> {
  return run(() => parseOrThrow(uri, options));
}

/** As `parseDigitalLink`, throwing a `DigitalLinkError`. */
export function parseDigitalLinkOrThrow(uri: string, options: DigitalLinkOptions = {}): ParsedDigitalLink {
  const r = parseDigitalLink(uri, options);
  if (!r.ok) throw new DigitalLinkError(r.error);
  return r.value;
}

/** Splits a bracketed element string `(01)…(10)…` into AIs; `\(` inside a value is a literal bracket. */
export function parseBracketedElementString(input: string): DigitalLinkResult<{ ai: string; value: string }[]> {
  return run(() => {
    const out: { ai: string; value: string }[] = [];
    let i = 0;
    if (input === '') fail('element_string', '元素串为空', 'element string is empty', 0);
    while (i < input.length) {
      const m = /^\((\d{2,4})\)/.exec(input.slice(i));
      if (!m) fail('element_string', '元素串格式应为 (AI)值…', 'element string must be (AI)value…', i);
      i += m[0].length;
      let value = '';
      while (i < input.length && input[i] !== '(') {
        if (input[i] === '\\' && input[i + 1] === '(') i++;
        value += input[i];
        i++;
      }
      out.push({ ai: m[1]!, value });
    }
    return out;
  });
}

function escapeComponent(value: string, isQuery: boolean): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(c)) out += c;
    else if (isQuery && c === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export interface GenerateDigitalLinkOptions extends DigitalLinkOptions {
  /** Scheme, host and optional stem path; default `https://id.gs1.org`. A trailing slash is dropped. */
  stem?: string | null;
}

function generateOrThrow(ais: readonly { ai: string; value: string }[], options: GenerateDigitalLinkOptions): string {
  // Validate, and drop exact duplicates (a duplicate AI with another value is an error).
  const data: { ai: string; value: string; entry: Gs1AiEntry }[] = [];
  for (const { ai, value } of ais) {
    const entry = lookupAi(ai, options);
    if (!entry) fail('unknown_ai', `未知的 AI (${ai})`, `unknown AI (${ai})`);
    checkAiValue(entry, value);
    const same = data.find((d) => d.ai === ai);
    if (same && same.value !== value)
      fail('duplicate_ai', `AI (${ai}) 出现两次且值不同`, `AI (${ai}) occurs twice with different values`);
    if (!same) data.push({ ai, value, entry });
  }
  checkAssociations(data);

  const key = data.find((d) => !d.entry.isUnknown && isPrimaryKey(d.ai));
  if (!key) fail('no_primary_key', '没有可作为 Digital Link 主键的 AI', 'no AI can be a Digital Link primary key');
  let best = key.ai;
  let bestCount = 0;
  for (const seq of KEY_QUALIFIER_SEQUENCES) {
    const [head, ...qualifiers] = seq.split(' ');
    if (head !== key.ai || qualifiers.length === 0) continue;
    const count = qualifiers.filter((q) => data.some((d) => d.ai === q)).length;
    if (count > bestCount) {
      bestCount = count;
      best = seq;
    }
  }
  const pathOrder = best.split(' ');
  let uri = (options.stem ?? CANONICAL_STEM).replace(/\/$/, '');
  for (const ai of pathOrder) {
    const d = data.find((x) => x.ai === ai);
    if (d) uri += `/${d.ai}/${escapeComponent(d.value, false)}`;
  }
  const attributes = data.filter((d) => !pathOrder.includes(d.ai));
  const validateUnknown = options.validateUnknownAiNotDlAttr ?? true;
  const params: string[] = [];
  for (const fixed of [true, false]) {
    for (const d of attributes.filter((a) => a.entry.fixedLength === fixed)) {
      if (!d.entry.dlAttribute || (d.entry.isUnknown && validateUnknown)) {
        fail(
          'not_data_attribute',
          `AI (${d.ai}) 不能作为 Digital Link 数据属性`,
          `AI (${d.ai}) is not a valid Digital Link data attribute`,
        );
      }
      params.push(`${d.ai}=${escapeComponent(d.value, true)}`);
    }
  }
  return params.length > 0 ? `${uri}?${params.join('&')}` : uri;
}

/** Builds a Digital Link URI from AIs (in data order). */
export function generateDigitalLink(
  ais: readonly { ai: string; value: string }[],
  options: GenerateDigitalLinkOptions = {},
): DigitalLinkResult<string> {
  return run(() => generateOrThrow(ais, options));
}

/** Builds a Digital Link URI from a bracketed element string such as `(01)09520123456788(10)ABC`. */
export function generateDigitalLinkFromElementString(
  elementString: string,
  options: GenerateDigitalLinkOptions = {},
): DigitalLinkResult<string> {
  const parsed = parseBracketedElementString(elementString);
  return parsed.ok ? generateDigitalLink(parsed.value, options) : parsed;
}
