/**
 * Security headers computed once with `helmet` at start-up and set on every reply. (@fastify/helmet rebuilds the
 * helmet middleware per request, which cost ~15 % of a small request's CPU.)
 *
 * JSON answers of the API get the short set the OWASP REST Security Cheat Sheet gives for APIs — a CSP that allows
 * nothing (`default-src 'none'; frame-ancestors 'none'`), HSTS, nosniff, X-Frame-Options DENY, the referrer policy,
 * CORP same-origin — and `Cache-Control: no-store` (personal data and session answers are never cached). Documents
 * (the web app, the API docs) get helmet's full set for HTML.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** Runs helmet's middleware once against a recording response and returns the headers it sets. */
export function computeSecurityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  } as unknown as ServerResponse;
  let failure: unknown;
  helmet(options)({} as IncomingMessage, res, (err?: unknown) => {
    failure = err;
  });
  if (failure) throw failure instanceof Error ? failure : new Error('helmet configuration failed');
  return headers;
}

/** The headers of an API (JSON) answer, from the document headers' HSTS and referrer policy. */
export function apiSecurityHeaders(documents: Record<string, string>): Record<string, string> {
  const api: Record<string, string> = {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
  };
  for (const name of ['strict-transport-security', 'referrer-policy']) {
    const value = documents[name];
    if (value) api[name] = value;
  }
  return api;
}

/** Whether a request URL is an API call answered with JSON (the API docs are documents). */
export function isApiUrl(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/docs');
}

export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const documents = computeSecurityHeaders(options);
  const api = apiSecurityHeaders(documents);
  app.addHook('onRequest', (req, reply, done) => {
    void reply.headers(isApiUrl(req.url) ? api : documents);
    done();
  });
}
