/** `qixian user create …`: staff accounts from the command line, audited as actor "cli". */
import { InvalidArgumentError, type Command } from 'commander';
import { createUser } from '../modules/users/index.ts';
import type { RoleCode } from '../../../contracts/access.ts';
import { out, withDatabase } from './context.ts';

interface CreateOptions {
  username: string;
  password: string;
  role: string;
  division: string;
  org?: number;
  name?: string;
  phone?: string;
  idNumber?: string;
}

function parseId(value: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(value)) throw new InvalidArgumentError('应为正整数 / must be a positive integer');
  return Number(value);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Registers `user create` on the program. */
export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('账户管理 / account management');
  user
    .command('create')
    .description('创建账户并授予角色（写入审计日志）/ create an account with its role (audited)')
    .requiredOption('--username <username>', '用户名（3-64 位小写字母、数字、._-）/ username (3-64 of a-z 0-9 . _ -)')
    .requiredOption(
      '--password <password>',
      '初始密码；"-" 表示从标准输入读取 / initial password; "-" reads it from stdin',
    )
    .requiredOption(
      '--role <role>',
      '角色代码，多个用逗号分隔，如 county-officer / role code(s), comma-separated, e.g. county-officer',
    )
    .requiredOption('--division <code>', '行政区划代码（账户所属及角色范围）/ division code (home and role scope)')
    .option('--org <id>', '所属单位 ID / organisation id', parseId)
    .option('--name <name>', '显示姓名（默认同用户名）/ display name (defaults to the username)')
    .option('--phone <phone>', '手机号码（加密保存）/ mobile number (stored encrypted)')
    .option('--id-number <number>', '身份证号码（加密保存）/ ID number (stored encrypted)')
    .action(async (opts: CreateOptions) => {
      const password = opts.password === '-' ? await readStdin() : opts.password;
      await withDatabase(async ({ deps }) => {
        const roles = opts.role
          .split(',')
          .map((r) => r.trim())
          .filter((r) => r !== '')
          .map((role) => ({ role: role as RoleCode, divisionCode: opts.division }));
        const id = await createUser(deps, {
          username: opts.username,
          password,
          displayName: opts.name ?? opts.username,
          roles,
          divisionCode: opts.division,
          orgId: opts.org ?? null,
          phone: opts.phone ?? null,
          idNumber: opts.idNumber ?? null,
          actor: { userId: null, username: 'cli', ip: 'cli' },
        });
        out(`已创建账户 / account created: id=${id} username=${opts.username.trim().toLowerCase()}`);
      });
    });
}
