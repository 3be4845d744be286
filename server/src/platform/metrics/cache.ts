/**
 * In-memory cache of computed facts, per database handle, with a time to live. Writers call `invalidateFact(name)`
 * after their transaction commits, which drops that fact's entries at once in this process. Other app nodes of a
 * multi-node deployment do not hear of it: there the TTL bounds how stale a value can be (60 s by default).
 */
import type { Db } from '../../db/database.ts';

export const FACT_CACHE_TTL_MS = 60_000;

interface Entry<T> {
  value: T;
  expiresAt: number;
  generation: number;
}

/** Bumped by invalidateFact; an entry computed under an older generation is stale. */
const generations = new Map<string, number>();
const caches = new WeakMap<Db, Map<string, Entry<unknown>>>();

function generationOf(fact: string): number {
  return generations.get(fact) ?? 0;
}

/** Drops every cached value of `fact` (in this process); call it after a committed write to the fact's tables. */
export function invalidateFact(fact: string): void {
  generations.set(fact, generationOf(fact) + 1);
}

/**
 * The cached value for `key` of `fact`, or the result of `compute` (stored for `ttlMs`). Concurrent misses compute
 * twice; the result is the same and cheaper than a lock.
 */
export async function cachedFact<T>(opts: {
  db: Db;
  fact: string;
  key: string;
  nowMs: number;
  ttlMs?: number;
  compute: () => Promise<T>;
}): Promise<{ value: T; hit: boolean }> {
  let cache = caches.get(opts.db);
  if (!cache) {
    cache = new Map();
    caches.set(opts.db, cache);
  }
  const fullKey = `${opts.fact}|${opts.key}`;
  const generation = generationOf(opts.fact);
  const entry = cache.get(fullKey) as Entry<T> | undefined;
  if (entry && entry.generation === generation && entry.expiresAt > opts.nowMs)
    return { value: entry.value, hit: true };
  const value = await opts.compute();
  // Sweep expired entries now and then so the map cannot grow without bound.
  if (cache.size > 1000) for (const [k, e] of cache) if (e.expiresAt <= opts.nowMs) cache.delete(k);
  cache.set(fullKey, { value, expiresAt: opts.nowMs + (opts.ttlMs ?? FACT_CACHE_TTL_MS), generation });
  return { value, hit: false };
}
