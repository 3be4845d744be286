/** What the portal's market pages share: loading one API answer, and code names in the reader's language. */
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../../shared/api.ts';
import { useLocale } from '../../locale.tsx';

type Load<T> = { key: string; data: T } | { key: string; error: string; status: number } | null;

export function useLoad<T>(path: string, query: Record<string, string | number | undefined>): [Load<T>, () => void] {
  const { locale } = useLocale();
  const key = JSON.stringify([path, query]);
  const [state, setState] = useState<Load<T>>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    api.get<T>(path, query, ctrl.signal).then(
      (data) => setState({ key, data }),
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        setState({
          key,
          error: err instanceof ApiError ? err.text(locale) : String(err),
          status: err instanceof ApiError ? err.status : 0,
        });
      },
    );
    return () => ctrl.abort();
    // `key` stands for path and query (a new query object each render must not reload).
  }, [key, attempt, locale]);
  return [state && state.key === key ? state : null, () => setAttempt((n) => n + 1)];
}

export function Names({ names, codes }: { names: Record<string, { zh: string; en: string }>; codes: string[] }) {
  const { locale } = useLocale();
  return <>{codes.map((c) => (names[c] ? (locale === 'en-US' ? names[c].en : names[c].zh) : c)).join('、') || '—'}</>;
}

export function name(
  names: Record<string, { zh: string; en: string }>,
  code: string | null | undefined,
  locale: string,
) {
  const n = code ? names[code] : undefined;
  return n ? (locale === 'en-US' ? n.en : n.zh) : (code ?? '—');
}
