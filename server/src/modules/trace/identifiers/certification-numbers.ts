/**
 * Number formats of China's product certifications and geographical indications (三品一标 and GI), pure.
 *
 * Rules and their sources (public descriptions; where a rule is our assumption it says so):
 * - 绿色食品 企业信息码 `GF` + 12 digits: county-level division code (6) + year of certification (2) + serial of
 *   that year (4). Source: 中国绿色食品发展中心 numbering reform in force from 2009-08-01 (企业信息码 printed on the
 *   package since 2012-08-01), as described in its public notices and provincial announcements. The division code is
 *   checked for shape (province 11-82) and, when the caller passes `isDivisionCode`, for existence.
 * - 绿色食品 产品编号 (legacy, before 2012-08-01) `LB-XX-XXXXXXXXXX`: category (2) + year (2) + month (2) +
 *   province (2) + serial + grade digit. Source: the same notices. Assumption: published numbers show 10 or 11 digits
 *   after the category (serial of 3 or 4 digits) and sometimes a trailing `A`/`AA`; we accept both and check the month.
 * - 有机码 (organic code) 17 digits: certification body code (3) + year the label was issued (2) + random (12).
 *   Source: 国家认监委《有机产品认证实施规则》(CNCA-N-009) on the 有机产品认证标志 numbering.
 * - 农产品地理标志 (AGI, 农业农村部 registration) `AGI` + 5 digits as printed on products (e.g. AGI01234), or the
 *   certificate form `AGI` + year (4) + `-` + 2 digits + `-` + 5 digits. Assumption: both forms from published
 *   registrations; the brief's "8 digits" does not match its own example AGI01234, so the 5-digit form is the rule.
 * - 地理标志产品 (PGI, formerly 国家质检总局, now 国家知识产权局): no per-product number is published; products are
 *   protected by an announcement. We validate the announcement reference, e.g. `国家质检总局公告2011年第32号` or
 *   `国家知识产权局公告第356号` (assumption: these two issuers, year 1999-2099 optional, number 1-4 digits).
 * - 地理标志证明商标 / 集体商标: trademark registration number, 7-9 digits (CNIPA register; a leading `第` and trailing
 *   `号` are tolerated).
 * - 无公害农产品 (legacy; certification ended with the 2018 reform and 合格证 replaced it): certificate numbers
 *   `WNCR-` + province abbreviation (2-3 capital letters) + digits, e.g. `WNCR-NM19-00123`. Assumption from published
 *   certificates; we accept `WNCR-[A-Z]{2,3}` followed by 6-12 digits optionally split by hyphens.
 */

export const CERTIFICATION_KINDS = [
  'green-food-enterprise',
  'green-food-product',
  'organic',
  'agi',
  'pgi',
  'gi-trademark',
  'pollution-free',
] as const;
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];

export const CERTIFICATION_KIND_NAMES: Record<CertificationKind, string> = {
  'green-food-enterprise': '绿色食品（企业信息码）',
  'green-food-product': '绿色食品（产品编号）',
  organic: '有机产品（有机码）',
  agi: '农产品地理标志',
  pgi: '地理标志产品',
  'gi-trademark': '地理标志证明商标',
  'pollution-free': '无公害农产品（已停止认证）',
};

export type CertificationNumberResult = { ok: true; value: string } | { ok: false; message: string };

export interface CertificationNumberOptions {
  /** Whether a 6-digit code is a real division (for the 绿色食品 企业信息码). */
  isDivisionCode?: (code: string) => boolean;
}

function bad(zh: string, en: string): CertificationNumberResult {
  return { ok: false, message: `${zh} / ${en}` };
}

function greenFoodEnterprise(n: string, options: CertificationNumberOptions): CertificationNumberResult {
  const m = /^GF(\d{6})(\d{2})(\d{4})$/.exec(n.replace(/\s/g, ''));
  if (!m) return bad('绿色食品企业信息码应为 GF 加 12 位数字', 'a green food enterprise code is GF and 12 digits');
  const [, division = '', , serial] = m;
  const province = Number(division.slice(0, 2));
  if (province < 11 || province > 82) {
    return bad(`企业信息码中的地区代码 ${division} 无效`, `division code ${division} is not valid`);
  }
  if (options.isDivisionCode && !options.isDivisionCode(division)) {
    return bad(`企业信息码中的地区代码 ${division} 不存在`, `no division has code ${division}`);
  }
  if (serial === '0000') return bad('企业信息码的序号不能为 0000', 'the serial cannot be 0000');
  return { ok: true, value: `GF${m.slice(1).join('')}` };
}

function greenFoodProduct(n: string): CertificationNumberResult {
  const m = /^LB-?(\d{2})-?(\d{10,11})(A{1,2})?$/.exec(n.replace(/\s/g, '').toUpperCase());
  if (!m) {
    return bad(
      '绿色食品产品编号应为 LB-类别(2位)-10或11位数字',
      'a green food product number is LB-NN- and 10 or 11 digits',
    );
  }
  const [, category = '', digits = '', grade = ''] = m;
  const month = Number(digits.slice(2, 4));
  if (month < 1 || month > 12)
    return bad(`产品编号中的批准月份 ${digits.slice(2, 4)} 无效`, 'approval month is not valid');
  return { ok: true, value: `LB-${category}-${digits}${grade}` };
}

function organic(n: string): CertificationNumberResult {
  const code = n.replace(/[\s-]/g, '');
  if (!/^\d{17}$/.test(code)) return bad('有机码应为 17 位数字', 'an organic code has 17 digits');
  return { ok: true, value: code };
}

function agi(n: string): CertificationNumberResult {
  const s = n.replace(/\s/g, '').toUpperCase();
  if (/^AGI\d{5}$/.test(s)) return { ok: true, value: s };
  const m = /^AGI(\d{4})-(\d{2})-(\d{5})$/.exec(s);
  if (m && Number(m[1]) >= 2008 && Number(m[1]) <= 2099) return { ok: true, value: s };
  return bad(
    '农产品地理标志登记编号应为 AGI 加 5 位数字（如 AGI01234）或 AGI年份-2位-5位',
    'an AGI number is AGI and 5 digits (AGI01234) or AGIyyyy-nn-nnnnn',
  );
}

function pgi(n: string): CertificationNumberResult {
  const s = n.replace(/\s/g, '');
  const m = /^(原?国家质检总局|原?国家质量监督检验检疫总局|国家知识产权局)公告(?:(\d{4})年)?第(\d{1,4})号$/.exec(s);
  if (!m) {
    return bad(
      '地理标志产品应填写批准公告号，如“国家质检总局公告2011年第32号”或“国家知识产权局公告第356号”',
      'a PGI is referenced by its announcement, e.g. 国家知识产权局公告第356号',
    );
  }
  if (m[2] && (Number(m[2]) < 1999 || Number(m[2]) > 2099))
    return bad(`公告年份 ${m[2]} 无效`, 'announcement year is not valid');
  if (Number(m[3]) === 0) return bad('公告号不能为 0', 'announcement number cannot be 0');
  return { ok: true, value: s };
}

function giTrademark(n: string): CertificationNumberResult {
  const s = n.replace(/\s/g, '').replace(/^第/, '').replace(/号$/, '');
  if (!/^\d{7,9}$/.test(s))
    return bad('地理标志证明商标注册号应为 7-9 位数字', 'a GI trademark registration number has 7-9 digits');
  return { ok: true, value: s };
}

function pollutionFree(n: string): CertificationNumberResult {
  const s = n.replace(/\s/g, '').toUpperCase();
  const m = /^WNCR-([A-Z]{2,3})((?:-?\d)+)$/.exec(s);
  const digits = m?.[2]?.replace(/-/g, '') ?? '';
  if (!m || digits.length < 6 || digits.length > 12) {
    return bad(
      '无公害农产品证书号应为 WNCR-省份字母缩写加 6-12 位数字（如 WNCR-NM19-00123）',
      'a pollution-free certificate is WNCR-, a province abbreviation and 6-12 digits',
    );
  }
  return { ok: true, value: s };
}

/** Validates (and normalises) a certification number of `kind`; the message is Chinese first, English after. */
export function validateCertificationNumber(
  kind: CertificationKind,
  number: string,
  options: CertificationNumberOptions = {},
): CertificationNumberResult {
  if (number.trim() === '') return bad('证书编号不能为空', 'the number is empty');
  switch (kind) {
    case 'green-food-enterprise':
      return greenFoodEnterprise(number, options);
    case 'green-food-product':
      return greenFoodProduct(number);
    case 'organic':
      return organic(number);
    case 'agi':
      return agi(number);
    case 'pgi':
      return pgi(number);
    case 'gi-trademark':
      return giTrademark(number);
    case 'pollution-free':
      return pollutionFree(number);
  }
}
