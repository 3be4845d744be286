/** The `qixian` CLI run as a child process (through bin/qixian.js) against temporary SQLite data directories. */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = path.join(ROOT, 'bin', 'qixian.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qixian-cli-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A production configuration the CLI accepts (a random secret, an https address, one trusted proxy). */
const PRODUCTION: NodeJS.ProcessEnv = {
  QIXIAN_MODE: 'production',
  QIXIAN_SECRET: randomBytes(48).toString('base64'),
  QIXIAN_PUBLIC_URL: 'https://qixian.example.org',
  QIXIAN_TRUST_PROXY: '127.0.0.1',
};

/** Runs the CLI with a clean environment: SQLite under `dataDir`, demo mode unless `extra` says otherwise. */
function qixian(dataDir: string, args: string[], extra: NodeJS.ProcessEnv = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('QIXIAN_') && k !== 'DATABASE_URL') env[k] = v;
  Object.assign(env, { QIXIAN_DATA_DIR: dataDir, QIXIAN_MODE: 'demo', NO_COLOR: '1' }, extra);
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('qixian CLI', () => {
  it(
    'seeds, creates a user, rejects a bad role in Chinese, verifies the audit chain, backs up and restores',
    { timeout: 180_000 },
    async () => {
      const a = path.join(tmp, 'a');
      const b = path.join(tmp, 'b');
      const file = path.join(tmp, 'a.qxb.gz');

      // The restore target only gets migrated (no reference data): an empty, migrated database.
      const [seed, migrate] = await Promise.all([qixian(a, ['seed']), qixian(b, ['migrate'])]);
      expect(seed, seed.stderr).toMatchObject({ code: 0 });
      expect(seed.stdout).toMatch(/divisions/);
      expect(migrate, migrate.stderr).toMatchObject({ code: 0 });
      expect(migrate.stdout).toMatch(/0001-foundation/);
      expect(fs.existsSync(path.join(b, 'qixian.db'))).toBe(true);

      const created = await qixian(a, [
        'user',
        'create',
        '--username',
        'cli.officer',
        '--password',
        'Qixian#Test2026',
        '--role',
        'county-officer',
        '--division',
        '150102',
        '--name',
        '命令行用户',
      ]);
      expect(created, created.stderr).toMatchObject({ code: 0 });
      expect(created.stdout).toMatch(/id=1\b/);

      const bad = await qixian(a, [
        'user',
        'create',
        '--username',
        'cli.bad',
        '--password',
        'Qixian#Test2026',
        '--role',
        'emperor',
        '--division',
        '150102',
      ]);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('未知角色 emperor');
      expect(bad.stderr).toContain('请求参数有误');

      // Issue 9, finding 6: common passwords and the published demo password are refused in production.
      const weak = await Promise.all(
        ['Password12', 'P@ssw0rd123', 'Admin@123456', 'Demo#2026qx'].map((password, i) =>
          qixian(
            a,
            [
              'user',
              'create',
              '--username',
              `cli.weak${i}`,
              '--password',
              password,
              '--role',
              'county-officer',
              '--division',
              '150102',
            ],
            PRODUCTION,
          ),
        ),
      );
      for (const w of weak) {
        expect(w.code, w.stdout).not.toBe(0);
        expect(w.stderr).toMatch(/body\.password: (密码过于常见|密码容易被猜到|不能使用公开的演示密码)/);
      }
      expect(weak[3]?.stderr).toContain('不能使用公开的演示密码');

      const verified = await qixian(a, ['audit', 'verify']);
      expect(verified, verified.stderr).toMatchObject({ code: 0 });
      expect(verified.stdout).toMatch(/checked 1 audit rows/);

      const backup = await qixian(a, ['backup', '--out', file]);
      expect(backup, backup.stderr).toMatchObject({ code: 0 });
      expect(backup.stdout).toContain('备份完成');
      expect(fs.statSync(file).size).toBeGreaterThan(1000);

      const restore = await qixian(b, ['restore', file]);
      expect(restore, restore.stderr).toMatchObject({ code: 0 });
      expect(restore.stdout).toMatch(/恢复完成.*counts and hashes match the backup/);
      expect(restore.stdout).toMatch(/app_user\s+1\s/);

      const [again, verifiedB] = await Promise.all([
        qixian(b, ['restore', '--in', file]),
        qixian(b, ['audit', 'verify']),
      ]);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('目标数据库不是空的');
      expect(verifiedB, verifiedB.stderr).toMatchObject({ code: 0 });
      expect(verifiedB.stdout).toMatch(/checked 1 audit rows/);
    },
  );
});
