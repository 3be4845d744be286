/**
 * Limits on how a request may arrive (issue 9, findings 2 and 10): how long its headers and the whole request may take,
 * the slowest rate at which a body may trickle in, and a closed connection whenever the answer goes out before the body
 * was read (an early 401/403/413/415), so that the rest of a refused upload is never read and a keep-alive socket is not
 * left waiting for it.
 *
 * The sizes let a real 20 MiB upload from a slow rural mobile link (about 1 Mbit/s, ~170 s) through with room to
 * spare (down to ~280 kbit/s), while a slow-loris body (1 byte/s) is cut within one rate window (20 s) with 408.
 */
import type { Socket } from 'node:net';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors/errors.ts';

export interface RequestTimeouts {
  /** The whole request, headers and body, must have arrived within this (node `server.requestTimeout`; 408). */
  requestMs: number;
  /** The headers must have arrived within this (node `server.headersTimeout`; 408). */
  headersMs: number;
  /** How often node checks the two timeouts above (node `connectionsCheckingInterval`). */
  checkIntervalMs: number;
  /**
   * A body must keep arriving at least this fast, measured over each `bodyRateWindowMs` while the application is
   * waiting for it (time spent by the application not reading does not count against the client); slower: 408.
   */
  bodyMinBytesPerSecond: number;
  bodyRateWindowMs: number;
}

export const DEFAULT_REQUEST_TIMEOUTS: RequestTimeouts = {
  requestMs: 10 * 60_000,
  headersMs: 30_000,
  checkIntervalMs: 5_000,
  bodyMinBytesPerSecond: 1024,
  bodyRateWindowMs: 20_000,
};

/** The Fastify (node http server) options for the request and header timeouts. */
export function serverTimeoutOptions(t: RequestTimeouts): {
  requestTimeout: number;
  http: { requestTimeout: number; headersTimeout: number; connectionsCheckingInterval: number };
} {
  const headersTimeout = Math.min(t.headersMs, t.requestMs);
  return {
    requestTimeout: t.requestMs,
    http: { requestTimeout: t.requestMs, headersTimeout, connectionsCheckingInterval: t.checkIntervalMs },
  };
}

/** Whether the request announces a body (a length above zero, or chunked). */
export function announcesBody(req: FastifyRequest): boolean {
  const h = req.headers;
  if (h['transfer-encoding'] !== undefined) return true;
  const length = Number(h['content-length'] ?? 0);
  return Number.isFinite(length) && length > 0;
}

/**
 * After an early answer: how long, and how many more bytes, the server goes on discarding before it resets. The byte
 * cap is above the largest accepted upload (20 MiB): a client that goes on sending the rest of a refused upload it had
 * already queued is read to its end and then reads the answer; a reset after only 1 MiB lost one answer in 60 under
 * parallel load (the client had not read it yet when the RST arrived). Discarded bytes are never buffered.
 */
const LINGER_MS = 2_000;
const LINGER_BYTES = 24 * 1024 * 1024;

/**
 * Node answers `Connection: close` by ending the socket and destroying it as soon as the answer is flushed; with
 * unread upload bytes still arriving, that resets the connection (RST) and the client may lose the answer before it
 * reads it (a browser then shows a network error instead of 请先登录). Like a web server's lingering close: the
 * answer and FIN go out, the rest is discarded for at most LINGER_MS / LINGER_BYTES or until the client closes its
 * side, then the socket is destroyed. Never reads more than LINGER_BYTES of the refused body.
 */
function lingerThenClose(socket: Socket): void {
  if (socket.destroyed) return;
  // The listener node's destroySoon() added; if a node version names it differently, the socket simply closes at once.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the very function node registered, only removed
  socket.removeListener('finish', socket.destroy);
  const start = socket.bytesRead;
  const close = (): void => {
    clearInterval(watch);
    clearTimeout(limit);
    socket.destroy();
  };
  const watch = setInterval(() => {
    if (socket.bytesRead - start > LINGER_BYTES) close();
  }, 50);
  const limit = setTimeout(close, LINGER_MS);
  watch.unref();
  limit.unref();
  socket.once('end', close);
  socket.once('close', close);
}

/** Passes the body through unchanged and counts its bytes. */
class CountingStream extends Transform {
  received = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.received += chunk.length;
    done(null, chunk);
  }
}

/**
 * Watches the body of every request that has one (preParsing): a body that arrives slower than the minimum rate while
 * the application waits for it ends the request with 408. Also closes the connection after any answer sent before
 * the request's body was read (onSend), instead of letting node drain the unread rest on a keep-alive socket.
 */
export function registerRequestLimits(app: FastifyInstance, t: RequestTimeouts): void {
  const minPerWindow = Math.ceil((t.bodyMinBytesPerSecond * t.bodyRateWindowMs) / 1000);

  app.addHook('preParsing', (req, reply, payload, done) => {
    if (!announcesBody(req)) {
      done(null, payload);
      return;
    }
    const source = payload as Readable;
    const guard = new CountingStream();
    // Never an unhandled 'error': the body parser (or the handler reading the stream) gets it through its own listener.
    guard.on('error', () => {});
    source.on('error', (err) => guard.destroy(err));
    source.pipe(guard);

    let mark = 0;
    const timer = setInterval(() => {
      if (guard.writableFinished || guard.destroyed) return stop();
      // Bytes the application has not taken yet: the application is the slow side, not the client.
      const applicationBehind = guard.readableLength > 0;
      if (!applicationBehind && guard.received - mark < minPerWindow) {
        stop();
        source.unpipe(guard);
        req.log.warn({ received: guard.received }, 'request body too slow: cut');
        guard.destroy(
          new AppError('REQUEST_TIMEOUT', {
            zh: '请求超时：数据上传过慢，请检查网络后重试',
            en: 'Request timeout: the request body arrived too slowly; check the connection and retry',
          }),
        );
        return;
      }
      mark = guard.received;
    }, t.bodyRateWindowMs);
    timer.unref();
    const stop = (): void => clearInterval(timer);
    guard.once('finish', stop);
    guard.once('close', stop);
    reply.raw.once('close', stop);
    done(null, guard);
  });

  app.addHook('onSend', (req, reply, payload, done) => {
    if (req.raw.complete !== false || !announcesBody(req)) {
      done(null, payload);
      return;
    }
    // Answered before the body was read (refused, too large, unsupported type, too slow). A small body that came in
    // the same packets as the headers is parsed within one turn of the event loop: keep that connection alive.
    setImmediate(() => {
      if (req.raw.complete === false) {
        void reply.header('connection', 'close');
        const socket = req.raw.socket as Socket | null;
        if (socket) reply.raw.once('finish', () => lingerThenClose(socket));
      }
      done(null, payload);
    });
  });
}
