/**
 * `qixian audit verify`: walks the hash chain of the audit log and checks it against chain heads kept outside the
 * database (the witness file, QIXIAN_AUDIT_WITNESS, and heads given with --head), which is what reveals rows cut
 * from the end of the log. Says plainly when no witness was checked.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parseChainHead, verifyAuditChain, type ChainHead } from '../platform/audit/audit.ts';
import { CliError, describeDatabase, out, withDatabase } from './context.ts';

/** Exit code of `audit verify --require-witness` when the chain is intact but no witness could be checked. */
export const EXIT_NO_WITNESS = 3;

/** The line printed for every verified chain head: keep it outside this machine (syslog, a log collector). */
export function chainHeadLine(head: ChainHead, at: Date): string {
  return `audit-chain-head seq=${head.seq} hash=${head.hash} at=${at.toISOString()}`;
}

function warn(line: string): void {
  process.stderr.write(`${line}\n`);
}

function readWitnessFile(file: string): ChainHead | null {
  if (!fs.existsSync(file)) return null;
  const head = parseChainHead(fs.readFileSync(file, 'utf8'));
  if (!head)
    throw new CliError(
      `见证文件 ${file} 无法识别（应为 {"seq":N,"hash":"…"}）`,
      `the witness file ${file} is not a chain head ({"seq":N,"hash":"…"})`,
    );
  return head;
}

/** Replaces the witness file in one step (write a temporary file, then rename), so a crash never leaves half a head. */
function writeWitnessFile(file: string, head: ChainHead, at: Date): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify({ seq: head.seq, hash: head.hash, checkedAt: at.toISOString() })}\n`);
  fs.renameSync(tmp, file);
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

interface VerifyOptions {
  maxProblems: number;
  witness?: string;
  head: ChainHead[];
  requireWitness?: boolean;
}

/** Registers `audit verify` on the program. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('审计日志 / audit log');
  audit
    .command('verify')
    .description('校验审计日志哈希链（使用 QIXIAN_AUDIT_KEY）/ verify the audit log hash chain (with QIXIAN_AUDIT_KEY)')
    .option('--max-problems <n>', '最多列出的问题数 / most problems to list', (v) => Number(v), 100)
    .option(
      '--witness <file>',
      '链头见证文件（默认 QIXIAN_AUDIT_WITNESS，未设置时为 数据目录/audit-witness.json；校验通过后更新）/ chain-head witness file (default QIXIAN_AUDIT_WITNESS, else data dir/audit-witness.json); updated after a clean check',
    )
    .option(
      '--head <seq:hash>',
      '另行保存的链头（如 syslog 中的 audit-chain-head 行），可重复 / a chain head kept elsewhere (e.g. an audit-chain-head line from syslog); repeatable',
      (v: string, acc: ChainHead[]) => {
        const head = parseChainHead(v);
        if (!head)
          throw new CliError(
            `--head 应为 序号:64位十六进制哈希，收到 ${v}`,
            `--head must be seq:64-hex-hash, got ${v}`,
          );
        return [...acc, head];
      },
      [] as ChainHead[],
    )
    .option(
      '--require-witness',
      `没有可核对的见证时以退出码 ${EXIT_NO_WITNESS} 失败（且不新建见证）/ fail with exit code ${EXIT_NO_WITNESS} (and create no witness) when no witness could be checked`,
    )
    .action(async (opts: VerifyOptions) => {
      await withDatabase(async ({ config, handle }) => {
        out(`数据库 / database: ${describeDatabase(config)}`);
        const witnessFile = path.resolve(opts.witness ?? config.auditWitness);
        const fileHead = readWitnessFile(witnessFile);
        const witnesses = [...(fileHead ? [fileHead] : []), ...opts.head];
        if (fileHead) out(`外部见证 / witness: seq ${fileHead.seq} (${witnessFile})`);
        for (const h of opts.head) out(`外部见证 / witness: seq ${h.seq} (--head)`);
        if (isInside(witnessFile, config.dataDir))
          warn(
            `注意 / note: 见证文件与数据在同一目录（${witnessFile}），能删改数据库的人也能删掉它；请用 QIXIAN_AUDIT_WITNESS 放到另一磁盘或只追加存储，或把 audit-chain-head 行送往 syslog / the witness sits in the data directory (${witnessFile}): whoever can cut rows can delete it too; move it to another disk or write-once storage with QIXIAN_AUDIT_WITNESS, or ship the audit-chain-head line to syslog`,
          );

        const r = await verifyAuditChain(handle.db, config.auditKey, {
          maxProblems: opts.maxProblems,
          witness: witnesses,
        });
        out(`已检查 ${r.rows} 条审计记录 / checked ${r.rows} audit rows`);
        for (const p of r.problems) out(`  [${p.kind}] seq ${p.seq}: ${p.message}`);
        if (!r.ok)
          throw new CliError(
            `审计链校验失败，发现 ${r.problems.length} 个问题`,
            `audit chain verification failed with ${r.problems.length} problem(s)`,
          );

        const now = new Date();
        if (witnesses.length === 0) {
          warn(
            `警告 / WARNING: 未核对任何外部见证（${witnessFile} 不存在，也没有 --head），末尾记录连同见证一起被删除将无法发现 / no witness was checked (${witnessFile} does not exist and no --head was given): rows cut from the end of the log would go undetected`,
          );
          if (opts.requireWitness) {
            if (r.head) out(chainHeadLine(r.head, now));
            throw new CliError(
              '审计链本身完整，但要求的外部见证缺失（--require-witness）',
              'the audit chain itself is intact, but the required witness is missing (--require-witness)',
              EXIT_NO_WITNESS,
            );
          }
        }
        if (r.head) {
          writeWitnessFile(witnessFile, r.head, now);
          out(chainHeadLine(r.head, now));
        }
        out(
          witnesses.length > 0
            ? '审计链完整，与外部见证一致 / the audit chain is intact and matches the witness'
            : '审计链完整（未核对见证）/ the audit chain is intact (no witness checked)',
        );
      });
    });
}
