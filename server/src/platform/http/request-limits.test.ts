/**
 * Findings 2 and 10 of issue 9, over a real listening socket: the access rule runs before the body is read (an
 * anonymous upload gets 401 after part of its body, the connection is closed instead of draining the rest), uploads
 * stop being read at their limit (413), and slow bodies and headers are cut (408) instead of holding a socket open.
 */
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { addUser, freshDatabase, signIn, testConfig, type Agent, type TestApp } from '../../test/harness.ts';
import { createManualClock } from '../clock.ts';
import { DEFAULT_LIMITS, MiB } from '../spreadsheets/limits.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A raw HTTP/1.1 connection: what the server sent back, and whether it closed the connection. */
const open = new Set<RawConnection>();

class RawConnection {
  private readonly socket: net.Socket;
  private received = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  closed = false;
  writeFailed = false;

  constructor(port: number) {
    this.socket = net.connect({ port, host: '127.0.0.1' });
    open.add(this);
    this.socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.wake();
    });
    this.socket.on('error', () => {
      this.writeFailed = true;
    });
    this.socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
    });
  }

  /** Writes and waits until the kernel took the bytes (false when the server has closed the connection). */
  write(data: Buffer | string): Promise<boolean> {
    if (this.closed || this.socket.destroyed || this.writeFailed) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.socket.write(data, (err) => resolve(!err));
    });
  }

  /** The first complete response, if one has arrived. */
  response(): RawResponse | null {
    const text = this.received.toString('latin1');
    const end = text.indexOf('\r\n\r\n');
    if (end < 0) return null;
    const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
    const headers: Record<string, string> = {};
    for (const l of lines) {
      const i = l.indexOf(':');
      headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    if (this.received.length < end + 4 + length) return null;
    return {
      status: Number(statusLine!.split(' ')[1]),
      headers,
      body: this.received.subarray(end + 4, end + 4 + length).toString('utf8'),
    };
  }

  /** Waits for a response or for the server to close; `limitMs` only bounds a server that never answers. */
  async awaitResponse(limitMs = 20_000): Promise<RawResponse | null> {
    const deadline = Date.now() + limitMs;
    for (;;) {
      const r = this.response();
      if (r || this.closed) return r;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await Promise.race([this.changed(), new Promise((res) => setTimeout(res, Math.min(left, 200)))]);
    }
  }

  /** Waits for the server to close the connection (false if it is still open when `limitMs` has passed). */
  async awaitClose(limitMs = 20_000): Promise<boolean> {
    const deadline = Date.now() + limitMs;
    while (!this.closed && Date.now() < deadline)
      await Promise.race([this.changed(), new Promise((res) => setTimeout(res, 200))]);
    return this.closed;
  }

  /** Forgets what was received (before the next request on a keep-alive connection). */
  clear(): void {
    this.received = Buffer.alloc(0);
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** Connections the server still holds, once those the client closed have gone (bounded wait). */
async function openConnections(app: FastifyInstance): Promise<number> {
  const count = () =>
    new Promise<number>((resolve, reject) => app.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
  for (let i = 0; i < 50; i++) {
    const n = await count();
    if (n === 0) return 0;
    await new Promise((r) => setTimeout(r, 100));
  }
  return count();
}

afterEach(() => {
  for (const c of open) c.destroy();
  open.clear();
});

async function listening(t: TestApp): Promise<number> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function startApp(timeouts?: Record<string, number>): Promise<TestApp> {
  const db = await freshDatabase();
  const clock = createManualClock(new Date());
  const app = await buildApp({
    config: testConfig(),
    database: db,
    clock,
    logger: false,
    ...(timeouts ? { timeouts } : {}),
  });
  await app.ready();
  return {
    app,
    db,
    clock,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

const UPLOAD = '/api/imports/organisations?name=orgs.xlsx';
const head = (opts: { path?: string; length?: number; chunked?: boolean; agent?: Agent; type?: string }) =>
  [
    `POST ${opts.path ?? UPLOAD} HTTP/1.1`,
    'Host: 127.0.0.1',
    `Content-Type: ${opts.type ?? 'application/octet-stream'}`,
    opts.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${opts.length ?? 0}`,
    ...(opts.agent ? [`Cookie: ${opts.agent.cookie}`, `X-CSRF-Token: ${opts.agent.csrf}`] : []),
    '',
    '',
  ].join('\r\n');

describe('request path: access before the body, upload limits (finding 2)', () => {
  let t: TestApp;
  let port: number;
  let officer: Agent;
  let farmer: Agent;
  let county: Agent;

  beforeAll(async () => {
    t = await startApp();
    await addUser(t, { username: 'limits-league', role: 'league-officer', division: '150100' });
    await addUser(t, { username: 'limits-farmer', role: 'farmer', division: '150102' });
    officer = await signIn(t, 'limits-league');
    farmer = await signIn(t, 'limits-farmer');
    await addUser(t, { username: 'limits-county', role: 'county-officer', division: '150102' });
    county = await signIn(t, 'limits-county');
    port = await listening(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers an anonymous upload 401 after part of its body and closes instead of reading the rest', async () => {
    const declared = 19 * MiB;
    const c = new RawConnection(port);
    await c.connected();
    expect(await c.write(head({ length: declared }))).toBe(true);
    // 256 KiB of the declared 19 MiB, then nothing more: the server must answer without waiting for the rest.
    await c.write(Buffer.alloc(256 * 1024, 0x41));
    const res = await c.awaitResponse();
    expect(res?.status).toBe(401);
    expect(JSON.parse(res!.body).error.code).toBe('UNAUTHENTICATED');
    expect(res!.headers.connection).toBe('close');
    // Not a keep-alive socket waiting for 18.75 MiB that will never be read.
    expect(await c.awaitClose()).toBe(true);
    expect(await openConnections(t.app)).toBe(0);
  });

  it('refuses a signed-in caller without the permission (403, audited) before reading the body', async () => {
    const before = await t.db.db.selectFrom('audit_log').select('seq').where('action', '=', 'access.denied').execute();
    const c = new RawConnection(port);
    await c.connected();
    await c.write(head({ length: 19 * MiB, agent: farmer }));
    await c.write(Buffer.alloc(64 * 1024, 0x41));
    const res = await c.awaitResponse();
    expect(res?.status).toBe(403);
    expect(JSON.parse(res!.body).error.code).toBe('FORBIDDEN');
    expect(await c.awaitClose()).toBe(true);
    const after = await t.db.db.selectFrom('audit_log').select('seq').where('action', '=', 'access.denied').execute();
    expect(after.length).toBe(before.length + 1);
  });

  it('refuses a write without the CSRF token (403) before reading the body', async () => {
    const c = new RawConnection(port);
    await c.connected();
    await c.write(head({ length: 19 * MiB, agent: { ...officer, csrf: 'wrong' } }));
    await c.write(Buffer.alloc(64 * 1024, 0x41));
    const res = await c.awaitResponse();
    expect(res?.status).toBe(403);
    expect(JSON.parse(res!.body).error.code).toBe('CSRF');
    expect(await c.awaitClose()).toBe(true);
  });

  it("refuses an attachment for a county outside the caller's scope (404) before reading the body", async () => {
    const c = new RawConnection(port);
    await c.connected();
    await c.write(
      head({ path: '/api/monitoring/forms/150203/2024/attachments?name=a.pdf', length: 9 * MiB, agent: county }),
    );
    await c.write(Buffer.alloc(64 * 1024, 0x25));
    const res = await c.awaitResponse();
    expect(res?.status).toBe(404);
    expect(JSON.parse(res!.body).error.code).toBe('NOT_FOUND');
    expect(await c.awaitClose()).toBe(true);
  });

  it('keeps a keep-alive connection usable after a refused request whose small body arrived whole', async () => {
    const c = new RawConnection(port);
    await c.connected();
    const body = '{"a":1}';
    await c.write(head({ path: '/api/organisations', length: body.length, type: 'application/json' }) + body);
    const first = await c.awaitResponse();
    expect(first?.status).toBe(401);
    expect(first!.headers.connection).not.toBe('close');
    c.clear();
    await c.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const second = await c.awaitResponse();
    expect(second?.status).toBe(200);
    expect(c.closed).toBe(false);
  });

  it('answers 413 to a signed-in upload over the limit and stops reading it', async () => {
    // Declared too large: refused from the header alone.
    const declared = new RawConnection(port);
    await declared.connected();
    await declared.write(head({ length: DEFAULT_LIMITS.maxBytes + 1, agent: officer }));
    await declared.write(Buffer.alloc(64 * 1024, 0x41));
    const r1 = await declared.awaitResponse();
    expect(r1?.status).toBe(413);
    expect(JSON.parse(r1!.body).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await declared.awaitClose()).toBe(true);

    // Chunked, no declared length: read up to the limit, then 413 and the connection closed; the client's further
    // bytes are not read (the writes start failing instead of being drained for ever).
    const c = new RawConnection(port);
    await c.connected();
    await c.write(head({ chunked: true, agent: officer }));
    const chunk = Buffer.alloc(256 * 1024, 0x41);
    const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    let sent = 0;
    const cap = DEFAULT_LIMITS.maxBytes * 4;
    while (sent < cap && !c.closed && (await c.write(frame))) sent += chunk.length;
    const res = await c.awaitResponse();
    expect(res?.status).toBe(413);
    expect(JSON.parse(res!.body).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await c.awaitClose()).toBe(true);
    expect(sent).toBeLessThan(cap);
    expect(await openConnections(t.app)).toBe(0);
  });

  it('still accepts an authorised upload within the limit', async () => {
    const csv = '单位名称,单位类型,统一社会信用代码,行政区划代码\n';
    const res = await officer.request('GET', '/api/health');
    expect(res.statusCode).toBe(200);
    const c = new RawConnection(port);
    await c.connected();
    const body = Buffer.from(csv);
    await c.write(
      head({
        path: '/api/imports/organisations?name=a.csv&wait=true',
        length: body.length,
        agent: officer,
        type: 'text/csv',
      }),
    );
    await c.write(body);
    const up = await c.awaitResponse(60_000);
    expect(up?.status).toBe(201);
    c.destroy();
  });
});

describe('request path: slow headers and bodies time out (finding 10)', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startApp({
      requestMs: 30_000,
      headersMs: 1_000,
      checkIntervalMs: 250,
      bodyMinBytesPerSecond: 2_000,
      bodyRateWindowMs: 500,
    });
    port = await listening(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('cuts a body that dribbles in with 408 and closes the connection', async () => {
    const c = new RawConnection(port);
    await c.connected();
    const body = JSON.stringify({ username: 'nobody', password: 'x'.repeat(300) });
    await c.write(head({ path: '/api/auth/login', length: body.length, type: 'application/json' }));
    // One byte every 50 ms (20 bytes/s) until the server gives up, or the whole body (15 s) if it never does.
    for (let i = 0; i < body.length && !c.response() && !c.closed; i++) {
      if (!(await c.write(body[i]!))) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const res = await c.awaitResponse(1_000);
    expect(res?.status).toBe(408);
    expect(JSON.parse(res!.body).error.code).toBe('REQUEST_TIMEOUT');
    expect(await c.awaitClose()).toBe(true);
  });

  it('cuts headers that never finish', async () => {
    const c = new RawConnection(port);
    await c.connected();
    await c.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    for (let i = 0; i < 150 && !c.closed; i++) {
      if (!(await c.write('X-Slow: 1\r\n'))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await c.awaitClose(1_000)).toBe(true);
    expect(c.response()?.status).toBe(408);
  });

  it('lets a body through that arrives steadily well above the minimum rate', async () => {
    const body = Buffer.from(JSON.stringify({ username: 'nobody', password: 'y'.repeat(64 * 1024) }));
    const c = new RawConnection(port);
    await c.connected();
    await c.write(head({ path: '/api/auth/login', length: body.length, type: 'application/json' }));
    // 4 KiB every 20 ms: about 200 KB/s, a hundred times the minimum of this test's app.
    for (let i = 0; i < body.length; i += 4096) {
      await c.write(body.subarray(i, i + 4096));
      await new Promise((r) => setTimeout(r, 20));
    }
    const res = await c.awaitResponse();
    expect(res?.status).not.toBe(408);
    expect(res?.status).toBeLessThan(500);
    c.destroy();
  });
});
