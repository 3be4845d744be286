/**
 * 技术合同 (registered technology contracts) and 转化项目 (transfer projects followed by a transfer service centre):
 * request and response shapes shared by the server (server/src/modules/market/{contracts,projects}) and the web app.
 * Amounts are in 万元 (10,000 yuan).
 */
import { z } from 'zod';
import { ZDivisionCode, ZPageQuery, zPage } from './common.ts';
import { ZUscc } from './organisations.ts';
import { ZIsoDate, ZWan } from './market-projects.ts';

/** 技术合同类型 (《技术合同认定规则》): 技术开发、技术转让、技术许可、技术咨询、技术服务. */
export const CONTRACT_TYPES = ['development', 'transfer', 'licence', 'consulting', 'service'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];
export const CONTRACT_TYPE_NAMES: Record<ContractType, string> = {
  development: '技术开发',
  transfer: '技术转让',
  licence: '技术许可',
  consulting: '技术咨询',
  service: '技术服务',
};

/** 技术领域: the eleven fields of the national technology-contract statistics (科技部火炬中心). */
export const TECH_FIELDS = [
  'electronics',
  'aerospace',
  'manufacturing',
  'bio_medicine',
  'materials',
  'energy',
  'environment',
  'nuclear',
  'agriculture',
  'transport',
  'urban_social',
] as const;
export type TechField = (typeof TECH_FIELDS)[number];
export const TECH_FIELD_NAMES: Record<TechField, string> = {
  electronics: '电子信息',
  aerospace: '航空航天',
  manufacturing: '先进制造',
  bio_medicine: '生物、医药和医疗器械',
  materials: '新材料及其应用',
  energy: '新能源与高效节能',
  environment: '环境保护与资源综合利用',
  nuclear: '核应用技术',
  agriculture: '农业',
  transport: '现代交通',
  urban_social: '城市建设与社会发展',
};

/**
 * 技术合同认定登记机构 of Inner Mongolia: the four agencies named by 科技部火炬中心 in 2023 (内蒙古日报, 2023-08-13),
 * with the division each serves. A code list: a new agency is a new entry here.
 */
export const REGISTRATION_AGENCIES = [
  { code: 'NM-REGION', name: '内蒙古自治区科技成果转化中心', divisionCode: '150000' },
  { code: 'NM-HOHHOT', name: '呼和浩特市科技成果转化中心', divisionCode: '150100' },
  { code: 'NM-BAOTOU', name: '包头市科技创新服务中心', divisionCode: '150200' },
  { code: 'NM-ORDOS', name: '鄂尔多斯市科技事业服务中心', divisionCode: '150600' },
  /** Contracts whose seller lies outside the region (technology flowing in) are registered where the seller is. */
  { code: 'OUTSIDE', name: '区外登记机构', divisionCode: '' },
] as const;
export type AgencyCode = (typeof REGISTRATION_AGENCIES)[number]['code'];
export const AGENCY_CODES = REGISTRATION_AGENCIES.map((a) => a.code) as [AgencyCode, ...AgencyCode[]];

/** 免税复核 of a contract (技术开发/转让 income may be VAT-exempt after the science department's review). */
export const TAX_REVIEW_STATES = ['none', 'pending', 'passed', 'failed'] as const;
export type TaxReviewState = (typeof TAX_REVIEW_STATES)[number];
export const TAX_REVIEW_NAMES: Record<TaxReviewState, string> = {
  none: '未申请',
  pending: '待复核',
  passed: '复核通过',
  failed: '复核未通过',
};

/** Days allowed between the application (or, without one, the signing) and the registration. */
export const REGISTRATION_LIMIT_DAYS = 30;

export const ZRegistrationNo = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z-]{6,40}$/, {
    message: '登记号应为 6-40 位数字、字母或连字符 / registration number: 6-40 characters',
  });

const ZParty = z
  .object({
    uscc: ZUscc,
    name: z.string().trim().min(2).max(200),
    divisionCode: ZDivisionCode,
  })
  .strict();

const contractFields = {
  registrationNo: ZRegistrationNo,
  agencyCode: z.enum(AGENCY_CODES, { message: '登记机构不在代码表中 / unknown registration agency' }),
  title: z.string().trim().min(2).max(300),
  type: z.enum(CONTRACT_TYPES),
  field: z.enum(TECH_FIELDS),
  seller: ZParty,
  buyer: ZParty,
  contractValue: ZWan,
  turnover: ZWan,
  signedOn: ZIsoDate,
  appliedOn: ZIsoDate.nullable().optional(),
  registeredOn: ZIsoDate,
  taxReview: z.enum(TAX_REVIEW_STATES).default('none'),
  dealId: z.number().int().positive().nullable().optional(),
  note: z.string().trim().max(2000).default(''),
};

type ContractDraft = {
  contractValue: number;
  turnover: number;
  signedOn: string;
  appliedOn?: string | null;
  registeredOn: string;
  seller: { uscc: string };
  buyer: { uscc: string };
};

/** Cross-field rules every contract meets (create, update after merging, import rows). */
export function contractRuleIssues(c: ContractDraft): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (c.turnover > c.contractValue + 1e-9)
    out.push({
      path: 'turnover',
      message: '技术交易额不能大于合同成交额 / turnover must not exceed the contract value',
    });
  if (c.registeredOn < c.signedOn)
    out.push({ path: 'registeredOn', message: '登记日期不能早于签订日期 / registration before signing' });
  if (c.appliedOn && (c.appliedOn < c.signedOn || c.appliedOn > c.registeredOn))
    out.push({ path: 'appliedOn', message: '受理日期应在签订日期与登记日期之间 / application date out of range' });
  if (c.seller.uscc === c.buyer.uscc)
    out.push({ path: 'buyer', message: '买方与卖方不能为同一单位 / buyer and seller are the same' });
  return out;
}

export const ZCreateContractRequest = z
  .object(contractFields)
  .strict()
  .superRefine((c, ctx) => {
    for (const i of contractRuleIssues(c)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
  });
export type CreateContractRequest = z.infer<typeof ZCreateContractRequest>;

/** A partial update; the merged record is checked against the same rules. */
export const ZUpdateContractRequest = z
  .object({
    ...contractFields,
    taxReview: z.enum(TAX_REVIEW_STATES),
    note: z.string().trim().max(2000),
  })
  .partial()
  .strict();
export type UpdateContractRequest = z.infer<typeof ZUpdateContractRequest>;

const ZPartyView = z.object({
  uscc: z.string(),
  name: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  leagueCode: z.string().nullable(),
});

export const ZContract = z.object({
  id: z.number().int(),
  registrationNo: z.string(),
  agencyCode: z.string(),
  agencyName: z.string(),
  title: z.string(),
  type: z.enum(CONTRACT_TYPES),
  typeName: z.string(),
  field: z.enum(TECH_FIELDS),
  fieldName: z.string(),
  seller: ZPartyView,
  buyer: ZPartyView,
  /** The registering division: the seller's county when it lies in the region, else the buyer's. */
  divisionCode: z.string(),
  contractValue: z.number(),
  turnover: z.number(),
  signedOn: z.string(),
  appliedOn: z.string().nullable(),
  registeredOn: z.string(),
  year: z.number().int(),
  /** Registered more than REGISTRATION_LIMIT_DAYS after the application (or signing). */
  registrationOverdue: z.boolean(),
  registrationDays: z.number().int(),
  taxReview: z.enum(TAX_REVIEW_STATES),
  dealId: z.number().int().nullable(),
  note: z.string(),
  source: z.enum(['manual', 'import', 'demo']),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contract = z.infer<typeof ZContract>;
export const ZContractPage = zPage(ZContract);

/**
 * Direction relative to an area (the `division` filter within the caller's scope, else the scope): `seller` /
 * `buyer` (that side in the area), `inflow` (buyer in, seller outside), `outflow` (seller in, buyer outside),
 * `local` (both in); without it, contracts with either side in the area.
 */
export const CONTRACT_DIRECTIONS = ['seller', 'buyer', 'inflow', 'outflow', 'local'] as const;
export type ContractDirection = (typeof CONTRACT_DIRECTIONS)[number];

export const ZListContractsQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  type: z.enum(CONTRACT_TYPES).optional(),
  field: z.enum(TECH_FIELDS).optional(),
  /** A county or a league (盟市): contracts touching it, narrowed by `direction`. */
  division: ZDivisionCode.optional(),
  direction: z.enum(CONTRACT_DIRECTIONS).optional(),
  agency: z.enum(AGENCY_CODES).optional(),
  taxReview: z.enum(TAX_REVIEW_STATES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export type ListContractsQuery = z.infer<typeof ZListContractsQuery>;

export const STATS_GROUPS = ['county', 'league', 'field', 'year', 'type'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

export const ZContractStatsQuery = z.object({
  groupBy: z.enum(STATS_GROUPS).default('county'),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  fromYear: z.coerce.number().int().min(1990).max(2100).optional(),
  toYear: z.coerce.number().int().min(1990).max(2100).optional(),
  type: z.enum(CONTRACT_TYPES).optional(),
  field: z.enum(TECH_FIELDS).optional(),
  division: ZDivisionCode.optional(),
});
export type ContractStatsQuery = z.infer<typeof ZContractStatsQuery>;

const ZSideTotals = z.object({ count: z.number().int(), contractValue: z.number(), turnover: z.number() });
export type SideTotals = z.infer<typeof ZSideTotals>;

/**
 * One group's totals. For county/league groups the area is the group's division; for field/year/type groups it is
 * the request's area (`division` within scope, else the scope). seller = seller in the area (输出); buyer = buyer in
 * the area (吸纳); inflow = buyer in, seller outside (流入); outflow = seller in, buyer outside (流出).
 */
export const ZContractStatsRow = z.object({
  key: z.string(),
  name: z.string(),
  seller: ZSideTotals,
  buyer: ZSideTotals,
  inflow: ZSideTotals,
  outflow: ZSideTotals,
});
export type ContractStatsRow = z.infer<typeof ZContractStatsRow>;

export const ZContractStats = z.object({
  groupBy: z.enum(STATS_GROUPS),
  /** The area the figures are relative to (division codes' roots). */
  area: z.array(z.string()),
  rows: z.array(ZContractStatsRow),
  total: ZContractStatsRow,
  unit: z.literal('万元'),
});
export type ContractStats = z.infer<typeof ZContractStats>;

export const ZContractCodeLists = z.object({
  types: z.array(z.object({ code: z.string(), name: z.string() })),
  fields: z.array(z.object({ code: z.string(), name: z.string() })),
  agencies: z.array(z.object({ code: z.string(), name: z.string(), divisionCode: z.string() })),
  taxReview: z.array(z.object({ code: z.string(), name: z.string() })),
  registrationLimitDays: z.number().int(),
});

// 转化项目 (transfer projects): contracts/market-projects.ts (split to keep files short), re-exported here.
export * from './market-projects.ts';
