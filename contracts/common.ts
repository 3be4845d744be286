import { z } from 'zod';

/** Error body returned by every failing route. */
export const ZErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageEn: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string(), messageEn: z.string().optional() })).optional(),
  }),
});

export const ZDivisionCode = z
  .string()
  .regex(/^\d{6}$/, { message: '行政区划代码应为 6 位数字 / a division code has 6 digits' });

export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ZIdParams = z.object({ id: z.coerce.number().int().positive() });

export function zPage<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const ZOk = z.object({ ok: z.literal(true) });

/** Standard error responses, to spread into a route's response schema. */
export const errorResponses = {
  400: ZErrorBody,
  401: ZErrorBody,
  403: ZErrorBody,
  404: ZErrorBody,
  409: ZErrorBody,
} as const;
