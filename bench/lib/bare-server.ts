/**
 * Baseline child for bench/http.ts: the smallest node:http server answering a small JSON document, so every other
 * figure can be read as a ratio against what this machine does with no framework at all.
 */
import http from 'node:http';

const body = () => JSON.stringify({ status: 'ok', engine: 'bare', time: new Date().toISOString() });

const server = http.createServer((_req, res) => {
  const payload = body();
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
});

server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  process.stdout.write(`QX_READY ${JSON.stringify({ port })}\n`);
});

const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
