/**
 * Canonical forms of single values for the CBV 2.0 Event Hash ID (CBV 2.0 section 8.9, steps on value formats):
 * old CBV URNs -> Web URIs, numbers without leading/trailing zeros, timestamps in UTC at millisecond precision, and
 * every GS1 identifier (EPC URN, EPC class/pattern URN, any GS1 Digital Link URI) -> the constrained canonical
 * Digital Link on id.gs1.org (lowest identification level, no CPV, no query string).
 * Where the standard is silent the reference implementation (RalphTro/epcis-event-hash-generator) decides.
 */
import { epcUrnToDigitalLink } from '../../identifiers/epc-digital-link.ts';

const OLD_CBV: readonly (readonly [string, string])[] = [
  ['urn:epcglobal:cbv:bizstep:', 'https://ref.gs1.org/cbv/BizStep-'],
  ['urn:epcglobal:cbv:disp:', 'https://ref.gs1.org/cbv/Disp-'],
  ['urn:epcglobal:cbv:btt:', 'https://ref.gs1.org/cbv/BTT-'],
  ['urn:epcglobal:cbv:sdt:', 'https://ref.gs1.org/cbv/SDT-'],
  ['urn:epcglobal:cbv:er:', 'https://ref.gs1.org/cbv/ER-'],
];

/** A decimal number as Python's float() accepts it (the reference parses numbers that way; `_` groups digits). */
const NUMBER = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;

/** The shortest repr of a double as Python prints it (exponent form below 1e-4; integers exactly, no ".0"). */
function pythonNumber(x: number): string {
  if (Number.isInteger(x)) return BigInt(x).toString();
  const exp = x.toExponential();
  const [mantissa = '', e = '0'] = exp.split('e');
  const power = Number(e);
  if (power >= -4) return String(x);
  return `${mantissa}e-${String(-power).padStart(2, '0')}`;
}

function canonicalNumber(text: string): string {
  if (!NUMBER.test(text)) return text;
  const x = Number(text.replace(/_/g, ''));
  return Number.isFinite(x) ? pythonNumber(x) : text;
}

/** Recent canonical forms: a capture repeats the same identifiers (read points, locations, classes) many times. */
const recent = new Map<string, string>();
const RECENT_MAX = 5000;

/** Run a (trimmed, non-time) value through all canonical forms. */
export function canonicalValue(raw: string): string {
  let canonical = recent.get(raw);
  if (canonical === undefined) {
    canonical = computeCanonicalValue(raw);
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(raw, canonical);
  }
  return canonical;
}

function computeCanonicalValue(raw: string): string {
  let text = raw;
  if (text.includes('urn:epcglobal:cbv:')) for (const [from, to] of OLD_CBV) text = text.split(from).join(to);
  text = canonicalNumber(text);
  return canonicalIdentifier(text) ?? text;
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * `2022-02-16T20:33:31.116000-06:00` -> `2022-02-17T02:33:31.116Z`: UTC, the fraction rounded half-to-even to
 * milliseconds (from microseconds, as the reference does). A timestamp without offset counts as UTC. Text that is
 * not an ISO 8601 date-time is returned unchanged.
 */
export function canonicalTimestamp(text: string): string {
  const m = TIMESTAMP.exec(text);
  if (!m) return text;
  const [, y, mo, d, h, mi, s = '0', frac = '', zone = 'Z'] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return text;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return text;
  const micros = Number(frac.padEnd(6, '0').slice(0, 6));
  let ms = Math.floor(micros / 1000);
  const rest = micros % 1000;
  if (rest > 500 || (rest === 500 && ms % 2 === 1)) ms += 1;
  let offsetMin = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
  }
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms) - offsetMin * 60_000;
  if (!Number.isFinite(t)) return text;
  const date = new Date(t);
  // Date.UTC maps years 0-99 to 1900-1999; EPCIS never has them, but keep the year as written.
  if (Number(y) < 100) date.setUTCFullYear(date.getUTCFullYear() - 1900);
  return date.toISOString();
}

// ---- GS1 identifiers -> constrained canonical Digital Link -------------------------------------------------------

/** Key AIs (and their DL short names) that may lead a Digital Link path. */
const KEY_AIS = ['00', '01', '253', '255', '401', '402', '414', '417', '8003', '8004', '8006', '8010', '8017', '8018'];
const SHORT_NAMES: readonly (readonly [string, string])[] = [
  ['gtin', '01'],
  ['itip', '8006'],
  ['cpid', '8010'],
  ['gln', '414'],
  ['party', '417'],
  ['gsrnp', '8017'],
  ['gsrn', '8018'],
  ['gcn', '255'],
  ['sscc', '00'],
  ['gdti', '253'],
  ['ginc', '401'],
  ['gsin', '402'],
  ['grai', '8003'],
  ['giai', '8004'],
  ['cpv', '22'],
  ['lot', '10'],
  ['ser', '21'],
];
const DL_KEY = new RegExp(
  String.raw`/(?:01|gtin|8006|itip|8010|cpid|414|gln|417|party|8017|gsrnp|8018|gsrn|255|gcn|` +
    String.raw`00|sscc|253|gdti|401|ginc|402|gsin|8003|grai|8004|giai)/\d{4}`,
);

/** GS1 AI encodable set 82 as the constrained DL allows it unescaped (no %, no /). */
const C = String.raw`[\x22\x27\x2D\x2E\x30-\x39\x3B-\x3F\x41-\x5A\x5F\x61-\x7A]`;
const ROOT = String.raw`^https://id\.gs1\.org/`;
const CANONICAL_DL: readonly RegExp[] = [
  String.raw`00/\d{18}`,
  String.raw`01/\d{14}(?:/(?:21|10)/${C}{0,20}|/235/${C}{0,28})?`,
  String.raw`253/\d{13}${C}{0,17}`,
  String.raw`255/\d{13}\d{0,12}`,
  String.raw`401/${C}{0,30}`,
  String.raw`402/\d{17}`,
  String.raw`414/\d{13}(?:/254/${C}{0,20})?`,
  String.raw`417/\d{13}`,
  String.raw`8003/\d{14}${C}{0,16}`,
  String.raw`8004/${C}{0,30}`,
  String.raw`8006/\d{18}(?:/(?:21|10)/${C}{0,20})?`,
  String.raw`8010/[\x23\x2D\x2F\x30-\x39\x41-\x5A]{0,30}(?:/8011/\d{0,12})?`,
  String.raw`8017/\d{18}`,
  String.raw`8018/\d{18}`,
].map((p) => new RegExp(`${ROOT}${p}$`));

const CANONICAL_HOST = new RegExp(`${ROOT}(?:${KEY_AIS.join('|')})/\\d{4}`);

/** A Digital Link on any host -> id.gs1.org with numeric AIs, GTIN-14, no CPV, no lot beside a serial. */
function canonicalDigitalLink(input: string): string | null {
  if (!/^https?:/.test(input)) return null;
  let uri = input.includes('?') ? input.slice(0, input.indexOf('?')) : input;
  if (!DL_KEY.test(uri.replace(/#.*/, ''))) return null;
  for (const [name, ai] of SHORT_NAMES) uri = uri.split(`/${name}/`).join(`/${ai}/`);
  if (!CANONICAL_HOST.test(uri)) {
    for (const ai of KEY_AIS) {
      const at = uri.indexOf(`/${ai}/`);
      if (at >= 0) {
        uri = `https://id.gs1.org${uri.slice(at)}`;
        break;
      }
    }
  }
  const gtin = /^https:\/\/id\.gs1\.org\/01\/(\d+)/.exec(uri);
  if (gtin?.[1] && gtin[1].length < 14) {
    const len = gtin[1].length;
    const pad = len >= 13 ? 1 : len >= 12 ? 2 : len >= 8 ? 6 : 0;
    uri = uri.split('/01/').join(`/01/${'0'.repeat(pad)}`);
  }
  if (/^https:\/\/id\.gs1\.org\/(?:01|8006)\//.test(uri)) {
    uri = uri.replace(/\/22\/[^/]*/, ''); // CPV is not an identification level
    uri = uri.replace(/\/10\/[^/]*(\/21\/[^/]*)$/, '$1'); // a serial identifies below the lot
  }
  return CANONICAL_DL.some((re) => re.test(uri)) ? uri : null;
}

/**
 * The canonical Digital Link of an EPC URN / EPC class URN / EPC pattern URN / GS1 Digital Link URI, or null when
 * `text` is none of them. An SGLN extension of `0` means "no extension" and is dropped.
 */
export function canonicalIdentifier(text: string): string | null {
  if (!text.includes('.')) return null;
  if (text.startsWith('urn:epc:')) {
    const dl = epcUrnToDigitalLink(text);
    if (dl && text.startsWith('urn:epc:id:sgln:') && dl.endsWith('/254/0')) return dl.slice(0, -'/254/0'.length);
    return dl;
  }
  return text.startsWith('http') ? canonicalDigitalLink(text) : null;
}
