/**
 * Loading for the dashboard and the county page: a small hook for one request with abort and retry, and the
 * requests themselves (the fact, the region's divisions, the platform mode), the reference ones cached per page life.
 */
import { useCallback, useEffect, useState } from 'react';
import type { DivisionList } from '../../../../../contracts/divisions.ts';
import type { FactResult } from '../../../../../contracts/metrics.ts';
import type { PlatformInfo } from '../../../../../contracts/platform.ts';
import { api, ApiError } from '../../../shared/api.ts';
import type { RegionDivisions } from './view.ts';

export const FACT = 'organisations.count';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` whenever `key` changes (aborting the previous run); errors become ApiError. */
export function useLoad<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ key: string | null; data: T | null; error: ApiError | null }>({
    key: null,
    data: null,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (key === null) return;
    const ctl = new AbortController();
    load(ctl.signal).then(
      (data) => {
        if (!ctl.signal.aborted) setState({ key, data, error: null });
      },
      (err: unknown) => {
        if (ctl.signal.aborted) return;
        const error = err instanceof ApiError ? err : new ApiError(0, 'CLIENT', String(err), String(err));
        setState({ key, data: null, error });
      },
    );
    return () => ctl.abort();
    // `load` is keyed by `key`: a new key is a new request, a new closure with the same key is not.
  }, [key, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const current = state.key === key;
  return {
    data: current ? state.data : null,
    error: current ? state.error : null,
    loading: key !== null && (!current || (state.data === null && state.error === null)),
    reload,
  };
}

/** `organisations.count` per county (or per child division) under `division`, broken down by type. */
export function fetchFact(
  division: string,
  opts: { level?: 'county'; signal?: AbortSignal } = {},
): Promise<FactResult> {
  return api.get<FactResult>(`/api/metrics/${FACT}`, { division, level: opts.level, by: 'type' }, opts.signal);
}

const divisionsCache = new Map<string, Promise<RegionDivisions>>();

/** The region's leagues and counties (public reference data), fetched once per region. */
export function loadRegionDivisions(region: string): Promise<RegionDivisions> {
  let p = divisionsCache.get(region);
  if (!p) {
    p = Promise.all([
      api.get<DivisionList>(`/api/divisions/${region}/children`),
      api.get<DivisionList>(`/api/divisions/${region}/descendants`, { level: 'county' }),
    ]).then(([leagues, counties]) => ({
      leagues: leagues.items.map((d) => ({ code: d.code, name: d.name })),
      counties: counties.items.map((d) => ({ code: d.code, parentCode: d.parentCode })),
    }));
    divisionsCache.set(region, p);
    p.catch(() => divisionsCache.delete(region));
  }
  return p;
}

let modePromise: Promise<PlatformInfo['mode']> | null = null;

/** The platform mode; `demo` means every organisation shown is demo data (演示数据). */
export function loadPlatformMode(): Promise<PlatformInfo['mode']> {
  modePromise ??= api.get<PlatformInfo>('/api/platform/info').then(
    (i) => i.mode,
    (err: unknown) => {
      modePromise = null;
      throw err;
    },
  );
  return modePromise;
}
