/**
 * EPC URN <-> GS1 Digital Link URI translation (GS1 EPC Tag Data Standard 2.x, section 6 "EPC URI" and the TDS
 * "EPC URI <-> GS1 Digital Link" mapping; GS1 Digital Link 1.x for the URI side). Pure, no I/O.
 *
 * URN -> DL needs nothing but the URN: the company prefix length is visible from the dot. DL -> URN needs the GS1
 * company prefix length (it is not visible in the AI string); as the translator of record (openepcis) it does not
 * re-check the DL check digit (the URN carries none); the Digital Link parser is the place that validates.
 */
import { gs1CheckDigit } from './check-digit.ts';

const DL_ROOT = 'https://id.gs1.org';

/** EPC URN serial/reference characters: GS1 AI encodable set 82 as written in a URN, with %XX escapes. */
const URN_CHARS = String.raw`(?:%[0-9A-Fa-f]{2}|[!'()*+,\-.0-9:;=A-Za-z_])`;
const serialPatterns = new Map<number, RegExp>();
function serialRe(max: number): RegExp {
  let re = serialPatterns.get(max);
  if (!re) serialPatterns.set(max, (re = new RegExp(`^${URN_CHARS}{1,${max}}$`)));
  return re;
}

/** Characters the DL standard requires percent-encoded that an EPC URN may carry unescaped (DL 1.x table 7-1). */
function encodeDlValue(value: string): string {
  return value.replace(/[!()*+,:]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function withCheck(digits: string): string {
  return digits + String(gs1CheckDigit(digits));
}

/** Split `gcp.ref` where `gcp` is 6-12 digits and `gcp+ref` has `total` digits (ref may be empty when allowed). */
function splitDigits(a: string, b: string, total: number): boolean {
  return /^\d{6,12}$/.test(a) && /^\d*$/.test(b) && a.length + b.length === total;
}

/** GTIN-14 from an SGTIN/LGTIN/ITIP/UPUI `gcp.indicatorAndItemRef` pair. */
function gtinOf(gcp: string, itemRef: string): string | null {
  if (!splitDigits(gcp, itemRef, 13) || itemRef.length < 1) return null;
  return withCheck(itemRef.slice(0, 1) + gcp + itemRef.slice(1));
}

/**
 * The GS1 Digital Link URI (on id.gs1.org, AIs numeric) of an EPC pure-identity URN, EPC class URN (lgtin) or EPC
 * pattern URN whose serial part is `*`; null when `urn` is not one of them or is malformed.
 */
export function epcUrnToDigitalLink(urn: string): string | null {
  const m = /^urn:epc:(id|class|idpat):([a-z]+):(.+)$/.exec(urn);
  if (!m) return null;
  const [, kind, scheme, body] = m as unknown as [string, string, string, string];
  const parts = body.split('.');
  const [gcp = '', ref = ''] = parts;
  if (kind === 'class') {
    if (scheme !== 'lgtin') return null;
    const lot = parts.slice(2).join('.');
    const gtin = gtinOf(gcp, ref);
    return gtin && serialRe(20).test(lot) ? `${DL_ROOT}/01/${gtin}/10/${encodeDlValue(lot)}` : null;
  }
  if (kind === 'idpat') return patternToDigitalLink(scheme, parts);
  switch (scheme) {
    case 'sgtin':
    case 'upui': {
      const serial = parts.slice(2).join('.');
      const gtin = gtinOf(gcp, ref);
      const max = scheme === 'sgtin' ? 20 : 28;
      if (!gtin || !serialRe(max).test(serial)) return null;
      return `${DL_ROOT}/01/${gtin}/${scheme === 'sgtin' ? '21' : '235'}/${encodeDlValue(serial)}`;
    }
    case 'sscc':
      // The SSCC serial reference starts with the extension digit, which leads the AI (00) value.
      return parts.length === 2 && splitDigits(gcp, ref, 17)
        ? `${DL_ROOT}/00/${withCheck(ref.slice(0, 1) + gcp + ref.slice(1))}`
        : null;
    case 'sgln': {
      const ext = parts.slice(2).join('.');
      if (!splitDigits(gcp, ref, 12) || !serialRe(20).test(ext)) return null;
      return `${DL_ROOT}/414/${withCheck(gcp + ref)}/254/${encodeDlValue(ext)}`;
    }
    case 'grai': {
      const serial = parts.slice(2).join('.');
      if (!splitDigits(gcp, ref, 12) || !serialRe(16).test(serial)) return null;
      return `${DL_ROOT}/8003/${withCheck(`0${gcp}${ref}`)}${encodeDlValue(serial)}`;
    }
    case 'gdti': {
      const serial = parts.slice(2).join('.');
      if (!splitDigits(gcp, ref, 12) || !serialRe(17).test(serial)) return null;
      return `${DL_ROOT}/253/${withCheck(gcp + ref)}${encodeDlValue(serial)}`;
    }
    case 'sgcn': {
      const serial = parts.slice(2).join('.');
      if (!splitDigits(gcp, ref, 12) || !/^\d{1,12}$/.test(serial)) return null;
      return `${DL_ROOT}/255/${withCheck(gcp + ref)}${serial}`;
    }
    case 'giai':
    case 'ginc': {
      const assetRef = parts.slice(1).join('.');
      if (!/^\d{6,12}$/.test(gcp) || !serialRe(30 - gcp.length).test(assetRef)) return null;
      return `${DL_ROOT}/${scheme === 'giai' ? '8004' : '401'}/${gcp}${encodeDlValue(assetRef)}`;
    }
    case 'gsrn':
    case 'gsrnp':
      return parts.length === 2 && splitDigits(gcp, ref, 17)
        ? `${DL_ROOT}/${scheme === 'gsrn' ? '8018' : '8017'}/${withCheck(gcp + ref)}`
        : null;
    case 'gsin':
      return parts.length === 2 && splitDigits(gcp, ref, 16) ? `${DL_ROOT}/402/${withCheck(gcp + ref)}` : null;
    case 'pgln':
      return parts.length === 2 && splitDigits(gcp, ref, 12) ? `${DL_ROOT}/417/${withCheck(gcp + ref)}` : null;
    case 'cpi': {
      const serial = parts[parts.length - 1] ?? '';
      const cpRef = parts.slice(1, -1).join('.');
      if (parts.length < 3 || !/^\d{6,12}$/.test(gcp) || !/^\d{1,12}$/.test(serial)) return null;
      if (!/^(?:%2[3dfDF]|%3[0-9]|%4[1-9A-Fa-f]|%5[0-9Aa]|[0-9A-Z-])+$/.test(cpRef)) return null;
      return `${DL_ROOT}/8010/${encodeDlValue(gcp + cpRef)}/8011/${serial}`;
    }
    case 'itip': {
      const [, , piece = '', total = '', ...rest] = parts;
      const serial = rest.join('.');
      const gtin = gtinOf(gcp, ref);
      if (!gtin || !/^\d{2}$/.test(piece) || !/^\d{2}$/.test(total) || !serialRe(20).test(serial)) return null;
      return `${DL_ROOT}/8006/${gtin}${piece}${total}/21/${encodeDlValue(serial)}`;
    }
    default:
      return null;
  }
}

/** Pattern URNs whose only wildcard is the serial: the class-level DL (the key without its serial qualifier). */
function patternToDigitalLink(scheme: string, parts: readonly string[]): string | null {
  if (parts[parts.length - 1] !== '*') return null;
  const [gcp = '', ref = ''] = parts;
  switch (scheme) {
    case 'sgtin':
    case 'upui': {
      const gtin = parts.length === 3 ? gtinOf(gcp, ref) : null;
      return gtin ? `${DL_ROOT}/01/${gtin}` : null;
    }
    case 'grai':
      return parts.length === 3 && splitDigits(gcp, ref, 12) ? `${DL_ROOT}/8003/${withCheck(`0${gcp}${ref}`)}` : null;
    case 'gdti':
    case 'sgcn':
      return parts.length === 3 && splitDigits(gcp, ref, 12)
        ? `${DL_ROOT}/${scheme === 'gdti' ? '253' : '255'}/${withCheck(gcp + ref)}`
        : null;
    case 'cpi':
      return parts.length === 3 && /^\d{6,12}$/.test(gcp) && /^[0-9A-Z%#/-]+$/.test(ref)
        ? `${DL_ROOT}/8010/${encodeDlValue(gcp + ref)}`
        : null;
    case 'itip': {
      const gtin = parts.length === 5 ? gtinOf(gcp, ref) : null;
      const [, , piece = '', total = ''] = parts;
      return gtin && /^\d{2}$/.test(piece) && /^\d{2}$/.test(total) ? `${DL_ROOT}/8006/${gtin}${piece}${total}` : null;
    }
    default:
      return null;
  }
}

/** Primary keys (and their qualifiers) that map to an EPC scheme. */
const KEY_PATH =
  /\/(00|01|414|417|8003|8004|8017|8018|253|255|401|402)\/([^/?#]+)((?:\/[^/?#]+\/[^/?#]+)*)\/?(?:[?#].*)?$/;

function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Re-escape a DL value for a URN: characters outside the URN set become %XX (TDS 14.3, table of escapes). */
function encodeUrnValue(value: string): string {
  return value.replace(
    /[^!'()*+,\-.0-9:;=A-Za-z_]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/**
 * The EPC URN of a GS1 Digital Link URI (any host; the key path is what counts), given the length of the GS1
 * company prefix inside the key (6..12). Defaults to 7, the length of the GS1 China and of the standard's example
 * prefixes (690xxxx, 0614141). Returns null when the URI has no key with an EPC scheme or is malformed.
 */
export function digitalLinkToEpcUrn(uri: string, companyPrefixLength = 7): string | null {
  if (!Number.isInteger(companyPrefixLength) || companyPrefixLength < 6 || companyPrefixLength > 12) return null;
  if (!/^https?:\/\/[^/?#]+\//i.test(uri)) return null;
  const m = KEY_PATH.exec(uri);
  if (!m) return null;
  const [, ai = '', rawKey = '', rawQualifiers = ''] = m;
  const key = decodeSegment(rawKey);
  const q = new Map<string, string>();
  const segs = rawQualifiers.split('/').slice(1);
  for (let i = 0; i + 1 < segs.length; i += 2) q.set(segs[i] ?? '', decodeSegment(segs[i + 1] ?? ''));
  const n = companyPrefixLength;
  const digits = (len: number): boolean => new RegExp(`^\\d{${len}}$`).test(key);
  switch (ai) {
    case '01': {
      if (!digits(14)) return null;
      const head = `${key.slice(1, 1 + n)}.${key.slice(0, 1)}${key.slice(1 + n, 13)}`;
      const serial = q.get('21');
      const lot = q.get('10');
      const cpi = q.get('235');
      if (serial !== undefined) return `urn:epc:id:sgtin:${head}.${encodeUrnValue(serial)}`;
      if (cpi !== undefined) return `urn:epc:id:upui:${head}.${encodeUrnValue(cpi)}`;
      if (lot !== undefined) return `urn:epc:class:lgtin:${head}.${encodeUrnValue(lot)}`;
      return `urn:epc:idpat:sgtin:${head}.*`;
    }
    case '00':
      return digits(18) ? `urn:epc:id:sscc:${key.slice(1, 1 + n)}.${key.slice(0, 1)}${key.slice(1 + n, 17)}` : null;
    case '414': {
      if (!digits(13)) return null;
      const ext = q.get('254') ?? '0';
      return `urn:epc:id:sgln:${key.slice(0, n)}.${key.slice(n, 12)}.${encodeUrnValue(ext)}`;
    }
    case '417':
      return digits(13) ? `urn:epc:id:pgln:${key.slice(0, n)}.${key.slice(n, 12)}` : null;
    case '8003': {
      if (!/^0\d{13}/.test(key)) return null;
      const serial = key.slice(14);
      return serial
        ? `urn:epc:id:grai:${key.slice(1, 1 + n)}.${key.slice(1 + n, 13)}.${encodeUrnValue(serial)}`
        : `urn:epc:idpat:grai:${key.slice(1, 1 + n)}.${key.slice(1 + n, 13)}.*`;
    }
    case '253': {
      if (!/^\d{13}/.test(key)) return null;
      const serial = key.slice(13);
      return serial
        ? `urn:epc:id:gdti:${key.slice(0, n)}.${key.slice(n, 12)}.${encodeUrnValue(serial)}`
        : `urn:epc:idpat:gdti:${key.slice(0, n)}.${key.slice(n, 12)}.*`;
    }
    case '255': {
      if (!/^\d{14,25}$/.test(key)) return null;
      return `urn:epc:id:sgcn:${key.slice(0, n)}.${key.slice(n, 12)}.${key.slice(13)}`;
    }
    case '8004':
    case '401':
      return key.length > n && /^\d+$/.test(key.slice(0, n))
        ? `urn:epc:id:${ai === '8004' ? 'giai' : 'ginc'}:${key.slice(0, n)}.${encodeUrnValue(key.slice(n))}`
        : null;
    case '8017':
    case '8018':
      return digits(18)
        ? `urn:epc:id:${ai === '8018' ? 'gsrn' : 'gsrnp'}:${key.slice(0, n)}.${key.slice(n, 17)}`
        : null;
    case '402':
      return digits(17) ? `urn:epc:id:gsin:${key.slice(0, n)}.${key.slice(n, 16)}` : null;
    default:
      return null;
  }
}
