/**
 * Demo technology contracts (演示数据): 300 registered contracts 2021-2025 in the region's real industries, between
 * the platform's demo enterprises and demo research institutes (some outside the region: technology flowing in).
 * Deterministic and idempotent; every row is_demo = 1, source `demo`, note 演示数据.
 */
import type {
  AgencyCode,
  ContractType,
  CreateContractRequest,
  TechField,
} from '../../../../../contracts/market-contracts.ts';
import { iso } from '../../../platform/clock.ts';
import type { Deps } from '../../../platform/deps.ts';
import { checkContract } from './contract-rules.ts';
import { invalidateContractFacts } from './contracts.facts.ts';
import { insertContract } from './contracts.repository.ts';
import { contractColumns } from './contracts.service.ts';
import { OUTSIDE_INSTITUTES, REGION_INSTITUTES, demoEnterprisesByCounty, prng, type Party } from './demo-parties.ts';
import { divisionInfo, leagueOf, regionCodes } from './division-info.ts';

interface Theme {
  topics: readonly string[];
  field: TechField;
  sellers: readonly Party[];
  outside: readonly Party[];
  counties: readonly string[];
}

const R = REGION_INSTITUTES;
const O = OUTSIDE_INSTITUTES;

/** The region's industries, the counties where they are and who supplies their technology. */
export const THEMES: readonly Theme[] = [
  {
    topics: ['马铃薯脱毒种薯快繁', '马铃薯晚疫病绿色防控', '马铃薯全程机械化'],
    field: 'agriculture',
    sellers: [R.imau, R.agriAcademy],
    outside: [O.cau],
    counties: ['150929', '150928', '150125', '150923', '150922'],
  },
  {
    topics: ['乳酸菌发酵剂', '奶牛精准饲喂', '低乳糖乳制品工艺'],
    field: 'bio_medicine',
    sellers: [R.imau, R.imu],
    outside: [O.jiangnan],
    counties: ['150121', '150123', '150122', '150105'],
  },
  {
    topics: ['绒山羊高效繁育', '羊绒精梳与染整', '绒山羊胚胎移植'],
    field: 'agriculture',
    sellers: [R.imau, R.imu],
    outside: [O.nwafu],
    counties: ['150624', '150823', '150824', '152921'],
  },
  {
    topics: ['肉牛高效育肥', '肉牛粗饲料青贮', '西门塔尔牛选育'],
    field: 'agriculture',
    sellers: [R.nationalities, R.agriAcademy],
    outside: [O.nwafu, O.cau],
    counties: ['150502', '150523', '150421', '150526'],
  },
  {
    topics: ['退化草原免耕补播', '草原鼠虫害生物防治', '人工草地建植'],
    field: 'environment',
    sellers: [R.forestry, R.imu],
    outside: [O.lzu],
    counties: ['152502', '152530', '150725', '150724'],
  },
  {
    topics: ['沙化土地光伏治沙', '沙柳平茬复壮', '固沙植物容器育苗'],
    field: 'environment',
    sellers: [R.forestry, R.imau],
    outside: [O.lzu],
    counties: ['150625', '150621', '150822', '152921'],
  },
  {
    topics: ['稀土永磁晶界扩散', '稀土抛光粉回收', '稀土储氢合金'],
    field: 'materials',
    sellers: [R.rareEarth, R.imust],
    outside: [O.ipe],
    counties: ['150203', '150204', '150207'],
  },
  {
    topics: ['风光储微电网控制', '风电机组状态监测', '光伏组件智能运维'],
    field: 'energy',
    sellers: [R.imut, R.imust],
    outside: [O.tsinghua],
    counties: ['150929', '150223', '150825', '152524'],
  },
  {
    topics: ['蒙药复方制剂质量标准', '蒙药材规范化种植', '蒙医药经典方开发'],
    field: 'bio_medicine',
    sellers: [R.medical, R.nationalities],
    outside: [O.jiangnan],
    counties: ['150521', '152222', '150102'],
  },
  {
    topics: ['煤化工废水近零排放', '煤制烯烃催化剂', '粉煤灰提取氧化铝'],
    field: 'energy',
    sellers: [R.imut, R.imust],
    outside: [O.ipe, O.tsinghua],
    counties: ['150622', '150627', '150626'],
  },
];

const TYPE_WEIGHTS: readonly [ContractType, number][] = [
  ['development', 0.35],
  ['service', 0.3],
  ['consulting', 0.15],
  ['transfer', 0.1],
  ['licence', 0.1],
];
const TYPE_WORD: Record<ContractType, string> = {
  development: '技术开发',
  transfer: '技术转让',
  licence: '技术许可',
  consulting: '技术咨询',
  service: '技术服务',
};
/** Contracts per registration year: a growing market. */
const PER_YEAR: readonly [number, number][] = [
  [2021, 45],
  [2022, 52],
  [2023, 60],
  [2024, 68],
  [2025, 75],
];

const AGENCY_OF_LEAGUE: Record<string, 'NM-HOHHOT' | 'NM-BAOTOU' | 'NM-ORDOS'> = {
  '150100': 'NM-HOHHOT',
  '150200': 'NM-BAOTOU',
  '150600': 'NM-ORDOS',
};

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const day = (year: number, dayOfYear: number) =>
  new Date(Date.UTC(year, 0, 1) + dayOfYear * 86_400_000).toISOString().slice(0, 10);
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Writes the demo contracts once (skipped when any demo contract exists). Returns how many were written. */
export async function seedContractsDemo(deps: Deps): Promise<number> {
  const db = deps.db;
  const already = await db
    .selectFrom('mkt_tech_contract')
    .select('id')
    .where('is_demo', '=', 1)
    .limit(1)
    .executeTakeFirst();
  if (already) return 0;
  const enterprises = await demoEnterprisesByCounty(db);
  const info = await divisionInfo(db);
  const region = await regionCodes(db);
  const rand = prng(20250601);
  const now = iso(deps.clock.now());
  let written = 0;
  let seq = 0;
  await db.transaction().execute(async (trx) => {
    for (const [year, n] of PER_YEAR)
      for (let i = 0; i < n; i++) {
        const theme = pick(rand, THEMES);
        const county = pick(rand, theme.counties);
        const buyer = pick(rand, enterprises.get(county) ?? []) as Party | undefined;
        if (!buyer) continue; // demo organisations missing (a platform without the demo seed)
        const r = rand();
        // A quarter comes from outside the region, a sixth from another county's enterprise, the rest from institutes.
        const seller =
          r < 0.25
            ? pick(rand, theme.outside)
            : r < 0.42
              ? ((pick(
                  rand,
                  enterprises.get(
                    pick(
                      rand,
                      theme.counties.filter((c) => c !== county),
                    ),
                  ) ?? [],
                ) as Party | undefined) ?? pick(rand, theme.sellers))
              : pick(rand, theme.sellers);
        let t = rand();
        const type = TYPE_WEIGHTS.find(([, w]) => (t -= w) < 0)?.[0] ?? 'service';
        const value = Math.round(Math.exp(Math.log(5) + rand() * Math.log(160)) * 100) / 100;
        const turnover = Math.round(value * (0.6 + rand() * 0.4) * 100) / 100;
        const signedOn = day(year, Math.floor(rand() * 300));
        const appliedOn = addDays(signedOn, 3 + Math.floor(rand() * 18));
        const late = rand() < 0.08;
        const registeredOn = addDays(appliedOn, late ? 35 + Math.floor(rand() * 25) : 5 + Math.floor(rand() * 23));
        const sellerIn = region.has(seller.divisionCode);
        const agencyCode: AgencyCode = sellerIn
          ? (AGENCY_OF_LEAGUE[leagueOf(info, seller.divisionCode) ?? ''] ?? 'NM-REGION')
          : 'OUTSIDE';
        const agencyDivision = sellerIn ? (leagueOf(info, seller.divisionCode) ?? '150000') : seller.divisionCode;
        const taxRoll = rand();
        const request: CreateContractRequest = {
          registrationNo: `${registeredOn.slice(0, 4)}${agencyDivision}${String(++seq).padStart(6, '0')}`,
          agencyCode,
          title: `${pick(rand, theme.topics)}${TYPE_WORD[type]}合同（演示数据）`,
          type,
          field: theme.field,
          seller: { uscc: seller.uscc, name: seller.name, divisionCode: seller.divisionCode },
          buyer: { uscc: buyer.uscc, name: buyer.name, divisionCode: buyer.divisionCode },
          contractValue: value,
          turnover,
          signedOn,
          appliedOn,
          registeredOn,
          taxReview:
            type === 'development' || type === 'transfer'
              ? taxRoll < 0.45
                ? 'passed'
                : taxRoll < 0.6
                  ? 'pending'
                  : 'none'
              : 'none',
          dealId: null,
          note: '演示数据',
        };
        const { derived } = checkContract(request, info, region);
        if (!derived) continue;
        await insertContract(trx, {
          ...contractColumns(request, derived),
          source: 'demo',
          is_demo: 1,
          created_by: null,
          created_at: now,
          updated_at: now,
        });
        written++;
      }
  });
  invalidateContractFacts();
  return written;
}
