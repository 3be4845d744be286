/**
 * The Qixian side of a benchmark: a fresh PostgreSQL database, the demo database prepared by a tsx child, the compiled
 * production server (dist/server/main.js) started on it, and sign-in of the demo accounts.
 */
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { REPO_ROOT, freePort, spawnServer, type ServerChild } from './child.ts';

export const DEMO_PASSWORD = 'Demo#2026qx';

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** Creates a fresh database `name` next to the admin URL's and returns its URL and the server version. */
export async function createPgDatabase(adminUrl: string, name: string): Promise<{ url: string; version: string }> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
    const v = await client.query<{ server_version: string }>('show server_version');
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    return { url: u.toString(), version: v.rows[0]?.server_version ?? '?' };
  } finally {
    await client.end();
  }
}

export async function dropPgDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * Migrates and seeds the database named by `env` in a tsx child (bench/lib/qixian-server.ts), builds the compiled
 * server when its sources changed, and starts it on that database (pinned to `cpu` when given).
 */
export async function startCompiledQixian(
  env: NodeJS.ProcessEnv,
  cpu: number | null,
  nodeArgs: string[] = [],
): Promise<{ server: ServerChild; organisations: number }> {
  const prepared = await spawnServer({
    name: 'prepare',
    script: 'bench/lib/qixian-server.ts',
    env: { ...env, QX_PREPARE_ONLY: '1' },
    cpu: null,
  });
  await prepared.stop();
  execFileSync(process.execPath, ['--import', 'tsx', 'server/scripts/ensure-built.ts'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  const port = await freePort();
  const server = await spawnServer({
    name: 'qixian',
    script: 'dist/server/main.js',
    // As `npm start` runs it: two malloc arenas (worker threads otherwise each get their own, never given back).
    env: { MALLOC_ARENA_MAX: '2', ...env, PORT: String(port) },
    cpu,
    nodeArgs,
    compiled: { pattern: /Qixian is running/, port },
  });
  return { server, organisations: Number(prepared.info.organisations ?? 0) };
}

/** A signed-in demo account: its cookie header and CSRF token. */
export interface Session {
  cookie: string;
  csrf: string;
}

/** Signs in once (the login route is rate limited to 30/min/IP). */
export async function signIn(base: string, username: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const body = (await res.json()) as { csrfToken?: string };
  if (res.status !== 200 || !body.csrfToken)
    throw new Error(`login ${username}: HTTP ${res.status} ${JSON.stringify(body)}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('qx_session='));
  if (!cookie) throw new Error(`login ${username}: no qx_session cookie`);
  return { cookie, csrf: body.csrfToken };
}
