/**
 * Finding 10 (LOW): a request body sent at 1 byte/s was still open after 330 s. Dribbles a JSON body to the public
 * sign-in route at 1 byte/s over a raw socket and records when the server cut it (an answer such as 408, or the
 * connection closed): held when it is cut within 60 s. Also dribbles headers that never end, which node's header
 * timeout must cut as well.
 */
import net from 'node:net';
import type { Probe } from './lib.ts';

const LIMIT_MS = 60_000;

interface Cut {
  /** Seconds until the server answered or closed, or null if it had not within the limit. */
  afterS: number | null;
  status: number | null;
  bytesSent: number;
}

/** Sends `head`, then one byte of `tail` per second until the server answers or closes (or the limit passes). */
function dribble(base: string, head: string, tail: string): Promise<Cut> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    const t0 = Date.now();
    let received = '';
    let bytesSent = 0;
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (cut: boolean) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      const m = /^HTTP\/1\.1 (\d{3})/.exec(received);
      resolve({ afterS: cut ? (Date.now() - t0) / 1000 : null, status: m ? Number(m[1]) : null, bytesSent });
      socket.destroy();
    };
    socket.on('data', (d: Buffer) => {
      received += d.toString('latin1');
      if (received.includes('\r\n\r\n')) finish(true);
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', () => {
      socket.write(head);
      let i = 0;
      timer = setInterval(() => {
        if (i < tail.length) {
          socket.write(tail[i]!);
          bytesSent++;
          i++;
        }
      }, 1000);
    });
    setTimeout(() => finish(false), LIMIT_MS).unref();
  });
}

export const probe: Probe = {
  id: 10,
  title: 'slow request bodies never time out',
  async run(ctx) {
    const body = JSON.stringify({ username: 'probe-slow-body', password: 'x'.repeat(200) });
    const [bodyCut, headerCut] = await Promise.all([
      dribble(
        ctx.demo.base,
        `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${body.length}\r\n\r\n`,
        body,
      ),
      dribble(ctx.demo.base, 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: 1\r\n'.repeat(20)),
    ]);
    const show = (c: Cut) =>
      c.afterS === null
        ? `still open after ${LIMIT_MS / 1000} s (${c.bytesSent} bytes sent)`
        : `cut after ${c.afterS.toFixed(1)} s with ${c.status ?? 'a closed connection'} (${c.bytesSent} bytes sent)`;
    const health = await fetch(`${ctx.demo.base}/api/health`).then((r) => r.status);
    return {
      held: bodyCut.afterS !== null && headerCut.afterS !== null && health === 200,
      detail: `1 byte/s body: ${show(bodyCut)}; 1 byte/s headers: ${show(headerCut)}; health ${health}`,
    };
  },
};
