import { describe, expect, it } from 'vitest';
import { ApiError } from '../shared/api.ts';
import {
  EMPTY_VALUES,
  fieldOf,
  serverErrors,
  splitBilingual,
  validateRegistration,
  type RegistrationValues,
} from './registration.ts';
import { VALID_USCC } from './test-support.ts';

const farmer: RegistrationValues = {
  ...EMPTY_VALUES,
  displayName: '王建国',
  phone: '139 0471 1234',
  league: '150100',
  divisionCode: '150102',
  password: 'Caoyuan#2026',
  confirm: 'Caoyuan#2026',
};

describe('registration form rules', () => {
  it('accepts a complete farmer form and sends what the contract parses (spaces out of the phone)', () => {
    const r = validateRegistration('farmer', farmer);
    expect(r).toEqual({
      ok: true,
      body: {
        role: 'farmer',
        displayName: '王建国',
        phone: '13904711234',
        divisionCode: '150102',
        password: 'Caoyuan#2026',
      },
    });
  });

  it.each([
    ['bad phone', 'farmer', { phone: '12345' }, 'phone', '手机号码格式不正确'],
    ['empty phone', 'farmer', { phone: '' }, 'phone', '请填写手机号码'],
    ['empty name', 'farmer', { displayName: '  ' }, 'displayName', '请填写姓名'],
    ['no league', 'farmer', { league: '', divisionCode: '' }, 'league', '请选择所在盟市'],
    ['no county', 'farmer', { divisionCode: '' }, 'divisionCode', '请选择所在旗县（区）'],
    ['short password', 'farmer', { password: 'short', confirm: 'short' }, 'password', '密码为 10-200 个字符'],
    ['different confirmation', 'farmer', { confirm: 'Caoyuan#2025' }, 'confirm', '两次输入的密码不一致'],
    ['bad ID number', 'farmer', { idNumber: '150102199001011234' }, 'idNumber', '身份证号码无效（GB 11643 校验位）'],
    [
      'bad username',
      'farmer',
      { username: 'Wang Jianguo' },
      'username',
      '用户名为 3-64 位小写字母、数字、点、下划线或连字符',
    ],
    ['enterprise without organisation', 'enterprise', {}, 'organisation', '企业注册须填写企业名称和统一社会信用代码'],
    [
      'bad USCC',
      'enterprise',
      { orgName: '草原乳业有限公司', uscc: '91150102MA0N00000X' },
      'uscc',
      '统一社会信用代码无效（GB 32100：18 位，校验码不符）',
    ],
    ['USCC without a name', 'enterprise', { uscc: VALID_USCC }, 'orgName', '请填写单位名称'],
  ] as const)('%s -> a Chinese message on %s', (_name, role, change, field, zh) => {
    const r = validateRegistration(role, { ...farmer, ...change });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[field]?.zh).toBe(zh);
    expect(r.errors[field]?.en).toMatch(/^[ -~]+$/);
  });

  it('sends an enterprise with its organisation, the credit code upper-cased', () => {
    const r = validateRegistration('enterprise', {
      ...farmer,
      orgName: '草原乳业有限公司',
      uscc: VALID_USCC.toLowerCase(),
    });
    expect(r.ok && r.body.organisation).toEqual({ name: '草原乳业有限公司', uscc: VALID_USCC });
  });

  it('lets a researcher leave the institution out, and ignores it for farmers', () => {
    expect(validateRegistration('researcher', farmer).ok).toBe(true);
    const r = validateRegistration('farmer', { ...farmer, orgName: '合作社', uscc: 'X' });
    expect(r.ok && r.body.organisation).toBeUndefined();
  });

  it('maps request paths to fields', () => {
    expect(fieldOf('body.organisation.uscc')).toBe('uscc');
    expect(fieldOf('organisation.name')).toBe('orgName');
    expect(fieldOf('body.divisionCode')).toBe('divisionCode');
    expect(fieldOf('body.organisation')).toBe('organisation');
    expect(fieldOf('body')).toBeNull();
    expect(fieldOf('body.roles')).toBeNull();
  });

  it('splits bilingual messages', () => {
    expect(splitBilingual('手机号码格式不正确 / invalid mobile number')).toEqual({
      zh: '手机号码格式不正确',
      en: 'invalid mobile number',
    });
    expect(splitBilingual('密码至少 10 个字符')).toEqual({ zh: '密码至少 10 个字符', en: '密码至少 10 个字符' });
    expect(splitBilingual('请选择所在旗县（区）', 'choose a county')).toEqual({
      zh: '请选择所在旗县（区）',
      en: 'choose a county',
    });
  });

  it('places server details on fields and keeps the rest for the form', () => {
    const err = new ApiError(400, 'VALIDATION', '请求参数有误', 'The request is invalid', [
      { path: 'body.password', message: '密码须包含大写字母、小写字母、数字、符号中的至少三类' },
      { path: 'body.divisionCode', message: '请选择所在旗县（区）', messageEn: 'choose a county-level division' },
    ]);
    expect(serverErrors(err)).toEqual({
      fields: {
        password: {
          zh: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
          en: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
        },
        divisionCode: { zh: '请选择所在旗县（区）', en: 'choose a county-level division' },
      },
      form: null,
    });
    const dup = new ApiError(
      409,
      'DUPLICATE',
      '用户名、手机号或统一社会信用代码已被使用',
      'Username, phone number or credit code already in use',
    );
    expect(serverErrors(dup)).toEqual({
      fields: {},
      form: {
        zh: '用户名、手机号或统一社会信用代码已被使用',
        en: 'Username, phone number or credit code already in use',
      },
    });
  });
});
