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
  trustProxy: boolean | string;
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
  const config: Config = {
    mode: e.QIXIAN_MODE,
    port: e.PORT,
    // Demo and development listen on loopback only; production listens on every interface (behind the TLS proxy).
    host: e.HOST ?? (e.QIXIAN_MODE === 'production' ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl,
    dataDir,
    secret: e.QIXIAN_SECRET,
    auditKey: e.QIXIAN_AUDIT_KEY ?? e.QIXIAN_SECRET,
    trustProxy:
      e.QIXIAN_TRUST_PROXY === undefined ? false : e.QIXIAN_TRUST_PROXY === 'true' ? true : e.QIXIAN_TRUST_PROXY,
    publicUrl: e.QIXIAN_PUBLIC_URL,
    sqliteSynchronous: e.QIXIAN_SQLITE_SYNCHRONOUS,
    logLevel: e.LOG_LEVEL,
    secureCookies: e.QIXIAN_MODE === 'production',
  };
  if (config.mode === 'production') assertProductionSafe(config);
  return config;
}

function assertProductionSafe(config: Config): void {
  const problems: string[] = [];
  if (config.secret === DEMO_SECRET) problems.push('QIXIAN_SECRET 仍为演示默认值 / QIXIAN_SECRET is the demo default');
  if (config.auditKey === DEMO_SECRET)
    problems.push('QIXIAN_AUDIT_KEY 仍为演示默认值 / QIXIAN_AUDIT_KEY is the demo default');
  if (!config.publicUrl?.startsWith('https://'))
    problems.push(
      '生产模式需要 HTTPS 的 QIXIAN_PUBLIC_URL / production needs an https QIXIAN_PUBLIC_URL (TLS at the proxy)',
    );
  if (config.trustProxy === false)
    problems.push('生产模式需要设置 QIXIAN_TRUST_PROXY / production needs QIXIAN_TRUST_PROXY (the TLS proxy address)');
  if (problems.length > 0)
    throw new Error(`生产模式配置不安全 / unsafe production configuration:\n${problems.join('\n')}`);
}

export function isPostgresUrl(url: string): boolean {
  return url.startsWith('postgres://') || url.startsWith('postgresql://');
}
