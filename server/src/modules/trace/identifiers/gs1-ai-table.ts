/**
 * The GS1 Application Identifiers the Digital Link parser and generator know: value format, whether a separator
 * (FNC1, `^`) must follow, Digital Link primary keys with their key-qualifier sequences, and the pairing rules
 * (`req`: one of the listed AIs must be present; `ex`: none of them may be). Written from the GS1 General
 * Specifications (section 3, AI definitions) and the GS1 Digital Link URI Syntax standard (key qualifiers), as
 * organised in the GS1 Barcode Syntax Dictionary. It covers the identification keys and the AIs a food and
 * agricultural supply chain uses (dates, weights, origin, certification, internal); other AIs are "unknown" and
 * accepted only when the caller permits unknown AIs. Pure data.
 */

export type Gs1Cset = 'N' | 'X' | 'Y';

export interface Gs1AiPart {
  cset: Gs1Cset;
  min: number;
  max: number;
  /** Optional final component. */
  optional: boolean;
  /** GS1 mod-10 check digit on the last digit of this part. */
  checkDigit: boolean;
  /** A YYMMDD date (DD may be 00 when `dayMayBeZero`). */
  date?: 'yymmdd' | 'yymmd0';
}

export interface Gs1AiEntry {
  ai: string;
  title: string;
  /** Predefined length: no FNC1 separator needed after it. */
  fixedLength: boolean;
  parts: Gs1AiPart[];
  /** Digital Link primary key: the alternative key-qualifier sequences (each may be empty). */
  dlKeyQualifiers?: string[][];
  /** Allowed as a Digital Link data attribute (query string). */
  dlAttribute: boolean;
  /** Each inner list: at least one of these AIs (patterns, `n` = any digit) must also be present. */
  requires: string[][];
  /** None of these AIs (patterns) may also be present. */
  excludes: string[];
  /** A placeholder for an AI outside this table (only when unknown AIs are permitted). */
  isUnknown?: boolean;
}

// [ai or range "3100-3105", flags ("*" predefined length, "-" not a DL attribute), parts, attributes, title]
type Row = [string, string, string, string, string];

const ROWS: Row[] = [
  ['00', '*', 'N18,csum', 'dlpkey', 'SSCC'],
  ['01', '*', 'N14,csum', 'ex=02,255,37 dlpkey=22,10,21|235', 'GTIN'],
  ['02', '*', 'N14,csum', 'req=37', 'CONTENT'],
  ['10', '', 'X..20', 'req=01,02,8006,8026', 'BATCH/LOT'],
  ['11', '*', 'N6,yymmd0', 'req=01,02,8006,8026', 'PROD DATE'],
  ['12', '*', 'N6,yymmd0', 'req=8020', 'DUE DATE'],
  ['13', '*', 'N6,yymmd0', 'req=01,02,8006,8026', 'PACK DATE'],
  ['15', '*', 'N6,yymmd0', 'req=01,02,8006,8026', 'BEST BEFORE'],
  ['16', '*', 'N6,yymmd0', 'req=01,02,8006,8026', 'SELL BY'],
  ['17', '*', 'N6,yymmd0', 'req=01,02,255,8006,8026', 'USE BY OR EXPIRY'],
  ['20', '*', 'N2', 'req=01,02,8006,8026', 'VARIANT'],
  ['21', '', 'X..20', 'req=01,8006 ex=235', 'SERIAL'],
  ['22', '', 'X..20', 'req=01', 'CPV'],
  ['235', '-', 'X..28', 'req=01', 'TPX'],
  ['240', '', 'X..30', 'req=01,02,8006,8026', 'ADDITIONAL ID'],
  ['241', '', 'X..30', 'req=01,02,8006,8026', 'CUST. PART No.'],
  ['242', '', 'N..6', 'req=01,02,8006,8026', 'MTO VARIANT'],
  ['243', '', 'X..20', 'req=01', 'PCN'],
  ['250', '', 'X..30', 'req=01,8006 req=21', 'SECONDARY SERIAL'],
  ['251', '', 'X..30', 'req=01,8006', 'REF. TO SOURCE'],
  ['253', '', 'N13,csum [X..17]', 'dlpkey', 'GDTI'],
  ['254', '', 'X..20', 'req=414', 'GLN EXTENSION COMPONENT'],
  ['255', '', 'N13,csum [N..12]', 'dlpkey ex=01,02,415,8006,8020,8026', 'GCN'],
  ['30', '', 'N..8', 'req=01,02', 'VAR. COUNT'],
  ['37', '', 'N..8', 'req=00 req=02,8026', 'COUNT'],
  ['400', '', 'X..30', '', 'ORDER NUMBER'],
  ['401', '', 'X..30', 'dlpkey', 'GINC'],
  ['402', '', 'N17,csum', 'dlpkey', 'GSIN'],
  ['403', '', 'X..30', 'req=00', 'ROUTE'],
  ['410', '*', 'N13,csum', '', 'SHIP TO LOC'],
  ['411', '*', 'N13,csum', '', 'BILL TO'],
  ['412', '*', 'N13,csum', '', 'PURCHASE FROM'],
  ['413', '*', 'N13,csum', '', 'SHIP FOR LOC'],
  ['414', '*', 'N13,csum', 'dlpkey=254|7040', 'LOC No.'],
  ['415', '*', 'N13,csum', 'req=8020 dlpkey=8020', 'PAY TO'],
  ['416', '*', 'N13,csum', '', 'PROD/SERV LOC'],
  ['417', '*', 'N13,csum', 'dlpkey=7040', 'PARTY'],
  ['420', '', 'X..20', 'ex=421', 'SHIP TO POST'],
  ['421', '', 'N3 X..9', 'ex=4307', 'SHIP TO POST'],
  ['422', '', 'N3', 'req=01,02,8006,8026 ex=426', 'ORIGIN'],
  ['423', '', 'N..15', 'req=01,02 ex=426', 'COUNTRY - INITIAL PROCESS'],
  ['424', '', 'N3', 'req=01,02 ex=426', 'COUNTRY - PROCESS'],
  ['425', '', 'N..15', 'req=01,02 ex=426', 'COUNTRY - DISASSEMBLY'],
  ['426', '', 'N3', 'req=01,02', 'COUNTRY - FULL PROCESS'],
  ['427', '', 'X..3', 'req=01,02 req=422', 'ORIGIN SUBDIVISION'],
  ['7001', '', 'N13', 'req=01,02,8006,8026', 'NSN'],
  ['7002', '', 'X..30', 'req=01,02', 'MEAT CUT'],
  ['7003', '', 'N6,yymmdd N4', 'req=01,02', 'EXPIRY TIME'],
  ['7004', '', 'N..4', 'req=01 req=10', 'ACTIVE POTENCY'],
  ['7005', '', 'X..12', 'req=01,02', 'CATCH AREA'],
  ['7006', '', 'N6,yymmdd', 'req=01,02', 'FIRST FREEZE DATE'],
  ['7007', '', 'N6,yymmdd [N..6]', 'req=01,02', 'HARVEST DATE'],
  ['7008', '', 'X..3', 'req=01,02', 'AQUATIC SPECIES'],
  ['7009', '', 'X..10', 'req=01,02', 'FISHING GEAR TYPE'],
  ['7010', '', 'X..2', 'req=01,02', 'PROD METHOD'],
  ['7011', '', 'N6,yymmdd [N..4]', 'req=01,02', 'TEST BY DATE'],
  ['7020', '', 'X..20', 'req=01,8006 req=416', 'REFURB LOT'],
  ['7021', '', 'X..20', 'req=01,8006', 'FUNC STAT'],
  ['7022', '', 'X..20', 'req=7021', 'REV STAT'],
  ['7023', '', 'X..30', '', 'GIAI - ASSEMBLY'],
  ['7040', '', 'N1 X3', '', 'UIC+EXT'],
  ['7230-7239', '', 'X2 X..28', 'req=01,8004', 'CERT'],
  ['7240', '', 'X..20', 'req=01,8006', 'PROTOCOL'],
  ['8001', '', 'N14', 'req=01', 'DIMENSIONS'],
  ['8002', '', 'X..20', '', 'CMT No.'],
  ['8003', '', 'N14,csum [X..16]', 'dlpkey', 'GRAI'],
  ['8004', '', 'X..30', 'dlpkey=7040', 'GIAI'],
  ['8005', '', 'N6', 'req=01,02', 'PRICE PER UNIT'],
  ['8006', '', 'N14,csum N4', 'ex=01,37 dlpkey=22,10,21', 'ITIP'],
  ['8007', '', 'X..34', 'req=415', 'IBAN'],
  ['8008', '', 'N8 [N..4]', 'req=01,02', 'PROD TIME'],
  ['8009', '', 'X..50', 'req=00,01', 'OPTSEN'],
  ['8010', '', 'Y..30', 'dlpkey=8011', 'CPID'],
  ['8011', '', 'N..12', 'req=8010', 'CPID SERIAL'],
  ['8012', '', 'X..20', 'req=01,8006', 'VERSION'],
  ['8013', '', 'X..25', 'dlpkey', 'GMN'],
  ['8017', '', 'N18,csum', 'ex=8018 dlpkey=8019', 'GSRN - PROVIDER'],
  ['8018', '', 'N18,csum', 'ex=8017 dlpkey=8019', 'GSRN - RECIPIENT'],
  ['8019', '', 'N..10', 'req=8017,8018', 'SRIN'],
  ['8020', '', 'X..25', 'req=415', 'REF No.'],
  ['8026', '', 'N14,csum N4', 'req=37 ex=02,8006', 'ITIP CONTENT'],
  ['8200', '-', 'X..70', 'req=01', 'PRODUCT URL'],
  ['90', '', 'X..30', '', 'INTERNAL'],
  ['91-99', '', 'X..90', '', 'INTERNAL'],
];

// Measures (3100-3695): N6, predefined length, the pairing rules by family.
const MEASURE_FAMILIES: [string, string][] = [
  ['310', 'req=01,02'],
  ['311', 'req=01,02'],
  ['312', 'req=01,02'],
  ['313', 'req=01,02'],
  ['314', 'req=01,02'],
  ['315', 'req=01,02'],
  ['316', 'req=01,02'],
  ['320', 'req=01,02'],
  ['321', 'req=01,02'],
  ['322', 'req=01,02'],
  ['323', 'req=01,02'],
  ['324', 'req=01,02'],
  ['325', 'req=01,02'],
  ['326', 'req=01,02'],
  ['327', 'req=01,02'],
  ['328', 'req=01,02'],
  ['329', 'req=01,02'],
  ['330', 'req=00,01'],
  ['331', 'req=00,01'],
  ['332', 'req=00,01'],
  ['333', 'req=00,01'],
  ['334', 'req=00,01'],
  ['335', 'req=00,01'],
  ['336', 'req=00,01'],
  ['337', 'req=01'],
  ['340', 'req=00,01'],
  ['341', 'req=00,01'],
  ['342', 'req=00,01'],
  ['343', 'req=00,01'],
  ['344', 'req=00,01'],
  ['345', 'req=00,01'],
  ['346', 'req=00,01'],
  ['347', 'req=00,01'],
  ['348', 'req=00,01'],
  ['349', 'req=00,01'],
  ['350', 'req=01,02'],
  ['351', 'req=01,02'],
  ['352', 'req=01,02'],
  ['353', 'req=00,01'],
  ['354', 'req=00,01'],
  ['355', 'req=00,01'],
  ['356', 'req=01,02'],
  ['357', 'req=01,02'],
  ['360', 'req=01,02'],
  ['361', 'req=01,02'],
  ['362', 'req=00,01'],
  ['363', 'req=00,01'],
  ['364', 'req=01,02'],
  ['365', 'req=01,02'],
  ['366', 'req=01,02'],
  ['367', 'req=00,01'],
  ['368', 'req=00,01'],
  ['369', 'req=00,01'],
];
for (const [family, req] of MEASURE_FAMILIES)
  ROWS.push([`${family}0-${family}5`, '*', 'N6', `${req} ex=${family}n`, 'MEASURE']);
ROWS.push(
  ['3900-3909', '', 'N..15', 'req=255,8020 ex=390n,391n,394n', 'AMOUNT'],
  ['3910-3919', '', 'N3 N..15', 'req=8020 ex=391n', 'AMOUNT'],
  ['3920-3929', '', 'N..15', 'req=01 req=30,31nn,32nn,35nn,36nn ex=392n,393n', 'PRICE'],
  ['3930-3939', '', 'N3 N..15', 'req=30,31nn,32nn,35nn,36nn ex=393n', 'PRICE'],
  ['3940-3943', '', 'N4', 'req=255 ex=394n', 'PRCNT OFF'],
  ['3950-3955', '', 'N6', 'req=30,31nn,32nn,35nn,36nn ex=392n,393n,395n', 'PRICE/UoM'],
);

function parsePart(spec: string): Gs1AiPart {
  const optional = spec.startsWith('[');
  const [fmt = '', ...linters] = spec.replace(/[[\]]/g, '').split(',');
  const m = /^([NXY])(\.\.)?(\d+)$/.exec(fmt);
  if (!m) throw new Error(`bad AI part ${spec}`);
  const max = Number(m[3]);
  const date = linters.find((l): l is 'yymmdd' | 'yymmd0' => l === 'yymmdd' || l === 'yymmd0');
  return {
    cset: m[1] as Gs1Cset,
    min: m[2] ? 1 : max,
    max,
    optional,
    checkDigit: linters.includes('csum'),
    ...(date ? { date } : {}),
  };
}

function buildEntry(ai: string, [, flags, parts, attrs, title]: Row): Gs1AiEntry {
  const entry: Gs1AiEntry = {
    ai,
    title,
    fixedLength: flags.includes('*'),
    parts: parts.split(' ').map(parsePart),
    dlAttribute: !flags.includes('-'),
    requires: [],
    excludes: [],
  };
  for (const attr of attrs.split(' ').filter(Boolean)) {
    const [name, value = ''] = attr.split('=');
    if (name === 'dlpkey') entry.dlKeyQualifiers = value ? value.split('|').map((s) => s.split(',')) : [[]];
    else if (name === 'req') entry.requires.push(value.split(','));
    else if (name === 'ex') entry.excludes.push(...value.split(','));
  }
  return entry;
}

/** Every known AI by its code. */
export const GS1_AI_TABLE: ReadonlyMap<string, Gs1AiEntry> = (() => {
  const table = new Map<string, Gs1AiEntry>();
  for (const row of ROWS) {
    const [from, to = from] = row[0].split('-') as [string, string?];
    for (let n = Number(from); n <= Number(to); n++) {
      const ai = String(n).padStart(from.length, '0');
      table.set(ai, buildEntry(ai, row));
    }
  }
  return table;
})();

/**
 * The entry for an unknown AI when unknown AIs are permitted: variable length, any CSET 82; a Digital Link data
 * attribute only when the caller turns off the "unknown AI is not a DL attribute" validation.
 */
export function unknownAiEntry(ai: string): Gs1AiEntry {
  return {
    ai,
    title: 'UNKNOWN',
    fixedLength: false,
    parts: [{ cset: 'X', min: 1, max: 90, optional: false, checkDigit: false }],
    dlAttribute: true,
    isUnknown: true,
    requires: [],
    excludes: [],
  };
}

/** Whether `ai` matches a pattern such as `31nn` or `392n` (`n` = any digit). */
export function aiMatchesPattern(ai: string, pattern: string): boolean {
  return ai.length === pattern.length && [...pattern].every((c, i) => (c === 'n' ? /\d/.test(ai[i]!) : c === ai[i]));
}
