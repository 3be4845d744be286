/**
 * Deterministic synthetic achievements written from the thesaurus (a seeded RNG, so the same count and seed give the
 * same records): the distractors of `qixian market eval --distractors N` and the corpus of bench/market-match.ts.
 * Each one is a plausible researcher's record — a concept of some industry, a method or two from it or its related
 * concepts, the problem it addresses, a benefit and a place — never a copy of a labelled achievement.
 */
import { thesaurus, type Concept } from './thesaurus.ts';
import type { MatchDocument } from './types.ts';

/** mulberry32: a small, fast, seedable PRNG (0 <= x < 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TITLE = [
  '{a}关键技术研究与示范',
  '基于{t}的{i}{a}技术',
  '{i}{t}集成技术与应用',
  '{t}与{u}协同技术',
  '一种{t}的方法及装置',
  '{i}{a}新工艺',
  '{a}技术规程与推广',
  '高效{t}技术体系',
];
const PROBLEM = ['针对{i}生产中的技术难题', '为提高{i}生产效益', '面向{i}产业的需求', '围绕{i}产业提质增效'];
const METHOD = [
  '研发了{t}与{u}技术',
  '集成{t}、{u}等关键环节',
  '建立了基于{t}的技术模式，配套{u}',
  '优化{t}工艺参数并开发{u}',
];
const BENEFIT = [
  '示范应用后效益提高{n}%',
  '成本降低{n}%',
  '较传统方式提高{n}%以上',
  '已在{r}等地推广{m}万亩（头）',
  '形成企业标准1项，授权发明专利{k}项',
];
const PLACES = [
  '呼和浩特',
  '包头',
  '赤峰',
  '通辽',
  '鄂尔多斯',
  '呼伦贝尔',
  '巴彦淖尔',
  '乌兰察布',
  '兴安盟',
  '锡林郭勒',
  '阿拉善',
];
const COUNTIES = [
  '150102',
  '150203',
  '150404',
  '150502',
  '150602',
  '150702',
  '150802',
  '150902',
  '152201',
  '152502',
  '152921',
];
const MODES = ['transfer', 'licence', 'joint_development', 'service', 'equity'];

/**
 * `count` synthetic achievements with ids `${prefix}-000001` …, from the given seed. By default written with the
 * concepts' labels (the distractors of the evaluation); `varied` draws any surface form of a concept and adds a variety
 * or model name, for a benchmark corpus whose vocabulary is closer to real records than a few hundred labels.
 */
export function syntheticAchievements(
  count: number,
  seed = 20260701,
  prefix = 'synthetic',
  varied = false,
): MatchDocument[] {
  const th = thesaurus();
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  // Concepts that sit under an industry (they have a broader concept): the subjects of achievements.
  const subjects = [...th.concepts.values()].filter((c) => c.broader.length > 0);
  const label = (id: string) => th.concepts.get(id)?.label ?? id;
  // Researchers name a subject by its proper name (the concept's label: 马铃薯晚疫病, 脱毒种薯), not by a grower's
  // description of the symptom, so the labels are what a synthetic achievement is written with.
  const termOf = (c: Concept) => (varied && rnd() < 0.6 ? pick(c.terms) : c.label);
  const NAMES = ['蒙农', '内农', '草原', '科尔沁', '河套', '坝上', '阴山', '北疆', '金沙', '天骄'];
  const SUFFIX = ['号', '型', '系', 'Ⅱ型', '品系'];
  const named = () => (varied ? `（${pick(NAMES)}${1 + Math.floor(rnd() * 999)}${pick(SUFFIX)}）` : '');
  const top = (c: Concept): string => {
    let cur = c;
    for (let i = 0; i < 4 && cur.broader.length > 0; i++) cur = th.concepts.get(cur.broader[0]!)!;
    return cur.id;
  };
  const byBroader = new Map<string, Concept[]>();
  for (const c of subjects) byBroader.set(c.broader[0]!, [...(byBroader.get(c.broader[0]!) ?? []), c]);
  const out: MatchDocument[] = [];
  for (let k = 0; k < count; k++) {
    const c = pick(subjects);
    const industry = label(c.broader[0]!);
    // The second topic comes from the same industry (a sibling), never from the concepts related to the subject: a
    // problem paired with the method that solves it would be a true answer to some demand, not a distractor.
    const siblings = (byBroader.get(c.broader[0]!) ?? []).filter((x) => x.id !== c.id && !c.related.includes(x.id));
    const near = (): Concept => (siblings.length > 0 ? pick(siblings) : pick(subjects));
    const other = near();
    const fill = (s: string) =>
      s
        .replaceAll('{a}', c.label)
        .replaceAll('{i}', industry)
        .replaceAll('{t}', termOf(c))
        .replaceAll('{u}', termOf(other))
        .replaceAll('{n}', String(10 + Math.floor(rnd() * 40)))
        .replaceAll('{r}', pick(PLACES))
        .replaceAll('{m}', String(1 + Math.floor(rnd() * 50)))
        .replaceAll('{k}', String(1 + Math.floor(rnd() * 5)));
    const trl = 3 + Math.floor(rnd() * 7);
    const price = Math.round(5 + rnd() * 300);
    out.push({
      id: `${prefix}-${String(k + 1).padStart(6, '0')}`,
      kind: 'achievement',
      title: fill(pick(TITLE)) + named(),
      text: `${fill(pick(PROBLEM))}，${fill(pick(METHOD))}，${fill(pick(BENEFIT))}。适用于${pick(PLACES)}及周边${industry}生产。`,
      keywords: [c.label, industry],
      domain: top(c),
      trl,
      divisionCode: pick(COUNTIES),
      amountMin: price,
      amountMax: price,
      modes: [pick(MODES), ...(rnd() < 0.5 ? [pick(MODES)] : [])],
    });
  }
  return out;
}

const DEMAND_TITLE = ['{t}怎么解决', '{i}{t}的问题', '想找{i}方面的技术', '{t}，求技术支持'];
const DEMAND_TEXT = [
  '我们在{r}搞{i}，这几年{t}，{u}，损失不小，想找能解决的技术和专家。',
  '合作社{i}规模不小，但{t}一直没办法，{u}也很头疼，希望有成熟的办法。',
  '企业生产中遇到{t}的问题，还有{u}，想引进技术或者合作开发。',
];

/**
 * `count` synthetic demands in an enterprise's or herder's words (any surface form of a concept, symptoms included),
 * for the benchmark's queries and re-match.
 */
export function syntheticDemands(count: number, seed = 20260702, prefix = 'demand'): MatchDocument[] {
  const th = thesaurus();
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const subjects = [...th.concepts.values()].filter((c) => c.broader.length > 0);
  const out: MatchDocument[] = [];
  for (let k = 0; k < count; k++) {
    const c = pick(subjects);
    const industry = th.concepts.get(c.broader[0]!)?.label ?? '';
    const other = c.related.length > 0 && rnd() < 0.5 ? th.concepts.get(pick(c.related))! : pick(subjects);
    const fill = (s: string) =>
      s
        .replaceAll('{i}', industry)
        .replaceAll('{t}', pick(c.terms))
        .replaceAll('{u}', pick(other.terms))
        .replaceAll('{r}', pick(PLACES));
    const budget = Math.round(5 + rnd() * 200);
    out.push({
      id: `${prefix}-${String(k + 1).padStart(6, '0')}`,
      kind: 'demand',
      title: fill(pick(DEMAND_TITLE)),
      text: fill(pick(DEMAND_TEXT)),
      trl: 5 + Math.floor(rnd() * 4),
      divisionCode: pick(COUNTIES),
      amountMin: Math.round(budget / 2),
      amountMax: budget,
      modes: [pick(MODES)],
    });
  }
  return out;
}
