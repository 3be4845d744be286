/**
 * The shipped default county framework (县域科技创新能力监测指标体系（默认）): data/default-county-framework.csv turned
 * into framework nodes, plus the proposals the CSV does not carry. Seeded into every database (production too) by
 * the reference seed; the official annex replaces it by import.
 *
 * Proposals (to be replaced with the official list, documented in data/README.md):
 * - targets: only where the CSV names a numeric regional/national value (D1.1, D2.3, D4.2, D5.3, all for 2025);
 * - validation ranges: percentages 0-100, counts and amounts >= 0, per-10k figures <= 10,000, D5.4 0-15;
 * - year-on-year limits: 1.0 (±100 %) for counts and amounts, 0.5 for ratios, 0.3 for energy intensity;
 * - standard values (monitoring mode, score = min(x/S, 1) x 100): the policy target where there is one, else a
 *   plausible level for an Inner Mongolian banner (STANDARD below), to be fixed for 3-5 years;
 * - ranking mode: counts are divided by the resident population (per 10k) and log(1+x) transformed;
 * - lags: R&D survey and yearbook figures 9 months, lists and registrations 3, fiscal accounts and others 6;
 * - one cross-indicator rule: D4.2 (high-value patents per 10k) <= D4.1 (invention patents per 10k);
 * - tiers: >= 80 一类, 60-80 二类, < 60 三类.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FrameworkNode, FrameworkSettings, IndicatorSpec } from '../../../../../contracts/monitoring.ts';
import type { Db } from '../../../db/database.ts';
import { parseTrustedCsv } from '../../../platform/spreadsheets/csv.ts';
import {
  DEFAULT_FRAMEWORK_CODE,
  insertFramework,
  latestOfCode,
  listIndicatorSpecs,
  replaceDescription,
  updateIndicatorSpec,
} from './frameworks.repository.ts';

const CSV_PATH = path.join(import.meta.dirname, '..', 'data', 'default-county-framework.csv');

export const DEFAULT_FRAMEWORK_NAME = {
  zh: '县域科技创新能力监测指标体系（默认，待官方指标替换）',
  en: 'County S&T innovation capability monitoring framework (default, to be replaced by the official list)',
};

/** The description the console shows (Chinese; the framework has no second-language description field). */
export const DEFAULT_FRAMEWORK_DESCRIPTION =
  '按内蒙古/河北“五个维度”结构，参照湖南创新型县指标和国家、自治区目标编制的 26 项默认指标（定量 85 分、定性 15 分）。' +
  '权重、标准值、校验范围和分类阈值均为建议值；取得《内蒙古自治区县域科技创新能力提升行动实施方案》附件的官方指标后，' +
  '请通过“导入”替换。';

/** The description seeded before issue 12 (Chinese, then an English half); the reference seed replaces it. */
export const LEGACY_FRAMEWORK_DESCRIPTION =
  DEFAULT_FRAMEWORK_DESCRIPTION +
  ' / Default of 26 indicators in the 5-dimension structure (85 quantitative + 15 qualitative ' +
  'points); weights, standard values, ranges and tier cut-offs are proposals to be replaced by the official annex.';

/** Numeric targets the CSV names (year -> value). */
const TARGETS: Record<string, Record<string, number>> = {
  'D1.1': { '2025': 1.5 },
  'D2.3': { '2025': 35 },
  'D4.2': { '2025': 12 },
  'D5.3': { '2025': 15 },
};

/** Standard values S for monitoring mode (proposals; the target where one exists). */
const STANDARD: Record<string, number> = {
  'D1.1': 1.5,
  'D1.2': 20000,
  'D1.3': 5,
  'D1.4': 3000,
  'D1.5': 1.5,
  'D1.6': 40,
  'D2.1': 30,
  'D2.2': 50,
  'D2.3': 35,
  'D2.4': 20,
  'D3.1': 5,
  'D3.2': 3,
  'D3.3': 2,
  'D3.4': 30,
  'D4.1': 5,
  'D4.2': 2,
  'D4.3': 10000,
  'D4.4': 15,
  'D4.5': 30,
  'D4.6': 1,
  'D4.7': 500,
  'D5.1': 1000,
  'D5.2': 100,
  'D5.3': 15,
  'D5.4': 15,
};

/** Months after the year end when values are normally available (proposals). */
const LAG: Record<string, number> = {
  'D1.1': 9,
  'D1.2': 9,
  'D1.5': 9,
  'D1.6': 9,
  'D2.3': 9,
  'D2.4': 9,
  'D4.4': 9,
  'D4.5': 9,
  'D4.6': 9,
  'D2.1': 3,
  'D2.2': 3,
  'D3.1': 3,
  'D3.2': 3,
  'D3.3': 3,
  'D3.4': 3,
  'D4.1': 3,
  'D4.2': 3,
  'D4.7': 3,
  'D5.3': 12,
};

/** Live bindings to platform facts. */
const FACTS: Record<string, IndicatorSpec['fact']> = { 'D3.4': { fact: 'experts.count' } };

const QUALITATIVE = new Set(['D5.4']);
const TEXT = new Set(['D5.5']);
const OPTIONAL = new Set(['D5.3']);

export const DEFAULT_RULES: FrameworkSettings['rules'] = [
  {
    code: 'R1',
    kind: 'lte',
    left: 'D4.2',
    right: 'D4.1',
    messageZh: '每万人高价值发明专利拥有量不应大于每万人有效发明专利拥有量',
    messageEn: 'High-value invention patents per 10k cannot exceed valid invention patents per 10k',
  },
];

type CsvRow = Record<
  | 'dimension_code'
  | 'dimension_zh'
  | 'dimension_en'
  | 'indicator_code'
  | 'indicator_zh'
  | 'indicator_en'
  | 'unit'
  | 'direction'
  | 'points'
  | 'denominator'
  | 'source'
  | 'target_note'
  | 'evidence'
  | 'legacy_denominator'
  | 'legacy_source'
  | 'legacy_target_note'
  | 'legacy_evidence',
  string
>;

function readCsv(): CsvRow[] {
  const [header, ...rows] = parseTrustedCsv(fs.readFileSync(CSV_PATH, 'utf8'));
  if (!header) throw new Error('default framework CSV is empty');
  return rows
    .filter((r) => r.length >= header.length)
    .map((r) => Object.fromEntries(header.map((h, i) => [h, (r[i] ?? '').trim()])) as CsvRow);
}

function isCount(r: CsvRow): boolean {
  return r.denominator.startsWith('不设分母（计数）');
}

function specOf(r: CsvRow): IndicatorSpec {
  const code = r.indicator_code;
  const percent = r.unit === '%';
  const perTenK = r.unit.includes('/万人');
  const text = TEXT.has(code);
  const qualitative = QUALITATIVE.has(code);
  return {
    unit: r.unit,
    direction: r.direction === '-' ? -1 : 1,
    points: Number(r.points),
    denominator: r.denominator,
    density: isCount(r) ? 'population' : 'none',
    log: isCount(r),
    source: r.source,
    periodType: 'year',
    lagMonths: LAG[code] ?? 6,
    targets: TARGETS[code] ?? {},
    targetNote: r.target_note,
    standardValue: STANDARD[code] ?? null,
    goalposts: null,
    fact: FACTS[code] ?? null,
    min: text ? null : 0,
    max: text ? null : percent ? 100 : perTenK ? 10000 : qualitative ? Number(r.points) : null,
    maxYoyChange: text || qualitative ? null : percent ? 0.5 : code === 'D4.6' ? 0.3 : perTenK ? 0.5 : 1,
    qualitative,
    valueType: text ? 'text' : 'number',
    optional: OPTIONAL.has(code),
    evidence: r.evidence,
  };
}

/** The default framework's nodes (depth-first) and settings, built from the CSV. */
export function buildDefaultFramework(): { nodes: FrameworkNode[]; settings: FrameworkSettings } {
  const rows = readCsv();
  const nodes: FrameworkNode[] = [
    {
      code: 'CII',
      parentCode: null,
      kind: 'index',
      nameZh: '县域创新能力指数',
      nameEn: 'County Innovation Capability Index',
      weight: 1,
      spec: null,
    },
  ];
  const dimensions = [...new Set(rows.map((r) => r.dimension_code))];
  for (const d of dimensions) {
    const members = rows.filter((r) => r.dimension_code === d);
    const first = members[0]!;
    nodes.push({
      code: d,
      parentCode: 'CII',
      kind: 'dimension',
      nameZh: first.dimension_zh,
      nameEn: first.dimension_en,
      weight: members.reduce((s, r) => s + Number(r.points), 0),
      spec: null,
    });
    for (const r of members)
      nodes.push({
        code: r.indicator_code,
        parentCode: d,
        kind: 'indicator',
        nameZh: r.indicator_zh,
        nameEn: r.indicator_en,
        weight: Number(r.points),
        spec: specOf(r),
      });
  }
  return {
    nodes,
    settings: { rules: DEFAULT_RULES, tiers: { kind: 'thresholds', thresholds: [80, 60] }, deadline: '06-30' },
  };
}

/**
 * Inserts the default framework as version 1, active, when no version of its code exists yet (idempotent: a
 * database whose administrators retired or replaced it is left alone). Returns whether it was inserted. In a
 * database seeded before, versions of the default code that still carry the legacy bilingual description get the
 * Chinese one (an administrator's own description is left alone).
 */
export async function seedDefaultFramework(db: Db, now: string): Promise<boolean> {
  if (await latestOfCode(db, DEFAULT_FRAMEWORK_CODE)) {
    await replaceDescription(db, DEFAULT_FRAMEWORK_CODE, LEGACY_FRAMEWORK_DESCRIPTION, DEFAULT_FRAMEWORK_DESCRIPTION);
    await replaceLegacySpecTexts(db);
    return false;
  }
  const { nodes, settings } = buildDefaultFramework();
  await db.transaction().execute((trx) =>
    insertFramework(trx, {
      code: DEFAULT_FRAMEWORK_CODE,
      version: 1,
      nameZh: DEFAULT_FRAMEWORK_NAME.zh,
      nameEn: DEFAULT_FRAMEWORK_NAME.en,
      description: DEFAULT_FRAMEWORK_DESCRIPTION,
      status: 'active',
      isDefault: true,
      settings,
      nodes,
      createdBy: null,
      now,
    }),
  );
  return true;
}

/** The indicator texts seeded before issue 12 (English notes) and the Chinese ones that replace them, by indicator. */
export function legacySpecTexts(): Map<
  string,
  { field: 'denominator' | 'source' | 'targetNote' | 'evidence'; from: string; to: string }[]
> {
  const out = new Map<
    string,
    { field: 'denominator' | 'source' | 'targetNote' | 'evidence'; from: string; to: string }[]
  >();
  for (const r of readCsv()) {
    const pairs = [
      { field: 'denominator' as const, from: r.legacy_denominator, to: r.denominator },
      { field: 'source' as const, from: r.legacy_source, to: r.source },
      { field: 'targetNote' as const, from: r.legacy_target_note, to: r.target_note },
      { field: 'evidence' as const, from: r.legacy_evidence, to: r.evidence },
    ];
    out.set(
      r.indicator_code,
      pairs.filter((p) => p.from !== '' && p.from !== p.to),
    );
  }
  return out;
}

/**
 * In a database seeded before issue 12, the default framework's indicators carry English notes (denominator, source,
 * target note, evidence): each field that still holds the seeded English text exactly gets the Chinese one; a text an
 * administrator changed is left alone.
 */
async function replaceLegacySpecTexts(db: Db): Promise<void> {
  const legacy = legacySpecTexts();
  for (const node of await listIndicatorSpecs(db, DEFAULT_FRAMEWORK_CODE)) {
    const spec = JSON.parse(node.spec) as Record<string, unknown>;
    let changed = false;
    for (const p of legacy.get(node.code) ?? [])
      if (spec[p.field] === p.from) {
        spec[p.field] = p.to;
        changed = true;
      }
    if (changed) await updateIndicatorSpec(db, node.id, JSON.stringify(spec));
  }
}
