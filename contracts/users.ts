import { z } from 'zod';
import { isValidIdNumber, isValidMobile } from './identifiers.ts';
import { ZDivisionCode, ZPageQuery, zPage } from './common.ts';
import { ZUscc } from './organisations.ts';
import { ROLE_CODES } from './access.ts';

/** The role codes of the access model (contracts/access.ts). */
export const ROLE_CODE_VALUES = ROLE_CODES;

export const ZPhone = z
  .string()
  .trim()
  .refine(isValidMobile, { message: '手机号码格式不正确 / invalid mobile number' });
export const ZIdNumber = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidIdNumber, { message: '身份证号码无效（GB 11643 校验位） / invalid ID number' });
export const ZUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: '用户名为 3-64 位小写字母、数字、点、下划线或连字符' });

export const ZRoleAssignment = z.object({ role: z.enum(ROLE_CODE_VALUES), divisionCode: ZDivisionCode });
/** A grant or revocation request body: the assignment and, for admin roles, an optional reason for the approver. */
export const ZRoleChangeRequest = ZRoleAssignment.extend({ reason: z.string().trim().max(500).optional() }).strict();

export const ZUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  orgId: z.number().int().nullable(),
  status: z.enum(['pending', 'active', 'disabled', 'rejected']),
  /** Always masked (138****1234). */
  phone: z.string().nullable(),
  /** Always masked (1501**********123X). */
  idNumber: z.string().nullable(),
  roles: z.array(ZRoleAssignment),
  requestedRole: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof ZUser>;

export const ZUserPage = zPage(ZUser);

export const ZListUsersQuery = ZPageQuery.extend({
  division: ZDivisionCode.optional(),
  status: z.enum(['pending', 'active', 'disabled', 'rejected']).optional(),
  role: z.enum(ROLE_CODE_VALUES).optional(),
  q: z.string().trim().max(100).optional(),
});

export const ZPersonalInfo = z.object({ phone: z.string().nullable(), idNumber: z.string().nullable() });

export const ZCreateUserRequest = z
  .object({
    username: ZUsername,
    /** Optional: without it an activation link goes to the holder (nobody else ever knows the password). */
    password: z.string().min(10).max(200).optional(),
    displayName: z.string().trim().min(1).max(100),
    divisionCode: ZDivisionCode,
    orgId: z.number().int().positive().optional(),
    phone: ZPhone.optional(),
    idNumber: ZIdNumber.optional(),
  })
  .strict();

export const ZRegistrationRequest = z
  .object({
    role: z.enum(['enterprise', 'researcher', 'farmer']),
    username: ZUsername.optional(),
    password: z.string().min(10).max(200),
    displayName: z.string().trim().min(1).max(100),
    phone: ZPhone,
    idNumber: ZIdNumber.optional(),
    divisionCode: ZDivisionCode,
    organisation: z
      .object({ name: z.string().trim().min(2).max(200), uscc: ZUscc })
      .strict()
      .optional(),
  })
  .strict()
  .refine((r) => r.role !== 'enterprise' || r.organisation !== undefined, {
    message: '企业注册须填写企业名称和统一社会信用代码 / enterprises must give their name and credit code',
    path: ['organisation'],
  });

/**
 * POST /api/registrations answers 201 with exactly this whether or not the username or phone is already taken (issue 9,
 * finding 8): no id, nothing that tells a new account from a refused duplicate. The holder of an existing account is
 * told in-app instead.
 */
export const ZRegistrationAccepted = z.object({ status: z.literal('pending') }).strict();
export type RegistrationAccepted = z.infer<typeof ZRegistrationAccepted>;

export const ZRegistration = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  requestedRole: z.string().nullable(),
  divisionCode: z.string(),
  divisionName: z.string(),
  phone: z.string().nullable(),
  organisation: z.object({ id: z.number().int(), name: z.string(), uscc: z.string().nullable() }).nullable(),
  status: z.string(),
  createdAt: z.string(),
});
export const ZRegistrationPage = zPage(ZRegistration);
export const ZListRegistrationsQuery = ZPageQuery.extend({
  status: z.enum(['pending', 'active', 'rejected']).default('pending'),
  division: ZDivisionCode.optional(),
});
export const ZRejectRequest = z.object({ reason: z.string().trim().min(2).max(500) }).strict();

/** Where a one-time link went: never the link itself (it reaches the account holder only). */
export const ZDelivery = z.object({
  /** `sms` (the holder's registered phone), `operator-log` (the operator hands it over in person), `memory` (tests). */
  channel: z.enum(['sms', 'operator-log', 'memory']),
  /** Masked phone number, or null. */
  recipient: z.string().nullable(),
  expiresAt: z.string(),
});

/**
 * POST /api/users/:id/reset-password: the account, and where its one-time link went. The resetter never receives a
 * working credential; the holder sets their own password with the link.
 */
export const ZResetPasswordResult = z.object({ user: ZUser, delivery: ZDelivery, sessionsEnded: z.number().int() });
export type ResetPasswordResult = z.infer<typeof ZResetPasswordResult>;

/** The one-time token from the link's fragment. */
export const ZResetToken = z.string().trim().min(20).max(100);
export const ZPasswordResetInspectRequest = z.object({ token: ZResetToken }).strict();
export const ZPasswordResetInfo = z.object({
  username: z.string(),
  expiresAt: z.string(),
  /** Administrators give their TOTP code too. */
  totpRequired: z.boolean(),
});
export type PasswordResetInfo = z.infer<typeof ZPasswordResetInfo>;
export const ZRedeemPasswordResetRequest = z
  .object({
    token: ZResetToken,
    newPassword: z.string().min(1).max(200),
    totpCode: z
      .string()
      .trim()
      .regex(/^\d{6}$/)
      .optional(),
  })
  .strict();
export type RedeemPasswordResetRequest = z.infer<typeof ZRedeemPasswordResetRequest>;

/** An admin-role grant or revocation waiting for a second administrator (two-person rule). */
export const ZRoleRequest = z.object({
  id: z.number().int(),
  op: z.enum(['grant', 'revoke']),
  role: z.enum(ROLE_CODE_VALUES),
  divisionCode: z.string(),
  user: z.object({ id: z.number().int(), username: z.string(), displayName: z.string(), divisionCode: z.string() }),
  requestedBy: z.object({ id: z.number().int(), username: z.string() }),
  requestedAt: z.string(),
  reason: z.string().nullable(),
  status: z.enum(['pending', 'approved', 'rejected', 'cancelled', 'expired']),
  decidedBy: z.object({ id: z.number().int(), username: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** Whether the caller may approve or reject it now (not the requester, not the account itself, in scope). */
  canDecide: z.boolean(),
});
export type RoleRequest = z.infer<typeof ZRoleRequest>;
export const ZRoleRequestPage = zPage(ZRoleRequest);
export const ZListRoleRequestsQuery = ZPageQuery.extend({
  status: z.enum(['pending', 'approved', 'rejected', 'cancelled', 'expired']).optional(),
});
export const ZRoleRequestDecision = z.object({ note: z.string().trim().max(500).optional() }).strict();
/** A grant/revoke answer: 200 with the account when done at once, 202 with the request when a second admin must approve. */
export const ZRoleChangePending = z.object({ pending: z.literal(true), request: ZRoleRequest });

/** POST /api/users: the account, and where its activation link went (null when an initial password was given). */
export const ZCreatedUser = ZUser.extend({ activation: ZDelivery.nullable() });
