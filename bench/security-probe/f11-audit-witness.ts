/**
 * Finding 11: the audit witness file sat in the data directory, so deleting the newest audit rows together with it
 * went undetected, and `qixian audit verify` did not say that it had checked no witness.
 *
 * The probe runs the real CLI (`npx tsx server/src/cli/main.ts`) on a fresh SQLite data directory: two accounts are
 * created (two audit rows), a first verify keeps the chain head on "another disk" (QIXIAN_AUDIT_WITNESS outside the
 * data directory), then the attacker lifts the delete guard and cuts the newest row. Held when a verify without any
 * witness says so plainly (warning line) and fails with exit code 3 under --require-witness, and the verify with the
 * witness kept elsewhere fails with a `[truncated]` problem.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { REPO_ROOT } from '../lib/child.ts';
import type { Probe } from './lib.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(dataDir: string, args: string[], extra: NodeJS.ProcessEnv = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('QIXIAN_') && k !== 'DATABASE_URL') env[k] = v;
  Object.assign(env, { QIXIAN_DATA_DIR: dataDir, QIXIAN_MODE: 'demo', LOG_LEVEL: 'warn', NO_COLOR: '1' }, extra);
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', 'server/src/cli/main.ts', ...args],
      { cwd: REPO_ROOT, env, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function must(r: Run, what: string): void {
  if (r.code !== 0) throw new Error(`${what}: exit ${r.code}: ${r.stderr.trim()}`);
}

export const probe: Probe = {
  id: 11,
  title: 'audit witness off the data directory; verify says when none was checked',
  async run() {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qx-probe-f11-'));
    const data = path.join(root, 'data');
    const elsewhere = { QIXIAN_AUDIT_WITNESS: path.join(root, 'other-disk', 'audit-head.json') };
    try {
      must(await cli(data, ['seed']), 'seed');
      for (const name of ['f11.probe.one', 'f11.probe.two'])
        must(
          await cli(data, [
            'user',
            'create',
            '--username',
            name,
            '--password',
            'F11#Probe-Witness-2026',
            '--role',
            'county-officer',
            '--division',
            '150203',
          ]),
          `user create ${name}`,
        );
      const witnessed = await cli(data, ['audit', 'verify'], elsewhere);
      must(witnessed, 'first verify');
      const headLine = /^audit-chain-head .*$/m.exec(witnessed.stdout)?.[0] ?? 'none';

      // The attacker: lift the delete guard and cut the newest row (the data directory holds no witness to delete).
      const db = new BetterSqlite3(path.join(data, 'qixian.db'));
      try {
        db.exec('drop trigger audit_log_no_delete');
        db.prepare('delete from audit_log where seq = (select max(seq) from audit_log)').run();
      } finally {
        db.close();
      }

      const [blind, blindRequired, caught] = await Promise.all([
        cli(data, ['audit', 'verify', '--witness', path.join(root, 'missing.json')]),
        cli(data, ['audit', 'verify', '--require-witness', '--witness', path.join(root, 'missing-2.json')]),
        cli(data, ['audit', 'verify', '--require-witness'], elsewhere),
      ]);
      const saysNone = /no witness was checked/.test(blind.stderr) && /未核对任何外部见证/.test(blind.stderr);
      const truncated = caught.code === 1 && /\[truncated\]/.test(caught.stdout);
      const held = saysNone && blindRequired.code === 3 && truncated;
      return {
        held,
        detail:
          `witness kept off the data dir (${headLine.split(' at=')[0]}); newest row cut -> ` +
          `verify without witness: exit ${blind.code}, warning ${saysNone ? 'printed' : 'MISSING'}; ` +
          `--require-witness: exit ${blindRequired.code}; with the kept witness: exit ${caught.code}` +
          `${truncated ? ' [truncated] reported' : ', cut NOT detected'}`,
      };
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  },
};
