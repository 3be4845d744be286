/**
 * Validation of EPCIS 2.0 JSON documents and events against the official GS1 schema (schema/, vendored) with ajv and
 * strict `uri`/`date-time` formats (ajv-formats): the strict `uri` check is what rejects non-CBV bare words
 * (`"bizStep": "transforming"`) and un-namespaced extension keys. Errors are located (event index, JSON pointer) and
 * worded in Chinese and English.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import schema from './schema/EPCIS-JSON-Schema.json' with { type: 'json' };

/** One located problem of a document. */
export interface EpcisProblem {
  /** JSON pointer into the request body (e.g. `/epcisBody/eventList/2/bizStep`). */
  pointer: string;
  /** Index of the event in the eventList, when the problem is inside one. */
  eventIndex?: number;
  message: string;
  messageEn: string;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let compiled: ValidateFunction | null = null;
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: false, strict: false, validateFormats: true });
    addFormats(ajv);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

const ZH_KEYWORD: Record<string, (e: ErrorObject) => string> = {
  required: (e) => `缺少必填字段 ${String((e.params as { missingProperty?: string }).missingProperty)}`,
  format: (e) => `格式不正确（应为 ${String((e.params as { format?: string }).format)}）`,
  enum: () => '取值不在允许范围内',
  type: (e) => `类型不正确（应为 ${String((e.params as { type?: string }).type)}）`,
  additionalProperties: (e) =>
    `包含不允许的字段 ${String((e.params as { additionalProperty?: string }).additionalProperty)}`,
  anyOf: () => '不符合任何允许的形式（非 CBV 词汇须为 URI）',
  oneOf: () => '不符合唯一允许的形式',
  const: () => '取值不正确',
  pattern: () => '格式不正确',
  minItems: () => '条目过少',
  if: () => '不符合该事件类型的要求',
};

/** The most specific error: the deepest pointer (ajv reports the enclosing anyOf/if after the leaf). */
function pick(errors: readonly ErrorObject[]): ErrorObject {
  let best = errors[0]!;
  for (const e of errors) if (e.instancePath.length > best.instancePath.length) best = e;
  return best;
}

function locate(pointer: string, base: string): { pointer: string; eventIndex?: number } {
  const full = `${base}${pointer}`;
  const m = /\/eventList\/(\d+)/.exec(full);
  return m ? { pointer: full, eventIndex: Number(m[1]) } : { pointer: full };
}

/** Problems of `doc` against the official schema (empty when valid); `base` prefixes the pointers. */
export function schemaProblems(doc: unknown, base = ''): EpcisProblem[] {
  const validate = validator();
  if (validate(doc)) return [];
  const e = pick(validate.errors ?? []);
  // A missing property is located where it should be.
  const missing = e.keyword === 'required' ? (e.params as { missingProperty?: string }).missingProperty : undefined;
  const where = locate(missing ? `${e.instancePath}/${missing}` : e.instancePath, base);
  const zh = (ZH_KEYWORD[e.keyword] ?? (() => '不符合 EPCIS 2.0 模式'))(e);
  return [
    {
      ...where,
      message: `${where.pointer || '/'}：${zh}`,
      messageEn: `${where.pointer || '/'}: ${e.message ?? 'does not match the EPCIS 2.0 schema'}`,
    },
  ];
}

export const EPCIS_EVENT_TYPES = [
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
] as const;
export type EpcisEventType = (typeof EPCIS_EVENT_TYPES)[number];

/** Problems of one event sent alone (POST /epcis/events): it is validated inside a one-event document. */
export function eventProblems(event: unknown, context: unknown): EpcisProblem[] {
  const doc = {
    '@context': context ?? 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2000-01-01T00:00:00Z',
    epcisBody: { eventList: [event] },
  };
  return schemaProblems(doc).map((p) => {
    const pointer = p.pointer.replace(/^\/epcisBody\/eventList\/0/, '');
    const { eventIndex: _drop, ...rest } = p;
    void _drop;
    return {
      ...rest,
      pointer,
      message: p.message.replace(p.pointer, pointer || '/'),
      messageEn: p.messageEn.replace(p.pointer, pointer || '/'),
    };
  });
}
