/**
 * 交易洽谈 (deals between a buyer and an achievement's owner: interest -> NDA -> negotiation -> offer -> contract steps
 * approved by both parties -> signed, or declined with IN-PART feedback) and the 创业技术库 (public library of mature,
 * licensable achievements suited to small entrepreneurs, with a request flow to the transfer centre's queue).
 * Amounts in 万元.
 */
import { z } from 'zod';
import { isValidMobile } from './identifiers.ts';
import { ZDivisionCode, ZPageQuery, zPage } from './common.ts';
import { DOMAINS, TRANSFER_MODES } from './market.ts';

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const text = (max: number) => z.string().trim().max(max);

export const DEAL_STATUSES = {
  nda: '待签保密协议',
  negotiating: '洽谈中',
  contracting: '合同签署中',
  signed: '已签约',
  declined: '已终止',
} as const;
export type DealStatus = keyof typeof DEAL_STATUSES;

/** Contract steps each approved by both parties, in order; 签署 last. */
export const DEAL_STEPS = {
  terms: '条款确认',
  payment: '价款与支付',
  ip: '知识产权归属',
  signing: '签署',
} as const;
export type DealStepCode = keyof typeof DEAL_STEPS;
export const DEAL_STEP_CODES = Object.keys(DEAL_STEPS) as DealStepCode[];

/** IN-PART categories of a declining side's feedback. */
export const DECLINE_REASONS = {
  too_early: '技术太早期',
  benefit_unclear: '效益不清楚',
  route_unclear: '转化路径不清楚',
  not_our_field: '不是我们的领域',
  price: '价格不合适',
  other: '其他',
} as const;

export const OFFER_STATUSES = {
  pending: '待答复',
  accepted: '已接受',
  countered: '已还价',
  superseded: '已撤换',
} as const;

const ZWan = z
  .number({ message: '请填写金额（万元） / amount in 万元' })
  .positive({ message: '金额须大于 0' })
  .max(1e7);

export const ZOpenDealRequest = z.strictObject({
  achievementId: z.number().int().positive(),
  demandId: z.number().int().positive().nullable().default(null),
  message: text(2000).default(''),
});
export const ZDealMessageRequest = z.strictObject({
  body: text(4000).min(1, { message: '消息不能为空 / the message is empty' }),
});
export const ZDealOfferRequest = z.strictObject({
  amount: ZWan,
  transferMode: z.enum(keys(TRANSFER_MODES), { message: '转化方式不在代码表中 / unknown transfer mode' }),
  terms: text(4000).min(2, { message: '请写明主要条款 / state the terms' }),
});
export const ZDeclineRequest = z.strictObject({
  reason: z.enum(keys(DECLINE_REASONS), { message: '请选择终止原因 / choose a reason' }),
  note: text(2000).default(''),
});
export const ZDealStepParams = z.object({
  id: z.coerce.number().int().positive(),
  code: z.enum(DEAL_STEP_CODES as [DealStepCode, ...DealStepCode[]]),
});
export const ZDealOfferParams = z.object({
  id: z.coerce.number().int().positive(),
  offerId: z.coerce.number().int().positive(),
});
export const ZListDealsQuery = ZPageQuery.extend({
  status: z.enum(keys(DEAL_STATUSES)).optional(),
  /** Only deals where the caller is this party. */
  as: z.enum(['buyer', 'seller']).optional(),
});

const party = z.object({ userId: z.number().int(), name: z.string(), orgName: z.string().nullable() });
export const ZDealItem = z.object({
  id: z.number().int(),
  status: z.enum(keys(DEAL_STATUSES)),
  achievementId: z.number().int(),
  achievementTitle: z.string(),
  demandId: z.number().int().nullable(),
  buyer: party,
  seller: party,
  /** The side the caller is on (null for an officer reading). */
  myRole: z.enum(['buyer', 'seller']).nullable(),
  /** The achievement's (seller's) division. */
  divisionCode: z.string(),
  buyerDivisionCode: z.string(),
  agreedAmount: z.number().nullable(),
  agreedMode: z.string().nullable(),
  contractId: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ZDeal = ZDealItem.extend({
  ndaStatus: z.enum(['pending', 'approved', 'declined']).nullable(),
  messages: z.array(
    z.object({
      id: z.number().int(),
      authorRole: z.enum(['buyer', 'seller']),
      body: z.string(),
      createdAt: z.string(),
    }),
  ),
  offers: z.array(
    z.object({
      id: z.number().int(),
      fromRole: z.enum(['buyer', 'seller']),
      amount: z.number(),
      transferMode: z.string(),
      terms: z.string(),
      status: z.enum(keys(OFFER_STATUSES)),
      createdAt: z.string(),
    }),
  ),
  steps: z.array(
    z.object({
      code: z.enum(DEAL_STEP_CODES as [DealStepCode, ...DealStepCode[]]),
      name: z.string(),
      buyerApprovedAt: z.string().nullable(),
      sellerApprovedAt: z.string().nullable(),
    }),
  ),
  decline: z
    .object({ byRole: z.enum(['buyer', 'seller']), reason: z.string(), reasonName: z.string(), note: z.string() })
    .nullable(),
  events: z.array(z.object({ action: z.string(), actorRole: z.string().nullable(), note: z.string(), at: z.string() })),
});
export type Deal = z.infer<typeof ZDeal>;
export const ZDealPage = zPage(ZDealItem);

// ---- 创业技术库 ----

export const STARTUP_REQUEST_STATUSES = { new: '新', contacted: '已联系', closed: '已办结' } as const;
export type StartupRequestStatus = keyof typeof STARTUP_REQUEST_STATUSES;

export const ZStartupLibraryQuery = ZPageQuery.extend({
  domain: z.enum(keys(DOMAINS)).optional(),
  /** A league (盟市) code: achievements in its counties. */
  league: ZDivisionCode.optional(),
  q: text(100).optional(),
});
export const ZStartupItem = z.object({
  id: z.number().int(),
  title: z.string(),
  summary: z.string(),
  domain: z.string(),
  stage: z.string(),
  trl: z.number().int().nullable(),
  transferModes: z.array(z.string()),
  pricingMode: z.string(),
  price: z.number().nullable(),
  /** Start-up cost (万元), equipment and training needed. */
  cost: z.number().nullable(),
  equipment: z.string(),
  training: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  leagueCode: z.string().nullable(),
  leagueName: z.string().nullable(),
  /** The transfer service centre that answers requests (never the researcher's own contact). */
  contact: z.object({ centre: z.string(), how: z.string() }),
  isDemo: z.boolean(),
});
export const ZStartupPage = zPage(ZStartupItem);
export const ZStartupDetail = ZStartupItem.extend({
  publicSummary: z.object({ problem: z.string(), advantage: z.string(), scenarios: z.string(), economics: z.string() }),
  keywords: z.array(z.string()),
});

export const ZStartupRequest = z.strictObject({
  achievementId: z.number().int().positive(),
  name: text(50).min(2, { message: '请填写姓名 / name' }),
  phone: z
    .string()
    .trim()
    .refine(isValidMobile, { message: '手机号码格式不正确，应为 11 位手机号 / invalid mobile number' }),
  /** The requester's county (旗县). */
  countyCode: ZDivisionCode,
  want: text(1000).min(2, { message: '请说明您想做什么 / what you want to do' }),
});
export const ZStartupRequestAccepted = z.object({ id: z.number().int(), status: z.literal('new') });

export const ZStartupRequestItem = z.object({
  id: z.number().int(),
  achievementId: z.number().int(),
  achievementTitle: z.string(),
  name: z.string(),
  /** Masked (139****5678); the full number through the audited contact route. */
  phone: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  want: z.string(),
  registered: z.boolean(),
  status: z.enum(keys(STARTUP_REQUEST_STATUSES)),
  note: z.string(),
  /** The achievement's division (the queue's scope). */
  divisionCode: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ZStartupRequestPage = zPage(ZStartupRequestItem);
export const ZListStartupRequestsQuery = ZPageQuery.extend({
  status: z.enum(keys(STARTUP_REQUEST_STATUSES)).optional(),
  /** Narrows the queue to a division (never widens the caller's scope). */
  division: ZDivisionCode.optional(),
});
/** The requester's full contact for the call-back (each read audited). */
export const ZStartupContact = z.object({ id: z.number().int(), name: z.string(), phone: z.string() });
export const ZStartupRequestUpdate = z.strictObject({
  status: z.enum(keys(STARTUP_REQUEST_STATUSES), { message: '状态不在代码表中 / unknown status' }),
  note: text(1000).default(''),
});
