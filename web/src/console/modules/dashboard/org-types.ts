/** Organisation types as the dashboard names them (GLOSSARY: 政府部门, 责任单位, 企业, 事业单位, 社会组织). */
import type { Organisation } from '../../../../../contracts/organisations.ts';
import type { Text } from '../../../shared/i18n.ts';

export type OrganisationType = Organisation['type'];

/** `all` sums every type; otherwise one value of the fact's `type` dimension. */
export type TypeFilter = 'all' | OrganisationType;

/** Declared as a record so a new organisation type fails the type check until it is named here. */
export const ORGANISATION_TYPE_NAMES: Record<OrganisationType, Text> = {
  enterprise: { zh: '企业', en: 'Enterprises' },
  institution: { zh: '事业单位', en: 'Institutions' },
  social: { zh: '社会组织', en: 'Social organisations' },
  government: { zh: '政府部门', en: 'Government units' },
  responsibility_unit: { zh: '责任单位', en: 'Responsibility units' },
};

export const TYPE_FILTERS: TypeFilter[] = ['all', ...(Object.keys(ORGANISATION_TYPE_NAMES) as OrganisationType[])];

/** Reads a `type` query parameter; anything unknown is `all`. */
export function parseTypeFilter(value: string | null): TypeFilter {
  return TYPE_FILTERS.includes(value as TypeFilter) ? (value as TypeFilter) : 'all';
}

/** The value of one fact row for a type filter: the row's value for `all`, else its breakdown entry (0 when absent). */
export function valueForType(item: { value: number; breakdown?: Record<string, number> }, type: TypeFilter): number {
  return type === 'all' ? item.value : (item.breakdown?.[type] ?? 0);
}
