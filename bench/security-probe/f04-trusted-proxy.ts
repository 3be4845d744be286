/**
 * Finding 4: production accepted QIXIAN_TRUST_PROXY=true (so any client's X-Forwarded-For was believed: 40 logins
 * with rotating X-Forwarded-For drew no 429 and the audit recorded a forged address) and QIXIAN_SECRET = 32 x 'a'.
 *
 * The probe starts production servers that must refuse to start: one with QIXIAN_TRUST_PROXY=true, one with
 * 0.0.0.0/0, one with QIXIAN_SECRET = 32 x 'a' (through ctx.startServer, which runs loadConfig in the child). Then it
 * starts a real production server (`node --import tsx server/src/main.ts`: no demo data, strong random secrets,
 * https public URL) that trusts only 127.0.0.2 — not the probe's own address — sends 40 logins from 127.0.0.1 with a
 * different X-Forwarded-For each, and after stopping it reads the audit rows of those logins from its SQLite file.
 * Held when the three unsafe servers refuse to start with a message naming the variable, a 429 appears by the 31st
 * login, and no audit row carries a forged address.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { REPO_ROOT } from '../lib/child.ts';
import { Client, type Probe, type ProbeContext } from './lib.ts';

const PUBLIC_URL = 'https://qixian.example.gov.cn';
const TRUSTED_PROXY = '127.0.0.2';
const LOGINS = 40;

function strongSecret(): string {
  return randomBytes(48).toString('base64');
}

/** Starts a server that should refuse to start; returns the refusal text, or null when it came up. */
async function refusal(ctx: ProbeContext, env: NodeJS.ProcessEnv, expect: RegExp): Promise<string | null> {
  try {
    const server = await ctx.startServer(env, { readyTimeoutMs: 30_000 });
    await server.stop();
    return null;
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    return expect.test(text) ? text : null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

interface ProductionServer {
  base: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** `server/src/main.ts` in production mode on 127.0.0.1 (bench/lib/qixian-server.ts would seed demo data). */
async function startProduction(): Promise<ProductionServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qx-probe-f04-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    QIXIAN_MODE: 'production',
    QIXIAN_DATA_DIR: dataDir,
    QIXIAN_SECRET: strongSecret(),
    QIXIAN_AUDIT_KEY: strongSecret(),
    QIXIAN_PUBLIC_URL: PUBLIC_URL,
    QIXIAN_TRUST_PROXY: TRUSTED_PROXY,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`production server not ready within 60 s\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Qixian is running/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`production server exited (code ${code})\n${output}`));
    });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    dataDir,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      const killer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

export const probe: Probe = {
  id: 4,
  title: 'production trusted proxy and secret strength',
  async run(ctx) {
    const production = {
      QIXIAN_MODE: 'production',
      QIXIAN_PUBLIC_URL: PUBLIC_URL,
      QIXIAN_SECRET: strongSecret(),
      QIXIAN_AUDIT_KEY: strongSecret(),
    };
    const refusedTrue = await refusal(
      ctx,
      { ...production, QIXIAN_TRUST_PROXY: 'true' },
      /QIXIAN_TRUST_PROXY=true[\s\S]*X-Forwarded-For/,
    );
    const refusedAll = await refusal(ctx, { ...production, QIXIAN_TRUST_PROXY: '0.0.0.0/0' }, /0\.0\.0\.0\/0/);
    const refusedSecret = await refusal(
      ctx,
      { ...production, QIXIAN_TRUST_PROXY: TRUSTED_PROXY, QIXIAN_SECRET: 'a'.repeat(32), QIXIAN_AUDIT_KEY: undefined },
      /QIXIAN_SECRET[\s\S]*openssl rand -base64 48/,
    );

    const server = await startProduction();
    const statuses: number[] = [];
    let forgedInAudit = 0;
    let auditRows = 0;
    try {
      for (let i = 0; i < LOGINS; i++) {
        const c = new Client(server.base, { 'x-forwarded-for': `198.51.100.${i + 1}` });
        const res = await c.login(`f04-probe-${i}`, 'Wrong#Password1');
        statuses.push(res.status);
      }
    } finally {
      await server.stop();
    }
    try {
      const db = new BetterSqlite3(path.join(server.dataDir, 'qixian.db'), { readonly: true });
      try {
        const rows = db
          .prepare("select ip from audit_log where action = 'auth.login' and actor_username like 'f04-probe-%'")
          .all() as { ip: string | null }[];
        auditRows = rows.length;
        forgedInAudit = rows.filter((r) => r.ip?.startsWith('198.51.100.')).length;
      } finally {
        db.close();
      }
    } finally {
      fs.rmSync(server.dataDir, { recursive: true, force: true });
    }

    const first429 = statuses.indexOf(429) + 1; // 1-based; 0 when none
    const held =
      refusedTrue !== null &&
      refusedAll !== null &&
      refusedSecret !== null &&
      first429 > 0 &&
      first429 <= 31 &&
      forgedInAudit === 0;
    return {
      held,
      detail:
        `production start refused: TRUST_PROXY=true ${refusedTrue ? 'yes' : 'NO'}, 0.0.0.0/0 ${refusedAll ? 'yes' : 'NO'}, ` +
        `SECRET=32xa ${refusedSecret ? 'yes' : 'NO'}; proxy ${TRUSTED_PROXY}: ${LOGINS} logins with rotating ` +
        `X-Forwarded-For -> first 429 at #${first429 || 'none'} (${statuses.filter((s) => s === 429).length} x 429); ` +
        `audit rows ${auditRows}, forged IPs ${forgedInAudit}`,
    };
  },
};
