/**
 * The registration form's rules: the values a person types, checked with the server's own request schema
 * (contracts/users.ts ZRegistrationRequest), and the server's field errors placed next to the same fields.
 */
import type { z } from 'zod';
import { ZRegistrationRequest } from '../../../contracts/users.ts';
import type { ApiError } from '../shared/api.ts';
import type { Text } from '../shared/i18n.ts';

export type Role = 'enterprise' | 'researcher' | 'farmer';
export const ROLES: readonly Role[] = ['enterprise', 'researcher', 'farmer'];

export function isRole(v: string | null): v is Role {
  return v === 'enterprise' || v === 'researcher' || v === 'farmer';
}

export interface RegistrationValues {
  displayName: string;
  phone: string;
  league: string;
  divisionCode: string;
  orgName: string;
  uscc: string;
  idNumber: string;
  username: string;
  password: string;
  confirm: string;
}

export type Field = keyof RegistrationValues | 'organisation';
export type FieldErrors = Partial<Record<Field, Text>>;
export type RegistrationRequest = z.output<typeof ZRegistrationRequest>;

export const EMPTY_VALUES: RegistrationValues = {
  displayName: '',
  phone: '',
  league: '',
  divisionCode: '',
  orgName: '',
  uscc: '',
  idNumber: '',
  username: '',
  password: '',
  confirm: '',
};

/** Messages for an empty required field, and for rules whose contract message is not bilingual. */
const REQUIRED: Partial<Record<Field, Text>> = {
  displayName: { zh: '请填写姓名', en: 'Enter your name' },
  phone: { zh: '请填写手机号码', en: 'Enter your mobile number' },
  divisionCode: { zh: '请选择所在旗县（区）', en: 'Choose your county' },
  orgName: { zh: '请填写单位名称', en: 'Enter the organisation name' },
  uscc: { zh: '请填写统一社会信用代码', en: 'Enter the unified social credit code' },
  password: { zh: '请设置密码', en: 'Choose a password' },
};
const RULES: Partial<Record<Field, Text>> = {
  displayName: { zh: '姓名最多 100 个字', en: 'At most 100 characters' },
  orgName: { zh: '单位名称为 2-200 个字', en: 'The name has 2-200 characters' },
  username: {
    zh: '用户名为 3-64 位小写字母、数字、点、下划线或连字符',
    en: 'Username: 3-64 lower-case letters, digits, dots, underscores or hyphens',
  },
  password: { zh: '密码为 10-200 个字符', en: 'The password has 10-200 characters' },
  divisionCode: { zh: '请选择所在旗县（区）', en: 'Choose your county' },
};

/** "中文 / English" in one string (the contracts' custom messages) -> both halves. */
export function splitBilingual(message: string, messageEn?: string): Text {
  const i = message.indexOf(' / ');
  if (i > 0) return { zh: message.slice(0, i), en: message.slice(i + 3) };
  return { zh: message, en: messageEn || message };
}

const compact = (s: string) => s.replace(/\s+/g, '');

/** The request body as the person typed it; empty optional fields are left out. */
export function toRequest(role: Role, v: RegistrationValues): Record<string, unknown> {
  const hasOrganisation = role !== 'farmer' && (v.orgName.trim() !== '' || v.uscc.trim() !== '');
  return {
    role,
    ...(v.username.trim() ? { username: v.username } : {}),
    password: v.password,
    displayName: v.displayName,
    phone: compact(v.phone),
    ...(v.idNumber.trim() ? { idNumber: compact(v.idNumber) } : {}),
    divisionCode: v.divisionCode,
    ...(hasOrganisation ? { organisation: { name: v.orgName, uscc: compact(v.uscc) } } : {}),
  };
}

/** Maps a request path ("organisation.uscc", "body.phone") to the form field that shows its error. */
export function fieldOf(path: string): Field | null {
  const p = path.replace(/^body\.?/, '');
  switch (p) {
    case 'organisation.name':
      return 'orgName';
    case 'organisation.uscc':
      return 'uscc';
    case 'organisation':
    case 'displayName':
    case 'phone':
    case 'divisionCode':
    case 'idNumber':
    case 'username':
    case 'password':
      return p;
    default:
      return null;
  }
}

function valueOf(field: Field, v: RegistrationValues): string {
  return field === 'organisation' ? '' : v[field];
}

/**
 * Checks the form with the contract's schema (and that the password was typed twice alike). Returns the body to
 * send, or the first message for each field.
 */
export function validateRegistration(
  role: Role,
  v: RegistrationValues,
): { ok: true; body: RegistrationRequest } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const parsed = ZRegistrationRequest.safeParse(toRequest(role, v));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path.join('.'));
      if (!field || errors[field]) continue;
      const empty = valueOf(field, v).trim() === '';
      errors[field] =
        (empty ? REQUIRED[field] : undefined) ??
        (issue.message.includes(' / ') ? splitBilingual(issue.message) : undefined) ??
        RULES[field] ??
        splitBilingual(issue.message);
    }
  }
  if (v.password && v.confirm !== v.password)
    errors.confirm = { zh: '两次输入的密码不一致', en: 'The passwords do not match' };
  if (!v.league) {
    // The county list opens once a league is chosen: ask for the league first.
    delete errors.divisionCode;
    errors.league = { zh: '请选择所在盟市', en: 'Choose your league or city' };
  }
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, body: parsed.data };
  return { ok: false, errors };
}

/** The server's answer to a rejected registration: field errors next to their fields, the rest for the form. */
export function serverErrors(err: ApiError): { fields: FieldErrors; form: Text | null } {
  const fields: FieldErrors = {};
  const unplaced: Text[] = [];
  for (const d of err.details) {
    const field = fieldOf(d.path);
    const text = splitBilingual(d.message, d.messageEn);
    if (field && !fields[field]) fields[field] = text;
    else if (!field) unplaced.push(text);
  }
  const general = splitBilingual(err.message, err.messageEn);
  if (Object.keys(fields).length > 0 && unplaced.length === 0) return { fields, form: null };
  const form =
    unplaced.length > 0
      ? { zh: unplaced.map((t) => t.zh).join('；'), en: unplaced.map((t) => t.en).join('; ') }
      : general;
  return { fields, form };
}
