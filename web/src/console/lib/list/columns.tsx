/**
 * Column builders for the console's list tables, so that a status, a date, a division or a completeness reads the
 * same on every list. Titles come translated from the page (`t`).
 */
import { Progress, type TableColumnType } from 'antd';
import { DateCell, StatusTag, type StatusNames } from './cells.tsx';

type Key<T> = keyof T & string;

/** A timestamp column (登记时间, 创建时间 …). */
export function dateColumn<T>(title: string, dataIndex: Key<T>, width = 180): TableColumnType<T> {
  return { title, dataIndex, width, render: (v: string | null) => <DateCell value={v} /> };
}

/** A status column: the code's name in a tag of its colour. */
export function statusColumn<T>(title: string, dataIndex: Key<T>, names: StatusNames, width = 100): TableColumnType<T> {
  return { title, dataIndex, width, render: (v: string) => <StatusTag names={names} value={v} /> };
}

/** A division column: its name (or code), '—' for none. */
export function divisionColumn<T>(title: string, dataIndex: Key<T>, width = 120): TableColumnType<T> {
  return { title, dataIndex, width, render: (v: string | null) => v ?? '—' };
}

/** 完整度: the share of a form's values entered (0..1), as a small progress bar. */
export function completenessColumn<T extends { completeness: number }>(
  t: (zh: string, en: string) => string,
): TableColumnType<T> {
  return {
    title: t('完整度', 'Completeness'),
    key: 'completeness',
    width: 160,
    render: (_: unknown, r: T) => <Progress percent={Math.round(r.completeness * 100)} size="small" />,
  };
}
