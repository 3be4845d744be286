/**
 * T11: the audit trail. Rows are written through writeAudit in transactions; the HMAC chain must verify, 1,000
 * random tamperings (done as an attacker with database access would: drop the append-only triggers first) must all
 * be detected, the triggers must stop UPDATE and DELETE through the application's connection, and a failed audit
 * write must take the surrounding write down with it. Runs on SQLite and, with DATABASE_URL=postgres://…, PostgreSQL.
 */
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.ts';
import type { Engine } from '../../db/dialect.ts';
import { freshDatabase, testConfig } from '../../test/harness.ts';
import { createManualClock } from '../clock.ts';
import { createDeps, type Deps } from '../deps.ts';
import { chainHash, GENESIS_HASH, verifyAuditChain, writeAudit, type AuditActor, type AuditEntry } from './audit.ts';

type Handle = Awaited<ReturnType<typeof freshDatabase>>;
type AuditRow = Awaited<ReturnType<typeof readChain>>[number];

class Rollback extends Error {}

/** Runs `fn` in a transaction that is always rolled back; returns what `fn` returned. */
async function inRolledBackTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  let out: { value: T } | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      out = { value: await fn(trx) };
      throw new Rollback();
    })
    .catch((err: unknown) => {
      if (!(err instanceof Rollback)) throw err;
    });
  if (!out) throw new Error('transaction body did not finish');
  return out.value;
}

/** What an attacker with database access does first. */
async function dropGuards(trx: Db, engine: Engine): Promise<void> {
  if (engine === 'sqlite') {
    await sql`drop trigger audit_log_no_update`.execute(trx);
    await sql`drop trigger audit_log_no_delete`.execute(trx);
  } else {
    await sql`drop trigger audit_log_guard on audit_log`.execute(trx);
  }
}

function readChain(db: Db) {
  return db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
}

function makeDeps(h: Handle, start = new Date('2026-01-15T02:00:00.000Z')) {
  const clock = createManualClock(start);
  return { deps: createDeps(testConfig(), h, clock), clock };
}

/** Varied rows: nulls and values in every nullable column, Chinese text, IPv6, failures, denials. */
function sampleEntry(i: number): { actor: AuditActor; entry: AuditEntry } {
  const actor: AuditActor =
    i % 5 === 0
      ? { userId: null, username: null, ip: null }
      : { userId: i % 7, username: `user${i % 7}`, ip: i % 3 === 0 ? '::1' : `10.0.0.${i % 250}` };
  const entry: AuditEntry = {
    action: ['org.create', 'org.update', 'auth.login', 'user.role_grant', 'pi.view_full'][i % 5] ?? 'org.create',
    targetType: i % 4 === 0 ? undefined : 'organisation',
    targetId: i % 4 === 0 ? undefined : i * 3,
    divisionCode: i % 6 === 0 ? null : ['150102', '150203', '150200', '152502'][i % 4],
    result: i % 9 === 0 ? 'failure' : i % 11 === 0 ? 'denied' : 'success',
    details: i % 8 === 0 ? undefined : { n: i, note: `第${i}条 记录`, nested: { ok: i % 2 === 0 } },
  };
  return { actor, entry };
}

async function writeRows(deps: Deps, clock: { advance(ms: number): void }, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const { actor, entry } = sampleEntry(i);
    await deps.db.transaction().execute((trx) => writeAudit(trx, deps.audit, actor, entry));
    clock.advance(1_000 + (i % 13) * 17);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Tamperings
// ---------------------------------------------------------------------------------------------------------------

const TEXT_FIELDS = [
  'at',
  'actor_username',
  'action',
  'target_type',
  'target_id',
  'division_code',
  'result',
  'ip',
  'details',
] as const;
const NOT_NULL = new Set<string>(['at', 'action', 'result']);
type TextField = (typeof TEXT_FIELDS)[number];

type ValueSpec = { mode: 'null' } | { mode: 'set'; text: string } | { mode: 'flip'; pos: number };

type Tamper =
  | { kind: 'edit-text'; row: number; field: TextField; value: ValueSpec }
  | { kind: 'edit-actor-id'; row: number; toNull: boolean; delta: number }
  | { kind: 'delete'; row: number; count: number }
  | { kind: 'swap-rows'; a: number; b: number; withHashes: boolean }
  | {
      kind: 'change-hash';
      row: number;
      column: 'hash' | 'prev_hash';
      source: 'random' | 'other-row' | 'flip';
      other: number;
      pos: number;
    }
  | { kind: 'move-seq'; row: number; gap: number }
  | { kind: 'append-forged'; unkeyed: boolean }
  | { kind: 'edit-and-rehash'; row: number; text: string };

const N_ROWS = 60;

function tamperArb(n: number): fc.Arbitrary<Tamper> {
  const row = fc.nat({ max: n - 1 });
  const text = fc.stringMatching(/^[a-z0-9.:_-]{0,12}$/);
  const value: fc.Arbitrary<ValueSpec> = fc.oneof(
    fc.constant<ValueSpec>({ mode: 'null' }),
    text.map((t): ValueSpec => ({ mode: 'set', text: t })),
    fc.nat().map((pos): ValueSpec => ({ mode: 'flip', pos })),
  );
  return fc.oneof(
    fc.record({ kind: fc.constant('edit-text' as const), row, field: fc.constantFrom(...TEXT_FIELDS), value }),
    fc.record({
      kind: fc.constant('edit-actor-id' as const),
      row,
      toNull: fc.boolean(),
      delta: fc.integer({ min: 1, max: 1000 }),
    }),
    // Any row but the tail: removing the newest rows leaves a shorter chain that is valid by itself (see report).
    fc
      .record({
        kind: fc.constant('delete' as const),
        row: fc.nat({ max: n - 2 }),
        count: fc.integer({ min: 1, max: 5 }),
      })
      .map((t) => ({ ...t, count: Math.min(t.count, n - 1 - t.row) })),
    fc
      .record({ kind: fc.constant('swap-rows' as const), a: row, b: row, withHashes: fc.boolean() })
      .filter((t) => t.a !== t.b),
    fc.record({
      kind: fc.constant('change-hash' as const),
      row,
      column: fc.constantFrom('hash' as const, 'prev_hash' as const),
      source: fc.constantFrom('random' as const, 'other-row' as const, 'flip' as const),
      other: row,
      pos: fc.nat({ max: 63 }),
    }),
    fc.record({ kind: fc.constant('move-seq' as const), row, gap: fc.integer({ min: 1, max: 50 }) }),
    fc.record({ kind: fc.constant('append-forged' as const), unkeyed: fc.boolean() }),
    fc.record({ kind: fc.constant('edit-and-rehash' as const), row, text }),
  );
}

function flipChar(s: string, pos: number): string {
  if (s.length === 0) return 'x';
  const i = pos % s.length;
  const c = s.charAt(i) === '0' ? '1' : '0';
  return s.slice(0, i) + c + s.slice(i + 1);
}

function flipHex(s: string, pos: number): string {
  const i = pos % s.length;
  const c = s.charAt(i) === 'f' ? 'e' : 'f';
  return s.slice(0, i) + c + s.slice(i + 1);
}

function newText(old: string | null, field: TextField, v: ValueSpec): string | null {
  let out: string | null;
  if (v.mode === 'null') out = NOT_NULL.has(field) ? flipChar(old ?? '', 0) : null;
  else if (v.mode === 'set') out = v.text;
  else out = flipChar(old ?? '', v.pos);
  if (out === old) out = old === null ? 'x' : flipChar(old, 0);
  return out;
}

const CONTENT_COLUMNS = [
  'at',
  'actor_user_id',
  'actor_username',
  'action',
  'target_type',
  'target_id',
  'division_code',
  'result',
  'ip',
  'details',
] as const;

function contentOf(r: AuditRow) {
  return {
    at: r.at,
    actor_user_id: r.actor_user_id,
    actor_username: r.actor_username,
    action: r.action,
    target_type: r.target_type,
    target_id: r.target_id,
    division_code: r.division_code,
    result: r.result,
    ip: r.ip,
    details: r.details,
  };
}

/** Applies one tampering to the chain `rows` (a snapshot of what is in the table) through `trx`. */
async function applyTamper(trx: Db, rows: AuditRow[], t: Tamper): Promise<void> {
  const at = (i: number): AuditRow => {
    const r = rows[i];
    if (!r) throw new Error(`no row ${i}`);
    return r;
  };
  switch (t.kind) {
    case 'edit-text': {
      const r = at(t.row);
      await trx
        .updateTable('audit_log')
        .set({ [t.field]: newText(r[t.field], t.field, t.value) })
        .where('seq', '=', r.seq)
        .execute();
      return;
    }
    case 'edit-actor-id': {
      const r = at(t.row);
      const next = t.toNull && r.actor_user_id !== null ? null : (r.actor_user_id ?? 0) + t.delta;
      await trx.updateTable('audit_log').set({ actor_user_id: next }).where('seq', '=', r.seq).execute();
      return;
    }
    case 'delete': {
      const first = at(t.row).seq;
      const last = at(t.row + t.count - 1).seq;
      await trx.deleteFrom('audit_log').where('seq', '>=', first).where('seq', '<=', last).execute();
      return;
    }
    case 'swap-rows': {
      const a = at(t.a);
      const b = at(t.b);
      const pick = (r: AuditRow) =>
        t.withHashes ? { ...contentOf(r), prev_hash: r.prev_hash, hash: r.hash } : contentOf(r);
      await trx.updateTable('audit_log').set(pick(b)).where('seq', '=', a.seq).execute();
      await trx.updateTable('audit_log').set(pick(a)).where('seq', '=', b.seq).execute();
      return;
    }
    case 'change-hash': {
      const r = at(t.row);
      const old = r[t.column];
      let next: string;
      if (t.source === 'random') next = createHash('sha256').update(`forged-${t.pos}-${t.row}`).digest('hex');
      else if (t.source === 'other-row') next = at(t.other).hash;
      else next = flipHex(old, t.pos);
      if (next === old) next = flipHex(old, t.pos);
      await trx
        .updateTable('audit_log')
        .set({ [t.column]: next })
        .where('seq', '=', r.seq)
        .execute();
      return;
    }
    case 'move-seq': {
      const r = at(t.row);
      const lastSeq = at(rows.length - 1).seq;
      await trx
        .updateTable('audit_log')
        .set({ seq: lastSeq + t.gap })
        .where('seq', '=', r.seq)
        .execute();
      return;
    }
    case 'append-forged': {
      const last = at(rows.length - 1);
      const fields = { ...contentOf(last), seq: last.seq + 1, action: 'org.delete', details: '{"forged":true}' };
      const canonical = JSON.stringify(CONTENT_COLUMNS.map((c) => fields[c]));
      const hash = t.unkeyed
        ? createHash('sha256').update(last.hash).update('\n').update(canonical).digest('hex')
        : chainHash('guessed-key', last.hash, fields);
      await trx
        .insertInto('audit_log')
        .values({ ...fields, prev_hash: last.hash, hash })
        .execute();
      return;
    }
    case 'edit-and-rehash': {
      // Edit one row, then re-link everything after it with a key the attacker does not have.
      let prev = t.row === 0 ? GENESIS_HASH : at(t.row - 1).hash;
      for (let i = t.row; i < rows.length; i++) {
        const r = at(i);
        const content = contentOf(r);
        if (i === t.row) content.details = JSON.stringify({ edited: t.text, was: r.details });
        const hash = chainHash('guessed-key', prev, { ...content, seq: r.seq });
        await trx
          .updateTable('audit_log')
          .set({ ...content, prev_hash: prev, hash })
          .where('seq', '=', r.seq)
          .execute();
        prev = hash;
      }
      return;
    }
  }
}

describe('T11: audit hash chain', () => {
  let h: Handle;
  let deps: Deps;
  let rows: AuditRow[];

  beforeAll(async () => {
    h = await freshDatabase();
    const made = makeDeps(h);
    deps = made.deps;
    await writeRows(deps, made.clock, N_ROWS);
    rows = await readChain(h.db);
  });
  afterAll(async () => {
    await h.drop();
  });

  it('verifies a chain written through writeAudit, in one page or many', async () => {
    expect(rows).toHaveLength(N_ROWS);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: N_ROWS }, (_, i) => i + 1));
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
    for (const batch of [undefined, 1, 7, N_ROWS]) {
      expect(await verifyAuditChain(h.db, deps.audit.key, { batch })).toMatchObject({
        ok: true,
        rows: N_ROWS,
        problems: [],
        head: { seq: N_ROWS },
      });
    }
  });

  it('does not verify under another key', async () => {
    const r = await verifyAuditChain(h.db, 'some-other-key');
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ seq: 1, kind: 'edited' });
  });

  it('detects 1,000 random tamperings (100 %)', { timeout: 180_000 }, async () => {
    const counts = new Map<string, { tried: number; detected: number }>();
    await fc.assert(
      fc.asyncProperty(tamperArb(N_ROWS), async (t) => {
        const result = await inRolledBackTransaction(h.db, async (trx) => {
          await dropGuards(trx, h.engine);
          await applyTamper(trx, rows, t);
          return verifyAuditChain(trx, deps.audit.key, { batch: 25 });
        });
        const c = counts.get(t.kind) ?? { tried: 0, detected: 0 };
        c.tried++;
        if (!result.ok && result.problems.length > 0) c.detected++;
        counts.set(t.kind, c);
        expect(result.ok, JSON.stringify(t)).toBe(false);
        expect(result.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 1_000, seed: 20260115, endOnFailure: true },
    );
    const tried = [...counts.values()].reduce((s, c) => s + c.tried, 0);
    const detected = [...counts.values()].reduce((s, c) => s + c.detected, 0);
    expect(tried).toBe(1_000);
    expect(detected).toBe(1_000);
    // Every kind of tampering was exercised a fair number of times.
    expect(counts.size).toBe(8);
    for (const [kind, c] of counts) expect(c.tried, kind).toBeGreaterThanOrEqual(50);
  });

  it('is intact again after all the rolled-back tamperings, guards included', async () => {
    expect(await verifyAuditChain(h.db, deps.audit.key)).toMatchObject({
      ok: true,
      rows: N_ROWS,
      problems: [],
      head: { seq: N_ROWS },
    });
    await expect(h.db.updateTable('audit_log').set({ action: 'x' }).where('seq', '=', 1).execute()).rejects.toThrow(
      /append-only/,
    );
  });

  it('names the kind of each problem', async () => {
    const kinds = async (t: Tamper) =>
      inRolledBackTransaction(h.db, async (trx) => {
        await dropGuards(trx, h.engine);
        await applyTamper(trx, rows, t);
        return (await verifyAuditChain(trx, deps.audit.key)).problems.map((p) => `${p.seq}:${p.kind}`);
      });
    expect(
      await kinds({ kind: 'edit-text', row: 9, field: 'action', value: { mode: 'set', text: 'org.delete' } }),
    ).toEqual(['10:edited']);
    expect(await kinds({ kind: 'delete', row: 9, count: 2 })).toEqual(['12:deleted', '12:reordered']);
    expect(await kinds({ kind: 'swap-rows', a: 3, b: 4, withHashes: true })).toEqual([
      '4:reordered',
      '4:edited',
      '5:reordered',
      '5:edited',
      '6:reordered',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Append-only guards and transactional coupling
// ---------------------------------------------------------------------------------------------------------------

describe('T11: append-only guards and rollback coupling', () => {
  let h: Handle;
  let deps: Deps;
  let clock: ReturnType<typeof createManualClock>;

  beforeEach(async () => {
    h = await freshDatabase();
    ({ deps, clock } = makeDeps(h, new Date()));
  });
  afterEach(async () => {
    await h.drop();
  });

  const NOW = new Date().toISOString();
  const orgCount = async (name: string) =>
    (await h.db.selectFrom('organisation').select('id').where('name', '=', name).execute()).length;
  const auditCount = async () => (await h.db.selectFrom('audit_log').select('seq').execute()).length;

  async function createOrg(trx: Db, name: string): Promise<number> {
    const row = await trx
      .insertInto('organisation')
      .values({
        name,
        type: 'enterprise',
        uscc: null,
        division_code: '150102',
        status: 'active',
        is_demo: 0,
        created_at: NOW,
        updated_at: NOW,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it('blocks UPDATE of any row and DELETE of recent rows through the application connection', async () => {
    await writeRows(deps, clock, 5);
    await expect(
      h.db.updateTable('audit_log').set({ action: 'org.delete' }).where('seq', '=', 2).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(h.db.updateTable('audit_log').set({ hash: GENESIS_HASH }).execute()).rejects.toThrow(/append-only/);
    await expect(h.db.deleteFrom('audit_log').where('seq', '=', 5).execute()).rejects.toThrow(/cannot be deleted/);
    await expect(h.db.deleteFrom('audit_log').execute()).rejects.toThrow(/cannot be deleted/);
    await expect(sql`delete from audit_log where seq = 1`.execute(h.db)).rejects.toThrow(/cannot be deleted/);
    expect(await auditCount()).toBe(5);
    expect((await verifyAuditChain(h.db, deps.audit.key)).ok).toBe(true);
  });

  it('allows deleting rows past the 180-day retention but never updating them', async () => {
    ({ deps, clock } = makeDeps(h, new Date(Date.now() - 200 * 24 * 3600 * 1000)));
    await writeRows(deps, clock, 2);
    await expect(h.db.updateTable('audit_log').set({ action: 'x' }).where('seq', '=', 1).execute()).rejects.toThrow(
      /append-only/,
    );
    await h.db.deleteFrom('audit_log').where('seq', '=', 1).execute();
    expect(await auditCount()).toBe(1);
  });

  it('commits the write and its audit row together', async () => {
    await deps.db.transaction().execute(async (trx) => {
      const id = await createOrg(trx, '审计测试单位甲');
      await writeAudit(
        trx,
        deps.audit,
        { userId: 1, username: 'officer', ip: '127.0.0.1' },
        { action: 'org.create', targetType: 'organisation', targetId: id, divisionCode: '150102' },
      );
    });
    expect(await orgCount('审计测试单位甲')).toBe(1);
    expect(await auditCount()).toBe(1);
  });

  it('rolls back the surrounding write when the audit insert fails in the database', async () => {
    await writeRows(deps, clock, 3);
    // Make every audit insert fail, as a full disk or a broken constraint would.
    if (h.engine === 'sqlite') {
      await sql`create trigger audit_log_fail before insert on audit_log begin select raise(abort, 'audit store unavailable'); end`.execute(
        h.db,
      );
    } else {
      await sql`create function audit_log_fail() returns trigger language plpgsql as $$ begin raise exception 'audit store unavailable'; end $$`.execute(
        h.db,
      );
      await sql`create trigger audit_log_fail before insert on audit_log for each row execute function audit_log_fail()`.execute(
        h.db,
      );
    }
    await expect(
      deps.db.transaction().execute(async (trx) => {
        const id = await createOrg(trx, '审计测试单位乙');
        expect(id).toBeGreaterThan(0);
        await writeAudit(
          trx,
          deps.audit,
          { userId: 1, username: 'officer', ip: '127.0.0.1' },
          { action: 'org.create', targetType: 'organisation', targetId: id },
        );
      }),
    ).rejects.toThrow(/audit store unavailable/);
    expect(await orgCount('审计测试单位乙')).toBe(0);
    expect(await auditCount()).toBe(3);
    expect((await verifyAuditChain(h.db, deps.audit.key)).ok).toBe(true);
  });

  it('rolls back the surrounding write when the audit entry cannot be serialised', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(
      deps.db.transaction().execute(async (trx) => {
        const id = await createOrg(trx, '审计测试单位丙');
        await writeAudit(
          trx,
          deps.audit,
          { userId: 1, username: 'officer', ip: null },
          { action: 'org.create', targetId: id, details: circular },
        );
      }),
    ).rejects.toThrow();
    expect(await orgCount('审计测试单位丙')).toBe(0);
    expect(await auditCount()).toBe(0);
  });

  it('rolls back the audit row when the write after it fails', async () => {
    await expect(
      deps.db.transaction().execute(async (trx) => {
        await writeAudit(trx, deps.audit, { userId: 1, username: 'officer', ip: null }, { action: 'org.create' });
        // Unknown division: the foreign key fails after the audit row was written.
        await trx
          .insertInto('organisation')
          .values({
            name: '审计测试单位丁',
            type: 'enterprise',
            uscc: null,
            division_code: '999999',
            status: 'active',
            is_demo: 0,
            created_at: NOW,
            updated_at: NOW,
          })
          .execute();
      }),
    ).rejects.toThrow();
    expect(await auditCount()).toBe(0);
    expect(await orgCount('审计测试单位丁')).toBe(0);
  });

  it('keeps one linear chain under concurrent writers', async () => {
    const writers = Array.from({ length: 24 }, (_, i) =>
      deps.db.transaction().execute(async (trx) => {
        const id = await createOrg(trx, `并发单位${i}`);
        await writeAudit(
          trx,
          deps.audit,
          { userId: i, username: `w${i}`, ip: null },
          { action: 'org.create', targetType: 'organisation', targetId: id },
        );
      }),
    );
    await Promise.all(writers);
    const chain = await readChain(h.db);
    expect(chain.map((r) => r.seq)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(await verifyAuditChain(h.db, deps.audit.key)).toMatchObject({
      ok: true,
      rows: 24,
      problems: [],
      head: { seq: 24 },
    });
  });
});

describe('chainHash', () => {
  it('depends on the key, the previous hash and every field', () => {
    const base = {
      seq: 1,
      at: '2026-01-15T02:00:00.000Z',
      actor_user_id: 1,
      actor_username: 'a',
      action: 'org.create',
      target_type: 'organisation',
      target_id: '1',
      division_code: '150102',
      result: 'success',
      ip: '::1',
      details: '{}',
    };
    const h0 = chainHash('k', GENESIS_HASH, base);
    expect(h0).toBe(
      createHmac('sha256', 'k')
        .update(GENESIS_HASH)
        .update('\n')
        .update(JSON.stringify(Object.values(base)))
        .digest('hex'),
    );
    expect(chainHash('k2', GENESIS_HASH, base)).not.toBe(h0);
    expect(chainHash('k', '1'.repeat(64), base)).not.toBe(h0);
    for (const field of Object.keys(base) as (keyof typeof base)[]) {
      const changed = {
        ...base,
        [field]: field === 'seq' || field === 'actor_user_id' ? 2 : `${String(base[field])}x`,
      };
      expect(chainHash('k', GENESIS_HASH, changed), field).not.toBe(h0);
    }
    // null and the string "null" are different.
    expect(chainHash('k', GENESIS_HASH, { ...base, ip: null })).not.toBe(
      chainHash('k', GENESIS_HASH, { ...base, ip: 'null' }),
    );
  });
});
