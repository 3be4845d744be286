/**
 * Recall of the global search over the demo data set (演示数据), as the demo accounts see it: realistic queries of
 * region, league and county officers, each with its expected hits stated independently of the segmenter — every
 * document in the caller's divisions whose shown text (title and body: name, type label, division name) holds, for
 * each group of the case, one of the group's strings. The search must return exactly those documents.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type Agent, type TestApp } from '../../test/harness.ts';
import { DEMO_PASSWORD, seedDemo } from '../../db/seed/demo.ts';

const MILK = ['奶牛', '乳业', '奶业', '乳品', '奶源', '牛奶', '乳制品'];
const SEED_POTATO = ['种薯', '马铃薯种业', '脱毒种薯', '原原种', '马铃薯良种'];
const GRASS = ['草业', '牧草', '饲草', '苜蓿', '羊草', '草种'];
const NEW_ENERGY = ['新能源', '光伏', '风电', '太阳能', '风能', '氢能', '储能'];

interface RecallCase {
  /** Demo account (all scoped to their division; `farmer-150121` has no permission to find organisations). */
  who: string;
  q: string;
  /** Per group, one of its strings occurs in the document; null: nothing in the caller's view holds the term. */
  finds: string[][] | null;
}

const CASES: RecallCase[] = [
  // The region officer (all 532 demo organisations)
  { who: 'region', q: '种薯', finds: [SEED_POTATO] },
  { who: 'region', q: '奶牛', finds: [MILK] },
  { who: 'region', q: '乳业', finds: [['乳业', '奶牛', '奶业', '乳品', '乳制品', '牛奶', '奶源']] },
  { who: 'region', q: '牛奶', finds: [['牛奶', '乳业', '奶业', '乳品', '乳制品', '奶牛']] },
  { who: 'region', q: '马铃薯', finds: [['马铃薯']] },
  { who: 'region', q: '土豆', finds: [['土豆', '马铃薯']] },
  { who: 'region', q: '马铃薯种业', finds: [['马铃薯种业', '种薯']] },
  { who: 'region', q: '肉羊', finds: [['肉羊', '肉业', '羊肉']] },
  { who: 'region', q: '肉牛', finds: [['肉牛', '肉业', '牛肉']] },
  { who: 'region', q: '羊绒', finds: [['羊绒', '绒山羊']] },
  { who: 'region', q: '羊绒制品', finds: [['羊绒制品']] },
  { who: 'region', q: '稀土', finds: [['稀土']] },
  { who: 'region', q: '稀土材料', finds: [['稀土材料']] },
  { who: 'region', q: '光伏', finds: [['光伏', '新能源', '太阳能']] },
  { who: 'region', q: '新能源', finds: [NEW_ENERGY] },
  { who: 'region', q: '草业', finds: [GRASS] },
  { who: 'region', q: '牧草', finds: [['牧草', '草业', '饲草', '苜蓿', '羊草']] },
  { who: 'region', q: '苜蓿', finds: [['苜蓿', '草业', '牧草']] },
  { who: 'region', q: '沙产业', finds: [['沙产业', '治沙', '沙棘', '肉苁蓉']] },
  { who: 'region', q: '治沙', finds: [['治沙', '沙产业', '沙棘', '肉苁蓉']] },
  { who: 'region', q: '生物科技', finds: [['生物科技']] },
  { who: 'region', q: '农牧科技', finds: [['农牧科技']] },
  { who: 'region', q: '农牧', finds: [['农牧']] },
  { who: 'region', q: '科技局', finds: [['科技局', '科学技术局']] },
  { who: 'region', q: '发改委', finds: [['发改委', '发展和改革委员会']] },
  { who: 'region', q: '工信厅', finds: [['工信厅', '工业和信息化厅']] },
  { who: 'region', q: '人社厅', finds: [['人社厅', '人力资源和社会保障厅']] },
  { who: 'region', q: '科协', finds: [['科协', '科学技术协会']] },
  { who: 'region', q: '农牧厅', finds: [['农牧厅']] },
  { who: 'region', q: '农技推广', finds: [['农技推广', '农牧业技术推广', '农业技术推广']] },
  { who: 'region', q: '技术推广中心', finds: [['技术推广中心']] },
  { who: 'region', q: '专业合作社', finds: [['专业合作社']] },
  { who: 'region', q: '股份有限公司', finds: [['股份有限公司']] },
  // One or two characters: a substring of the name
  { who: 'region', q: '薯', finds: [['薯']] },
  { who: 'region', q: '羊', finds: [['羊']] },
  { who: 'region', q: '乳', finds: [['乳']] },
  { who: 'region', q: '绒', finds: [['绒']] },
  { who: 'region', q: '肉业', finds: [['肉业', '肉羊', '肉牛', '羊肉', '牛肉', '肉类']] },
  { who: 'region', q: '乌珠', finds: [['乌珠']] },
  // Place names, type labels, several terms (all of them)
  { who: 'region', q: '昆都仑区', finds: [['昆都仑区']] },
  { who: 'region', q: '达尔罕茂明安联合旗', finds: [['达尔罕茂明安联合旗']] },
  { who: 'region', q: '锡林郭勒盟', finds: [['锡林郭勒盟']] },
  { who: 'region', q: '苏尼特', finds: [['苏尼特']] },
  { who: 'region', q: '责任单位', finds: [['责任单位']] },
  { who: 'region', q: '事业单位', finds: [['事业单位']] },
  { who: 'region', q: '社会组织', finds: [['社会组织']] },
  { who: 'region', q: '马铃薯 种业', finds: [['马铃薯'], ['种业']] },
  { who: 'region', q: '种薯 托克托县', finds: [SEED_POTATO, ['托克托县']] },
  { who: 'region', q: '乳业 有限公司', finds: [MILK, ['有限公司']] },
  { who: 'region', q: '新能源 合作社', finds: [NEW_ENERGY, ['合作社']] },
  // League officers: 呼和浩特市, 包头市, 锡林郭勒盟
  { who: 'league-150100', q: '种薯', finds: [SEED_POTATO] },
  { who: 'league-150100', q: '乳业', finds: [MILK] },
  { who: 'league-150100', q: '稀土', finds: [['稀土']] },
  { who: 'league-150100', q: '科技局', finds: [['科技局', '科学技术局']] },
  { who: 'league-150200', q: '奶牛', finds: [MILK] },
  { who: 'league-150200', q: '羊绒', finds: [['羊绒', '绒山羊']] },
  { who: 'league-150200', q: '光伏', finds: [['光伏', '新能源', '太阳能']] },
  { who: 'league-152500', q: '肉羊', finds: [['肉羊', '肉业', '羊肉']] },
  { who: 'league-152500', q: '牧草', finds: [['牧草', '草业', '饲草', '苜蓿', '羊草']] },
  { who: 'league-152500', q: '苏尼特 乳业', finds: [['苏尼特'], MILK] },
  // County officers: 新城区 (the README's account), 赛罕区, 土默特左旗, 昆都仑区
  { who: 'county-150102', q: '农牧', finds: [['农牧']] },
  { who: 'county-150102', q: '新能源', finds: [NEW_ENERGY] },
  { who: 'county-150102', q: '科技局', finds: [['科技局', '科学技术局']] },
  { who: 'county-150102', q: '沙产业', finds: [['沙产业', '治沙', '沙棘', '肉苁蓉']] },
  { who: 'county-150102', q: '乳业', finds: null }, // 新城区 has no dairy organisation in the demo data
  { who: 'county-150102', q: '种薯', finds: null },
  { who: 'county-150105', q: '马铃薯', finds: [['马铃薯']] },
  { who: 'county-150105', q: '种薯', finds: [SEED_POTATO] },
  { who: 'county-150105', q: '肉羊', finds: [['肉羊', '肉业', '羊肉']] },
  { who: 'county-150105', q: '草业', finds: [GRASS] },
  { who: 'county-150121', q: '生物科技', finds: [['生物科技']] },
  { who: 'county-150121', q: '科技特派员', finds: null }, // people, not organisations: not searchable yet
  { who: 'county-150203', q: '奶牛', finds: [MILK] },
  { who: 'county-150203', q: '乳业', finds: [MILK] },
  { who: 'county-150203', q: '羊绒', finds: [['羊绒', '绒山羊']] },
  { who: 'county-150203', q: '种薯', finds: [SEED_POTATO] },
  // No permission to find organisations
  { who: 'farmer-150121', q: '马铃薯', finds: null },
];

/** The division whose subtree a demo account sees (null: it may find no organisations). */
function rootOf(who: string): string | null {
  if (who === 'region') return '150000';
  const m = /^(?:league|county)-(\d{6})$/.exec(who);
  return m ? m[1]! : null;
}

describe('search recall over the demo data (演示数据)', () => {
  let t: TestApp;
  const agents = new Map<string, Agent>();
  let docs: { id: number; source_id: number; division_code: string; text: string }[] = [];
  let descendants = new Map<string, Set<string>>();

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.app.deps);
    for (const who of new Set(CASES.map((c) => c.who))) agents.set(who, await signIn(t, who, DEMO_PASSWORD));
    const rows = await t.db.db
      .selectFrom('search_document')
      .select(['id', 'source_id', 'division_code', 'title', 'body'])
      // The set is about organisations; other modules' records (market achievements, demands) have their own tests.
      .where('source_type', '=', 'organisation')
      .execute();
    docs = rows.map((r) => ({ ...r, text: `${r.title} ${r.body}` }));
    const closure = await sql<{ ancestor_code: string; descendant_code: string }>`
      select ancestor_code, descendant_code from division_closure`.execute(t.db.db);
    descendants = new Map();
    for (const r of closure.rows) {
      const set = descendants.get(r.ancestor_code) ?? new Set<string>();
      set.add(r.descendant_code);
      descendants.set(r.ancestor_code, set);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  /** The organisations a case expects, from the shown text and the caller's divisions alone. */
  const expected = (c: RecallCase): string[] => {
    const root = rootOf(c.who);
    if (c.finds === null || root === null) return [];
    const within = descendants.get(root) ?? new Set<string>();
    const groups = c.finds;
    return docs
      .filter((d) => within.has(d.division_code) && groups.every((g) => g.some((s) => d.text.includes(s))))
      .map((d) => `${d.source_id}`)
      .sort();
  };

  it('has at least 50 cases, and each case that expects hits has some in the demo data', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
    for (const c of CASES) if (c.finds !== null) expect(expected(c).length, `${c.who} ${c.q}`).toBeGreaterThan(0);
    for (const c of CASES)
      if (c.finds === null && rootOf(c.who)) expect(expected({ ...c, finds: [[c.q]] })).toEqual([]);
  });

  it.each(CASES.map((c) => [c.who, c.q, c] as const))('%s: %s', async (_who, _q, c) => {
    const res = await agents
      .get(c.who)!
      .request('GET', `/api/search?q=${encodeURIComponent(c.q)}&type=organisation&pageSize=200`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<{ items: { id: number; divisionCode: string }[]; total: number }>();
    const want = expected(c);
    expect(page.total).toBe(want.length);
    expect(page.items.map((h) => `${h.id}`).sort()).toEqual(want);
  });

  it('highlights the alternative that matched: 奶牛 marks 乳业, 科技局 marks 科学技术局', async () => {
    const region = agents.get('region')!;
    const cows = await region.request(
      'GET',
      `/api/search?q=${encodeURIComponent('奶牛')}&type=organisation&pageSize=5`,
    );
    const first = cows.json<{ items: { title: string; snippet: string }[] }>().items[0];
    expect(first?.snippet).toContain('<mark>乳业</mark>');
    const bureau = await region.request(
      'GET',
      `/api/search?q=${encodeURIComponent('科技局')}&type=organisation&pageSize=5`,
    );
    expect(bureau.json<{ items: { snippet: string }[] }>().items[0]?.snippet).toContain('<mark>科学技术局</mark>');
  });
});
