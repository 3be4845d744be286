/**
 * The EPCIS 2.0 repository's rules: capture (a document, greedy `proceed` or all-or-nothing `rollback`), single-event
 * capture, capture jobs, event lookup and the simple event query, scoped by division.
 *
 * Decisions (see README.md): a capture job runs synchronously inside one transaction before the 202 is sent, so
 * nothing acknowledged is ever lost; an event already stored (same eventID or Event Hash ID) is a per-event
 * `duplicate` result, not an error, so retries are idempotent (a single POST /epcis/events answers 409); an event
 * with `errorDeclaration` is stored as a new row beside the original (nothing is updated in place).
 */
import { randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
import { isUniqueViolation } from '../../../db/dialect.ts';
import { isWithinScope, scopeRoots } from '../../../platform/access/scope.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { OFFICER_ROLES } from '../../../platform/platform.module.ts';
import { captureIdentityFor, foreignIdentifiers } from '../catalogue/capture-identity.ts';
import { eventHashId } from './hash/event-hash.ts';
import { EPCIS_CONTEXT, cbvShort, epcsOf, isObject, locationId, utc, type JsonObject } from './epcis.model.ts';
import { EpcisProblemError } from './epcis.problem.ts';
import * as repo from './epcis.repository.ts';
import type { CaptureErrorBehaviour, EpcRole, TraceEpcisEventTable } from './epcis.tables.ts';
import { eventProblems, schemaProblems, type EpcisProblem } from './epcis.validation.ts';

/** Events per capture request (larger documents are split by the client): answered 413. */
export const CAPTURE_LIMIT = 10_000;

export type CaptureStatus = 'captured' | 'duplicate' | 'rejected' | 'rolled_back';

export interface CaptureResult {
  index: number;
  eventID: string | null;
  status: CaptureStatus;
  error?: EpcisProblem & { status: number };
}

export interface CaptureJob {
  captureID: string;
  createdAt: string;
  finishedAt: string;
  running: boolean;
  success: boolean;
  captureErrorBehaviour: CaptureErrorBehaviour;
  divisionCode: string;
  counts: { events: number; captured: number; duplicate: number; rejected: number };
  results: CaptureResult[];
  errors: (EpcisProblem & { status: number })[];
}

interface Identity {
  userId: number;
  operatorId: number | null;
  divisionCode: string;
  /** Officers record events (inspections, recalls) about any identifier, in their own division. */
  checksOwnership: boolean;
}

/**
 * Who captures: an account acting for an operator captures in its operator's division and may name only identifiers
 * that are its own or nobody's; any other holder of `trace:capture` (an officer, or an account not linked to an
 * operator) captures in its own division; officers may name any identifier, others none held by an operator.
 */
async function identityOf(deps: Deps, caller: Caller): Promise<Identity> {
  const p = caller.principal;
  const found = await captureIdentityFor(deps.db, p.userId);
  if (found) return { ...found, checksOwnership: true };
  const officer = p.roles.some((r) => (OFFICER_ROLES as readonly string[]).includes(r.role));
  return { userId: p.userId, operatorId: null, divisionCode: p.divisionCode, checksOwnership: !officer };
}

interface Prepared {
  index: number;
  eventId: string;
  hashId: string;
  isDeclaration: number;
  row: Omit<Insertable<TraceEpcisEventTable>, 'capture_id' | 'captured_by' | 'division_code' | 'record_time'>;
  event: JsonObject;
  epcs: { epc: string; role: EpcRole }[];
  identifiers: string[];
}

/** The document's @context minus the standard one (user-extension namespaces), or null. */
function extraContext(context: unknown): unknown[] | null {
  const list = Array.isArray(context) ? context : context === undefined ? [] : [context];
  const extra = list.filter((c) => c !== EPCIS_CONTEXT && !(typeof c === 'string' && /epcis-context\.jsonld$/.test(c)));
  return extra.length > 0 ? extra : null;
}

function prepare(event: JsonObject, context: unknown, index: number): Prepared | EpcisProblem {
  const at = (pointer: string, zh: string, en: string): EpcisProblem => ({
    pointer,
    eventIndex: index,
    message: `${pointer}：${zh}`,
    messageEn: `${pointer}: ${en}`,
  });
  const eventTime = typeof event.eventTime === 'string' ? event.eventTime : '';
  const eventTimeUtc = utc(eventTime);
  if (!eventTimeUtc) return at('/eventTime', '时间无法解析', 'cannot be read as a date-time');
  const { '@context': ownContext, ...rest } = event;
  const hashId = eventHashId(event, context);
  const eventId = typeof event.eventID === 'string' ? event.eventID : hashId;
  if (eventId.length > 500) return at('/eventID', '过长（最多 500 个字符）', 'too long (500 characters at most)');
  const decl = isObject(event.errorDeclaration) ? event.errorDeclaration : null;
  const bizStep = typeof event.bizStep === 'string' ? cbvShort('bizStep', event.bizStep) : null;
  const disposition = typeof event.disposition === 'string' ? cbvShort('disposition', event.disposition) : null;
  const bizLocation = locationId(event.bizLocation);
  const readPoint = locationId(event.readPoint);
  const epcs = epcsOf(event);
  const ctx = extraContext(ownContext ?? context);
  return {
    index,
    eventId,
    hashId,
    isDeclaration: decl ? 1 : 0,
    event: { ...rest, eventID: eventId },
    epcs,
    identifiers: [...new Set([...epcs.map((e) => e.epc), ...[bizLocation, readPoint].filter((x) => x !== null)])],
    row: {
      event_id: eventId,
      hash_id: hashId,
      is_declaration: decl ? 1 : 0,
      event_type: String(event.type),
      event_time: eventTime,
      event_time_utc: eventTimeUtc,
      event_time_zone_offset: typeof event.eventTimeZoneOffset === 'string' ? event.eventTimeZoneOffset : '',
      action: typeof event.action === 'string' ? event.action : null,
      biz_step: bizStep,
      disposition,
      biz_location: bizLocation,
      read_point: readPoint,
      error_declaration_time: decl && typeof decl.declarationTime === 'string' ? decl.declarationTime : null,
      error_reason: decl && typeof decl.reason === 'string' ? decl.reason : null,
      corrective_event_ids:
        decl && Array.isArray(decl.correctiveEventIDs) ? JSON.stringify(decl.correctiveEventIDs) : null,
      event_json: '',
      context_json: ctx ? JSON.stringify(ctx) : null,
    },
  };
}

const problem = (p: EpcisProblem, status: number) => ({ ...p, status });

/** Decides each prepared event against the store (duplicates) and the identity (foreign identifiers). */
async function decide(
  deps: Deps,
  identity: Identity,
  prepared: (Prepared | EpcisProblem)[],
): Promise<{ results: CaptureResult[]; toStore: Prepared[] }> {
  const ok = prepared.filter((p): p is Prepared => 'eventId' in p);
  const foreign = identity.checksOwnership
    ? new Set(await foreignIdentifiers(deps.db, identity.operatorId, [...new Set(ok.flatMap((p) => p.identifiers))]))
    : new Set<string>();
  const stored = await repo.existingKeys(
    deps.db,
    ok.map((p) => p.eventId),
    ok.map((p) => p.hashId),
  );
  // Key -> the eventID stored under it (a retry with another eventID but the same hash names the stored one).
  const seen = new Map<string, string>();
  for (const s of stored) {
    seen.set(`e${s.isDeclaration} ${s.eventId}`, s.eventId);
    seen.set(`h${s.isDeclaration} ${s.hashId}`, s.eventId);
  }
  const results: CaptureResult[] = [];
  const toStore: Prepared[] = [];
  prepared.forEach((p, index) => {
    if (!('eventId' in p)) {
      results.push({ index, eventID: null, status: 'rejected', error: problem(p, 400) });
      return;
    }
    const theirs = p.identifiers.filter((id) => foreign.has(id));
    if (theirs.length > 0) {
      const pointer = `/epcisBody/eventList/${index}`;
      results.push({
        index,
        eventID: p.eventId,
        status: 'rejected',
        error: problem(
          {
            pointer,
            eventIndex: index,
            message: `${pointer}：标识属于平台上的其他经营主体（${theirs.join('，')}）`,
            messageEn: `${pointer}: identifiers belong to another operator on the platform (${theirs.join(', ')})`,
          },
          403,
        ),
      });
      return;
    }
    const keys = [`e${p.isDeclaration} ${p.eventId}`, `h${p.isDeclaration} ${p.hashId}`];
    const storedAs = keys.map((k) => seen.get(k)).find((v) => v !== undefined);
    if (storedAs !== undefined) {
      results.push({ index, eventID: storedAs, status: 'duplicate' });
      return;
    }
    for (const k of keys) seen.set(k, p.eventId);
    results.push({ index, eventID: p.eventId, status: 'captured' });
    toStore.push(p);
  });
  return { results, toStore };
}

function jobOf(row: repo.CaptureRow): CaptureJob {
  const results = JSON.parse(row.results) as CaptureResult[];
  return {
    captureID: row.id,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    running: false,
    success: row.success === 1,
    captureErrorBehaviour: row.error_behaviour,
    divisionCode: row.division_code,
    counts: {
      events: row.event_count,
      captured: row.captured_count,
      duplicate: row.duplicate_count,
      rejected: row.rejected_count,
    },
    results,
    errors: results.flatMap((r) => (r.error ? [r.error] : [])),
  };
}

async function withRetryOnRace<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    // Two clients stored the same event between our check and our insert: decide again (it is now a duplicate).
    if (isUniqueViolation(err)) return run();
    throw err;
  }
}

/** POST /epcis/capture: validates the document (400), runs the capture job and returns it (stored before the 202). */
export async function captureDocument(
  deps: Deps,
  caller: Caller,
  doc: unknown,
  behaviour: CaptureErrorBehaviour,
): Promise<CaptureJob> {
  const problems = schemaProblems(doc);
  if (problems.length > 0)
    throw new EpcisProblemError(
      'ValidationException',
      'EPCIS 文档不符合官方模式',
      'The EPCIS document does not match the official schema',
      problems,
    );
  const document = doc as JsonObject;
  if (document.type !== 'EPCISDocument')
    throw new EpcisProblemError(
      'ValidationException',
      '采集接口只接受 EPCISDocument',
      'Capture accepts EPCISDocument only',
      [{ pointer: '/type', message: '/type：应为 EPCISDocument', messageEn: '/type: must be EPCISDocument' }],
    );
  const body = document.epcisBody as JsonObject;
  const events = (Array.isArray(body.eventList) ? body.eventList : []) as JsonObject[];
  if (events.length > CAPTURE_LIMIT)
    throw new EpcisProblemError(
      'CaptureLimitExceededException',
      `一次最多采集 ${CAPTURE_LIMIT} 个事件`,
      `At most ${CAPTURE_LIMIT} events per capture`,
    );
  const identity = await identityOf(deps, caller);
  const context = document['@context'];
  const prepared = events.map((e, i) => {
    const p = prepare(e, context, i);
    if ('eventId' in p) return p;
    return {
      ...p,
      pointer: `/epcisBody/eventList/${i}${p.pointer}`,
      message: `/epcisBody/eventList/${i}${p.message}`,
      messageEn: `/epcisBody/eventList/${i}${p.messageEn}`,
    };
  });

  return withRetryOnRace(async () => {
    const { results, toStore } = await decide(deps, identity, prepared);
    const rejected = results.filter((r) => r.status === 'rejected').length;
    const rollback = behaviour === 'rollback' && rejected > 0;
    const final = rollback
      ? results.map((r) => (r.status === 'captured' ? { ...r, status: 'rolled_back' as const } : r))
      : results;
    const now = iso(deps.clock.now());
    const id = `cap-${randomBytes(12).toString('hex')}`;
    const row: repo.CaptureRow = {
      id,
      division_code: identity.divisionCode,
      created_by: identity.userId,
      error_behaviour: behaviour,
      success: rejected === 0 ? 1 : 0,
      event_count: events.length,
      captured_count: rollback ? 0 : toStore.length,
      duplicate_count: final.filter((r) => r.status === 'duplicate').length,
      rejected_count: rejected,
      results: JSON.stringify(final),
      created_at: now,
      finished_at: now,
    };
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertCapture(trx, row);
      if (!rollback) for (const p of toStore) await store(trx, p, identity, now, id);
      await writeAudit(trx, deps.audit, caller.actor, {
        action: 'trace.epcis.capture',
        divisionCode: identity.divisionCode,
        result: rejected === 0 ? 'success' : 'failure',
        details: {
          captureId: id,
          behaviour,
          events: events.length,
          captured: row.captured_count,
          duplicate: row.duplicate_count,
          rejected,
        },
      });
    });
    return jobOf(row);
  });
}

async function store(trx: Deps['db'], p: Prepared, identity: Identity, now: string, captureId: string | null) {
  const event = { ...p.event, recordTime: now };
  await repo.insertEvent(
    trx,
    {
      ...p.row,
      event_json: JSON.stringify(event),
      record_time: now,
      division_code: identity.divisionCode,
      captured_by: identity.userId,
      capture_id: captureId,
    },
    p.epcs,
  );
}

/** POST /epcis/events: one event; 409 when its eventID or Event Hash ID is already stored. */
export async function captureEvent(deps: Deps, caller: Caller, body: unknown): Promise<{ eventID: string }> {
  if (!isObject(body))
    throw new EpcisProblemError('ValidationException', '请求体应为一个 EPCIS 事件', 'The body must be one EPCIS event');
  const problems = eventProblems(body, body['@context']);
  if (problems.length > 0)
    throw new EpcisProblemError(
      'ValidationException',
      'EPCIS 事件不符合官方模式',
      'The EPCIS event does not match the official schema',
      problems,
    );
  const identity = await identityOf(deps, caller);
  const p = prepare(body, body['@context'], 0);
  if (!('eventId' in p))
    throw new EpcisProblemError('ValidationException', 'EPCIS 事件有误', 'The EPCIS event is invalid', [p]);
  return withRetryOnRace(async () => {
    const { results, toStore } = await decide(deps, identity, [p]);
    const r = results[0]!;
    if (r.status === 'rejected')
      throw new EpcisProblemError(
        'SecurityException',
        '不能采集其他经营主体的标识',
        'Identifiers of another operator cannot be captured',
        [{ ...r.error!, pointer: '/', eventIndex: undefined }],
      );
    if (r.status === 'duplicate')
      throw new EpcisProblemError(
        'ResourceAlreadyExistsException',
        '该事件已存在（事件 ID 或事件哈希 ID 相同）',
        'This event already exists (same eventID or Event Hash ID)',
        undefined,
        `/epcis/events/${encodeURIComponent(p.eventId)}`,
      );
    const now = iso(deps.clock.now());
    await deps.db.transaction().execute(async (trx) => {
      for (const e of toStore) await store(trx, e, identity, now, null);
      await writeAudit(trx, deps.audit, caller.actor, {
        action: 'trace.epcis.event',
        divisionCode: identity.divisionCode,
        details: { eventID: p.eventId, type: p.row.event_type },
      });
    });
    return { eventID: p.eventId };
  });
}

/** GET /epcis/capture/{id}: the caller's own jobs and those in its `trace:query` scope; others are 404. */
export async function getCapture(deps: Deps, caller: Caller, id: string): Promise<CaptureJob> {
  const row = await repo.findCapture(deps.db, id);
  const notFound = () =>
    new EpcisProblemError(
      'NoSuchResourceException',
      '未找到该采集任务',
      'No such capture job',
      undefined,
      `/epcis/capture/${id}`,
    );
  if (!row) throw notFound();
  if (row.created_by !== caller.principal.userId) {
    const roots = scopeRoots(caller.principal, 'trace:query');
    if (!(await isWithinScope(deps.db, roots, row.division_code))) throw notFound();
  }
  return jobOf(row);
}

/** The stored event of a row, with the document-level extension contexts it came with. */
export function eventOf(row: repo.EventRow): JsonObject {
  return JSON.parse(row.event_json) as JsonObject;
}

function contextOf(rows: readonly repo.EventRow[]): unknown[] {
  const out: unknown[] = [EPCIS_CONTEXT];
  const seen = new Set<string>([JSON.stringify(EPCIS_CONTEXT)]);
  for (const r of rows)
    for (const c of r.context_json ? (JSON.parse(r.context_json) as unknown[]) : []) {
      const key = JSON.stringify(c);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(c);
      }
    }
  return out;
}

/** GET /epcis/events/{eventID}: the event in scope (its error declaration when one was captured), else 404. */
export async function getEvent(deps: Deps, caller: Caller, eventId: string): Promise<JsonObject> {
  const roots = scopeRoots(caller.principal, 'trace:query');
  const rows = [];
  for (const r of await repo.findEventRows(deps.db, eventId))
    if (await isWithinScope(deps.db, roots, r.division_code)) rows.push(r);
  const row = rows.at(-1);
  if (!row)
    throw new EpcisProblemError(
      'NoSuchResourceException',
      '未找到该事件',
      'No such event',
      undefined,
      `/epcis/events/${encodeURIComponent(eventId)}`,
    );
  return { '@context': contextOf([row]), ...eventOf(row) };
}

export { contextOf };
