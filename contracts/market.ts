/**
 * 技术交易市场 (technology-transfer market): achievements (成果, fields of 科技成果登记), demands (技术需求), NDA
 * requests, match suggestions and feedback. Request schemas are strict (unknown fields are refused); a minimal create
 * needs only title + summary/description + divisionCode, everything else has a default.
 */
import { z } from 'zod';
import { ZDivisionCode, ZPageQuery, zPage } from './common.ts';

const label = <T extends string>(codes: Record<T, string>) => codes;

/** Technical fields (技术领域) shared by achievements, demands and the matcher. */
export const DOMAINS = label({
  seed: '种业',
  crop: '种植业',
  livestock: '畜牧业',
  dairy: '乳业',
  grassland: '草原生态',
  sand: '防沙治沙',
  rare_earth: '稀土新材料',
  energy: '新能源',
  medicine: '蒙医药',
  coal_chemical: '煤化工',
  food: '农畜产品加工',
  information: '信息技术',
  other: '其他',
});
export type DomainCode = keyof typeof DOMAINS;
const DOMAIN_CODES = Object.keys(DOMAINS) as [DomainCode, ...DomainCode[]];

export const ACHIEVEMENT_TYPES = label({ applied: '应用技术', basic: '基础理论', soft: '软科学' });
export const ACHIEVEMENT_ATTRIBUTES = label({ original: '原始创新', absorbed: '引进消化吸收', secondary: '二次开发' });
export const ACHIEVEMENT_FORMS = label({
  technology: '新技术',
  process: '新工艺',
  product: '新产品',
  material: '新材料',
  variety: '新品种',
  software: '软件',
  standard: '标准',
});
export const STAGES = label({ early: '初期', middle: '中期', mature: '成熟' });
export const VISIBILITIES = label({
  public: '公开',
  registered: '注册用户可见',
  nda: '签署保密协议后可见详情',
  private: '不公开',
});
export const TRANSFER_MODES = label({
  assignment: '转让',
  license_exclusive: '独占许可',
  license_sole: '排他许可',
  license_ordinary: '普通许可',
  equity: '作价入股',
  joint_development: '合作开发',
  service: '技术服务',
});
export const PRICING_MODES = label({ negotiable: '面议', listed: '挂牌价', auction: '竞价', appraisal: '评估' });
export const IP_KINDS = label({
  invention: '发明专利',
  utility: '实用新型',
  design: '外观设计',
  software: '软件著作权',
  plant_variety: '植物新品种权',
  trade_secret: '商业秘密',
  standard: '标准',
});
export const ACHIEVEMENT_STATUSES = label({
  draft: '草稿',
  submitted: '已提交',
  review: '审核中',
  publicity: '公示中',
  listed: '已挂牌',
  negotiating: '洽谈中',
  transferred: '已转化',
  withdrawn: '已撤回',
  rejected: '未通过',
});
export const DEMAND_SOURCES = label({
  self: '企业自主发布',
  survey: '科技特派员调研',
  hotline: '12396 转办',
  township: '乡镇（苏木）征集',
});
export const COOPERATION_FORMS = label({
  purchase: '购买',
  license: '许可',
  joint_development: '合作/委托开发',
  service: '技术服务',
  open_call: '揭榜挂帅',
});
export const DEMAND_STATUSES = label({
  draft: '草稿',
  submitted: '已提交',
  review: '审核中',
  published: '已发布',
  closed: '已解决',
  withdrawn: '已撤回',
  rejected: '未通过',
});
/** IN-PART-style reasons for "not useful" feedback on a suggestion. */
export const FEEDBACK_REASONS = label({
  too_early: '技术太早期',
  benefit_unclear: '效益不清楚',
  route_unclear: '转化路径不清楚',
  not_our_field: '不是我们的领域',
  price: '价格不合适',
  location: '距离太远',
  other: '其他',
});

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const text = (max: number) => z.string().trim().max(max);
const amount = z.number().min(0).max(1e7);

export const ZContributor = z.strictObject({
  name: text(50).min(1),
  unit: text(200).default(''),
  percent: z.number().min(0).max(100),
});
export const ZOwnerShare = z.strictObject({ name: text(200).min(1), share: z.number().min(0).max(100) });
export const ZIpItem = z.strictObject({
  kind: z.enum(keys(IP_KINDS)),
  number: text(60).default(''),
  title: text(200).default(''),
  status: z.enum(['pending', 'granted', 'expired', 'invalid']).default('granted'),
  expiresOn: z.iso.date().nullable().default(null),
});
export const ZPublicSummary = z.strictObject({
  problem: text(2000).default(''),
  advantage: text(2000).default(''),
  scenarios: text(2000).default(''),
  economics: text(2000).default(''),
});
export const ZSuitability = z.strictObject({
  forEntrepreneurs: z.boolean().default(false),
  /** Start-up cost in 万元. */
  cost: amount.nullable().default(null),
  equipment: text(500).default(''),
  training: text(500).default(''),
});

export const ZCreateAchievementRequest = z.strictObject({
  title: text(200).min(2, { message: '标题至少 2 个字 / title too short' }),
  summary: text(4000).min(1, { message: '请填写成果简介 / summary required' }),
  confidentialDetail: text(20000).default(''),
  divisionCode: ZDivisionCode,
  registrationNo: z
    .string()
    .regex(/^\d{12}$/, { message: '登记号应为 12 位数字 / the registration number has 12 digits' })
    .nullable()
    .optional(),
  keywords: z.array(text(20).min(1)).max(3, { message: '关键词最多 3 个 / at most 3 keywords' }).default([]),
  domain: z.enum(DOMAIN_CODES).default('other'),
  type: z.enum(keys(ACHIEVEMENT_TYPES)).default('applied'),
  attribute: z.enum(keys(ACHIEVEMENT_ATTRIBUTES)).default('original'),
  form: z.enum(keys(ACHIEVEMENT_FORMS)).default('technology'),
  stage: z.enum(keys(STAGES)).default('middle'),
  trl: z.number().int().min(1).max(9).nullable().default(null),
  level: text(50).default(''),
  researchPeriod: text(50).default(''),
  fundingSource: text(200).default(''),
  completingUnits: z.array(text(200).min(1)).max(20).default([]),
  contributors: z.array(ZContributor).max(50).default([]),
  owners: z.array(ZOwnerShare).max(20).default([]),
  ipItems: z.array(ZIpItem).max(50).default([]),
  publicSummary: ZPublicSummary.default({ problem: '', advantage: '', scenarios: '', economics: '' }),
  visibility: z.enum(keys(VISIBILITIES)).default('nda'),
  transferModes: z
    .array(z.enum(keys(TRANSFER_MODES)))
    .max(7)
    .default([]),
  pricingMode: z.enum(keys(PRICING_MODES)).default('negotiable'),
  /** 万元; required for 挂牌价. */
  price: amount.nullable().default(null),
  suitability: ZSuitability.default({ forEntrepreneurs: false, cost: null, equipment: '', training: '' }),
  /** Submit for review at once (draft otherwise). */
  submit: z.boolean().default(false),
});
export type CreateAchievementRequest = z.infer<typeof ZCreateAchievementRequest>;
export const ZUpdateAchievementRequest = ZCreateAchievementRequest.omit({ submit: true }).partial();

export const ZCreateDemandRequest = z.strictObject({
  title: text(200).min(2, { message: '标题至少 2 个字 / title too short' }),
  description: text(4000).min(1, { message: '请填写需求描述 / description required' }),
  divisionCode: ZDivisionCode,
  /** 需求方单位; default the caller's organisation. */
  organisationId: z.number().int().positive().nullable().optional(),
  contact: text(100).default(''),
  source: z.enum(keys(DEMAND_SOURCES)).default('self'),
  /** The source record (12396 question, survey, township sheet), e.g. `advisory.question:12`. */
  sourceRef: text(100).nullable().default(null),
  desiredOutcome: text(2000).default(''),
  requirements: text(4000).default(''),
  keywords: z.array(text(20).min(1)).max(3).default([]),
  domain: z.enum(DOMAIN_CODES).default('other'),
  targetStage: z.enum(keys(STAGES)).nullable().default(null),
  targetTrl: z.number().int().min(1).max(9).nullable().default(null),
  budgetMin: amount.nullable().default(null),
  budgetMax: amount.nullable().default(null),
  cooperationForms: z
    .array(z.enum(keys(COOPERATION_FORMS)))
    .max(5)
    .default([]),
  /** Response deadline (揭榜挂帅: proposals close then). */
  deadline: z.iso.date().nullable().default(null),
  submit: z.boolean().default(false),
});
export type CreateDemandRequest = z.infer<typeof ZCreateDemandRequest>;
export const ZUpdateDemandRequest = ZCreateDemandRequest.omit({ submit: true }).partial();

export const ZAchievementReview = z.strictObject({
  action: z.enum(['start', 'publicise', 'list', 'reject']),
  comment: text(1000).default(''),
  /** 公示期 in days (publicise; 0 ends it at once). */
  publicityDays: z.number().int().min(0).max(30).default(7),
});
export const ZDemandReview = z.strictObject({
  action: z.enum(['start', 'publish', 'reject', 'close']),
  comment: text(1000).default(''),
});
export const ZOwnerStep = z.strictObject({
  step: z.enum(['submit', 'withdraw', 'negotiating', 'transferred', 'relist', 'close']),
  comment: text(1000).default(''),
});
export const ZObjection = z.strictObject({ reason: text(1000).min(2, { message: '请说明异议理由 / give a reason' }) });

const ZEvent = z.object({
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  comment: z.string(),
  at: z.string(),
});

const achievementBase = {
  id: z.number().int(),
  title: z.string(),
  summary: z.string(),
  keywords: z.array(z.string()),
  domain: z.string(),
  stage: z.string(),
  trl: z.number().nullable(),
  divisionCode: z.string(),
  divisionName: z.string(),
  status: z.string(),
  visibility: z.string(),
  transferModes: z.array(z.string()),
  pricingMode: z.string(),
  price: z.number().nullable(),
  forEntrepreneurs: z.boolean(),
  isDemo: z.boolean(),
  updatedAt: z.string(),
};
export const ZAchievementItem = z.object(achievementBase);
export const ZAchievement = z.object({
  ...achievementBase,
  registrationNo: z.string().nullable(),
  type: z.string(),
  attribute: z.string(),
  form: z.string(),
  level: z.string(),
  researchPeriod: z.string(),
  fundingSource: z.string(),
  completingUnits: z.array(z.string()),
  contributors: z.array(ZContributor),
  owners: z.array(ZOwnerShare),
  ipItems: z.array(ZIpItem),
  publicSummary: ZPublicSummary,
  suitability: ZSuitability,
  statusReason: z.string(),
  publicityEndsAt: z.string().nullable(),
  isOwner: z.boolean(),
  /** Present only to the owner and to a user whose NDA request the owner approved. */
  confidentialDetail: z.string().nullable(),
  /** The caller's NDA request state, when they made one. */
  ndaStatus: z.enum(['pending', 'approved', 'declined']).nullable(),
  events: z.array(ZEvent),
  createdAt: z.string(),
});
export type Achievement = z.infer<typeof ZAchievement>;

const demandBase = {
  id: z.number().int(),
  title: z.string(),
  description: z.string(),
  keywords: z.array(z.string()),
  domain: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  organisationName: z.string().nullable(),
  status: z.string(),
  source: z.string(),
  cooperationForms: z.array(z.string()),
  isOpenCall: z.boolean(),
  budgetMin: z.number().nullable(),
  budgetMax: z.number().nullable(),
  deadline: z.string().nullable(),
  supporters: z.number().int(),
  isDemo: z.boolean(),
  updatedAt: z.string(),
};
export const ZDemandItem = z.object(demandBase);
export const ZDemand = z.object({
  ...demandBase,
  organisationId: z.number().nullable(),
  contact: z.string(),
  sourceRef: z.string().nullable(),
  desiredOutcome: z.string(),
  requirements: z.string(),
  targetStage: z.string().nullable(),
  targetTrl: z.number().nullable(),
  statusReason: z.string(),
  isOwner: z.boolean(),
  isSupporter: z.boolean(),
  proposals: z.number().int(),
  events: z.array(ZEvent),
  createdAt: z.string(),
});
export type Demand = z.infer<typeof ZDemand>;

export const ZListMarketQuery = ZPageQuery.extend({
  q: text(100).optional(),
  domain: z.enum(DOMAIN_CODES).optional(),
  division: ZDivisionCode.optional(),
  status: z
    .string()
    .regex(/^[a-z_]{1,20}$/)
    .optional(),
  /** Only the caller's own records (drafts included). */
  mine: z.enum(['true', 'false']).optional(),
  /** 创业技术库: mature achievements suited to small entrepreneurs. */
  forEntrepreneurs: z.enum(['true', 'false']).optional(),
});
export const ZAchievementPage = zPage(ZAchievementItem);
export const ZDemandPage = zPage(ZDemandItem);

export const ZMatchItem = z.object({
  id: z.number().int(),
  title: z.string(),
  score: z.number(),
  explanation: z.string(),
  divisionCode: z.string().nullable(),
  reasons: z.object({
    terms: z.array(z.string()),
    concepts: z.array(z.string()),
    features: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string(), value: z.number() })),
  }),
});
export const ZMatchList = z.object({ items: z.array(ZMatchItem) });
export const ZMatchQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) });

export const ZMatchFeedbackRequest = z.strictObject({
  fromType: z.enum(['demand', 'achievement']),
  fromId: z.number().int().positive(),
  toId: z.number().int().positive(),
  useful: z.boolean(),
  reason: z.enum(keys(FEEDBACK_REASONS)).nullable().default(null),
  comment: text(1000).default(''),
});

export const ZNdaRequest = z.strictObject({ message: text(1000).default('') });
export const ZNdaDecision = z.strictObject({
  decision: z.enum(['approve', 'decline']),
  comment: text(1000).default(''),
});
export const ZNdaItem = z.object({
  id: z.number().int(),
  achievementId: z.number().int(),
  achievementTitle: z.string(),
  requesterName: z.string(),
  message: z.string(),
  status: z.enum(['pending', 'approved', 'declined']),
  isMine: z.boolean(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export const ZNdaList = z.object({ items: z.array(ZNdaItem) });
export const ZNdaListQuery = z.object({ as: z.enum(['owner', 'requester']).default('owner') });

export const ZSupportRequest = z.strictObject({ note: text(500).default('') });
export const ZProposalRequest = z.strictObject({
  summary: text(4000).min(2, { message: '请填写揭榜方案 / describe the proposal' }),
  achievementId: z.number().int().positive().nullable().default(null),
});
export const ZProposalItem = z.object({
  id: z.number().int(),
  summary: z.string(),
  proposerName: z.string(),
  achievementId: z.number().nullable(),
  createdAt: z.string(),
});
export const ZProposalList = z.object({ items: z.array(ZProposalItem) });
