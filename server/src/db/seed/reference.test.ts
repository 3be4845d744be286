/**
 * The reference seed's county attributes: every citation users see is a readable Chinese one (publisher, document
 * or table, year), the technical provenance stays in its own column, and a database seeded before gets the
 * citations on the next seed (SQLite and PostgreSQL).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../test/harness.ts';
import { readCountyAttributes, seedReference } from './reference.ts';

/** Why `text` is not a citation to show users, or null: addresses, repositories, files, hashes, English notes. */
function citationProblem(text: string): string | null {
  if (!/[\u4e00-\u9fff]/.test(text)) return 'no Chinese';
  if (/https?:|www\.|\.(com|cn|org|html)\b/i.test(text)) return 'a web address';
  if (/github|\.csv\b|shared\/data/i.test(text)) return 'a repository or file';
  if (/@[0-9a-f]{7,}|\b[0-9a-f]{20,}\b/i.test(text)) return 'a commit hash';
  // An English phrase: two or more Latin words in a row (GB/T 2260 is a standard's name, not a phrase).
  if (/[A-Za-z]{2,}(?:[\s,;:]+[A-Za-z]{2,})+/.test(text)) return 'an English phrase';
  return null;
}

describe('county attribute citations', () => {
  const rows = readCountyAttributes();

  it('tells an address, a hash or an English note from a citation', () => {
    expect(citationProblem('https://w.sf024.com/info/1.html（贫困县有31个）')).toBe('a web address');
    expect(citationProblem('2020 census 国家统计局 via github leiii/census')).toBe('a repository or file');
    expect(citationProblem('国家统计局（2020年） @0ba0f1efae092f4a')).toBe('a commit hash');
    expect(citationProblem('same excerpt: 满都拉口岸')).toBe('an English phrase');
    expect(citationProblem('依据国家标准 GB/T 2260《中华人民共和国行政区划代码》的代码与名称判定')).toBeNull();
  });

  it('cites every row of the file in readable Chinese and keeps the provenance apart', () => {
    expect(rows).toHaveLength(479);
    for (const r of rows) {
      expect(citationProblem(r.source), `${r.code} ${r.attribute}: ${r.source}`).toBeNull();
      expect(r.provenance, `${r.code} ${r.attribute}`).not.toBe('');
    }
    const poverty = rows.find((r) => r.code === '150421' && r.attribute === 'former_national_poverty_county');
    expect(poverty?.source).toContain('国家级贫困县名单');
    expect(poverty?.provenance).toContain('inews.nmgnews.com.cn');
  });

  describe('in a database', () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await freshDatabase();
    });
    afterEach(async () => {
      await db.drop();
    });

    it('stores only the citations, and brings a database seeded with the old notes up to them', async () => {
      const stored = await db.db.selectFrom('county_attribute').select(['source']).execute();
      expect(stored).toHaveLength(rows.length);
      for (const s of stored) expect(citationProblem(s.source), s.source).toBeNull();

      // A database seeded before issue 12 carries the provenance as its source.
      for (const r of rows.filter((x) => x.code === '150421' || x.code === '152923'))
        await db.db
          .updateTable('county_attribute')
          .set({ source: r.provenance })
          .where('division_code', '=', r.code)
          .where('attribute', '=', r.attribute)
          .where('year', '=', r.year)
          .execute();
      await seedReference(db.db, new Date().toISOString());
      const after = await db.db
        .selectFrom('county_attribute')
        .select(['division_code', 'attribute', 'year', 'source'])
        .where('division_code', 'in', ['150421', '152923'])
        .execute();
      expect(after.length).toBeGreaterThan(0);
      for (const a of after)
        expect(a.source).toBe(
          rows.find((r) => r.code === a.division_code && r.attribute === a.attribute && r.year === Number(a.year))
            ?.source,
        );
      await seedReference(db.db, new Date().toISOString()); // idempotent
      expect(await db.db.selectFrom('county_attribute').select('id').execute()).toHaveLength(rows.length);
    });
  });
});
