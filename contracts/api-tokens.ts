/**
 * API tokens (API 令牌) of machine clients — EPCIS tools, scales, cold-chain sensors — sent as
 * `Authorization: Bearer qx_…`: the request acts as the token's owner (same permissions and division scope), with no
 * CSRF header. The secret is shown once, at creation; the server keeps only its SHA-256 hash and a display prefix.
 */
import { z } from 'zod';
import { ZPageQuery, zPage } from './common.ts';

/** `qx_` + 40 base32 characters (200 random bits); the first 8 after `qx_` are the public display prefix. */
export const API_TOKEN_PATTERN = /^qx_[a-z2-7]{40}$/;
/** Longest validity a token may be given, in days. */
export const API_TOKEN_MAX_DAYS = 365;

export const ZCreateApiTokenRequest = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { message: '请填写令牌名称 / name the token' })
      .max(60, { message: '名称最多 60 个字符 / at most 60 characters' }),
    expiresInDays: z
      .number()
      .int({ message: '有效天数应为整数 / whole days' })
      .min(1, { message: '有效期至少 1 天 / at least 1 day' })
      .max(API_TOKEN_MAX_DAYS, { message: `有效期最多 ${API_TOKEN_MAX_DAYS} 天 / at most ${API_TOKEN_MAX_DAYS} days` })
      .optional(),
  })
  .strict();
export type CreateApiTokenRequest = z.infer<typeof ZCreateApiTokenRequest>;

/** A token as lists show it: never the secret, only its prefix. */
export const ZApiToken = z.object({
  id: z.number().int(),
  name: z.string(),
  /** `qx_` and the first 8 characters of the secret, for recognising it. */
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
});
export type ApiToken = z.infer<typeof ZApiToken>;

/** POST /api/tokens: the token with its secret, shown this once. */
export const ZCreatedApiToken = ZApiToken.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof ZCreatedApiToken>;

export const ZApiTokenPage = zPage(ZApiToken);

/** A token in the administrators' list: with its owner. */
export const ZAdminApiToken = ZApiToken.extend({
  userId: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  /** The owner's division (the list is narrowed to the administrator's scope by it). */
  divisionCode: z.string(),
});
export type AdminApiToken = z.infer<typeof ZAdminApiToken>;
export const ZAdminApiTokenPage = zPage(ZAdminApiToken);

export const ZApiTokenListQuery = ZPageQuery.extend({
  /** Also list revoked and expired tokens. */
  all: z.enum(['0', '1']).optional(),
});

export const ZAdminApiTokenListQuery = ZPageQuery.extend({
  username: z.string().trim().min(1).max(64).optional(),
  all: z.enum(['0', '1']).optional(),
});
