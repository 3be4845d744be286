/** T14: online backup under write load, restore, compare counts and hashes; refusals leave the target untouched. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freshDatabase, testConfig, testEngine } from '../test/harness.ts';
import { createDeps, type Deps } from '../platform/deps.ts';
import { verifyAuditChain, writeAudit } from '../platform/audit/audit.ts';
import { createUser } from '../modules/users/users.admin.ts';
import { connect } from './connect.ts';
import type { DbHandle } from './database.ts';
import { listTables } from './dialect.ts';
import { migrateToLatest } from './migrate.ts';
import { seedReference } from './seed/reference.ts';
import { backupDatabase, orderTables, restoreDatabase, TABLE_PRIORITY, type BackupHeader } from './backup.ts';

const config = testConfig();
const actor = { userId: null, username: 'test', ip: '127.0.0.1' };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qixian-backup-test-'));
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Fresh = Awaited<ReturnType<typeof freshDatabase>>;

async function fresh(): Promise<Fresh> {
  const h = await freshDatabase();
  cleanups.push(() => h.drop());
  return h;
}

/** A migrated database with no rows at all (the harness template holds the reference data; remove it). */
async function empty(): Promise<Fresh> {
  const h = await fresh();
  const db = h.db as unknown as Kysely<unknown>;
  const tables = await listTables(h.engine, db);
  const order = [...tables.filter((t) => !TABLE_PRIORITY.includes(t)), ...[...TABLE_PRIORITY].reverse()];
  for (const t of order) if (tables.includes(t)) await sql`delete from ${sql.table(t)}`.execute(db);
  expect(await counts(h)).toEqual(Object.fromEntries(tables.map((t) => [t, 0])));
  return h;
}

/** A migrated, empty SQLite database in a temp file (for cross-engine restores). */
async function emptySqlite(): Promise<DbHandle> {
  const dir = fs.mkdtempSync(path.join(tmp, 'sqlite-'));
  const h = connect({ url: `sqlite:${path.join(dir, 'x.db')}`, sqliteSynchronous: 'NORMAL' });
  cleanups.push(() => h.destroy());
  await migrateToLatest(h.db, h.engine);
  return h;
}

async function counts(h: DbHandle): Promise<Record<string, number>> {
  const db = h.db as unknown as Kysely<unknown>;
  const out: Record<string, number> = {};
  for (const t of await listTables(h.engine, db)) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    out[t] = Number(r.rows[0]?.n);
  }
  return out;
}

async function addOrg(deps: Deps, name: string): Promise<number> {
  const now = new Date().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('organisation')
      .values({
        name,
        type: 'enterprise',
        uscc: null,
        division_code: '150102',
        status: 'active',
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.audit, actor, {
      action: 'org.create',
      targetType: 'organisation',
      targetId: row.id,
      divisionCode: '150102',
      details: { name },
    });
    return row.id;
  });
}

async function populate(deps: Deps): Promise<void> {
  const orgId = await addOrg(deps, '呼和浩特马铃薯种业有限公司');
  await addOrg(deps, 'O\'Brien & Sons "quoted"\n多行');
  for (const [username, role] of [
    ['officer1', 'county-officer'],
    ['farmer1', 'farmer'],
    ['auditor', 'audit-admin'],
  ] as const) {
    await createUser(deps, {
      username,
      password: 'Qixian#Test2026',
      displayName: `用户 ${username}`,
      roles: [{ role, divisionCode: '150102' }],
      divisionCode: '150102',
      orgId: role === 'farmer' ? null : orgId,
      phone: role === 'farmer' ? '13800138000' : null,
      idNumber: null,
      actor,
    });
  }
  await deps.db
    .insertInto('login_throttle')
    .values({ username_key: 'a.b', failures: 2, first_failure_at: new Date().toISOString(), locked_until: null })
    .execute();
  await deps.db
    .insertInto('login_throttle')
    .values({ username_key: 'ab', failures: 1, first_failure_at: new Date().toISOString(), locked_until: null })
    .execute();
}

function readLines(file: string): string[] {
  return zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
}

function writeLines(file: string, lines: string[]): void {
  fs.writeFileSync(file, zlib.gzipSync(lines.join('\n')));
}

describe('orderTables', () => {
  it('puts known tables in priority order and unknown tables after what they reference', () => {
    const refs = new Map([
      ['app_user', ['division', 'organisation']],
      ['organisation', ['division']],
      ['zz_talent', ['yy_expert', 'app_user']],
      ['yy_expert', ['organisation']],
      ['division', ['division']],
    ]);
    expect(orderTables(['zz_talent', 'app_user', 'yy_expert', 'organisation', 'division'], refs)).toEqual([
      'division',
      'organisation',
      'app_user',
      'yy_expert',
      'zz_talent',
    ]);
  });
});

describe(`backup and restore (${testEngine()})`, () => {
  it('T14: takes a consistent online backup under concurrent writes; the restore matches it and the audit chain verifies', async () => {
    const src = await fresh();
    const deps = createDeps(config, src);
    await populate(deps);
    const before = await counts(src);

    // A second connection writes while the backup reads (like the running server next to the CLI).
    const writerHandle = connect({ url: src.url, sqliteSynchronous: 'NORMAL', poolSize: 2 });
    cleanups.push(() => writerHandle.destroy());
    const writer = createDeps(config, writerHandle);
    const N = 200;
    let written = 0;
    let startBackup!: () => void;
    const midway = new Promise<void>((resolve) => (startBackup = resolve));
    const load = (async () => {
      for (let i = 0; i < N; i++) {
        if (i === 40) startBackup();
        await addOrg(writer, `并发单位 ${i}`);
        written++;
        await new Promise((r) => setImmediate(r));
      }
    })();

    await midway;
    const atStart = written;
    let atSnapshot = -1;
    const file = path.join(tmp, `t14-${testEngine()}.qxb.gz`);
    const result = await backupDatabase(src, file, {
      pageSize: 250,
      onSnapshot: () => {
        atSnapshot = written;
      },
      onPage: () => new Promise((r) => setTimeout(r, 2)),
    });
    const atEnd = written;
    await load;
    const after = await counts(src);

    const h = result.header;
    // Writes committed while the backup was reading…
    expect(atEnd).toBeGreaterThan(atSnapshot);
    expect(after.organisation).toBe((before.organisation ?? 0) + N);
    // …yet the backup is one snapshot: every org in it has its audit row and nothing more.
    const orgsInBackup = (h.tables.organisation?.rows ?? 0) - (before.organisation ?? 0);
    const auditInBackup = (h.tables.audit_log?.rows ?? 0) - (before.audit_log ?? 0);
    expect(orgsInBackup).toBe(auditInBackup);
    expect(orgsInBackup).toBeGreaterThanOrEqual(atStart);
    expect(orgsInBackup).toBeLessThanOrEqual(atSnapshot);
    expect(orgsInBackup).toBeLessThan(N);
    expect(h.migrations.length).toBeGreaterThan(0);
    expect(Object.keys(h.tables).slice(0, 10)).toEqual(TABLE_PRIORITY.filter((t) => t in h.tables).slice(0, 10));

    const target = await empty();
    const restored = await restoreDatabase(target, file, { pageSize: 333 });
    expect(restored.tables).toEqual(h.tables);
    const c = await counts(target);
    for (const [t, s] of Object.entries(h.tables)) expect(c[t], t).toBe(s.rows);

    // Independent check: a backup of the restored database has the same counts and digests.
    const again = await backupDatabase(target, path.join(tmp, `t14-again-${testEngine()}.qxb.gz`));
    expect(again.header.tables).toEqual(h.tables);

    const chain = await verifyAuditChain(target.db, config.auditKey);
    expect(chain).toMatchObject({ ok: true, rows: h.tables.audit_log?.rows });
    expect((await verifyAuditChain(src.db, config.auditKey)).ok).toBe(true);

    // Sequences moved past the restored ids: new rows get fresh ids and the chain goes on.
    const id = await addOrg(createDeps(config, target), '恢复后新增');
    const maxId = await target.db
      .selectFrom('organisation')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirstOrThrow();
    expect(id).toBe(Number(maxId.m));
    expect((await verifyAuditChain(target.db, config.auditKey)).ok).toBe(true);
  });

  it('refuses to restore into a database that holds rows, and changes nothing', async () => {
    const src = await fresh();
    await populate(createDeps(config, src));
    const file = path.join(tmp, `nonempty-${testEngine()}.qxb.gz`);
    await backupDatabase(src, file);
    const target = await fresh(); // has the reference data
    const before = await counts(target);
    await expect(restoreDatabase(target, file)).rejects.toThrow(/不是空的.*not empty/s);
    expect(await counts(target)).toEqual(before);
  });

  it('refuses a damaged file (bad line, wrong digest, wrong count, truncation) and leaves the target empty', async () => {
    const src = await fresh();
    await populate(createDeps(config, src));
    const file = path.join(tmp, `damaged-${testEngine()}.qxb.gz`);
    await backupDatabase(src, file);
    const lines = readLines(file);
    const target = await empty();
    const emptyCounts = await counts(target);

    const orgLine = lines.findIndex((l) => l.startsWith('{"t":"organisation"'));
    const userLine = lines.findIndex((l) => l.startsWith('{"t":"app_user"'));
    expect(orgLine).toBeGreaterThan(0);
    expect(userLine).toBeGreaterThan(orgLine);

    const badJson = [...lines];
    badJson[userLine] = '{"t":"app_user","r":{"id":1,';
    writeLines(path.join(tmp, 'bad-json.gz'), badJson);
    await expect(restoreDatabase(target, path.join(tmp, 'bad-json.gz'))).rejects.toThrow(
      new RegExp(`第 ${userLine + 1} 行`),
    );
    expect(await counts(target)).toEqual(emptyCounts);

    const edited = [...lines];
    edited[orgLine] = (edited[orgLine] ?? '').replace('呼和浩特', '包头');
    expect(edited[orgLine]).not.toBe(lines[orgLine]);
    writeLines(path.join(tmp, 'edited.gz'), edited);
    await expect(restoreDatabase(target, path.join(tmp, 'edited.gz'))).rejects.toThrow(
      /organisation.*does not match the header/,
    );
    expect(await counts(target)).toEqual(emptyCounts);

    const dropped = lines.filter((_, i) => i !== orgLine);
    writeLines(path.join(tmp, 'dropped.gz'), dropped);
    await expect(restoreDatabase(target, path.join(tmp, 'dropped.gz'))).rejects.toThrow(/app_user|organisation/);
    expect(await counts(target)).toEqual(emptyCounts);

    const header = JSON.parse(lines[0] ?? '') as BackupHeader;
    const tampered = [...lines];
    tampered[0] = JSON.stringify({
      ...header,
      tables: { ...header.tables, audit_log: { rows: 1, sha256: header.tables.audit_log?.sha256 } },
    });
    writeLines(path.join(tmp, 'header.gz'), tampered);
    await expect(restoreDatabase(target, path.join(tmp, 'header.gz'))).rejects.toThrow(/audit_log/);
    expect(await counts(target)).toEqual(emptyCounts);

    const raw = fs.readFileSync(file);
    fs.writeFileSync(path.join(tmp, 'truncated.gz'), raw.subarray(0, Math.floor(raw.length * 0.8)));
    await expect(restoreDatabase(target, path.join(tmp, 'truncated.gz'))).rejects.toThrow(
      /损坏|truncated|does not match/,
    );
    expect(await counts(target)).toEqual(emptyCounts);

    fs.writeFileSync(path.join(tmp, 'not-gzip.gz'), 'hello');
    await expect(restoreDatabase(target, path.join(tmp, 'not-gzip.gz'))).rejects.toThrow(/损坏|not a Qixian/);
    await expect(restoreDatabase(target, path.join(tmp, 'missing.gz'))).rejects.toThrow(/不存在/);
    expect(await counts(target)).toEqual(emptyCounts);

    // The untouched file still restores into the same target.
    const ok = await restoreDatabase(target, file);
    expect(ok.totalRows).toBeGreaterThan(0);
    expect((await verifyAuditChain(target.db, config.auditKey)).ok).toBe(true);
  });

  // Defined only when the run has PostgreSQL (the SQLite run has no second engine to restore into).
  if (testEngine() === 'postgres')
    it('restores across engines: PostgreSQL -> SQLite and SQLite -> PostgreSQL', async () => {
      const pgSrc = await fresh();
      await populate(createDeps(config, pgSrc));
      const pgFile = path.join(tmp, 'pg.qxb.gz');
      const pgBackup = await backupDatabase(pgSrc, pgFile);
      const lite = await emptySqlite();
      const r1 = await restoreDatabase(lite, pgFile);
      expect(r1.sourceEngine).toBe('postgres');
      expect(r1.tables).toEqual(pgBackup.header.tables);
      expect((await verifyAuditChain(lite.db, config.auditKey)).ok).toBe(true);

      // A SQLite source with the reference data, users and audit rows, restored into an empty PostgreSQL database.
      const liteSrc = await emptySqlite();
      await seedReference(liteSrc.db, new Date().toISOString());
      await populate(createDeps(config, liteSrc));
      const liteFile = path.join(tmp, 'lite.qxb.gz');
      const liteBackup = await backupDatabase(liteSrc, liteFile);
      const pgTarget = await empty();
      const r2 = await restoreDatabase(pgTarget, liteFile);
      expect(r2.sourceEngine).toBe('sqlite');
      expect(r2.tables).toEqual(liteBackup.header.tables);
      expect((await verifyAuditChain(pgTarget.db, config.auditKey)).ok).toBe(true);
      await addOrg(createDeps(config, pgTarget), '跨引擎恢复后新增');
    });
});
