/** Account creation shared by the admin API, the CLI, self-registration and the demo seed. */
import { AppError } from '../../platform/errors/errors.ts';
import { writeAudit, type AuditActor } from '../../platform/audit/audit.ts';
import { iso } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import { hashPassword, checkNewPassword } from '../../platform/auth/passwords.ts';
import { isValidIdNumber, isValidMobile } from '../../../../contracts/identifiers.ts';
import { isRoleCode, keepsSeparationOfDuties, type RoleCode } from '../../../../contracts/access.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { normaliseUsername } from '../../platform/auth/auth.service.ts';
import type { UserStatus } from './users.tables.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { invalidateFact } from '../../platform/metrics/index.ts';
import { EXPERTS_COUNT } from './users.facts.ts';
import * as repo from './users.repository.ts';
import * as organisations from '../organisations/index.ts';

export interface CreateUserInput {
  username: string;
  password: string;
  displayName: string;
  roles: { role: RoleCode; divisionCode: string }[];
  divisionCode: string;
  orgId: number | null;
  /** A new organisation (pending) created with the account in the same transaction (self-registration). */
  newOrganisation?: { name: string; type: organisations.OrganisationType; uscc: string };
  phone: string | null;
  idNumber: string | null;
  status?: UserStatus;
  requestedRole?: string | null;
  isDemo?: boolean;
  grantedBy?: number | null;
  actor: AuditActor;
  /** Skip the password policy (demo accounts use documented demo passwords). */
  skipPolicy?: boolean;
  /** Pre-computed argon2id hash of `password` (demo seed hashes its one password once). */
  passwordHash?: string;
  /**
   * Who chose the password when it is not the holder (an administrator's create or import): the account must change
   * it at first sign-in, and no admin role is granted to it until the holder has set their own (三员 chain rule).
   */
  passwordSetBy?: number | null;
  /**
   * The caller's scope for the organisation (admin API): an `orgId` outside it answers 404 like a missing one, so ids
   * in other divisions are neither used nor revealed. Absent for the CLI, seed and self-registration.
   */
  orgScope?: readonly string[];
  /** Runs inside createUser's transaction after the insert (e.g. notifications); not used by insertAccount alone. */
  afterInsert?: (trx: DbOrTrx, userId: number) => Promise<void>;
}

/** Validates and creates an account with its roles, in one audited transaction. Returns the new id. */
export async function createUser(deps: Deps, input: CreateUserInput): Promise<number> {
  const username = await checkAccountInput(deps, input);
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password));
  try {
    const id = await deps.db.transaction().execute(async (trx) => {
      const id = await insertAccount(trx, deps, input, username, passwordHash);
      await input.afterInsert?.(trx, id);
      return id;
    });
    if (input.roles.some((r) => r.role === 'expert')) invalidateFact(EXPERTS_COUNT);
    return id;
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('DUPLICATE', {
        zh: '用户名、手机号或统一社会信用代码已被使用',
        en: 'Username, phone number or credit code already in use',
      });
    }
    throw err;
  }
}

/**
 * Checks an account request (username, password policy, phone, ID number, roles, divisions, organisation) and
 * returns the normalised username; throws AppError VALIDATION or SEPARATION_OF_DUTIES.
 */
export async function checkAccountInput(deps: Deps, input: CreateUserInput, db: DbOrTrx = deps.db): Promise<string> {
  const username = normaliseUsername(input.username);
  const details = [];
  if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(username))
    details.push({
      path: 'body.username',
      message: '用户名为 3-64 位小写字母、数字、点、下划线或连字符',
      messageEn: 'username: 3-64 of a-z 0-9 . _ -',
    });
  if (!input.skipPolicy)
    for (const m of checkNewPassword(deps.config.mode, input.password, { username, displayName: input.displayName }))
      details.push({ path: 'body.password', message: m });
  if (input.phone !== null && !isValidMobile(input.phone))
    details.push({ path: 'body.phone', message: '手机号码格式不正确' });
  if (input.idNumber !== null && !isValidIdNumber(input.idNumber))
    details.push({ path: 'body.idNumber', message: '身份证号码无效（GB 11643 校验位不符或出生日期错误）' });
  const roleCodes: string[] = [];
  for (const r of input.roles) {
    if (!isRoleCode(r.role)) details.push({ path: 'body.roles', message: `未知角色 ${String(r.role)}` });
    else if (!keepsSeparationOfDuties(roleCodes, r.role)) throw new AppError('SEPARATION_OF_DUTIES');
    roleCodes.push(r.role);
  }
  if (details.length > 0) throw new AppError('VALIDATION', { details });

  if (!(await repo.divisionExists(db, input.divisionCode)))
    throw new AppError('VALIDATION', { details: [{ path: 'body.divisionCode', message: '行政区划代码不存在' }] });
  for (const r of input.roles) {
    if (!(await repo.divisionExists(db, r.divisionCode)))
      throw new AppError('VALIDATION', {
        details: [{ path: 'body.roles', message: `角色范围的行政区划 ${r.divisionCode} 不存在` }],
      });
  }
  if (input.orgId !== null) {
    const org = await organisations.organisationExists(db, input.orgId, input.orgScope);
    if (!org && input.orgScope !== undefined)
      throw new AppError('NOT_FOUND', {
        zh: '所属单位不存在或不在您的管辖范围内',
        en: 'The organisation does not exist or is outside your divisions',
      });
    if (!org) throw new AppError('VALIDATION', { details: [{ path: 'body.orgId', message: '所属单位不存在' }] });
  }

  return username;
}

/**
 * Inserts a checked account (and its new organisation and roles) inside `trx`, each write audited there.
 * Shared by createUser and the users import, whose single transaction holds every row.
 */
export async function insertAccount(
  trx: DbOrTrx,
  deps: Deps,
  input: CreateUserInput,
  username: string,
  passwordHash: string,
): Promise<number> {
  const now = iso(deps.clock.now());
  let orgId = input.orgId;
  if (input.newOrganisation)
    orgId = await organisations.createPending(trx, deps, input.actor, {
      ...input.newOrganisation,
      divisionCode: input.divisionCode,
    });
  const userId = await repo.insertUser(trx, {
    username,
    display_name: input.displayName,
    password_hash: passwordHash,
    phone_enc: input.phone ? deps.vault.encrypt(input.phone) : null,
    phone_hmac: input.phone ? deps.vault.lookupHash(input.phone) : null,
    id_number_enc: input.idNumber ? deps.vault.encrypt(input.idNumber) : null,
    division_code: input.divisionCode,
    org_id: orgId,
    status: input.status ?? 'active',
    requested_role: input.requestedRole ?? null,
    totp_secret_enc: null,
    totp_enabled: 0,
    locale: 'zh-CN',
    is_demo: input.isDemo ? 1 : 0,
    created_at: now,
    updated_at: now,
    password_changed_at: now,
    password_set_by: input.passwordSetBy ?? null,
    // An initial password chosen by an administrator must be replaced at first sign-in (an activation link's
    // unusable password is never typed, so the flag does not matter there).
    must_change_password: input.passwordSetBy ? 1 : 0,
  });
  for (const r of input.roles) {
    const grant = { userId, role: r.role, divisionCode: r.divisionCode, grantedBy: input.grantedBy ?? null, now };
    await repo.insertUserRole(trx, grant);
    await repo.insertRoleHistory(trx, grant);
  }
  await writeAudit(trx, deps.audit, input.actor, {
    action: 'user.create',
    targetType: 'user',
    targetId: userId,
    divisionCode: input.divisionCode,
    details: { username, roles: input.roles, status: input.status ?? 'active' },
  });
  return userId;
}
