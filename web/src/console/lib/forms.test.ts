import { describe, expect, it } from 'vitest';
import { ZCreateOrganisationRequest, ZUscc } from '../../../../contracts/organisations.ts';
import { ZCreateUserRequest } from '../../../../contracts/users.ts';
import { ApiError } from '../../shared/api.ts';
import {
  applyServerErrors,
  cleanValues,
  contractRules,
  fieldPathOf,
  isRequired,
  issueText,
  pickBilingual,
  splitServerErrors,
  validateValue,
  zodRule,
} from './forms.ts';

/** Runs an antd rule (object or function of the form) the way antd does, returning the error text or null. */
async function check(rule: unknown, value: unknown, values: Record<string, unknown> = {}): Promise<string | null> {
  const r = typeof rule === 'function' ? rule({ getFieldsValue: () => values }) : rule;
  try {
    await r.validator({}, value, () => undefined);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

// Valid per GB 32100 (check character computed by the server's own function, used in its tests).
const GOOD_USCC = '91350100M000100Y43';

describe('contract messages', () => {
  it('picks the half of a bilingual message for the locale', () => {
    expect(pickBilingual('手机号码格式不正确 / invalid mobile number', 'zh-CN')).toBe('手机号码格式不正确');
    expect(pickBilingual('手机号码格式不正确 / invalid mobile number', 'en-US')).toBe('invalid mobile number');
    expect(pickBilingual('只有中文', 'en-US')).toBe('只有中文');
  });

  it('replaces zod generic texts with short ones in the user language', () => {
    expect(issueText({ code: 'too_small', origin: 'string', minimum: 2, message: 'Too small' }, 'zh-CN')).toBe(
      '至少 2 个字符',
    );
    expect(issueText({ code: 'too_big', origin: 'string', maximum: 200, message: 'Too big' }, 'en-US')).toBe(
      'At most 200 characters',
    );
    expect(issueText({ code: 'invalid_type', input: undefined, message: 'Required' }, 'zh-CN', '单位名称')).toBe(
      '请填写单位名称',
    );
    expect(issueText({ code: 'invalid_value', input: 'spaceship', message: 'Invalid option' }, 'zh-CN')).toBe(
      '请从列表中选择',
    );
    expect(issueText({ code: 'invalid_value', input: undefined, message: 'Invalid option' }, 'zh-CN', '单位类型')).toBe(
      '请选择单位类型',
    );
    expect(issueText({ code: 'custom', message: '企业必须填写 / enterprises need it' }, 'en-US')).toBe(
      'enterprises need it',
    );
    // A Chinese-only custom message on a built-in check (ZUsername's regex) is kept.
    expect(issueText({ code: 'invalid_format', message: '用户名为 3-64 位小写字母' }, 'zh-CN')).toBe(
      '用户名为 3-64 位小写字母',
    );
  });

  it('validates a value with the contract schema, blanks counting as absent', () => {
    expect(validateValue(ZUscc, 'ABC', 'zh-CN')).toEqual(['统一社会信用代码无效（GB 32100：18 位，校验码不符）']);
    expect(validateValue(ZUscc, GOOD_USCC.toLowerCase(), 'zh-CN')).toEqual([]);
    expect(validateValue(ZUscc.optional(), '   ', 'zh-CN')).toEqual([]);
    expect(validateValue(ZCreateOrganisationRequest.shape.name, ' ', 'zh-CN', '单位名称')).toEqual(['请填写单位名称']);
    expect(validateValue(ZCreateOrganisationRequest.shape.name, 'a', 'zh-CN')).toEqual(['至少 2 个字符']);
  });

  it('knows required fields from the schema', () => {
    expect(isRequired(ZCreateOrganisationRequest.shape.name)).toBe(true);
    expect(isRequired(ZCreateOrganisationRequest.shape.uscc)).toBe(false);
    expect(isRequired(ZCreateUserRequest.shape.phone)).toBe(false);
  });
});

describe('zod -> antd rules', () => {
  it('zodRule marks required and rejects with the contract message', async () => {
    const rule = zodRule(ZCreateOrganisationRequest.shape.uscc, { locale: 'zh-CN' });
    expect(rule).toMatchObject({ required: false });
    await expect(check(rule, '91150100MA0N000001')).resolves.toBe(
      '统一社会信用代码无效（GB 32100：18 位，校验码不符）',
    );
    await expect(check(rule, GOOD_USCC)).resolves.toBeNull();
    await expect(check(rule, '')).resolves.toBeNull();
    const en = zodRule(ZCreateUserRequest.shape.phone, { locale: 'en-US' });
    await expect(check(en, '12345')).resolves.toBe('invalid mobile number');
  });

  it('contractRules adds cross-field refinements on the field they name', async () => {
    const rules = contractRules(ZCreateOrganisationRequest, { locale: 'zh-CN', labels: { name: '单位名称' } });
    const [own, whole] = rules('uscc');
    const enterprise = { name: '示例公司', type: 'enterprise', divisionCode: '150102' };
    await expect(check(own, undefined, enterprise)).resolves.toBeNull();
    await expect(check(whole, undefined, enterprise)).resolves.toBe('企业和事业单位必须填写统一社会信用代码');
    await expect(check(whole, '', { ...enterprise, uscc: '' })).resolves.toBe('企业和事业单位必须填写统一社会信用代码');
    await expect(check(whole, undefined, { ...enterprise, type: 'government' })).resolves.toBeNull();
    // A field's own problem is reported once, by its own rule.
    await expect(check(whole, 'BAD', { ...enterprise, uscc: 'BAD' })).resolves.toBeNull();
    const [nameRule] = rules('name');
    await expect(check(nameRule, '')).resolves.toBe('请填写单位名称');
  });

  it('cleanValues drops blanks so optional fields pass', () => {
    expect(cleanValues({ a: ' ', b: 'x', c: undefined, d: 0 })).toEqual({ b: 'x', d: 0 });
  });
});

describe('server field errors -> form fields', () => {
  const err = new ApiError(400, 'VALIDATION', '请求参数不正确', 'Invalid request', [
    { path: 'body.uscc', message: '统一社会信用代码无效 / invalid code', messageEn: 'invalid code' },
    { path: 'body.organisation.name', message: '长度或数值过小（最小 2）', messageEn: 'too short' },
    { path: 'querystring.page', message: '取值不在允许范围内' },
  ]);

  it('maps paths to antd name paths', () => {
    expect(fieldPathOf('body.uscc')).toEqual(['uscc']);
    expect(fieldPathOf('body.organisation.name')).toEqual(['organisation', 'name']);
    expect(fieldPathOf('row 3: 单位名称')).toEqual(['row 3: 单位名称']);
  });

  it('splits details by form field, in the user language', () => {
    expect(splitServerErrors(err, ['uscc', 'organisation'], 'zh-CN')).toEqual({
      fields: [
        { name: ['uscc'], errors: ['统一社会信用代码无效'] },
        { name: ['organisation', 'name'], errors: ['长度或数值过小（最小 2）'] },
      ],
      other: ['取值不在允许范围内'],
    });
    expect(splitServerErrors(err, ['uscc'], 'en-US').fields).toEqual([{ name: ['uscc'], errors: ['invalid code'] }]);
  });

  it('sets the fields and returns what belongs to none', () => {
    const set: unknown[] = [];
    const form = { setFields: (f: unknown[]) => set.push(...f) };
    expect(applyServerErrors(form, err, ['uscc', 'organisation', 'page'], 'zh-CN')).toBeNull();
    expect(set).toHaveLength(3);
    expect(applyServerErrors(form, err, ['uscc'], 'zh-CN')).toBe(
      '请求参数不正确；长度或数值过小（最小 2）；取值不在允许范围内',
    );
    const dup = new ApiError(409, 'DUPLICATE', '该统一社会信用代码已登记', 'already registered');
    expect(applyServerErrors(form, dup, ['uscc'], 'en-US')).toBe('already registered');
  });
});
