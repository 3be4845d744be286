/**
 * `qixian` — the platform's command-line tool: migrate, seed, user create, token create/list/revoke, audit verify,
 * backup, restore.
 * Run with `npx qixian …` (bin/qixian.js) or `npm run qixian -- …`. Every command opens the database named by the
 * environment (DATABASE_URL, or ./data/qixian.db under QIXIAN_DATA_DIR); errors print in Chinese and English and
 * exit with a non-zero code.
 */
import { Command, CommanderError } from 'commander';
import { registerAuditCommands } from './audit.ts';
import { registerBackupCommands } from './backup.ts';
import { CliError, describeError } from './context.ts';
import { registerDbCommands } from './db.ts';
import { registerIndexCommands } from './index-cmd.ts';
import { registerUserCommands } from './user.ts';
import { registerTokenCommands } from './token.ts';
import { MODULES } from '../modules/registry.ts';

/** Builds the command tree (exported for tests and documentation). */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('qixian')
    .description('旗县科技创新平台命令行工具 / Qixian platform command-line tool')
    .helpOption('-h, --help', '显示帮助 / show help')
    .helpCommand('help [command]', '显示命令帮助 / show help for a command')
    .showHelpAfterError('(用 --help 查看用法 / add --help for usage)')
    .exitOverride();
  registerDbCommands(program);
  registerUserCommands(program);
  registerTokenCommands(program);
  registerAuditCommands(program);
  registerBackupCommands(program);
  registerIndexCommands(program);
  for (const m of MODULES) m.cli?.(program);
  return program;
}

/** Parses `argv`, runs the command and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode; // commander has printed its message (or the help)
    for (const line of describeError(err)) process.stderr.write(`${line}\n`);
    return err instanceof CliError ? err.exitCode : 1;
  }
}

process.exitCode = await main(process.argv);
