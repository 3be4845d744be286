/** `qixian audit verify`: walks the hash chain of the audit log. */
import type { Command } from 'commander';
import { verifyAuditChain } from '../platform/audit/audit.ts';
import { CliError, describeDatabase, out, withDatabase } from './context.ts';

/** Registers `audit verify` on the program. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('审计日志 / audit log');
  audit
    .command('verify')
    .description('校验审计日志哈希链（使用 QIXIAN_AUDIT_KEY）/ verify the audit log hash chain (with QIXIAN_AUDIT_KEY)')
    .option('--max-problems <n>', '最多列出的问题数 / most problems to list', (v) => Number(v), 100)
    .action(async (opts: { maxProblems: number }) => {
      await withDatabase(async ({ config, handle }) => {
        out(`数据库 / database: ${describeDatabase(config)}`);
        const r = await verifyAuditChain(handle.db, config.auditKey, { maxProblems: opts.maxProblems });
        out(`已检查 ${r.rows} 条审计记录 / checked ${r.rows} audit rows`);
        for (const p of r.problems) out(`  [${p.kind}] seq ${p.seq}: ${p.message}`);
        if (!r.ok)
          throw new CliError(
            `审计链校验失败，发现 ${r.problems.length} 个问题`,
            `audit chain verification failed with ${r.problems.length} problem(s)`,
          );
        out('审计链完整 / the audit chain is intact');
      });
    });
}
