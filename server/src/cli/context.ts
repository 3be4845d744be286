/** What every CLI command shares: opening the configured database, printing tables and bilingual errors. */
import { loadConfig, type Config } from '../config.ts';
import { connect } from '../db/connect.ts';
import type { DbHandle } from '../db/database.ts';
import { BackupError } from '../db/backup.ts';
import { createDeps, type Deps } from '../platform/deps.ts';
import { AppError, ERRORS } from '../platform/errors/errors.ts';

export interface CliContext {
  config: Config;
  handle: DbHandle;
  deps: Deps;
}

/** A failure the CLI reports as "中文 / English" with a non-zero exit code. */
export class CliError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    readonly exitCode = 1,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'CliError';
  }
}

/**
 * Opens the database named by the environment (DATABASE_URL, or ./data/qixian.db under QIXIAN_DATA_DIR), runs `fn`
 * and always closes the database again.
 */
export async function withDatabase<T>(fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const handle = connect({ url: config.databaseUrl, sqliteSynchronous: config.sqliteSynchronous, poolSize: 2 });
  try {
    return await fn({ config, handle, deps: createDeps(config, handle) });
  } finally {
    await handle.destroy();
  }
}

/** Where the database lives, without credentials (for messages). */
export function describeDatabase(config: Config): string {
  if (config.databaseUrl.startsWith('sqlite:')) return config.databaseUrl;
  try {
    const u = new URL(config.databaseUrl);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return 'postgres';
  }
}

/** Display width of text in a terminal: CJK and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

/** Formats rows as an aligned plain-text table under the given headings. */
export function formatTable(headings: string[], rows: string[][]): string {
  const widths = headings.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(c))))
      .join('  ')
      .trimEnd();
  return [line(headings), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Turns any error into the lines printed on stderr: Chinese and English, with field details for AppError. */
export function describeError(err: unknown): string[] {
  if (err instanceof AppError) {
    const m = err.messages ?? ERRORS[err.code];
    const lines = [`错误 / error [${err.code}]: ${m.zh} / ${m.en}`];
    for (const d of err.details ?? [])
      lines.push(`  - ${d.path}: ${d.message}${d.messageEn ? ` / ${d.messageEn}` : ''}`);
    return lines;
  }
  if (err instanceof CliError || err instanceof BackupError) return [`错误 / error: ${err.message}`];
  if (err instanceof Error) return [`错误 / error: ${err.message}`];
  return [`错误 / error: ${String(err)}`];
}

/** Writes one line to stdout. */
export function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}
