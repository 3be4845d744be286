/**
 * Audit trail: one row per write, login event and full view of personal data, written in the caller's
 * transaction, each row HMAC-chained to the previous one so that edits, deletions and reorderings are detectable.
 */
import { createHmac } from 'node:crypto';
import type { Engine } from '../../db/dialect.ts';
import { lockForChain } from '../../db/dialect.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { Kysely } from 'kysely';
import { iso, type Clock } from '../clock.ts';
import * as repo from './audit.repository.ts';

export const GENESIS_HASH = '0'.repeat(64);
const CHAIN_LOCK_KEY = 0x51_78_69_61; // "Qxia"

export interface AuditActor {
  userId: number | null;
  username: string | null;
  ip: string | null;
}

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string | number;
  divisionCode?: string | null;
  result?: 'success' | 'failure' | 'denied';
  /** Never passwords, tokens or full personal data. */
  details?: Record<string, unknown>;
}

export interface AuditContext {
  engine: Engine;
  key: string;
  clock: Clock;
}

interface ChainedFields {
  seq: number;
  at: string;
  actor_user_id: number | null;
  actor_username: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  division_code: string | null;
  result: string;
  ip: string | null;
  details: string | null;
}

/** HMAC of a row's content and the previous row's hash. */
export function chainHash(key: string, prevHash: string, row: ChainedFields): string {
  const canonical = JSON.stringify([
    row.seq,
    row.at,
    row.actor_user_id,
    row.actor_username,
    row.action,
    row.target_type,
    row.target_id,
    row.division_code,
    row.result,
    row.ip,
    row.details,
  ]);
  return createHmac('sha256', key).update(prevHash).update('\n').update(canonical).digest('hex');
}

/** Appends one audit row inside `trx`; if the write around it rolls back, so does the row (and vice versa). */
export async function writeAudit(trx: DbOrTrx, ctx: AuditContext, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await lockForChain(ctx.engine, trx as Kysely<unknown>, CHAIN_LOCK_KEY);
  const last = await repo.findChainTail(trx);
  const fields: ChainedFields = {
    seq: (last?.seq ?? 0) + 1,
    at: iso(ctx.clock.now()),
    actor_user_id: actor.userId,
    actor_username: actor.username,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId === undefined ? null : String(entry.targetId),
    division_code: entry.divisionCode ?? null,
    result: entry.result ?? 'success',
    ip: actor.ip,
    details: entry.details ? JSON.stringify(entry.details) : null,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await repo.insertAuditRow(trx, {
    ...fields,
    result: fields.result as 'success' | 'failure' | 'denied',
    prev_hash: prevHash,
    hash: chainHash(ctx.key, prevHash, fields),
  });
}

export interface ChainProblem {
  seq: number;
  kind: 'edited' | 'deleted' | 'reordered' | 'broken-link' | 'truncated';
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  rows: number;
  problems: ChainProblem[];
  /** Last row of the chain, to keep outside the database as a witness against truncation. */
  head: ChainHead | null;
}

/** A (seq, hash) pair recorded outside the database by an earlier verification. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * Reads a chain head from JSON (`{"seq":N,"hash":"…"}`), the `seq:hash` form or an `audit-chain-head seq=N hash=H`
 * line as `qixian audit verify` prints it; null when it is none of these.
 */
export function parseChainHead(text: string): ChainHead | null {
  const t = text.trim();
  let seq: unknown;
  let hash: unknown;
  const short = /^(\d+):([0-9a-f]{64})$/i.exec(t) ?? /\bseq=(\d+)\s+hash=([0-9a-f]{64})\b/i.exec(t);
  if (short) {
    seq = Number(short[1]);
    hash = short[2]!.toLowerCase();
  } else {
    try {
      const parsed = JSON.parse(t) as { seq?: unknown; hash?: unknown } | null;
      seq = parsed?.seq;
      hash = parsed?.hash;
    } catch {
      return null;
    }
  }
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1) return null;
  if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) return null;
  return { seq, hash };
}

/**
 * Walks the whole chain in seq order and reports every row that does not fit. Each witness (a head recorded
 * outside the database earlier) must still be in the chain with the same hash; one that is gone means rows were
 * cut from the end.
 */
export async function verifyAuditChain(
  db: DbOrTrx,
  key: string,
  opts: { batch?: number; maxProblems?: number; witness?: ChainHead | readonly ChainHead[] } = {},
): Promise<VerifyResult> {
  const witnesses: readonly ChainHead[] =
    opts.witness === undefined ? [] : Array.isArray(opts.witness) ? opts.witness : [opts.witness as ChainHead];
  const witnessBySeq = new Map<number, ChainHead[]>();
  for (const w of witnesses) witnessBySeq.set(w.seq, [...(witnessBySeq.get(w.seq) ?? []), w]);
  const batch = opts.batch ?? 5000;
  const maxProblems = opts.maxProblems ?? 100;
  const problems: ChainProblem[] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let rows = 0;
  let after = 0;
  let head: ChainHead | null = null;
  const witnessSeen = new Set<number>();
  for (;;) {
    const page = await repo.listChainBatch(db, after, batch);
    if (page.length === 0) break;
    for (const row of page) {
      rows++;
      if (row.seq !== expectedSeq) {
        problems.push({
          seq: row.seq,
          kind: 'deleted',
          message: `缺少第 ${expectedSeq}–${row.seq - 1} 条 / rows ${expectedSeq}-${row.seq - 1} missing`,
        });
      }
      if (row.prev_hash !== prevHash) {
        problems.push({
          seq: row.seq,
          kind: 'reordered',
          message: `第 ${row.seq} 条与前一条不衔接 / row ${row.seq} does not follow the previous row`,
        });
      }
      const expected = chainHash(key, row.prev_hash, row);
      if (row.hash !== expected) {
        problems.push({
          seq: row.seq,
          kind: 'edited',
          message: `第 ${row.seq} 条内容被修改 / row ${row.seq} was altered`,
        });
      }
      for (const w of witnessBySeq.get(row.seq) ?? []) {
        witnessSeen.add(row.seq);
        if (row.hash !== w.hash)
          problems.push({
            seq: row.seq,
            kind: 'edited',
            message: `第 ${row.seq} 条与外部见证不符 / row ${row.seq} differs from the witness`,
          });
      }
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
      head = { seq: row.seq, hash: row.hash };
      if (problems.length >= maxProblems) return { ok: false, rows, problems, head };
    }
    after = page[page.length - 1]?.seq ?? after;
  }
  // Deleting the newest rows leaves a valid chain; only a head kept outside the database reveals it.
  for (const seq of witnessBySeq.keys()) {
    if (witnessSeen.has(seq)) continue;
    problems.push({
      seq,
      kind: 'truncated',
      message: `见证的第 ${seq} 条已不存在（末尾记录被删除） / witnessed row ${seq} is gone (rows cut from the end)`,
    });
  }
  return { ok: problems.length === 0, rows, problems, head };
}
