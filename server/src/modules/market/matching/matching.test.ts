import { describe, expect, it } from 'vitest';
import { analyze, CONCEPT_PREFIX } from './analyze.ts';
import { amountFit, distanceFit, modeMask, stageFit } from './features.ts';
import { createMatcher } from './index.ts';
import { syntheticAchievements } from './synthetic.ts';
import { findConcepts, parseThesaurus, thesaurus } from './thesaurus.ts';
import type { MatchDocument } from './types.ts';

const ACHIEVEMENTS: MatchDocument[] = [
  {
    id: 'a-seed',
    kind: 'achievement',
    title: '马铃薯茎尖脱毒与雾培微型薯快繁技术',
    text: '茎尖分生组织培养脱除病毒，雾培法生产原原种，脱毒种薯较自留种增产30%以上。',
    domain: 'agri',
    trl: 8,
    divisionCode: '150925',
    amountMin: 30,
    amountMax: 30,
    modes: ['licence'],
  },
  {
    id: 'a-dairy',
    kind: 'achievement',
    title: '奶牛隐性乳房炎快速诊断技术',
    text: 'CMT检测与乳汁电导率监测，配套挤奶消毒，生鲜乳体细胞数降至20万以下。',
    domain: 'livestock',
    trl: 7,
  },
  {
    id: 'a-sand',
    kind: 'achievement',
    title: '流动沙丘机械沙障固沙技术',
    text: '麦草方格沙障内栽植梭梭、花棒，流动沙丘固定率85%。',
  },
];

const DEMAND: MatchDocument = {
  id: 'd1',
  kind: 'demand',
  title: '自家留的土豆种越种越差',
  text: '合作社一直用自己留的种，叶子打卷，薯块越结越小，自留种连续多年病害加重。',
  domain: 'agri',
  trl: 6,
  divisionCode: '150925',
  amountMin: 10,
  amountMax: 50,
  modes: ['购买', '许可'],
};

describe('thesaurus', () => {
  it('parses, links related concepts both ways and refuses bad lines', () => {
    const th = parseThesaurus(['a | 甲类 | 甲甲 | |\nb | 乙类 | 乙乙 | a | c\nc | 丙类 | 丙丙 | |']);
    expect(th.concepts.get('c')?.related).toEqual(['b']);
    expect(() => parseThesaurus(['a | 甲类 | 甲 | |'])).toThrow(/shorter than 2/);
    expect(() => parseThesaurus(['a | 甲类 | 甲甲 | zz |'])).toThrow(/unknown concept zz/);
    expect(() => parseThesaurus(['a | 甲类 | 甲甲 | |\na | 甲类 | 甲甲 | |'])).toThrow(/duplicate/);
    expect(() => parseThesaurus(['no pipes here'])).toThrow(/expected/);
  });

  it('covers the region industries with problems linked to methods', () => {
    const th = thesaurus();
    expect(th.concepts.size).toBeGreaterThan(150);
    for (const id of [
      'potato',
      'dairy',
      'cashmere',
      'beef',
      'grass.restore',
      'sand',
      're',
      'wind',
      'solar',
      'mmed',
      'coalchem',
      'oat',
      'sunflower',
      'sheep',
      'forage',
      'water.saving',
      'saline',
    ])
      expect(th.concepts.has(id), id).toBe(true);
    expect(th.concepts.get('potato.degen')?.related).toContain('potato.seed');
  });

  it('finds concepts by substring in both voices', () => {
    const th = thesaurus();
    const ids = (t: string) => findConcepts(th, t).map((h) => h.id);
    expect(ids('自留种连续多年病害加重')).toEqual(expect.arrayContaining(['potato.degen', 'plant.disease']));
    expect(ids('茎尖脱毒、雾培微型薯')).toContain('potato.seed');
    expect(ids('牛奶体细胞超标')).toContain('mastitis');
    expect(ids('草场退化，露出沙子')).toContain('grass.degrade');
  });

  it("names the same thing in the herder's and the researcher's words (symptoms, colloquial problems, products)", () => {
    const th = thesaurus();
    const ids = (t: string) => findConcepts(th, t).map((h) => h.id);
    // A herder: ewes abort and people may catch it; a researcher: Brucella test strips for the flock.
    expect(ids('母羊流产的特别多，胎衣下不来，人也会得')).toEqual(expect.arrayContaining(['brucella', 'sheep']));
    expect(ids('布鲁氏菌病快速检测，羊群阳性率下降')).toEqual(expect.arrayContaining(['brucella', 'sheep']));
    // Winter fodder shortage told plainly and in a forage record.
    expect(ids('冬天牧场没草，草料钱太贵')).toContain('feed.cost');
    expect(ids('解决冬春饲草短缺')).toContain('feed.cost');
    // Milk yield and the feeding that raises it; keeping a product long and its shelf life.
    expect(ids('产奶量上不去')).toContain('dairy.yield');
    expect(ids('按泌乳阶段分群饲喂，日单产提高')).toEqual(expect.arrayContaining(['dairy.nutrition', 'dairy.yield']));
    expect(ids('想做成能长期保存的产品')).toContain('storage');
    expect(ids('驼乳粉保质期18个月')).toEqual(expect.arrayContaining(['storage', 'camel', 'milk']));
  });

  it('a query reaches the methods related to its problem; a document only its own and broader concepts', () => {
    const q = analyze({ id: 'q', title: '', text: '自留种越种越小' }, true);
    expect(q.weights.has(`${CONCEPT_PREFIX}potato.seed`)).toBe(true);
    expect(q.paths.get(`${CONCEPT_PREFIX}potato.seed`)?.via).toEqual(['potato.degen', 'potato.seed']);
    const d = analyze({ id: 'd', title: '', text: '自留种越种越小' });
    expect(d.weights.has(`${CONCEPT_PREFIX}potato.seed`)).toBe(false);
    expect(d.weights.has(`${CONCEPT_PREFIX}potato`)).toBe(true);
  });
});

describe('features', () => {
  it.each([
    [stageFit(8, 6), 1],
    [stageFit(4, 6), 0.5],
    [stageFit(0, 6), -1],
    [distanceFit(150925, 150925), 1],
    [distanceFit(150925, 150902), 0.6],
    [distanceFit(150925, 150102), 0.3],
    [distanceFit(150925, 110101), 0],
    [amountFit(50, 30), 1],
    [amountFit(50, 100), 0.5],
    [amountFit(NaN, 30), -1],
  ])('%s = %s', (got, want) => expect(got).toBe(want));

  it('maps cooperation forms and transfer modes onto the same groups; an open call accepts any', () => {
    expect(modeMask(['购买']) & modeMask(['transfer'])).not.toBe(0);
    expect(modeMask(['licence_exclusive']) & modeMask(['许可'])).not.toBe(0);
    expect(modeMask(['service']) & modeMask(['transfer'])).toBe(0);
    expect(modeMask(['open_call']) & modeMask(['equity'])).not.toBe(0);
  });
});

describe('matcher', () => {
  const matcher = createMatcher(ACHIEVEMENTS);

  it('finds the method for a problem told in other words, and explains why', () => {
    const hits = matcher.match(DEMAND);
    expect(hits[0]?.id).toBe('a-seed');
    const top = hits[0]!;
    expect(top.score).toBeGreaterThan(0);
    expect(top.score).toBeLessThanOrEqual(1);
    expect(top.reasons.concepts.some((c) => c.includes('种薯退化') && c.includes('脱毒种薯'))).toBe(true);
    expect(top.explanation).toContain('同一旗县');
    expect(top.explanation).toContain('阶段 成熟（TRL 8）符合需求（TRL 6）');
    expect(top.explanation).toContain('价格在预算内');
    expect(top.explanation).toContain('合作方式相符');
    expect(top.reasons.features.map((f) => f.code)).toEqual(['text', 'domain', 'stage', 'distance', 'amount', 'mode']);
    expect(hits.some((h) => h.id === 'a-sand')).toBe(false);
  });

  it('works the other way round (achievement -> demands) and honours limit and exclude', () => {
    const demands = createMatcher([
      DEMAND,
      { id: 'd2', kind: 'demand', title: '牛奶体细胞超标', text: '乳房红肿，收奶被扣钱' },
    ]);
    expect(demands.match(ACHIEVEMENTS[1]!)[0]?.id).toBe('d2');
    expect(demands.match(ACHIEVEMENTS[0]!)[0]?.id).toBe('d1');
    expect(matcher.match(DEMAND, { limit: 1 })).toHaveLength(1);
    expect(matcher.match(DEMAND, { exclude: new Set(['a-seed']) }).map((h) => h.id)).not.toContain('a-seed');
    expect(createMatcher([]).match(DEMAND)).toEqual([]);
  });

  it('sorts by score, then id, and gives the same answer twice', () => {
    const docs = syntheticAchievements(300, 7);
    const m = createMatcher(docs);
    const a = m.match(DEMAND, { limit: 20 });
    expect(m.match(DEMAND, { limit: 20 })).toEqual(a);
    for (let i = 1; i < a.length; i++) {
      const [p, c] = [a[i - 1]!, a[i]!];
      expect(p.score > c.score || (p.score === c.score && p.id < c.id) || p.score >= c.score).toBe(true);
    }
  });
});

describe('synthetic achievements', () => {
  it('are deterministic for a seed and differ between seeds', () => {
    expect(syntheticAchievements(5, 1)).toEqual(syntheticAchievements(5, 1));
    expect(syntheticAchievements(5, 1)).not.toEqual(syntheticAchievements(5, 2));
    expect(syntheticAchievements(3, 1, 'x').map((d) => d.id)).toEqual(['x-000001', 'x-000002', 'x-000003']);
  });
});
