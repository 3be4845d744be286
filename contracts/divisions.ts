/** Administrative divisions (行政区划): public reference data, GB/T 2260 codes down to county level. */
import { z } from 'zod';
import { ZDivisionCode } from './common.ts';

export const ZDivisionLevel = z.enum(['province', 'prefecture', 'county']);
export type DivisionLevel = z.infer<typeof ZDivisionLevel>;

/** One division: 省/自治区 -> 盟/市 -> 旗/县/市/区. */
export const ZDivision = z.object({
  code: ZDivisionCode,
  name: z.string(),
  level: ZDivisionLevel,
  /** 自治区, 盟, 地级市, 旗, 自治旗, 县, 县级市, 市辖区 … */
  type: z.string(),
  parentCode: ZDivisionCode.nullable(),
});
export type Division = z.infer<typeof ZDivision>;

/** A step on the way from the root (province) down to a division, the division itself last. */
export const ZDivisionPathStep = z.object({ code: ZDivisionCode, name: z.string(), level: ZDivisionLevel });
export type DivisionPathStep = z.infer<typeof ZDivisionPathStep>;

export const ZDivisionDetail = ZDivision.extend({ path: z.array(ZDivisionPathStep) });
export type DivisionDetail = z.infer<typeof ZDivisionDetail>;

export const ZDivisionParams = z.object({ code: ZDivisionCode });

export const ZDivisionList = z.object({ items: z.array(ZDivision) });
export type DivisionList = z.infer<typeof ZDivisionList>;

export const ZDescendantsQuery = z.object({ level: ZDivisionLevel.optional() });

/** A dated, sourced county fact (population, type, flags …). */
export const ZCountyAttribute = z.object({
  attribute: z.string(),
  valueText: z.string().nullable(),
  valueNumber: z.number().nullable(),
  year: z.number().int(),
  source: z.string(),
});
export type CountyAttribute = z.infer<typeof ZCountyAttribute>;

export const ZAttributesQuery = z.object({
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  attribute: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,63}$/, {
      message: '属性名为小写字母、数字和下划线 / lower-case letters, digits and underscores',
    })
    .optional(),
});

export const ZCountyAttributeList = z.object({ items: z.array(ZCountyAttribute) });
export type CountyAttributeList = z.infer<typeof ZCountyAttributeList>;

/** One row of the code-history crosswalk (merges, splits, renames such as 撤县设区). */
export const ZDivisionCodeChange = z.object({
  oldCode: z.string().nullable(),
  oldName: z.string().nullable(),
  newCode: z.string().nullable(),
  newName: z.string().nullable(),
  changeType: z.string(),
  effectiveDate: z.string(),
  /** Share of the old unit carried to the new one (splits); 1 for renames and recodes. */
  share: z.number().nullable(),
  source: z.string(),
  note: z.string().nullable(),
});
export type DivisionCodeChange = z.infer<typeof ZDivisionCodeChange>;

/** Without `code` the whole crosswalk is listed. */
export const ZCodeHistoryQuery = z.object({ code: ZDivisionCode.optional() });

export const ZDivisionCodeChangeList = z.object({ items: z.array(ZDivisionCodeChange) });
export type DivisionCodeChangeList = z.infer<typeof ZDivisionCodeChangeList>;
