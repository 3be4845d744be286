import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** Well-known demo secrets: accepted in demo mode only; production refuses to start with them. */
export const DEMO_SECRET = 'qixian-demo-secret-do-not-use-in-production-0000';

const ZEnv = z.object({
  QIXIAN_MODE: z.enum(['demo', 'production', 'development', 'test']).default('demo'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  QIXIAN_DATA_DIR: z.string().default('./data'),
  QIXIAN_SECRET: z.string().min(32).default(DEMO_SECRET),
  QIXIAN_AUDIT_KEY: z.string().min(32).optional(),
  QIXIAN_TRUST_PROXY: z.string().optional(),
  QIXIAN_AUDIT_WITNESS: z.string().min(1).optional(),
  QIXIAN_SMS_WEBHOOK: z.url({ protocol: /^https?$/ }).optional(),
  QIXIAN_PUBLIC_URL: z.string().optional(),
  QIXIAN_SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Mode = z.infer<typeof ZEnv>['QIXIAN_MODE'];

export interface Config {
  mode: Mode;
  port: number;
  host: string;
  /** `sqlite:<file>` or a postgres:// URL. */
  databaseUrl: string;
  dataDir: string;
  secret: string;
  auditKey: string;
  /**
   * Which peers may set X-Forwarded-For: false (none) or a comma-separated list of proxy IPs/CIDRs; outside
   * production also `true` (every peer) and proxy-addr's named ranges.
   */
  trustProxy: boolean | string;
  /** File holding the audit chain head witnessed by `qixian audit verify`; keep it off the data disk. */
  auditWitness: string;
  /** SMS gateway webhook for one-time links to account holders (platform/delivery); unset: the operator's log. */
  smsWebhook?: string;
  publicUrl?: string;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  logLevel: string;
  /** Secure cookies with the `__Host-` prefix; on in production. */
  secureCookies: boolean;
}

/** Reads configuration from the environment; throws with a readable message when invalid or unsafe. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置无效 / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.QIXIAN_DATA_DIR);
  const databaseUrl = e.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'qixian.db')}`;
  const trustProxy = parseTrustProxy(e.QIXIAN_TRUST_PROXY);
  if (trustProxy.invalid && e.QIXIAN_MODE !== 'production')
    throw new Error(`配置无效 / invalid configuration:\n${trustProxy.invalid}`);
  const config: Config = {
    mode: e.QIXIAN_MODE,
    port: e.PORT,
    // Demo and development listen on loopback only; production listens on every interface (behind the TLS proxy).
    host: e.HOST ?? (e.QIXIAN_MODE === 'production' ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl,
    dataDir,
    secret: e.QIXIAN_SECRET,
    auditKey: e.QIXIAN_AUDIT_KEY ?? e.QIXIAN_SECRET,
    trustProxy: trustProxy.value,
    auditWitness: path.resolve(e.QIXIAN_AUDIT_WITNESS ?? path.join(dataDir, 'audit-witness.json')),
    smsWebhook: e.QIXIAN_SMS_WEBHOOK,
    publicUrl: e.QIXIAN_PUBLIC_URL,
    sqliteSynchronous: e.QIXIAN_SQLITE_SYNCHRONOUS,
    logLevel: e.LOG_LEVEL,
    secureCookies: e.QIXIAN_MODE === 'production',
  };
  if (config.mode === 'production') assertProductionSafe(config, trustProxy.invalid ?? trustProxy.unsafe);
  return config;
}

function assertProductionSafe(config: Config, trustProxyProblem: string | null): void {
  const problems: string[] = [];
  if (config.secret === DEMO_SECRET) problems.push('QIXIAN_SECRET 仍为演示默认值 / QIXIAN_SECRET is the demo default');
  else {
    const weak = secretWeakness(config.secret);
    if (weak) problems.push(weakSecretMessage('QIXIAN_SECRET', weak));
  }
  if (config.auditKey === DEMO_SECRET)
    problems.push('QIXIAN_AUDIT_KEY 仍为演示默认值 / QIXIAN_AUDIT_KEY is the demo default');
  else if (config.auditKey !== config.secret) {
    const weak = secretWeakness(config.auditKey);
    if (weak) problems.push(weakSecretMessage('QIXIAN_AUDIT_KEY', weak));
  }
  if (!config.publicUrl?.startsWith('https://'))
    problems.push(
      '生产模式需要 HTTPS 的 QIXIAN_PUBLIC_URL / production needs an https QIXIAN_PUBLIC_URL (TLS at the proxy)',
    );
  if (trustProxyProblem) problems.push(trustProxyProblem);
  else if (config.trustProxy === false)
    problems.push('生产模式需要设置 QIXIAN_TRUST_PROXY / production needs QIXIAN_TRUST_PROXY (the TLS proxy address)');
  if (problems.length > 0)
    throw new Error(`生产模式配置不安全 / unsafe production configuration:\n${problems.join('\n')}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Trusted proxy

/** Named ranges understood by the proxy-addr library Fastify uses (outside production only). */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Narrowest a trusted proxy range may be in production (a /8 for IPv4, a /32 for IPv6). */
const MIN_PREFIX = { 4: 8, 6: 32 } as const;

interface ProxyEntry {
  /** The address part of `addr[/prefix]`, with an IPv4-mapped IPv6 address turned into IPv4. */
  address: string;
  family: 4 | 6;
  prefix: number;
}

/** Parses `addr` or `addr/prefix` with node:net; null when it is neither. */
export function parseProxyEntry(entry: string): ProxyEntry | null {
  const slash = entry.indexOf('/');
  const addr = slash < 0 ? entry : entry.slice(0, slash);
  const family = net.isIP(addr);
  if (family !== 4 && family !== 6) return null;
  const max = family === 4 ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const p = entry.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > max) return null;
    prefix = Number(p);
  }
  const mapped = family === 6 ? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(addr) : null;
  if (mapped && prefix >= 96) return { address: mapped[1]!, family: 4, prefix: prefix - 96 };
  return { address: addr, family, prefix };
}

const TRUST_PROXY_HINT =
  "生产模式只能信任 TLS 代理的具体地址，例如 QIXIAN_TRUST_PROXY=10.0.0.5 或 10.0.0.0/24（可用逗号分隔多个）/ production may trust only the TLS proxy's own address, e.g. QIXIAN_TRUST_PROXY=10.0.0.5 or 10.0.0.0/24 (comma-separated for several)";

interface TrustProxySetting {
  value: boolean | string;
  /** Unusable in every mode. */
  invalid: string | null;
  /** Usable, but lets clients forge their address: refused in production. */
  unsafe: string | null;
}

/**
 * QIXIAN_TRUST_PROXY: unset/`false` = trust no proxy; `true` = trust every peer (demo/test only); otherwise a
 * comma-separated list of IPs/CIDRs checked with node:net (outside production also proxy-addr's named ranges).
 * Hop counts and `*` are refused: they trust whatever address the client wrote first.
 */
function parseTrustProxy(raw: string | undefined): TrustProxySetting {
  const value = raw?.trim() ?? '';
  if (value === '' || value === 'false') return { value: false, invalid: null, unsafe: null };
  if (value === 'true')
    return {
      value: true,
      invalid: null,
      unsafe: `QIXIAN_TRUST_PROXY=true 会让任何客户端用 X-Forwarded-For 伪造来源地址 / QIXIAN_TRUST_PROXY=true lets any client forge its address with X-Forwarded-For. ${TRUST_PROXY_HINT}`,
    };
  const entries = value.split(',').map((x) => x.trim());
  const hops = entries.filter((x) => /^\d+$/.test(x) || x === '*');
  if (hops.length > 0)
    return {
      value: false,
      invalid: `QIXIAN_TRUST_PROXY 不能是跳数或 *（${hops.join(', ')}）：它们信任客户端自己写的地址 / QIXIAN_TRUST_PROXY cannot be a hop count or * (${hops.join(', ')}): they trust addresses the client wrote. ${TRUST_PROXY_HINT}`,
      unsafe: null,
    };
  const bad = entries.filter((x) => !PROXY_RANGE_NAMES.has(x) && parseProxyEntry(x) === null);
  if (bad.length > 0)
    return {
      value: false,
      invalid: `QIXIAN_TRUST_PROXY 不是 IP 地址或 CIDR：${bad.join(', ')} / QIXIAN_TRUST_PROXY is not an IP address or CIDR: ${bad.join(', ')}`,
      unsafe: null,
    };
  const tooWide = entries.filter((entry) => {
    const p = parseProxyEntry(entry);
    if (p === null) return true; // a named range
    const unspecified = p.address === '0.0.0.0' || (p.family === 6 && /^[0:]+$/.test(p.address));
    return unspecified || p.prefix < MIN_PREFIX[p.family];
  });
  return {
    value: entries.join(','),
    invalid: null,
    unsafe:
      tooWide.length === 0
        ? null
        : `QIXIAN_TRUST_PROXY 范围过宽或不是具体地址：${tooWide.join(', ')}（任何客户端都可伪造来源地址；IPv4 最宽 /8，IPv6 最宽 /32，不接受 0.0.0.0/0、::/0 和命名范围）/ QIXIAN_TRUST_PROXY is too wide or not a specific address: ${tooWide.join(', ')} (any client could forge its address; at most a /8 for IPv4 and a /32 for IPv6; no 0.0.0.0/0, ::/0 or named ranges). ${TRUST_PROXY_HINT}`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Secret strength

/** Estimated entropy a production secret must reach. */
export const MIN_SECRET_BITS = 128;
const MIN_DISTINCT_CHARS = 10;
/** Share of the length above which one character dominates the secret. */
const MAX_CHAR_SHARE = 1 / 3;

export interface SecretWeakness {
  zh: string;
  en: string;
  /** The conservative entropy estimate, in bits. */
  bits: number;
}

function shannonBits<T>(items: readonly T[]): number {
  const counts = new Map<T, number>();
  for (const x of items) counts.set(x, (counts.get(x) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / items.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * A deliberately conservative entropy estimate: per character the Shannon entropy of the secret's own characters or
 * of the steps between neighbours (whichever is lower: `abcdef…` and `135791…` have high character entropy but
 * constant steps), and a substring of 3+ characters that already occurred counts only as a reference to it (LZ77
 * style), so `Secret1!Secret1!…` is worth little more than `Secret1!`. Random strings lose almost nothing: 64
 * characters of base64 estimate at about 300 bits; 32 x `a` at 10.
 */
export function estimateSecretBits(secret: string): number {
  const chars = [...secret].slice(0, 256); // plenty for a key; bounds the quadratic search below
  const n = chars.length;
  if (n === 0) return 0;
  const steps: number[] = [];
  for (let i = 1; i < n; i++) steps.push(chars[i]!.codePointAt(0)! - chars[i - 1]!.codePointAt(0)!);
  const perChar = Math.min(shannonBits(chars), steps.length > 0 ? shannonBits(steps) : 0);
  const referenceBits = 2 * Math.log2(n);
  let bits = 0;
  let i = 0;
  while (i < n) {
    let best = 0;
    for (let j = 0; j < i; j++) {
      let len = 0;
      while (i + len < n && chars[j + len] === chars[i + len]) len++;
      if (len > best) best = len;
    }
    if (best >= 3) {
      bits += referenceBits;
      i += best;
    } else {
      bits += perChar;
      i++;
    }
  }
  return bits;
}

/** Why a secret is too weak for production (too few distinct characters, one dominating, low entropy), or null. */
export function secretWeakness(secret: string): SecretWeakness | null {
  const chars = [...secret];
  const bits = Math.floor(estimateSecretBits(secret));
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  const top = Math.max(0, ...counts.values());
  if (counts.size < MIN_DISTINCT_CHARS)
    return {
      zh: `只有 ${counts.size} 种不同字符（至少 ${MIN_DISTINCT_CHARS} 种）`,
      en: `only ${counts.size} distinct characters (at least ${MIN_DISTINCT_CHARS})`,
      bits,
    };
  if (top > chars.length * MAX_CHAR_SHARE)
    return {
      zh: `同一字符占了 ${top}/${chars.length} 位`,
      en: `one character fills ${top} of ${chars.length} positions`,
      bits,
    };
  if (bits < MIN_SECRET_BITS)
    return {
      zh: `估计熵只有 ${bits} 位（重复、连续或字符单一；至少 ${MIN_SECRET_BITS} 位）`,
      en: `estimated entropy is only ${bits} bits (repeats, sequences or few characters; at least ${MIN_SECRET_BITS} bits)`,
      bits,
    };
  return null;
}

function weakSecretMessage(name: string, weak: SecretWeakness): string {
  return `${name} 强度不足：${weak.zh}；请用 \`openssl rand -base64 48\` 生成 / ${name} is too weak: ${weak.en}; generate one with \`openssl rand -base64 48\``;
}

export function isPostgresUrl(url: string): boolean {
  return url.startsWith('postgres://') || url.startsWith('postgresql://');
}
