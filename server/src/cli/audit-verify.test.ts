/**
 * Issue 9, finding 11: `qixian audit verify` and the chain-head witness. Deleting the newest audit rows together
 * with a witness kept in the data directory went unnoticed; the witness can now live elsewhere
 * (QIXIAN_AUDIT_WITNESS, --head from a syslog line), and a run that checked no witness says so, failing with exit
 * code 3 under --require-witness. Runs the real CLI (bin/qixian.js) on temporary SQLite data directories.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_NO_WITNESS } from './audit.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = path.join(ROOT, 'bin', 'qixian.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qixian-audit-verify-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in demo mode on SQLite under `dataDir`, with no QIXIAN_ variables but those in `extra`. */
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

async function createUsers(dataDir: string, names: string[]): Promise<void> {
  for (const name of names) {
    const r = await qixian(dataDir, [
      'user',
      'create',
      '--username',
      name,
      '--password',
      'Qixian#Test2026',
      '--role',
      'county-officer',
      '--division',
      '150102',
    ]);
    expect(r, r.stderr).toMatchObject({ code: 0 });
  }
}

/** What an attacker with write access to the database does: lift the delete guard and cut the newest rows. */
function cutNewestRows(dataDir: string, fromSeq: number): void {
  const db = new BetterSqlite3(path.join(dataDir, 'qixian.db'));
  try {
    db.exec('drop trigger audit_log_no_delete');
    db.prepare('delete from audit_log where seq >= ?').run(fromSeq);
  } finally {
    db.close();
  }
}

const NO_WITNESS = /警告 \/ WARNING: 未核对任何外部见证[\s\S]*no witness was checked/;

describe('qixian audit verify and the chain-head witness (finding 11)', () => {
  it(
    'a witness kept off the data directory catches rows cut from the end; none checked is said plainly',
    { timeout: 240_000 },
    async () => {
      const data = path.join(tmp, 'data');
      const elsewhere = path.join(tmp, 'other-disk', 'qixian-head.json');
      const env = { QIXIAN_AUDIT_WITNESS: elsewhere };
      expect((await qixian(data, ['seed'])).code).toBe(0);
      await createUsers(data, ['witness.one', 'witness.two', 'witness.three']);

      // No witness yet: the chain is intact, the run says no witness was checked, and --require-witness fails.
      const required = await qixian(data, ['audit', 'verify', '--require-witness'], env);
      expect(required.code).toBe(EXIT_NO_WITNESS);
      expect(required.stderr).toMatch(NO_WITNESS);
      expect(required.stderr).toContain('--require-witness');
      expect(fs.existsSync(elsewhere)).toBe(false); // --require-witness never creates the witness it asks for

      const first = await qixian(data, ['audit', 'verify'], env);
      expect(first, first.stderr).toMatchObject({ code: 0 });
      expect(first.stderr).toMatch(NO_WITNESS);
      expect(first.stdout).toContain('the audit chain is intact (no witness checked)');
      const headLine = /^audit-chain-head seq=3 hash=[0-9a-f]{64} at=\S+$/m.exec(first.stdout)?.[0];
      expect(headLine, first.stdout).toBeDefined();
      expect(JSON.parse(fs.readFileSync(elsewhere, 'utf8'))).toMatchObject({ seq: 3 });
      expect(fs.existsSync(path.join(data, 'audit-witness.json'))).toBe(false);
      expect(first.stderr).not.toContain('见证文件与数据在同一目录');

      const second = await qixian(data, ['audit', 'verify', '--require-witness'], env);
      expect(second, second.stderr).toMatchObject({ code: 0 });
      expect(second.stdout).toContain(`外部见证 / witness: seq 3 (${elsewhere})`);
      expect(second.stdout).toContain('matches the witness');
      expect(second.stderr).not.toMatch(NO_WITNESS);

      // The newest row is cut. Without a witness the chain still looks whole, and the run says it checked none.
      cutNewestRows(data, 3);
      const [blind, blindRequired] = await Promise.all([
        qixian(data, ['audit', 'verify', '--witness', path.join(tmp, 'nowhere.json')]),
        qixian(data, ['audit', 'verify', '--require-witness', '--witness', path.join(tmp, 'nowhere2.json')]),
      ]);
      expect(blind.code).toBe(0);
      expect(blind.stderr).toMatch(NO_WITNESS);
      expect(blindRequired.code).toBe(EXIT_NO_WITNESS);

      // The witness on the other disk, and the head line a log collector kept, both reveal the cut.
      const [caught, fromSyslog] = await Promise.all([
        qixian(data, ['audit', 'verify'], env),
        qixian(data, ['audit', 'verify', '--witness', path.join(tmp, 'nowhere3.json'), '--head', headLine!]),
      ]);
      expect(caught.code).toBe(1);
      expect(caught.stdout).toMatch(/\[truncated\] seq 3/);
      expect(fromSyslog.code).toBe(1);
      expect(fromSyslog.stdout).toMatch(/\[truncated\] seq 3/);
      expect(JSON.parse(fs.readFileSync(elsewhere, 'utf8'))).toMatchObject({ seq: 3 }); // a failed check keeps it
    },
  );

  it(
    'warns when the witness sits in the data directory and refuses a malformed --head',
    { timeout: 120_000 },
    async () => {
      const data = path.join(tmp, 'inside');
      expect((await qixian(data, ['seed'])).code).toBe(0);
      await createUsers(data, ['witness.four']);
      const r = await qixian(data, ['audit', 'verify']);
      expect(r, r.stderr).toMatchObject({ code: 0 });
      expect(r.stderr).toMatch(/见证文件与数据在同一目录[\s\S]*the witness sits in the data directory/);
      expect(fs.existsSync(path.join(data, 'audit-witness.json'))).toBe(true);

      const bad = await qixian(data, ['audit', 'verify', '--head', '1:zz']);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('--head must be seq:64-hex-hash');
    },
  );
});
