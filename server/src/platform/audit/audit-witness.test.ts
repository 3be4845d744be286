/** Truncation of the newest audit rows is caught by a chain head kept outside the database. */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeps } from '../deps.ts';
import { freshDatabase, testConfig, testEngine, type TestDatabase } from '../../test/harness.ts';
import { parseChainHead, verifyAuditChain, writeAudit } from './audit.ts';

describe('audit witness', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await freshDatabase();
  });
  afterEach(async () => {
    await db.drop();
  });

  it('reports rows cut from the end once a head was witnessed', async () => {
    const config = testConfig();
    const deps = createDeps(config, db);
    for (let i = 0; i < 10; i++) {
      await db.db
        .transaction()
        .execute((trx) =>
          writeAudit(trx, deps.audit, { userId: null, username: 'w', ip: null }, { action: `test.${i}` }),
        );
    }
    const first = await verifyAuditChain(db.db, config.auditKey);
    expect(first.ok).toBe(true);
    expect(first.head?.seq).toBe(10);
    const witness = first.head ?? undefined;

    // An attacker with database access removes the guard and the last three rows.
    if (testEngine() === 'sqlite') await sql`drop trigger audit_log_no_delete`.execute(db.db);
    else await sql`drop trigger audit_log_guard on audit_log`.execute(db.db);
    await db.db.deleteFrom('audit_log').where('seq', '>', 7).execute();

    expect((await verifyAuditChain(db.db, config.auditKey)).ok).toBe(true); // undetectable without a witness
    const checked = await verifyAuditChain(db.db, config.auditKey, { witness });
    expect(checked.ok).toBe(false);
    expect(checked.problems.map((p) => p.kind)).toEqual(['truncated']);
  });

  it('checks every witness given: the file and heads kept elsewhere (finding 11)', async () => {
    const config = testConfig();
    const deps = createDeps(config, db);
    const write = (i: number) =>
      db.db
        .transaction()
        .execute((trx) =>
          writeAudit(trx, deps.audit, { userId: null, username: 'w', ip: null }, { action: `test.${i}` }),
        );
    for (let i = 0; i < 5; i++) await write(i);
    const early = (await verifyAuditChain(db.db, config.auditKey)).head!;
    for (let i = 5; i < 9; i++) await write(i);
    const late = (await verifyAuditChain(db.db, config.auditKey)).head!;
    expect([early.seq, late.seq]).toEqual([5, 9]);
    expect((await verifyAuditChain(db.db, config.auditKey, { witness: [early, late] })).ok).toBe(true);

    if (testEngine() === 'sqlite') await sql`drop trigger audit_log_no_delete`.execute(db.db);
    else await sql`drop trigger audit_log_guard on audit_log`.execute(db.db);
    await db.db.deleteFrom('audit_log').where('seq', '>', 6).execute();

    // A stale witness (the data-directory file restored from an old copy) alone does not see the cut; the newer
    // head kept elsewhere does.
    expect((await verifyAuditChain(db.db, config.auditKey, { witness: [early] })).ok).toBe(true);
    const both = await verifyAuditChain(db.db, config.auditKey, { witness: [early, late] });
    expect(both.problems).toEqual([expect.objectContaining({ seq: 9, kind: 'truncated' })]);
    const forged = await verifyAuditChain(db.db, config.auditKey, { witness: [{ seq: 5, hash: 'f'.repeat(64) }] });
    expect(forged.problems.map((p) => p.kind)).toEqual(['edited']);
  });

  it('reads a chain head as JSON, seq:hash or the printed audit-chain-head line', () => {
    const hash = 'ab'.repeat(32);
    expect(parseChainHead(`{"seq":7,"hash":"${hash}","checkedAt":"2026-01-01T00:00:00Z"}\n`)).toEqual({ seq: 7, hash });
    expect(parseChainHead(`7:${hash.toUpperCase()}`)).toEqual({ seq: 7, hash });
    expect(parseChainHead(`Jan  1 qixian-audit: audit-chain-head seq=7 hash=${hash} at=2026-01-01T00:00:00Z`)).toEqual({
      seq: 7,
      hash,
    });
    for (const bad of ['', '7', `0:${hash}`, '7:abc', '{"seq":"7","hash":"x"}', 'null', '[]'])
      expect(parseChainHead(bad), bad).toBeNull();
  });
});
