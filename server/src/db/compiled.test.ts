/** Compiled reads on hot paths (compiled.ts): same answers as Kysely, never another request's unfinished writes. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../test/harness.ts';
import { CompiledShapes, readCompiled } from './compiled.ts';

describe('compiled reads', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase();
  });
  afterEach(async () => {
    await t.destroy();
    await t.drop();
  });

  const byParent = (db: TestDatabase['db']) =>
    db.selectFrom('division').select(['code', 'name']).where('parent_code', '=', '150100').orderBy('code');

  it('returns what Kysely returns, with new values for the same compiled shape', async () => {
    const query = byParent(t.db).compile();
    const viaKysely = await byParent(t.db).execute();
    expect(viaKysely.length).toBeGreaterThan(5);
    expect(await readCompiled(t.db, query, ['150100'])).toEqual(viaKysely);
    const other = await t.db
      .selectFrom('division')
      .select(['code', 'name'])
      .where('parent_code', '=', '150200')
      .orderBy('code')
      .execute();
    expect(await readCompiled(t.db, query, ['150200'])).toEqual(other);
    await expect(readCompiled(t.db, query, [])).rejects.toThrow(/expects 1 parameters/);
  });

  it('never reads a transaction that has not committed: the read waits for it', async () => {
    const query = t.db
      .selectFrom('division')
      .select('name')
      .where('code', '=', '150102')
      .compile();
    const before = (await readCompiled(t.db, query, ['150102']))[0]?.name;
    expect(before).toBeTruthy();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let readInside: string | undefined;
    const writer = t.db.transaction().execute(async (trx) => {
      await trx.updateTable('division').set({ name: '未提交的名称' }).where('code', '=', '150102').execute();
      await gate;
    });
    // The writer's update has run inside its open transaction; a read now must not see it.
    await new Promise((r) => setTimeout(r, 50));
    const reading = readCompiled(t.db, query, ['150102']).then((rows) => (readInside = rows[0]?.name));
    await new Promise((r) => setTimeout(r, 50));
    if (readInside !== undefined) expect(readInside).toBe(before);
    release();
    await writer;
    await reading;
    // Either it read the committed state before the writer began (PostgreSQL) or it waited for the commit (SQLite).
    expect([before, '未提交的名称']).toContain(readInside);
    expect((await readCompiled(t.db, query, ['150102']))[0]?.name).toBe('未提交的名称');
  });

  it('refuses a caller whose parameters are not in the compiled order', () => {
    const shapes = new CompiledShapes<{ code: string }>();
    const build = () =>
      t.db.selectFrom('division').select('code').where('parent_code', '=', '150100').where('level', '=', 'county');
    expect(() => shapes.get('k', build, ['county', '150100'])).toThrow(/parameters out of order/);
    expect(shapes.get('k2', build, ['150100', 'county']).parameters).toEqual(['150100', 'county']);
  });
});
