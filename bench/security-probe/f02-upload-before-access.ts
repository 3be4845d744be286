/**
 * Finding 2 (MEDIUM): 60 parallel anonymous 19 MiB POSTs to /api/imports/organisations each got 401 only after the
 * body was buffered; RSS went 415 -> 1,040 MB. Replays them (streamed from one shared 1 MiB buffer, so the probe itself
 * holds 1 MiB, not 60 x 19 MiB) and samples the server's RSS while they run: held when every one answers 401 and the
 * RSS grows by less than 100 MB.
 */
import http from 'node:http';
import { rssOf, type Probe } from './lib.ts';

const PARALLEL = 60;
const DECLARED = 19 * 1024 * 1024;
const CHUNK = Buffer.alloc(1024 * 1024, 0x41);

interface Outcome {
  status: number | null;
  /** Bytes the probe managed to hand to the kernel before the answer (or the closed connection). */
  sent: number;
  error?: string;
}

/** One anonymous upload: headers declaring 19 MiB, then the body in 1 MiB writes until the server answers. */
function upload(base: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const url = new URL('/api/imports/organisations?name=orgs.xlsx', base);
    let sent = 0;
    let status: number | null = null;
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      resolve({ status, sent, ...(error && status === null ? { error } : {}) });
    };
    const req = http.request(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(DECLARED) },
    });
    req.on('response', (res) => {
      status = res.statusCode ?? null;
      res.resume();
      res.on('end', () => finish());
      res.on('error', () => finish());
    });
    // After an early answer the server closes: the rest of the body cannot be written (EPIPE / ECONNRESET).
    req.on('error', (err) => finish(err.message));
    const pump = () => {
      while (sent < DECLARED && status === null && !req.destroyed) {
        const n = Math.min(CHUNK.length, DECLARED - sent);
        sent += n;
        if (!req.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      if (sent >= DECLARED) req.end();
    };
    pump();
    setTimeout(() => {
      req.destroy();
      finish('no answer within 45 s');
    }, 45_000).unref();
  });
}

export const probe: Probe = {
  id: 2,
  title: 'anonymous uploads read before the access check',
  async run(ctx) {
    const pid = ctx.demo.pid;
    const mb = (b: number | null) => (b === null ? NaN : b / (1024 * 1024));
    const before = rssOf(pid);
    let peak = before ?? 0;
    const sampler = setInterval(() => {
      const now = rssOf(pid);
      if (now !== null && now > peak) peak = now;
    }, 50);
    const t0 = Date.now();
    const outcomes = await Promise.all(Array.from({ length: PARALLEL }, () => upload(ctx.demo.base)));
    const elapsed = (Date.now() - t0) / 1000;
    clearInterval(sampler);
    const after = rssOf(pid);
    const byStatus = new Map<string, number>();
    for (const o of outcomes) {
      const k = o.status === null ? `error(${o.error ?? '?'})` : String(o.status);
      byStatus.set(k, (byStatus.get(k) ?? 0) + 1);
    }
    const all401 = outcomes.every((o) => o.status === 401);
    const growth = mb(peak) - mb(before);
    const sentMb = outcomes.reduce((s, o) => s + o.sent, 0) / (1024 * 1024);
    // The server still answers afterwards.
    const health = await fetch(`${ctx.demo.base}/api/health`).then((r) => r.status);
    return {
      held: all401 && growth < 100 && health === 200,
      detail:
        `${PARALLEL} x 19 MiB anonymous POSTs: ${[...byStatus].map(([k, n]) => `${n} x ${k}`).join(', ')} in ` +
        `${elapsed.toFixed(1)} s; the probe wrote ${sentMb.toFixed(0)} of ${(PARALLEL * 19).toFixed(0)} MiB before ` +
        `the answers; server RSS ${mb(before).toFixed(0)} -> peak ${mb(peak).toFixed(0)} MB (+${growth.toFixed(0)}), ` +
        `${mb(after).toFixed(0)} MB after; health ${health}`,
    };
  },
};
