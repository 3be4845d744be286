import { z } from 'zod';
import { ZDivisionCode } from './common.ts';

export const ZLoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const ZTotpRequest = z.object({
  code: z.string().regex(/^\d{6}$/, { message: '动态口令为 6 位数字 / six digits' }),
});

export const ZSession = z.object({
  user: z.object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    divisionCode: ZDivisionCode,
    divisionName: z.string(),
    orgId: z.number().int().nullable(),
  }),
  roles: z.array(z.object({ role: z.string(), divisionCode: z.string() })),
  permissions: z.array(z.string()),
  division: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  csrfToken: z.string(),
  mfaRequired: z.boolean(),
  mfaEnrolled: z.boolean(),
  expiresAt: z.string(),
  idleTimeoutSeconds: z.number().int(),
});
export type Session = z.infer<typeof ZSession>;

export const ZTotpSetup = z.object({ secret: z.string(), otpauthUri: z.string() });

export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(10).max(200),
});
