/** Cells of the console's list pages: a status as a coloured tag, a date and time on one line. */
import { Tag } from 'antd';
import { formatDateTime, type Text } from '../../../shared/i18n.ts';
import { useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';

/** A status code's name and tag colour, per code (ORG_STATUS_NAMES, RUN_STATUS_NAMES …). */
export type StatusNames = Readonly<Record<string, Text & { color: string }>>;

/** The status's name in a tag of its colour; a code without a name shows as it is. */
export function StatusTag({ names, value }: { names: StatusNames; value: string }) {
  const t = useT();
  const n = names[value];
  return <Tag color={n?.color ?? 'default'}>{n ? t(n.zh, n.en) : value}</Tag>;
}

/** A timestamp in the user's language and the platform's time zone, never wrapped; '—' when there is none. */
export function DateCell({ value }: { value: string | null | undefined }) {
  const { locale } = useSession();
  return <span style={{ whiteSpace: 'nowrap' }}>{value ? formatDateTime(value, locale) : '—'}</span>;
}
