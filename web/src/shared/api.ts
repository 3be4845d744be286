/**
 * The one way the web talks to the server: same-origin fetch with the session cookie, the CSRF header on writes,
 * and error bodies `{ error: { code, message, messageEn, details } }` turned into ApiError.
 */

export interface ErrorDetail {
  path: string;
  message: string;
  messageEn?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageEn: string,
    readonly details: ErrorDetail[] = [],
    /** The response body when it is not an error body (e.g. a 422 import report), else null. */
    readonly body: unknown = null,
  ) {
    super(message);
  }

  /** The message in the user's language. */
  text(locale: string): string {
    return locale === 'en-US' ? this.messageEn || this.message : this.message;
  }
}

let csrfToken = '';
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when a request answers 401 (session expired): the console sends the user to the login page. */
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function toError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy page, a network error page): fall through to a generic message.
  }
  const e = (body as { error?: { code?: string; message?: string; messageEn?: string; details?: ErrorDetail[] } })
    ?.error;
  if (e?.code) return new ApiError(res.status, e.code, e.message ?? '', e.messageEn ?? '', e.details ?? []);
  return new ApiError(
    res.status,
    'HTTP_' + res.status,
    `请求失败（${res.status}）`,
    `Request failed (${res.status})`,
    [],
    body,
  );
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** A raw body (file upload); sent with its own content type. */
  raw?: Blob;
  signal?: AbortSignal;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.raw) {
    body = opts.raw;
    headers['content-type'] = 'application/octet-stream';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body,
      signal: opts.signal,
      credentials: 'same-origin',
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', '网络连接失败，请稍后重试', 'Network error, please try again');
  }
  if (!res.ok) {
    const error = await toError(res);
    if (res.status === 401 && onUnauthenticated && !path.startsWith('/api/auth/')) onUnauthenticated();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
  upload: <T>(path: string, file: Blob, query?: Query) => request<T>(path, { method: 'POST', raw: file, query }),
};
