/**
 * Shared pieces of the security probe (bench/security-probe.ts): a cookie-and-CSRF HTTP client over fetch, demo-account
 * sign-in with TOTP enrolment for the 三员, and servers started as child processes on loopback.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { spawnServer, type ServerChild } from '../lib/child.ts';

export const DEMO_PASSWORD = 'Demo#2026qx';

/** What one finding's probe reports: held (the fix holds) or not, and a one-line detail with figures. */
export interface ProbeResult {
  held: boolean;
  detail: string;
}

export interface Probe {
  /** Finding number in issue 9. */
  id: number;
  title: string;
  run(ctx: ProbeContext): Promise<ProbeResult>;
}

export interface RunningServer {
  base: string;
  pid: number;
  child: ServerChild;
  stop(): Promise<void>;
}

export interface ProbeContext {
  /** The shared demo-mode server (SQLite, demo data), started once for all probes. */
  demo: RunningServer;
  /** Starts another server with extra environment (fresh data directory unless given); the caller stops it. */
  startServer(env: NodeJS.ProcessEnv, opts?: { readyTimeoutMs?: number }): Promise<RunningServer>;
  /** TOTP secrets of the demo administrators enrolled so far (an admin enrols once per server). */
  totpSecrets: Map<string, string>;
}

/** Resident set size of a process in bytes (Linux /proc), or null when unreadable. */
export function rssOf(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export async function startQixian(env: NodeJS.ProcessEnv, readyTimeoutMs = 180_000): Promise<RunningServer> {
  const dataDir = env.QIXIAN_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'qx-probe-'));
  const child = await spawnServer({
    name: 'qixian',
    script: 'bench/lib/qixian-server.ts',
    env: {
      ...process.env,
      QIXIAN_MODE: 'demo',
      LOG_LEVEL: 'warn',
      DATABASE_URL: undefined,
      ...env,
      QIXIAN_DATA_DIR: dataDir,
    },
    cpu: null,
    readyTimeoutMs,
  });
  return {
    base: `http://127.0.0.1:${child.port}`,
    pid: child.pid,
    child,
    async stop() {
      await child.stop();
      if (!env.QIXIAN_DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

/** One browser-like client: keeps its cookies and CSRF token. */
export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(
    readonly base: string,
    readonly extraHeaders: Record<string, string> = {},
  ) {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const h: Record<string, string> = { ...this.extraHeaders, ...headers };
    if (this.cookies.size > 0) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrf) h['x-csrf-token'] = this.csrf;
    let payload: BodyInit | undefined;
    if (body !== undefined) {
      if (body instanceof Uint8Array || typeof body === 'string') payload = body as BodyInit;
      else {
        payload = JSON.stringify(body);
        h['content-type'] = 'application/json';
      }
    }
    const res = await fetch(this.base + url, { method, headers: h, body: payload, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      text,
      json<T>() {
        return JSON.parse(text) as T;
      },
    };
  }

  get(url: string): Promise<Reply> {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown): Promise<Reply> {
    return this.request('POST', url, body ?? {});
  }

  /** Password sign-in; keeps the CSRF token of the new session. Returns the reply (200 or the error). */
  async login(username: string, password = DEMO_PASSWORD): Promise<Reply> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.status === 200) this.csrf = res.json<{ csrfToken: string }>().csrfToken;
    return res;
  }
}

const lastStep = new Map<string, number>();

/** A TOTP code for `secret` at a time-step never used before by this probe for that secret (waits when needed). */
export async function freshTotpCode(secret: string): Promise<string> {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), period: 30, digits: 6, algorithm: 'SHA1' });
  for (;;) {
    const step = Math.floor(Date.now() / 30_000);
    const used = lastStep.get(secret) ?? -1;
    if (step > used) {
      lastStep.set(secret, step);
      return totp.generate({ timestamp: step * 30_000 });
    }
    await new Promise((r) => setTimeout(r, (step + 1) * 30_000 - Date.now() + 50));
  }
}

/** Signs in a demo 三员 account through its second factor, enrolling a TOTP device on first use. */
export async function signInAdmin(ctx: ProbeContext, base: string, username: string): Promise<Client> {
  const c = new Client(base);
  const res = await c.login(username);
  if (res.status !== 200) throw new Error(`${username}: login ${res.status} ${res.text}`);
  let secret = ctx.totpSecrets.get(`${base}|${username}`);
  if (!secret) {
    const setup = await c.get('/api/auth/totp/setup');
    if (setup.status !== 200) throw new Error(`${username}: totp setup ${setup.status} ${setup.text}`);
    secret = setup.json<{ secret: string }>().secret;
    ctx.totpSecrets.set(`${base}|${username}`, secret);
  }
  const verify = await c.post('/api/auth/totp', { code: await freshTotpCode(secret) });
  if (verify.status !== 200) throw new Error(`${username}: totp ${verify.status} ${verify.text}`);
  c.csrf = verify.json<{ csrfToken: string }>().csrfToken;
  return c;
}

/** Signs in a demo account without a second factor. */
export async function signIn(base: string, username: string, password = DEMO_PASSWORD): Promise<Client> {
  const c = new Client(base);
  const res = await c.login(username, password);
  if (res.status !== 200) throw new Error(`${username}: login ${res.status} ${res.text}`);
  return c;
}
