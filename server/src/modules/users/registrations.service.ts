/** Self-registration of enterprises, researchers and farmers, approved by an officer of their division. */
import type { z } from 'zod';
import type {
  RegistrationAccepted,
  ZListRegistrationsQuery,
  ZRegistrationRequest,
} from '../../../../contracts/users.ts';
import { isWithinScope, scopeRoots } from '../../platform/access/scope.ts';
import { writeAudit, type AuditActor } from '../../platform/audit/audit.ts';
import { iso } from '../../platform/clock.ts';
import { maskPhone } from '../../../../contracts/identifiers.ts';
import type { Caller, Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors/errors.ts';
import { ROLE_NAMES } from '../../../../contracts/access.ts';
import { rolesWithPermission } from '../../platform/access/roles.ts';
import { notify } from '../../platform/notifications/index.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { checkAccountInput, createUser, type CreateUserInput } from './users.admin.ts';
import * as repo from './registrations.repository.ts';
import * as users from './users.repository.ts';
import { invalidateFact } from '../../platform/metrics/index.ts';
import * as organisations from '../organisations/index.ts';
import { EXPERTS_COUNT } from './users.facts.ts';

/**
 * Public: records a pending account (and a pending organisation for enterprises).
 *
 * The answer never tells whether the username or phone is already taken (issue 9, finding 8): a registration that
 * collides with an existing account gets the same 201 `{status: 'pending'}` as a new one, after the same work (input
 * check, an argon2id hash, one transaction with a notification and an audit row), and nothing is created; instead the
 * holder of the existing account is told in-app that someone tried to register with their phone number or username,
 * and the attempt is audited. Input errors (400) depend only on the request, never on what exists.
 */
export async function register(
  deps: Deps,
  actor: AuditActor,
  body: z.infer<typeof ZRegistrationRequest>,
): Promise<RegistrationAccepted> {
  const division = await repo.findDivision(deps.db, body.divisionCode);
  if (division?.level !== 'county')
    throw new AppError('VALIDATION', {
      details: [
        { path: 'body.divisionCode', message: '请选择所在旗县（区）', messageEn: 'choose a county-level division' },
      ],
    });
  let orgId: number | null = null;
  let newOrganisation: { name: string; type: 'enterprise' | 'institution'; uscc: string } | undefined;
  if (body.organisation) {
    // Credit codes are public (the national enterprise credit register): saying one is registered here reveals no
    // person's account.
    const existing = await organisations.organisationIdByUscc(deps.db, body.organisation.uscc);
    if (existing !== undefined && body.role === 'enterprise')
      throw new AppError('DUPLICATE', {
        zh: '该统一社会信用代码已登记，请联系本单位管理员',
        en: 'This credit code is already registered',
      });
    // A researcher joins an existing institution, or registers a new one with the account.
    if (existing !== undefined) orgId = existing;
    else
      newOrganisation = {
        name: body.organisation.name,
        type: body.role === 'enterprise' ? 'enterprise' : 'institution',
        uscc: body.organisation.uscc,
      };
  }
  const input: CreateUserInput = {
    username: body.username ?? body.phone,
    password: body.password,
    displayName: body.displayName,
    divisionCode: body.divisionCode,
    orgId,
    newOrganisation,
    phone: body.phone,
    idNumber: body.idNumber ?? null,
    roles: [],
    status: 'pending',
    requestedRole: body.role,
    actor,
    // Tell the officers who act on it (the nearest level with an approver), in the same transaction as the account.
    afterInsert: async (trx) => {
      const role = ROLE_NAMES[body.role];
      await notify(trx, {
        userIds: await repo.nearestActiveHolders(trx, rolesWithPermission('registration:approve'), division.code),
        kind: 'registration.submitted',
        title: { zh: '新的注册申请待审核', en: 'A new registration awaits review' },
        body: {
          zh: `${body.displayName}申请注册为${role.zh}（${division.name}）。`,
          en: `${body.displayName} applied to register as ${role.en.toLowerCase()} (${division.name}).`,
        },
        link: '/console/registrations',
        at: deps.clock.now(),
      });
    },
  };
  // Input errors first, the same whether or not the account exists.
  const username = await checkAccountInput(deps, input);
  const taken = await takenBy(deps, username, body.phone);
  if (taken.length > 0) {
    await refuseDuplicate(deps, input, taken);
    return ACCEPTED;
  }
  try {
    await createUser(deps, input);
  } catch (err) {
    // Registered by someone else between the check and the insert: answer like any other duplicate.
    const raced = err instanceof AppError && err.code === 'DUPLICATE' ? await takenBy(deps, username, body.phone) : [];
    if (raced.length === 0) throw err;
    await refuseDuplicate(deps, input, raced, { hashed: true });
  }
  return ACCEPTED;
}

const ACCEPTED: RegistrationAccepted = { status: 'pending' };

interface TakenBy {
  userId: number;
  divisionCode: string;
  fields: ('username' | 'phone')[];
}

/** Existing accounts holding the requested username or phone number (one entry per account). */
async function takenBy(deps: Deps, username: string, phone: string): Promise<TakenBy[]> {
  const phoneHmac = deps.vault.lookupHash(phone);
  const rows = await repo.accountsHolding(deps.db, username, phoneHmac);
  return rows.map((r) => ({
    userId: r.id,
    divisionCode: r.division_code,
    fields: [
      ...(r.username === username ? (['username'] as const) : []),
      ...(r.phone_hmac === phoneHmac ? (['phone'] as const) : []),
    ],
  }));
}

const FIELD_TEXT = {
  username: { zh: '用户名', en: 'username' },
  phone: { zh: '手机号', en: 'phone number' },
} as const;

/**
 * A registration that collides with existing accounts: costs what a new one costs (argon2id of the password, one
 * transaction), creates nothing, tells each holder in-app and audits the attempt (no password, no full phone number).
 */
async function refuseDuplicate(
  deps: Deps,
  input: CreateUserInput,
  taken: TakenBy[],
  opts: { hashed?: boolean } = {},
): Promise<void> {
  if (!opts.hashed) await hashPassword(input.password);
  await deps.db.transaction().execute(async (trx) => {
    for (const holder of taken) {
      const zh = holder.fields.map((f) => FIELD_TEXT[f].zh).join('和');
      const en = holder.fields.map((f) => FIELD_TEXT[f].en).join(' and ');
      await notify(trx, {
        userIds: [holder.userId],
        kind: 'registration.duplicate',
        title: { zh: `有人尝试使用您的${zh}注册账户`, en: `Someone tried to register with your ${en}` },
        body: {
          zh: `有人尝试使用您的${zh}注册新账户，申请未成立，您的账户未受影响。如果是您本人，请直接用现有账户登录（忘记密码可找回）；如果不是，无需处理，必要时请联系所在旗县科技局。`,
          en: `Someone tried to register a new account with your ${en}. Nothing was created and your account is unchanged. If it was you, sign in with your existing account (reset the password if you forgot it); if not, no action is needed — contact your county S&T bureau if concerned.`,
        },
        link: null,
        at: deps.clock.now(),
      });
      await writeAudit(trx, deps.audit, input.actor, {
        action: 'registration.duplicate',
        result: 'failure',
        targetType: 'user',
        targetId: holder.userId,
        divisionCode: holder.divisionCode,
        details: {
          taken: holder.fields,
          requestedRole: input.requestedRole,
          requestedDivision: input.divisionCode,
          holderNotified: true,
        },
      });
    }
  });
}

export async function listRegistrations(deps: Deps, caller: Caller, query: z.infer<typeof ZListRegistrationsQuery>) {
  const roots = scopeRoots(caller.principal, 'registration:approve');
  const { rows, total } = await repo.listRegistrations(
    deps.db,
    { roots, status: query.status, division: query.division },
    query,
  );
  const orgs = await organisations.organisationSummaries(
    deps.db,
    rows.flatMap((r) => (r.org_id === null ? [] : [r.org_id])),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      requestedRole: r.requested_role,
      divisionCode: r.division_code,
      divisionName: r.division_name,
      phone: r.phone_enc ? maskPhone(deps.vault.decrypt(r.phone_enc)) : null,
      organisation: presentOrganisation(r.org_id === null ? undefined : orgs.get(r.org_id)),
      status: r.status,
      createdAt: r.created_at,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The applicant's organisation as listed (an account whose organisation row is gone lists none, as the join did). */
function presentOrganisation(org: { id: number; name: string; uscc: string | null } | undefined) {
  return org === undefined ? null : { id: org.id, name: org.name, uscc: org.uscc };
}

/** Approves or rejects a pending registration inside the officer's divisions. */
export async function decideRegistration(
  deps: Deps,
  caller: Caller,
  id: number,
  decision: { approve: true } | { approve: false; reason: string },
) {
  const roots = scopeRoots(caller.principal, 'registration:approve');
  const user = await repo.findApplicant(deps.db, id);
  if (!user?.requested_role || !(await isWithinScope(deps.db, roots, user.division_code)))
    throw new AppError('NOT_FOUND');
  if (user.status !== 'pending')
    throw new AppError('INVALID_STATE', { zh: '该注册申请已处理', en: 'This registration was already decided' });
  const now = iso(deps.clock.now());
  await deps.db.transaction().execute(async (trx) => {
    await users.setUserStatus(trx, id, decision.approve ? 'active' : 'rejected', now);
    if (decision.approve)
      await users.insertUserRole(trx, {
        userId: id,
        role: user.requested_role ?? '',
        divisionCode: user.division_code,
        grantedBy: caller.principal.userId,
        now,
      });
    // The account's organisation, while pending, is decided with it (the organisations module writes it, audits it
    // and reindexes it for the search); one no longer pending (e.g. an active one the applicant joined) stays as is.
    if (user.org_id !== null)
      await organisations.decide(trx, deps, caller.actor, user.org_id, decision.approve ? 'approve' : 'reject');
    await notify(trx, {
      userIds: [id],
      ...(decision.approve
        ? {
            kind: 'registration.approved',
            title: { zh: '注册申请已通过', en: 'Your registration was approved' },
            body: { zh: '您的账户已开通，欢迎使用平台。', en: 'Your account is active. Welcome to the platform.' },
            link: '/console',
          }
        : {
            kind: 'registration.rejected',
            title: { zh: '注册申请未通过', en: 'Your registration was not approved' },
            body: { zh: `原因：${decision.reason}`, en: `Reason: ${decision.reason}` },
            link: null,
          }),
      at: deps.clock.now(),
    });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: decision.approve ? 'registration.approve' : 'registration.reject',
      targetType: 'user',
      targetId: id,
      divisionCode: user.division_code,
      details: decision.approve
        ? { role: user.requested_role }
        : { role: user.requested_role, reason: decision.reason },
    });
  });
  // An approved enterprise becomes an active organisation: the county counts change.
  if (user.org_id !== null) invalidateFact(organisations.ORGANISATIONS_COUNT);
  if (decision.approve && user.requested_role === 'expert') invalidateFact(EXPERTS_COUNT);
  return { id, status: decision.approve ? ('active' as const) : ('rejected' as const) };
}
