import { z } from 'zod';
import { ZDivisionCode } from './common.ts';

export const ZLoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const ZTotpRequest = z.object({
  code: z.string().regex(/^\d{6}$/, { message: '动态口令为 6 位数字 / six digits' }),
});

/** Interface languages (Chinese first). Mongolian script comes later. */
export const LOCALES = ['zh-CN', 'en-US'] as const;
export const ZLocale = z.enum(LOCALES);
export type Locale = z.infer<typeof ZLocale>;

export const ZSession = z.object({
  user: z.object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    divisionCode: ZDivisionCode,
    divisionName: z.string(),
    orgId: z.number().int().nullable(),
    /** Interface language chosen by the user (PATCH /api/me/preferences). */
    locale: ZLocale,
  }),
  roles: z.array(z.object({ role: z.string(), divisionCode: z.string() })),
  permissions: z.array(z.string()),
  /**
   * The permissions each held role carries (the table the modules' manifests declare), so the console can tell in
   * which divisions the user holds one permission without copying the server's table.
   */
  rolePermissions: z.record(z.string(), z.array(z.string())),
  division: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  csrfToken: z.string(),
  mfaRequired: z.boolean(),
  mfaEnrolled: z.boolean(),
  /**
   * True after an administrator reset the password: until POST /api/me/password succeeds, every route except the
   * session, logout, TOTP, /api/me, /api/me/password and /api/me/preferences answers 403 PASSWORD_CHANGE_REQUIRED.
   */
  mustChangePassword: z.boolean(),
  expiresAt: z.string(),
  idleTimeoutSeconds: z.number().int(),
});
export type Session = z.infer<typeof ZSession>;

export const ZTotpSetup = z.object({ secret: z.string(), otpauthUri: z.string() });

export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(10).max(200),
});
export type ChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

export const ZPreferencesRequest = z.object({ locale: ZLocale }).strict();
export type PreferencesRequest = z.infer<typeof ZPreferencesRequest>;
export const ZPreferences = z.object({ locale: ZLocale });
export type Preferences = z.infer<typeof ZPreferences>;
