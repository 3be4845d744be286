/**
 * GET /epcis/events: the EPCIS 2.0 simple event query over the REST bindings' query parameters (pipe-delimited
 * lists), scoped to the caller's `trace:query` divisions, paged by an opaque `nextPageToken` (keyset on event time
 * and row, bound to the query it came from).
 *
 * Without location master data, WD_bizLocation (a location "with descendants") matches the named locations
 * themselves; MATCH_* compare identifiers exactly (no EPC pattern URIs).
 */
import { createHash } from 'node:crypto';
import { scopeRoots } from '../../../platform/access/scope.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { cbvShort, EPCIS_EVENT_TYPES_SET, utc, type JsonObject } from './epcis.model.ts';
import { EpcisProblemError } from './epcis.problem.ts';
import * as repo from './epcis.repository.ts';
import { contextOf, eventOf } from './epcis.service.ts';

export const SUPPORTED_QUERY_PARAMETERS = [
  'MATCH_epc',
  'MATCH_anyEPC',
  'MATCH_epcClass',
  'GE_eventTime',
  'LT_eventTime',
  'EQ_bizStep',
  'EQ_bizLocation',
  'WD_bizLocation',
  'eventType',
  'perPage',
  'nextPageToken',
] as const;

export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 1000;

export interface QueryPage {
  document: JsonObject;
  nextPageToken: string | null;
}

function bad(param: string, zh: string, en: string): EpcisProblemError {
  return new EpcisProblemError('QueryParameterException', '查询参数有误', 'Invalid query parameter', [
    { pointer: `?${param}`, message: `${param}：${zh}`, messageEn: `${param}: ${en}` },
  ]);
}

const list = (v: string) => v.split('|').filter((x) => x.length > 0);

function time(param: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const t = utc(v);
  if (!t) throw bad(param, '应为带时区的 ISO 8601 时间', 'must be an ISO 8601 date-time with an offset');
  return t;
}

function fingerprint(q: Record<string, string>): string {
  const keys = Object.keys(q)
    .filter((k) => k !== 'nextPageToken' && k !== 'perPage')
    .sort();
  return createHash('sha256')
    .update(JSON.stringify(keys.map((k) => [k, q[k]])))
    .digest('base64url')
    .slice(0, 12);
}

function decodeToken(token: string, expect: string): { t: string; i: number } {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { t: unknown; i: unknown; q: unknown };
    if (typeof v.t === 'string' && Number.isInteger(v.i) && v.q === expect) return { t: v.t, i: v.i as number };
  } catch {
    // fall through
  }
  throw bad('nextPageToken', '无效或不属于本次查询', 'invalid or from another query');
}

/** Runs the query for `caller`; `q` is the raw query string (one value per parameter). */
export async function queryEvents(deps: Deps, caller: Caller, q: Record<string, string>): Promise<QueryPage> {
  for (const key of Object.keys(q))
    if (!(SUPPORTED_QUERY_PARAMETERS as readonly string[]).includes(key))
      throw bad(key, '不支持该查询参数', 'this query parameter is not supported');
  let perPage = DEFAULT_PER_PAGE;
  if (q.perPage !== undefined) {
    perPage = Number(q.perPage);
    if (!/^\d+$/.test(q.perPage) || perPage < 1 || perPage > MAX_PER_PAGE)
      throw bad('perPage', `应为 1 至 ${MAX_PER_PAGE} 的整数`, `must be an integer from 1 to ${MAX_PER_PAGE}`);
  }
  const types = q.eventType !== undefined ? list(q.eventType) : undefined;
  for (const t of types ?? [])
    if (!EPCIS_EVENT_TYPES_SET.has(t)) throw bad('eventType', `未知的事件类型 ${t}`, `unknown event type ${t}`);
  // Both given: an event must satisfy both (the parameters of a query are conjunctive).
  const eq = q.EQ_bizLocation !== undefined ? list(q.EQ_bizLocation) : null;
  const wd = q.WD_bizLocation !== undefined ? list(q.WD_bizLocation) : null;
  const locations = eq && wd ? eq.filter((l) => wd.includes(l)) : (eq ?? wd);
  const fp = fingerprint(q);
  const after = q.nextPageToken !== undefined ? decodeToken(q.nextPageToken, fp) : undefined;
  const rows = await repo.queryEvents(deps.db, {
    roots: scopeRoots(caller.principal, 'trace:query'),
    matchEpc: q.MATCH_epc !== undefined ? list(q.MATCH_epc) : undefined,
    matchAnyEpc: q.MATCH_anyEPC !== undefined ? list(q.MATCH_anyEPC) : undefined,
    matchEpcClass: q.MATCH_epcClass !== undefined ? list(q.MATCH_epcClass) : undefined,
    geEventTime: time('GE_eventTime', q.GE_eventTime),
    ltEventTime: time('LT_eventTime', q.LT_eventTime),
    eqBizStep: q.EQ_bizStep !== undefined ? list(q.EQ_bizStep).map((s) => cbvShort('bizStep', s)) : undefined,
    eqBizLocation: locations ?? undefined,
    eventTypes: types,
    after,
    limit: perPage + 1,
  });
  const page = rows.slice(0, perPage);
  const last = page.at(-1);
  const nextPageToken =
    rows.length > perPage && last
      ? Buffer.from(JSON.stringify({ t: last.event_time_utc, i: last.id, q: fp })).toString('base64url')
      : null;
  return {
    nextPageToken,
    document: {
      '@context': contextOf(page),
      type: 'EPCISQueryDocument',
      schemaVersion: '2.0',
      creationDate: deps.clock.now().toISOString(),
      epcisBody: {
        queryResults: {
          queryName: 'SimpleEventQuery',
          resultsBody: { eventList: page.map(eventOf) },
        },
      },
    },
  };
}
