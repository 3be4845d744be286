/**
 * `qixian token …` run as child processes (`npm run -s qixian -- token create` exactly as scripts call it) against
 * the test's fresh database (SQLite file or PostgreSQL database), then the printed token used on the API.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_TOKEN_PATTERN } from '../../../contracts/api-tokens.ts';
import { hashApiToken } from '../platform/auth/api-tokens.ts';
import { addUser, createTestApp, type TestApp } from '../test/harness.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], databaseUrl: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('QIXIAN_') && k !== 'DATABASE_URL') env[k] = v;
  Object.assign(env, { DATABASE_URL: databaseUrl, QIXIAN_MODE: 'demo', NO_COLOR: '1' });
  return new Promise((resolve) => {
    execFile(file, args, { cwd: ROOT, env, timeout: 90_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('qixian token', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it(
    'creates (printed once, last line, only the hash stored), lists, revokes; audited as cli',
    { timeout: 180_000 },
    async () => {
      await addUser(t, { username: 'scale.op', role: 'farmer', division: '150121' });
      await addUser(t, { username: 'sys.cli', role: 'sys-admin', division: '150000' });
      const url = t.db.url;

      const created = await run(
        'npm',
        ['run', '-s', 'qixian', '--', 'token', 'create', '--username', 'scale.op', '--name', '地磅'],
        url,
      );
      expect(created, created.stderr).toMatchObject({ code: 0 });
      const lines = created.stdout.trimEnd().split('\n');
      const token = lines.at(-1) ?? '';
      expect(token).toMatch(API_TOKEN_PATTERN);
      expect(created.stdout.split(token)).toHaveLength(2); // printed exactly once

      // The database holds the hash and the prefix, never the token.
      const rows = await t.db.db.selectFrom('api_token').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        token_hash: hashApiToken(token),
        prefix: token.slice(0, 11),
        name: '地磅',
        created_by: null,
      });
      expect(JSON.stringify(rows)).not.toContain(token);
      const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'token.create').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_username: 'cli', actor_user_id: null, target_type: 'api_token' });
      expect(JSON.stringify(audit)).not.toContain(token);

      // The token works on the API as its owner.
      const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ username: 'scale.op' });

      const bin = path.join(ROOT, 'bin', 'qixian.js');
      const listed = await run(process.execPath, [bin, 'token', 'list', '--username', 'scale.op'], url);
      expect(listed, listed.stderr).toMatchObject({ code: 0 });
      expect(listed.stdout).toContain('地磅');
      expect(listed.stdout).toContain(`${token.slice(0, 11)}…`);
      expect(listed.stdout).not.toContain(token);

      // Refusals: an administrator, an unknown account, a bad id — in Chinese and English, nothing written.
      const admin = await run(process.execPath, [bin, 'token', 'create', '--username', 'sys.cli'], url);
      expect(admin.code).not.toBe(0);
      expect(admin.stderr).toContain('管理员账户');
      const unknown = await run(process.execPath, [bin, 'token', 'create', '--username', 'nobody'], url);
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toContain('没有该用户名的账户');
      expect(await t.db.db.selectFrom('api_token').selectAll().execute()).toHaveLength(1);

      const revoked = await run(process.execPath, [bin, 'token', 'revoke', '--id', String(rows[0]!.id)], url);
      expect(revoked, revoked.stderr).toMatchObject({ code: 0 });
      expect(revoked.stdout).toContain('已撤销');
      const after = await t.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(after.statusCode).toBe(401);
      const again = await run(process.execPath, [bin, 'token', 'revoke', '--id', String(rows[0]!.id)], url);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('已撤销');
    },
  );
});
