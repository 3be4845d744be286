/** `qixian audit verify`: walks the hash chain of the audit log. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { verifyAuditChain, type ChainHead } from '../platform/audit/audit.ts';
import { CliError, describeDatabase, out, withDatabase } from './context.ts';

/** Registers `audit verify` on the program. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('审计日志 / audit log');
  audit
    .command('verify')
    .description('校验审计日志哈希链（使用 QIXIAN_AUDIT_KEY）/ verify the audit log hash chain (with QIXIAN_AUDIT_KEY)')
    .option('--max-problems <n>', '最多列出的问题数 / most problems to list', (v) => Number(v), 100)
    .option(
      '--witness <file>',
      '链头见证文件（默认 数据目录/audit-witness.json；校验通过后更新）/ chain-head witness file, updated after a clean check',
    )
    .action(async (opts: { maxProblems: number; witness?: string }) => {
      await withDatabase(async ({ config, handle }) => {
        out(`数据库 / database: ${describeDatabase(config)}`);
        const witnessFile = opts.witness ?? path.join(config.dataDir, 'audit-witness.json');
        const witness = fs.existsSync(witnessFile)
          ? (JSON.parse(fs.readFileSync(witnessFile, 'utf8')) as ChainHead)
          : undefined;
        if (witness) out(`外部见证 / witness: seq ${witness.seq} (${witnessFile})`);
        const r = await verifyAuditChain(handle.db, config.auditKey, { maxProblems: opts.maxProblems, witness });
        out(`已检查 ${r.rows} 条审计记录 / checked ${r.rows} audit rows`);
        for (const p of r.problems) out(`  [${p.kind}] seq ${p.seq}: ${p.message}`);
        if (!r.ok)
          throw new CliError(
            `审计链校验失败，发现 ${r.problems.length} 个问题`,
            `audit chain verification failed with ${r.problems.length} problem(s)`,
          );
        if (r.head) {
          fs.mkdirSync(path.dirname(witnessFile), { recursive: true });
          fs.writeFileSync(witnessFile, `${JSON.stringify(r.head)}\n`);
        }
        out('审计链完整 / the audit chain is intact');
      });
    });
}
