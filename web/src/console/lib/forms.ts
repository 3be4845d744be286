/**
 * Forms validated by the server's own request schemas (contracts/*.ts): zod issues become antd rules in the user's
 * language, and the server's field errors (`details: [{ path: 'body.uscc', message }]`) land on the same fields.
 */
import type { FormInstance, FormRule } from 'antd';
import type { z } from 'zod';
import { ApiError } from '../../shared/api.ts';
import type { Locale } from '../../shared/i18n.ts';

type RawIssue = z.core.$ZodRawIssue;

/** What the texts need of a zod issue (zod's issue union, or a server detail shaped alike). */
export interface IssueLike {
  code?: string;
  message: string;
  origin?: string;
  minimum?: unknown;
  maximum?: unknown;
  input?: unknown;
}

const CJK = /[\u3400-\u9fff]/;

/** Picks the half of a contract message written "中文 / English" for the locale. */
export function pickBilingual(message: string, locale: Locale): string {
  const at = message.indexOf(' / ');
  if (at < 0) return message;
  return locale === 'en-US' ? message.slice(at + 3) : message.slice(0, at);
}

function sizeText(issue: IssueLike, locale: Locale, small: boolean) {
  const n = String(small ? issue.minimum : issue.maximum);
  const unit =
    issue.origin === 'string'
      ? { zh: '个字符', en: ' characters' }
      : issue.origin === 'array' || issue.origin === 'set'
        ? { zh: '项', en: ' items' }
        : { zh: '', en: '' };
  if (locale === 'en-US') return `${small ? 'At least' : 'At most'} ${n}${unit.en}`;
  return unit.zh ? `${small ? '至少' : '最多'} ${n} ${unit.zh}` : `${small ? '不能小于' : '不能大于'} ${n}`;
}

/**
 * Text of one zod issue for a user. Messages the contract wrote itself ("中文 / English") win; zod's generic
 * messages are replaced by short ones in the user's language, naming the field when a label is given.
 */
export function issueText(issue: IssueLike, locale: Locale, label?: string): string {
  if (issue.message && (issue.code === 'custom' || CJK.test(issue.message)))
    return pickBilingual(issue.message, locale);
  const en = locale === 'en-US';
  switch (issue.code ?? '') {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null)
        return en ? `${label ?? 'This field'} is required` : `请填写${label ?? '此项'}`;
      return en ? 'Invalid value' : '取值类型不正确';
    case 'too_small':
      return sizeText(issue, locale, true);
    case 'too_big':
      return sizeText(issue, locale, false);
    case 'invalid_value':
      if (issue.input === undefined || issue.input === null)
        return en ? `Choose ${label ?? 'an option'}` : `请选择${label ?? '一项'}`;
      return en ? 'Choose one of the options' : '请从列表中选择';
    case 'invalid_format':
      return en ? 'Invalid format' : '格式不正确';
    default:
      return en ? issue.message || 'Invalid value' : '输入不正确';
  }
}

/** A per-parse error map: lower precedence than the contract's own messages, so those still win. */
function errorMap(locale: Locale, label?: string) {
  return (raw: RawIssue) => issueText({ ...(raw as IssueLike), message: '' }, locale, label);
}

/** Empty inputs are absent values: an optional field left blank must pass, a required one must say "required". */
export function blankToUndefined(value: unknown): unknown {
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}

/** Form values with blanks removed, ready for a contract schema. */
export function cleanValues<T extends Record<string, unknown>>(values: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const c = blankToUndefined(v);
    if (c !== undefined) out[k] = c;
  }
  return out as Partial<T>;
}

/** The issues of `schema` for `value`, with messages in the user's language. */
export function validateValue(schema: z.ZodType, value: unknown, locale: Locale, label?: string): string[] {
  const r = schema.safeParse(blankToUndefined(value), { error: errorMap(locale, label) });
  // Messages are final here: the contract's own (bilingual) or the error map's (already in the user's language).
  return r.success ? [] : r.error.issues.map((i) => pickBilingual(i.message, locale));
}

/** Whether the schema refuses an absent value. */
export function isRequired(schema: z.ZodType): boolean {
  return !schema.safeParse(undefined).success;
}

/** One antd rule from one field schema (`zodRule(ZCreateOrganisationRequest.shape.uscc, { locale })`). */
export function zodRule(schema: z.ZodType, opts: { locale: Locale; label?: string }): FormRule {
  return {
    required: isRequired(schema),
    validator: (_rule, value: unknown) => {
      const [first] = validateValue(schema, value, opts.locale, opts.label);
      return first ? Promise.reject(new Error(first)) : Promise.resolve();
    },
  };
}

interface ObjectLike {
  shape: Record<string, z.ZodType>;
  safeParse: z.ZodType['safeParse'];
}

/**
 * Rules for every field of a request schema. Each field is checked by its own schema first, then by the whole
 * schema for cross-field refinements (a credit code required for enterprises), reported on the field they name.
 */
export function contractRules<S extends ObjectLike>(
  schema: S,
  opts: { locale: Locale; labels?: Partial<Record<keyof S['shape'] & string, string>> },
): (field: keyof S['shape'] & string) => FormRule[] {
  return (field) => {
    const fieldSchema = schema.shape[field];
    if (!fieldSchema) return [];
    const label = opts.labels?.[field];
    return [
      zodRule(fieldSchema, { locale: opts.locale, label }),
      ({ getFieldsValue }) => ({
        validator: () => {
          const values = cleanValues(getFieldsValue(true) as Record<string, unknown>);
          // The field's own rule reports its problems; this one adds what only the whole request shows.
          if (validateValue(fieldSchema, values[field], opts.locale, label).length > 0) return Promise.resolve();
          const r = schema.safeParse(values, { error: errorMap(opts.locale, label) });
          const mine = r.success ? undefined : r.error.issues.find((i) => i.path[0] === field);
          return mine ? Promise.reject(new Error(pickBilingual(mine.message, opts.locale))) : Promise.resolve();
        },
      }),
    ];
  };
}

/** The server's field path ('body.uscc', 'body.organisation.name') as an antd name path. */
export function fieldPathOf(path: string): string[] {
  const parts = path.split('.').filter(Boolean);
  if (parts[0] === 'body' || parts[0] === 'querystring' || parts[0] === 'params') parts.shift();
  return parts;
}

/** Server field errors grouped by form field, and what belongs to no field of the form. */
export function splitServerErrors(
  err: ApiError,
  fields: readonly string[],
  locale: Locale,
): { fields: { name: string[]; errors: string[] }[]; other: string[] } {
  const byField = new Map<string, { name: string[]; errors: string[] }>();
  const other: string[] = [];
  for (const d of err.details) {
    const name = fieldPathOf(d.path);
    const text =
      locale === 'en-US' ? d.messageEn || pickBilingual(d.message, locale) : pickBilingual(d.message, locale);
    if (name[0] !== undefined && fields.includes(name[0])) {
      const key = name.join('.');
      const entry = byField.get(key) ?? { name, errors: [] };
      entry.errors.push(text);
      byField.set(key, entry);
    } else other.push(text);
  }
  return { fields: [...byField.values()], other };
}

/**
 * Puts a failed request's field errors on the form's fields. Returns the text to show above the form (the error's
 * own message plus details that match no field), or null when every detail found its field.
 */
export function applyServerErrors(
  form: Pick<FormInstance, 'setFields'>,
  err: unknown,
  fields: readonly string[],
  locale: Locale,
): string | null {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  const { fields: matched, other } = splitServerErrors(err, fields, locale);
  if (matched.length > 0) form.setFields(matched);
  if (matched.length > 0 && other.length === 0) return null;
  return [err.text(locale), ...other].join(locale === 'en-US' ? '; ' : '；');
}
