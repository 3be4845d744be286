/**
 * The CBV 2.0 Event Hash ID (`ni:///sha-256;…?ver=CBV2.0`) of one EPCIS 2.0 event (GS1 CBV 2.0, section 8.9
 * "Event Hash ID"; RFC 6920 for the `ni:` form). Pure and synchronous.
 *
 * Algorithm (the reference implementation RalphTro/epcis-event-hash-generator settles what the text leaves open):
 * 1. Read the event as a tree of (name, value, children) in the XML data model: a JSON array becomes repeated
 *    elements (`epcList: [a, b]` -> `epcList/epc`, `quantityList` -> `quantityElement`, …); CBV bare words expand to
 *    their Web URIs (`shipping` -> `https://ref.gs1.org/cbv/BizStep-shipping`); `prefix:name` keys and values
 *    resolve through the @context namespaces (`{https://ns.example.com/epcis/}name`); comments are dropped.
 * 2. Emit `eventType=…`, then the standard fields in the fixed order of CBV 8.9.2 (eventTime, eventTimeZoneOffset,
 *    certificationInfo, parentID, epcList, … sensorElementList), each as `name=value` with nested elements in their
 *    own fixed order; repeated elements are sorted by their string; user extensions inside a standard field come
 *    right after it, sorted.
 * 3. Append whatever is left (bizTransactionList, sourceList, destinationList, ilmd, top-level user extensions …)
 *    generically, sorted, except the fields that never count: eventID, recordTime, errorDeclaration and `type`.
 * 4. Values are canonical (canonical-value.ts): timestamps in UTC with milliseconds, numbers without padding, GS1
 *    identifiers as canonical Digital Links on id.gs1.org, old CBV URNs as Web URIs.
 * 5. SHA-256 of the UTF-8 string, lower-case hex, as `ni:///sha-256;{hex}?ver=CBV2.0`.
 */
import { createHash } from 'node:crypto';
import { canonicalTimestamp, canonicalValue } from './canonical-value.ts';
import { STANDARD_PREFIXES, VOCABULARY_FIELDS } from './vocabulary.ts';

/** A JSON-LD @context as it appears in an EPCIS document (string, object or array of them). */
export type JsonLdContext = unknown;

/** Options beyond the document context. */
export interface EventHashOptions {
  /** Top-level event keys (as written, e.g. `example:captureID`) that a repository added and that must not count. */
  readonly ignoreFields?: readonly string[];
}

/** One element of the XML-shaped tree. `pair` marks a bizTransaction/source/destination (type + value) entry. */
interface Node {
  k: string;
  v: string;
  c: Node[];
  pair?: true;
}

type Order = readonly (readonly [string, Order | null])[];

/** Elements without children of their own, in this order. */
const leaves = (names: string): Order => names.split(' ').map((k) => [k, null] as const);

const QUANTITY: Order = [['quantityElement', leaves('epcClass quantity uom')]];
const EPCS: Order = [['epc', null]];
const ID: Order = [['id', null]];

/** CBV 2.0 section 8.9.2: the order of the standard fields and of their children. */
const PROPERTY_ORDER: Order = [
  ['eventTime', null],
  ['eventTimeZoneOffset', null],
  ['certificationInfo', null],
  ['parentID', null],
  ['epcList', EPCS],
  ['inputEPCList', EPCS],
  ['childEPCs', EPCS],
  ['quantityList', QUANTITY],
  ['childQuantityList', QUANTITY],
  ['inputQuantityList', QUANTITY],
  ['outputEPCList', EPCS],
  ['outputQuantityList', QUANTITY],
  ['action', null],
  ['transformationID', null],
  ['bizStep', null],
  ['disposition', null],
  ['persistentDisposition', leaves('set unset')],
  ['readPoint', ID],
  ['bizLocation', ID],
  // bizTransactionList, sourceList and destinationList follow with the remaining fields (step 3): their entries
  // are (type, value) pairs that keep their own order, as the reference implementation emits them.
  [
    'sensorElementList',
    [
      [
        'sensorElement',
        [
          [
            'sensorMetadata',
            leaves('time startTime endTime deviceID deviceMetadata rawData dataProcessingMethod bizRules'),
          ],
          [
            'sensorReport',
            leaves(
              'type exception deviceID deviceMetadata rawData dataProcessingMethod time microorganism ' +
                'chemicalSubstance value component stringValue booleanValue hexBinaryValue uriValue minValue ' +
                'maxValue meanValue sDev percRank percValue uom coordinateReferenceSystem',
            ),
          ],
        ],
      ],
    ],
  ],
];

const PAIR_LISTS = new Set(['bizTransactionList', 'sourceList', 'destinationList']);
const PAIR_VALUES = new Set(['bizTransaction', 'source', 'destination']);
const NEVER_HASHED = new Set(['recordTime', 'eventID', 'type', 'errorDeclaration']);
const COMMENTS = new Set(['#text', 'rdfs:comment', 'comment', '@context']);

// ---- step 1: JSON -> XML-shaped tree ------------------------------------------------------------------------------

/** Namespace prefixes from a JSON-LD context (inline objects only; remote contexts are the standard's). */
function collectPrefixes(context: unknown, into: Map<string, string>): void {
  if (Array.isArray(context)) {
    for (const c of context) collectPrefixes(c, into);
  } else if (context !== null && typeof context === 'object') {
    for (const [prefix, iri] of Object.entries(context)) if (typeof iri === 'string') into.set(prefix, iri);
  }
}

const STANDARD_PREFIX_MAP: ReadonlyMap<string, string> = new Map(Object.entries(STANDARD_PREFIXES));

/**
 * Document contexts -> their prefixes (a capture hashes many events of one document). A context object is read
 * once: parsed request bodies are never mutated afterwards.
 */
const prefixCache = new WeakMap<object, ReadonlyMap<string, string>>();

function prefixesOf(context: unknown): ReadonlyMap<string, string> {
  if (context === null || typeof context !== 'object') {
    if (context === undefined) return STANDARD_PREFIX_MAP;
    const map = new Map(STANDARD_PREFIX_MAP);
    collectPrefixes(context, map);
    return map;
  }
  let map = prefixCache.get(context);
  if (!map) {
    const built = new Map(STANDARD_PREFIX_MAP);
    collectPrefixes(context, built);
    prefixCache.set(context, (map = built));
  }
  return map;
}

interface Reader {
  readonly prefixes: ReadonlyMap<string, string>;
}

/** `prefix:name` -> `{iri}name` for keys; `iri` + `name` for values. */
function expandKey(r: Reader, key: string): string {
  const colon = key.indexOf(':');
  if (colon <= 0) return key;
  const iri = r.prefixes.get(key.slice(0, colon));
  return iri === undefined ? key : `{${iri}}${key.slice(colon + 1)}`;
}

function expandValue(r: Reader, value: string, field: string): string {
  const vocabulary = VOCABULARY_FIELDS.get(field);
  if (vocabulary?.terms.has(value)) return vocabulary.prefix + value;
  const colon = value.indexOf(':');
  if (colon <= 0) return value;
  const iri = r.prefixes.get(value.slice(0, colon));
  return iri === undefined ? value : iri + value.slice(colon + 1);
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

/** XML element names of JSON arrays whose items the XML binding names differently. */
function itemName(listKey: string): string {
  switch (listKey) {
    case 'inputEPCList':
    case 'outputEPCList':
    case 'epcList':
    case 'childEPCs':
      return 'epc';
    case 'quantityList':
    case 'childQuantityList':
    case 'inputQuantityList':
    case 'outputQuantityList':
      return 'quantityElement';
    default:
      return listKey.endsWith('List') ? listKey.slice(0, -4) : listKey;
  }
}

/** The tree node of `value` under `key` (already expanded), `parent` the enclosing JSON key for the vocabulary. */
function toNodes(r: Reader, key: string, value: unknown, parent: string, out: Node[]): void {
  const isList = key.endsWith('List') || key === 'childEPCs';
  if (Array.isArray(value) || isList) {
    const items: Node[] = [];
    // A `…List` key always holds a list in the XML model, even when the JSON gives a single object.
    for (const item of Array.isArray(value) ? value : [value]) {
      toNodes(r, isList ? itemName(key) : key, item, isList ? key : parent, items);
    }
    if (!isList) {
      out.push(...items);
    } else if (items.length > 0) {
      if (PAIR_LISTS.has(key)) for (const item of items) item.pair = true;
      out.push({ k: key, v: '', c: items });
    }
    return;
  }
  if (value !== null && typeof value === 'object') {
    const node: Node = { k: key, v: '', c: [] };
    const object = value as Record<string, unknown>;
    if (typeof object['#text'] === 'string') node.v = object['#text'];
    for (const [childKey, childValue] of Object.entries(object)) {
      if (COMMENTS.has(childKey) || childKey.startsWith('@')) continue;
      toNodes(r, expandKey(r, childKey), childValue, key, node.c);
    }
    out.push(node);
    return;
  }
  const text = scalarText(value);
  out.push({ k: key, v: typeof value === 'string' ? expandValue(r, text, `${parent}/${key}`) : text, c: [] });
}

// ---- steps 2-4: tree -> pre-hash string --------------------------------------------------------------------------

function isTimeField(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.includes('time') && !lower.includes('offset');
}

/** `name=value` of one element and its ordered children; consumes the children it emits. */
function orderedElement(node: Node, order: Order | null): string {
  const children = order ? orderedChildren(node.c, order) : '';
  let text = node.v.trim();
  if (text) text = `=${isTimeField(node.k) ? canonicalTimestamp(text) : canonicalValue(text)}`;
  return text || children ? node.k + text + children : '';
}

/** User extensions (`{iri/}name`) inside a standard field, emitted right after its ordered children. */
function takeUserExtensions(list: Node[]): Node[] {
  if (list.length <= 1 || list.some((n) => n.k.includes('eventTime') || n.k.includes('action'))) return [];
  const extensions = list.filter((n) => !n.pair && n.k.includes('{') && n.k.includes('/}'));
  for (const e of extensions) list.splice(list.indexOf(e), 1);
  return extensions;
}

/** The fields of `list` named in `order`, in that order, each group sorted; emitted leaves leave `list`. */
function orderedChildren(list: Node[], order: Order): string {
  const extensions = takeUserExtensions(list);
  const present = new Set(list.map((n) => n.k));
  let out = '';
  for (const [name, childOrder] of order) {
    if (!present.has(name)) continue;
    const values: string[] = [];
    for (const child of list.filter((n) => n.k === name && !n.pair)) {
      const s = orderedElement(child, childOrder);
      if (s) values.push(s);
      if (child.c.length === 0) list.splice(list.indexOf(child), 1);
    }
    values.sort();
    out += values.join('');
  }
  return extensions.length > 0 ? out + genericChildren(extensions) : out;
}

/** Any elements, generically: `name=value` + children, sorted unless they are a (type, value) pair. */
function genericChildren(list: readonly Node[]): string {
  const values = list.map((n) => {
    if (n.pair) return genericChildren(n.c);
    const text = n.v.trim();
    return n.k + (text ? `=${canonicalValue(text)}` : '') + genericChildren(n.c);
  });
  if (values.length > 1 && !list.some((n) => !n.pair && PAIR_VALUES.has(n.k))) values.sort();
  return values.join('');
}

/**
 * The canonical pre-hash string of `event` (CBV 2.0 section 8.9): what {@link eventHashId} hashes. Useful to see
 * why two events differ.
 */
export function preHashString(
  event: Readonly<Record<string, unknown>>,
  documentContext?: JsonLdContext,
  options: EventHashOptions = {},
): string {
  let prefixes = prefixesOf(documentContext);
  if (event['@context'] !== undefined) {
    const own = new Map(prefixes);
    collectPrefixes(event['@context'], own);
    prefixes = own;
  }
  const reader: Reader = { prefixes };
  const ignored = new Set(options.ignoreFields ?? []);
  const top: Node[] = [];
  for (const [key, value] of Object.entries(event)) {
    if (COMMENTS.has(key) || key.startsWith('@') || ignored.has(key) || NEVER_HASHED.has(key)) continue;
    toNodes(reader, expandKey(reader, key), value, '', top);
  }
  const type = typeof event.type === 'string' ? event.type : '';
  return `eventType=${type}${orderedChildren(top, PROPERTY_ORDER)}${genericChildren(top)}`;
}

/**
 * The Event Hash ID of `event` (a JSON object of an EPCIS 2.0 event, as in a document's eventList), given the
 * `@context` of the document it came in (for user-extension namespaces); the event's own `@context` wins.
 */
export function eventHashId(
  event: Readonly<Record<string, unknown>>,
  documentContext?: JsonLdContext,
  options?: EventHashOptions,
): string {
  const digest = createHash('sha256')
    .update(preHashString(event, documentContext, options), 'utf8')
    .digest('hex');
  return `ni:///sha-256;${digest}?ver=CBV2.0`;
}
