/**
 * File downloads (exports, templates) through fetch, so that a refusal (403, 400) shows as a message on the page
 * instead of replacing the console with a JSON body.
 */
import { useState } from 'react';
import { App } from 'antd';
import { ApiError, withQuery } from '../../shared/api.ts';
import { useSession } from '../session.tsx';

type Query = Parameters<typeof withQuery>[1];

/** The file name a Content-Disposition header offers (RFC 6266: `filename*` in UTF-8 wins over `filename`). */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star?.[2]) {
    try {
      return decodeURIComponent(star[2].trim());
    } catch {
      // Malformed escape: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || fallback;
}

async function errorOf(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string; messageEn?: string; details?: ApiError['details'] };
    };
    if (body.error?.code)
      return new ApiError(
        res.status,
        body.error.code,
        body.error.message ?? '',
        body.error.messageEn ?? '',
        body.error.details,
      );
  } catch {
    // Not JSON.
  }
  return new ApiError(res.status, `HTTP_${res.status}`, `下载失败（${res.status}）`, `Download failed (${res.status})`);
}

/** Fetches `path` with the session cookie and saves it under the server's file name. Throws ApiError on refusal. */
export async function downloadFile(path: string, query: Query, fallbackName: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请稍后重试', 'Network error, please try again');
  }
  if (!res.ok) throw await errorOf(res);
  const blob = await res.blob();
  const name = fileNameFromDisposition(res.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/**
 * A download button's state: which format is being fetched, and `run` that downloads it, then tells the user the
 * file name or the server's refusal.
 */
export function useDownload(): {
  busy: string | null;
  run: (path: string, query: Query, fallbackName: string, done: (name: string) => string) => Promise<void>;
} {
  const { locale } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (path: string, query: Query, fallbackName: string, done: (name: string) => string) => {
    setBusy(path);
    try {
      const name = await downloadFile(path, query, fallbackName);
      void message.success(done(name));
    } catch (err) {
      void message.error(err instanceof ApiError ? err.text(locale) : String(err));
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}
