/** Loads one API resource for a page: data, the error text in the user's language, loading, and reload. */
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, withQuery } from '../../shared/api.ts';
import { useSession } from '../session.tsx';

type Query = Parameters<typeof withQuery>[1];

export interface Fetched<T> {
  data: T | null;
  error: string | null;
  /** The HTTP status of the last failure (403, 404 …), 0 for network errors. */
  status: number | null;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` with `query` whenever either changes; a null path waits. Earlier answers never overwrite later ones. */
export function useFetch<T>(path: string | null, query?: Query): Fetched<T> {
  const { locale } = useSession();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<{ err: unknown } | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const key = path === null ? null : withQuery(path, query);

  useEffect(() => {
    if (key === null) return;
    const ctl = new AbortController();
    setLoading(true);
    api.get<T>(key, undefined, ctl.signal).then(
      (d) => {
        setData(d);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        setError({ err });
        setLoading(false);
      },
    );
    return () => ctl.abort();
  }, [key, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const err = error?.err;
  return {
    data,
    error:
      err === undefined
        ? null
        : err instanceof ApiError
          ? err.text(locale)
          : err instanceof Error
            ? err.message
            : 'Error',
    status: err === undefined ? null : err instanceof ApiError ? err.status : 0,
    loading,
    reload,
  };
}
