/**
 * List filters live in the URL, read through the server's own query schema (ZListOrganisationsQuery …): a shared or
 * reloaded link shows the same page, and a hand-edited bad value is dropped instead of breaking the page.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';

type QuerySchema = z.ZodType & { shape: Record<string, z.ZodType> };

export type QueryPatch = Record<string, string | number | null | undefined>;

/** Filter values from the URL, typed and defaulted by the schema; keys the schema refuses are left out. */
export function readQuery<S extends QuerySchema>(schema: S, params: URLSearchParams): z.output<S> {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const v = params.get(key);
    if (v !== null && v.trim() !== '') raw[key] = v;
  }
  // Drop the keys the schema complains about, one round per key at most.
  for (let round = 0; round <= Object.keys(raw).length + 1; round++) {
    const r = schema.safeParse(raw);
    if (r.success) return r.data;
    const bad = new Set(r.error.issues.map((i) => String(i.path[0] ?? '')));
    let dropped = false;
    for (const k of bad)
      if (k in raw) {
        delete raw[k];
        dropped = true;
      }
    if (!dropped) break;
  }
  return schema.safeParse({}).data as z.output<S>;
}

/** Values a URL leaves out because they are the list's defaults. */
const DEFAULTS: Record<string, string> = { page: '1', pageSize: '20' };

/**
 * The URL after a filter change: empty values are removed, defaults are left out, and any change other than the
 * page itself goes back to page 1.
 */
export function writeQuery(params: URLSearchParams, patch: QueryPatch): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(patch)) {
    const s = v === undefined || v === null ? '' : String(v).trim();
    if (s === '' || DEFAULTS[k] === s) next.delete(k);
    else next.set(k, s);
  }
  if (!('page' in patch)) next.delete('page');
  return next;
}

/** The filters without paging, for an export of the same list. */
export function exportFilters<Q extends Record<string, unknown>>(query: Q): Omit<Q, 'page' | 'pageSize'> {
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) if (k !== 'page' && k !== 'pageSize') rest[k] = v;
  return rest as Omit<Q, 'page' | 'pageSize'>;
}

/** [filters, update]: the list's filters read from the URL through its query schema, and a way to change them. */
export function useUrlQuery<S extends QuerySchema>(schema: S): [z.output<S>, (patch: QueryPatch) => void] {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => readQuery(schema, params), [schema, params]);
  const update = useCallback((patch: QueryPatch) => setParams((prev) => writeQuery(prev, patch)), [setParams]);
  return [query, update];
}
