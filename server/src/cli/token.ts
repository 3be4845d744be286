/**
 * `qixian token create|list|revoke`: API tokens of machine clients from the command line, audited as actor "cli".
 * `token create` prints the token once, alone on the last line of stdout, so a script can capture it
 * (`TOKEN=$(npm run -s qixian -- token create --username U | tail -n 1)`); only its SHA-256 hash is stored.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { API_TOKEN_MAX_DAYS } from '../../../contracts/api-tokens.ts';
import {
  createApiToken,
  findAccountId,
  listOwnApiTokens,
  revokeApiToken,
} from '../platform/auth/api-tokens.service.ts';
import { out, formatTable, withDatabase } from './context.ts';

const CLI_ACTOR = { userId: null, username: 'cli', ip: 'cli' };

function parseId(value: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(value)) throw new InvalidArgumentError('应为正整数 / must be a positive integer');
  return Number(value);
}

function parseDays(value: string): number {
  const n = parseId(value);
  if (n > API_TOKEN_MAX_DAYS)
    throw new InvalidArgumentError(`最多 ${API_TOKEN_MAX_DAYS} 天 / at most ${API_TOKEN_MAX_DAYS} days`);
  return n;
}

/** Registers `token create`, `token list` and `token revoke` on the program. */
export function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('API 令牌（机器客户端）/ API tokens of machine clients');
  token
    .command('create')
    .description('为账户创建 API 令牌，仅显示一次（写入审计日志）/ create an API token, shown once (audited)')
    .requiredOption('--username <username>', '令牌所属账户 / the account the token acts as')
    .option('--name <name>', '令牌名称 / token name', '命令行创建')
    .option('--expires-in-days <days>', `有效天数（1-${API_TOKEN_MAX_DAYS}，默认不过期）/ days valid`, parseDays)
    .action(async (opts: { username: string; name: string; expiresInDays?: number }) => {
      await withDatabase(async ({ deps }) => {
        const userId = await findAccountId(deps, opts.username);
        const created = await createApiToken(deps, {
          userId,
          name: opts.name,
          expiresInDays: opts.expiresInDays,
          createdBy: null,
          actor: CLI_ACTOR,
        });
        out(
          `已创建令牌 / token created: id=${created.id} name=${created.name} expires=${created.expiresAt ?? '-'}` +
            ' — 仅显示这一次，请妥善保存 / shown this once, keep it safe:',
        );
        out(created.token);
      });
    });
  token
    .command('list')
    .description('列出账户的 API 令牌（不含密钥）/ list an account’s API tokens (never the secret)')
    .requiredOption('--username <username>', '账户 / account')
    .option('--all', '包括已撤销和已过期的 / include revoked and expired ones')
    .action(async (opts: { username: string; all?: boolean }) => {
      await withDatabase(async ({ deps }) => {
        const userId = await findAccountId(deps, opts.username);
        const rows = [];
        for (let page = 1; ; page++) {
          const p = await listOwnApiTokens(deps, {
            principal: { userId, username: '', displayName: '', divisionCode: '', orgId: null, roles: [] },
            all: opts.all === true,
            page: { page, pageSize: 200 },
          });
          rows.push(...p.items);
          if (rows.length >= p.total || p.items.length === 0) break;
        }
        out(
          formatTable(
            ['id', '名称 name', '前缀 prefix', '状态 status', '创建 created', '最近使用 last used', '到期 expires'],
            rows.map((r) => [
              String(r.id),
              r.name,
              `${r.prefix}…`,
              r.status,
              r.createdAt,
              r.lastUsedAt ?? '-',
              r.expiresAt ?? '-',
            ]),
          ),
        );
      });
    });
  token
    .command('revoke')
    .description('撤销 API 令牌，立即生效（写入审计日志）/ revoke an API token at once (audited)')
    .requiredOption('--id <id>', '令牌 ID / token id', parseId)
    .action(async (opts: { id: number }) => {
      await withDatabase(async ({ deps }) => {
        const t = await revokeApiToken(deps, { id: opts.id, as: 'cli', principal: null, actor: CLI_ACTOR });
        out(`已撤销令牌 / token revoked: id=${t.id} name=${t.name}`);
      });
    });
}
