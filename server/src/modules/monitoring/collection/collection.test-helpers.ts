/** A small active framework for data-collection tests (the shipped default is seeded elsewhere). */
import { ZIndicatorSpec, type FrameworkNode, type IndicatorSpec } from '../../../../../contracts/monitoring.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { insertFramework } from '../frameworks/frameworks.repository.ts';

export const TEST_FRAMEWORK_CODE = 'collection-test';

const spec = (s: Partial<IndicatorSpec>): IndicatorSpec => ZIndicatorSpec.parse(s);

/**
 * D1 创新投入: A1 R&D/GDP (%, 0-100, ±50 % a year), A2 财政科技支出 (万元, >= 0), A3 其中：企业研发补助 (<= A2);
 * D2 创新主体: B1 高新技术企业数 (>= 0, ±100 % a year), B2 公民科学素质 (optional), B3 工作机制 (qualitative),
 * B4 特色做法 (text).
 */
export const TEST_NODES: FrameworkNode[] = [
  { code: 'IDX', parentCode: null, kind: 'index', nameZh: '测试指数', nameEn: 'Test index', weight: 1, spec: null },
  { code: 'D1', parentCode: 'IDX', kind: 'dimension', nameZh: '创新投入', nameEn: 'Input', weight: 1, spec: null },
  {
    code: 'A1',
    parentCode: 'D1',
    kind: 'indicator',
    nameZh: '研发经费投入强度',
    nameEn: 'R&D intensity',
    weight: 1,
    spec: spec({ unit: '%', min: 0, max: 100, maxYoyChange: 0.5 }),
  },
  {
    code: 'A2',
    parentCode: 'D1',
    kind: 'indicator',
    nameZh: '财政科技支出',
    nameEn: 'Fiscal S&T spending',
    weight: 1,
    spec: spec({ unit: '万元', min: 0 }),
  },
  {
    code: 'A3',
    parentCode: 'D1',
    kind: 'indicator',
    nameZh: '其中：企业研发补助',
    nameEn: 'of which: enterprise R&D grants',
    weight: 1,
    spec: spec({ unit: '万元', min: 0 }),
  },
  { code: 'D2', parentCode: 'IDX', kind: 'dimension', nameZh: '创新主体', nameEn: 'Actors', weight: 1, spec: null },
  {
    code: 'B1',
    parentCode: 'D2',
    kind: 'indicator',
    nameZh: '高新技术企业数',
    nameEn: 'High-tech enterprises',
    weight: 1,
    spec: spec({ unit: '家', min: 0, maxYoyChange: 1 }),
  },
  {
    code: 'B2',
    parentCode: 'D2',
    kind: 'indicator',
    nameZh: '公民具备科学素质比例',
    nameEn: 'Scientific literacy',
    weight: 1,
    spec: spec({ unit: '%', min: 0, max: 100, optional: true }),
  },
  {
    code: 'B3',
    parentCode: 'D2',
    kind: 'indicator',
    nameZh: '科技创新工作机制',
    nameEn: 'Work mechanisms',
    weight: 1,
    spec: spec({ qualitative: true, min: 0, max: 15 }),
  },
  {
    code: 'B4',
    parentCode: 'D2',
    kind: 'indicator',
    nameZh: '特色做法',
    nameEn: 'Distinctive practice',
    weight: 0,
    spec: spec({ valueType: 'text' }),
  },
];

/** Inserts the test framework as the only active one (others retired unless `keepOthers`); returns its id. */
export async function insertTestFramework(
  db: DbOrTrx,
  opts: { now?: string; keepOthers?: boolean } = {},
): Promise<number> {
  const now = opts.now ?? new Date().toISOString();
  if (!opts.keepOthers)
    await db.updateTable('mon_framework').set({ status: 'retired' }).where('status', '=', 'active').execute();
  return insertFramework(db, {
    code: TEST_FRAMEWORK_CODE,
    version: 1,
    nameZh: '填报测试指标体系',
    nameEn: 'Collection test framework',
    description: '',
    status: 'active',
    isDefault: false,
    settings: {
      rules: [
        {
          code: 'R1',
          kind: 'lte',
          left: 'A3',
          right: 'A2',
          messageZh: '企业研发补助不应大于财政科技支出',
          messageEn: 'Grants must not exceed fiscal S&T spending',
        },
      ],
      tiers: { kind: 'thresholds', thresholds: [80, 60] },
      deadline: '06-30',
    },
    nodes: TEST_NODES,
    createdBy: null,
    now,
  });
}

/** A complete, valid county-year (required values filled). */
export const VALID_VALUES = [
  { indicatorCode: 'A1', value: 1.2, source: '统计年鉴' },
  { indicatorCode: 'A2', value: 5000, source: '财政局' },
  { indicatorCode: 'A3', value: 800 },
  { indicatorCode: 'B1', value: 12 },
];

/** Officers of every level used by the collection tests (username = key). */
export const OFFICERS = {
  region: { role: 'region-officer', division: '150000' },
  hohhot: { role: 'league-officer', division: '150100' },
  baotou: { role: 'league-officer', division: '150200' },
  xincheng: { role: 'county-officer', division: '150102' },
  kundulun: { role: 'county-officer', division: '150203' },
  unit: { role: 'unit-officer', division: '150000' },
} as const;
