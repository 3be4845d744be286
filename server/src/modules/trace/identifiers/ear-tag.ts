/**
 * 畜禽标识 (livestock ear tag) numbers: 15 digits = species code (1) + county-level division code (6) + serial (8).
 *
 * Source: 《畜禽标识和养殖档案管理办法》(农业部令 2006 年第 67 号) 第九条: "畜禽标识编码由畜禽种类代码、县级行政区域
 * 代码、标识顺序号共 15 位数字及专用条码组成。猪、牛、羊的畜禽种类代码分别为 1、2、3。" Only these three species codes
 * are published there; any other leading digit is rejected rather than guessed. Whether the 6 digits name a real
 * county is the caller's knowledge (the platform's division table), passed in as `isCountyCode` so this file stays
 * pure. Pure, no I/O.
 */

/** Species codes of the regulation (article 9). */
export const EAR_TAG_SPECIES = {
  '1': { code: 'pig', zh: '猪' },
  '2': { code: 'cattle', zh: '牛' },
  '3': { code: 'sheep', zh: '羊' },
} as const;

export type EarTagSpeciesDigit = keyof typeof EAR_TAG_SPECIES;
export type EarTagSpecies = (typeof EAR_TAG_SPECIES)[EarTagSpeciesDigit]['code'];

export interface EarTag {
  /** The 15 digits, spaces and hyphens removed. */
  number: string;
  speciesDigit: EarTagSpeciesDigit;
  species: EarTagSpecies;
  speciesZh: string;
  /** County-level administrative division code (GB/T 2260), 6 digits. */
  countyCode: string;
  /** 标识顺序号, 8 digits. */
  serial: string;
}

export type EarTagResult = { ok: true; value: EarTag } | { ok: false; message: string };

export interface ParseEarTagOptions {
  /** Whether `code` is a real county-level division code; when absent, only the shape is checked. */
  isCountyCode?: (code: string) => boolean;
}

function isSpeciesDigit(d: string): d is EarTagSpeciesDigit {
  return Object.prototype.hasOwnProperty.call(EAR_TAG_SPECIES, d);
}

/**
 * Parses an ear tag number. Spaces and hyphens (as printed on tags) are ignored; everything else must be digits.
 * Returns the parts, or a Chinese-first message saying what is wrong.
 */
export function parseEarTag(input: string, options: ParseEarTagOptions = {}): EarTagResult {
  const number = input.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(number)) {
    return { ok: false, message: '畜禽标识编码只能包含数字 / an ear tag number has digits only' };
  }
  if (number.length !== 15) {
    return {
      ok: false,
      message: `畜禽标识编码应为 15 位数字，实际 ${number.length} 位 / an ear tag number has 15 digits, got ${number.length}`,
    };
  }
  const speciesDigit = number[0]!;
  if (!isSpeciesDigit(speciesDigit)) {
    return {
      ok: false,
      message: `未知的畜禽种类代码 ${speciesDigit}（1 猪、2 牛、3 羊） / unknown species code ${speciesDigit} (1 pig, 2 cattle, 3 sheep)`,
    };
  }
  const countyCode = number.slice(1, 7);
  if (!/^[1-8]\d{3}(?!00)\d{2}$/.test(countyCode)) {
    return {
      ok: false,
      message: `县级行政区划代码 ${countyCode} 格式不正确 / ${countyCode} is not a county-level division code`,
    };
  }
  if (options.isCountyCode && !options.isCountyCode(countyCode)) {
    return {
      ok: false,
      message: `县级行政区划代码 ${countyCode} 不存在 / no county-level division has code ${countyCode}`,
    };
  }
  const serial = number.slice(7);
  const species = EAR_TAG_SPECIES[speciesDigit];
  return {
    ok: true,
    value: { number, speciesDigit, species: species.code, speciesZh: species.zh, countyCode, serial },
  };
}

/** Formats an ear tag for reading: species, county, serial in groups (`2 150121 0000 0001`). */
export function formatEarTag(tag: EarTag): string {
  return `${tag.speciesDigit} ${tag.countyCode} ${tag.serial.slice(0, 4)} ${tag.serial.slice(4)}`;
}
