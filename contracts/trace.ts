/** Request and response schemas of the trace catalogue (operators, sites, products, batches …) and the consumer page. */
import { z } from 'zod';
import { ZDivisionCode, ZPageQuery } from './common.ts';

export const OPERATOR_KIND_NAMES = {
  enterprise: '企业',
  cooperative: '农民专业合作社',
  family_farm: '家庭农牧场',
  large_grower: '种养大户',
  slaughterhouse: '屠宰企业',
  purchaser: '收购主体',
} as const;
export const SITE_KIND_NAMES = {
  field: '田块',
  pasture: '草场',
  barn: '圈舍',
  warehouse: '仓库',
  plant: '加工厂',
  market: '市场',
} as const;
export const INPUT_KIND_NAMES = {
  feed: '饲料',
  pesticide: '农药',
  vet_drug: '兽药',
  fertiliser: '肥料',
  seed: '种子',
} as const;
export const BATCH_STATUS_NAMES = { active: '在产', shipped: '已发运', recalled: '已召回', closed: '已结束' } as const;

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

const name = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: '不能为空 / required' })
    .max(max, { message: `不能超过 ${max} 个字 / at most ${max} characters` });

export const ZListQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
  division: ZDivisionCode.optional(),
});

export const ZCreateOperatorRequest = z
  .object({
    name: name(200),
    kind: z.enum(keys(OPERATOR_KIND_NAMES)),
    /** 统一社会信用代码 (GB 32100), for legal persons. */
    uscc: z.string().trim().toUpperCase().optional(),
    /** For an individual (family farm, grower/herder): the 18-digit ID number, stored masked only. */
    idNumber: z.string().trim().toUpperCase().optional(),
    divisionCode: ZDivisionCode,
    gs1CompanyPrefixes: z.array(z.string().trim()).max(10).default([]),
    gln: z.string().trim().optional(),
    orgId: z.number().int().positive().optional(),
    contact: z.string().trim().max(100).default(''),
  })
  .strict();

export const ZOperator = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.string(),
  kindName: z.string(),
  uscc: z.string().nullable(),
  maskedId: z.string().nullable(),
  divisionCode: z.string(),
  divisionName: z.string(),
  gs1CompanyPrefixes: z.array(z.string()),
  gln: z.string().nullable(),
  orgId: z.number().nullable(),
  contact: z.string(),
  isDemo: z.boolean(),
  createdAt: z.string(),
});
export const ZOperatorPage = z.object({
  items: z.array(ZOperator),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const ZCreateSiteRequest = z
  .object({
    name: name(200),
    kind: z.enum(keys(SITE_KIND_NAMES)),
    lat: z.number().min(37).max(54).optional(),
    lon: z.number().min(97).max(127).optional(),
    divisionCode: ZDivisionCode.optional(),
  })
  .strict();
export const ZSite = z.object({
  id: z.number(),
  operatorId: z.number(),
  name: z.string(),
  kind: z.string(),
  kindName: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  divisionCode: z.string(),
  isDemo: z.boolean(),
});

export const ZCreateProductRequest = z
  .object({
    name: name(200),
    category: name(32),
    gtin: z.string().trim().optional(),
    unit: name(16),
    description: z.string().trim().max(2000).default(''),
  })
  .strict();
export const ZProduct = z.object({
  id: z.number(),
  operatorId: z.number(),
  name: z.string(),
  category: z.string(),
  gtin: z.string().nullable(),
  unit: z.string(),
  description: z.string(),
  divisionCode: z.string(),
  isDemo: z.boolean(),
});

export const ZCreateInputProductRequest = z
  .object({
    name: name(200),
    kind: z.enum(keys(INPUT_KIND_NAMES)),
    registrationNo: name(64),
    withdrawalDays: z.number().int().min(0).max(365),
    manufacturer: z.string().trim().max(200).default(''),
  })
  .strict();
export const ZInputProduct = z.object({
  id: z.number(),
  operatorId: z.number(),
  name: z.string(),
  kind: z.string(),
  kindName: z.string(),
  registrationNo: z.string(),
  withdrawalDays: z.number(),
  manufacturer: z.string(),
  divisionCode: z.string(),
  isDemo: z.boolean(),
});

export const ZCreateBatchRequest = z
  .object({
    productId: z.number().int().positive(),
    siteId: z.number().int().positive().optional(),
    quantity: z.number().positive().max(1e9),
    unit: name(16),
    producedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD / date YYYY-MM-DD' }),
    gtin: z.string().trim().optional(),
    lot: z
      .string()
      .trim()
      .regex(/^[\x21-\x22\x25-\x2F\x30-\x39\x3A-\x3F\x41-\x5A\x5F\x61-\x7A]{1,20}$/, {
        message: '批号须为 1-20 个 GS1 允许的字符 / lot: 1-20 GS1 AI 82 characters',
      })
      .optional(),
    /** 国家追溯平台追溯码: kept as issued, its digit structure is not checked. */
    nationalTraceCode: z.string().trim().max(64).optional(),
  })
  .strict();
export const ZBatch = z.object({
  id: z.number(),
  operatorId: z.number(),
  operatorName: z.string(),
  productId: z.number(),
  productName: z.string(),
  siteId: z.number().nullable(),
  quantity: z.number(),
  unit: z.string(),
  producedOn: z.string(),
  traceCode: z.string(),
  traceUrl: z.string(),
  epc: z.string(),
  digitalLink: z.string().nullable(),
  gtin: z.string().nullable(),
  lot: z.string().nullable(),
  nationalTraceCode: z.string().nullable(),
  status: z.string(),
  statusName: z.string(),
  divisionCode: z.string(),
  isDemo: z.boolean(),
  createdAt: z.string(),
});
export const ZBatchPage = z.object({
  items: z.array(ZBatch),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const ZCreateAnimalRequest = z
  .object({
    earTag: z.string().trim(),
    batchId: z.number().int().positive().optional(),
  })
  .strict();
export const ZAnimal = z.object({
  id: z.number(),
  operatorId: z.number(),
  earTag: z.string(),
  species: z.string(),
  speciesName: z.string(),
  batchId: z.number().nullable(),
  divisionCode: z.string(),
  isDemo: z.boolean(),
});

const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
export const ZSitePage = page(ZSite);
export const ZProductPage = page(ZProduct);
export const ZInputProductPage = page(ZInputProduct);
export const ZAnimalPage = page(ZAnimal);

export const ZOperatorIdParams = z.object({ id: z.coerce.number().int().positive() });

export const ZLabelSheetRequest = z
  .object({
    batchIds: z.array(z.number().int().positive()).min(1, { message: '请至少选择一个批次 / choose a batch' }).max(200),
    /** Labels per batch. */
    copies: z.number().int().min(1).max(100).default(1),
    columns: z.number().int().min(1).max(6).optional(),
    rows: z.number().int().min(1).max(12).optional(),
  })
  .strict();
