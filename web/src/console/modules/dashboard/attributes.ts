/**
 * County attributes (GET /api/divisions/:code/attributes) as the county page shows them: a label per attribute,
 * numbers with digit grouping, yes-flags as 是/Yes (with the exit year where the source gives one).
 */
import type { CountyAttribute } from '../../../../../contracts/divisions.ts';
import { formatNumber, type Locale, type Text } from '../../../shared/i18n.ts';

interface AttributeMeta {
  label: Text;
  /** Unit after a number. */
  unit?: Text;
  /** A yes/no flag; its number, when present, is the year the county left the list. */
  flag?: boolean;
}

export const ATTRIBUTES: Record<string, AttributeMeta> = {
  admin_type: { label: { zh: '区划类型', en: 'Division type' } },
  resident_population: { label: { zh: '常住人口', en: 'Resident population' }, unit: { zh: '人', en: 'people' } },
  urban_population: { label: { zh: '城镇人口', en: 'Urban population' }, unit: { zh: '人', en: 'people' } },
  family_households: { label: { zh: '家庭户', en: 'Family households' }, unit: { zh: '户', en: 'households' } },
  former_national_poverty_county: {
    label: { zh: '原国家级贫困县', en: 'Former national poverty county' },
    flag: true,
  },
  region_poverty_county_exited: {
    label: { zh: '自治区级贫困旗县（已退出）', en: 'Region-level poverty county (exited)' },
    flag: true,
  },
  rural_revitalization_key_county: {
    label: { zh: '国家乡村振兴重点帮扶县', en: 'National rural-revitalisation key county' },
    flag: true,
  },
  pastoral_banner: { label: { zh: '牧业旗', en: 'Pastoral banner' }, flag: true },
  border_banner: { label: { zh: '边境旗（市）', en: 'Border banner' }, flag: true },
  borders_foreign_country: { label: { zh: '与邻国接壤', en: 'Borders a foreign country' }, flag: true },
  key_ecological_function_zone: {
    label: { zh: '国家重点生态功能区', en: 'Key ecological function zone' },
    flag: true,
  },
};

/** English names of the GB/T 2260 division types the division API reports in Chinese. */
export const DIVISION_TYPES_EN: Record<string, string> = {
  自治区: 'Autonomous region',
  省: 'Province',
  盟: 'League',
  地级市: 'Prefecture-level city',
  旗: 'Banner',
  自治旗: 'Autonomous banner',
  县: 'County',
  县级市: 'County-level city',
  市辖区: 'District',
};

/** A division type in the interface language (unknown types as they are). */
export function divisionTypeName(type: string, locale: Locale): string {
  return locale === 'en-US' ? (DIVISION_TYPES_EN[type] ?? type) : type;
}

/** Display order: known attributes in the order above, unknown ones after them by name. */
export function sortAttributes(items: readonly CountyAttribute[]): CountyAttribute[] {
  const order = Object.keys(ATTRIBUTES);
  const rank = (a: string) => (order.includes(a) ? order.indexOf(a) : order.length);
  return [...items].sort(
    (a, b) => rank(a.attribute) - rank(b.attribute) || a.attribute.localeCompare(b.attribute) || b.year - a.year,
  );
}

export function attributeLabel(attribute: string, locale: Locale): string {
  const meta = ATTRIBUTES[attribute];
  return meta ? (locale === 'en-US' ? meta.label.en : meta.label.zh) : attribute;
}

/** The value as text: grouped number with unit, flag as 是/否 (exit year in brackets), or the text value. */
export function attributeValue(a: CountyAttribute, locale: Locale): string {
  const meta = ATTRIBUTES[a.attribute];
  const en = locale === 'en-US';
  if (meta?.flag) {
    const yes = a.valueText === 'yes' || a.valueText === 'true';
    const word = yes ? (en ? 'Yes' : '是') : en ? 'No' : '否';
    if (yes && a.valueNumber !== null)
      return en ? `${word} (exited ${a.valueNumber})` : `${word}（${a.valueNumber} 年退出）`;
    return word;
  }
  if (a.attribute === 'admin_type' && a.valueText) return divisionTypeName(a.valueText, locale);
  if (a.valueNumber !== null) {
    const unit = meta?.unit ? ` ${en ? meta.unit.en : meta.unit.zh}` : '';
    return `${formatNumber(a.valueNumber, locale)}${unit}`;
  }
  return a.valueText ?? '—';
}
