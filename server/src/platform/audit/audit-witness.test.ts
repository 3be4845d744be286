/** Truncation of the newest audit rows is caught by a chain head kept outside the database. */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeps } from '../deps.ts';
import { freshDatabase, testConfig, testEngine, type TestDatabase } from '../../test/harness.ts';
import { verifyAuditChain, writeAudit } from './audit.ts';

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
});
