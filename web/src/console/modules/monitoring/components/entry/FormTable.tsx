/**
 * One dimension of the entry form on a desktop: per indicator its unit, last year's value, the value (number or
 * text), the year-on-year change, the checks, source, note and flags in one row (phones get EntryCards instead).
 */
import type { ReactNode } from 'react';
import { Table } from 'antd';
import { useT } from '../../../../i18n.ts';
import { useSession } from '../../../../session.tsx';
import type { Draft, Row } from '../../collection/form-state.ts';
import {
  ChecksCell,
  FlagsCell,
  IndicatorName,
  NoteCell,
  SourceCell,
  ValueCell,
  YoyCell,
  formatValue,
  type CellProps,
} from './EntryCells.tsx';

export interface FormTableProps {
  rows: Row[];
  drafts: ReadonlyMap<string, Draft>;
  editable: boolean;
  onChange: (code: string, draft: Draft) => void;
}

export function FormTable({ rows, drafts, editable, onChange }: FormTableProps) {
  const t = useT();
  const { locale } = useSession();
  /** A cell of an editable part of the row, or nothing while the draft is not there yet. */
  const cell = (Cell: (p: CellProps) => ReactNode) => (_: unknown, r: Row) => {
    const d = drafts.get(r.node.code);
    return d ? <Cell row={r} draft={d} editable={editable} onChange={onChange} /> : null;
  };
  return (
    <Table<Row>
      size="small"
      rowKey={(r) => r.node.code}
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('指标', 'Indicator'),
          key: 'name',
          width: 220,
          fixed: 'left',
          render: (_, r) => <IndicatorName row={r} />,
        },
        { title: t('单位', 'Unit'), key: 'unit', width: 70, render: (_, r) => r.node.spec?.unit ?? '' },
        {
          title: t('上年值', 'Last year'),
          key: 'previous',
          width: 100,
          align: 'right',
          render: (_, r) => formatValue(r.previous, locale),
        },
        { title: t('本年值', 'Value'), key: 'value', width: 180, render: cell(ValueCell) },
        {
          title: t('同比', 'YoY'),
          key: 'yoy',
          width: 80,
          align: 'right',
          render: (_, r) => <YoyCell row={r} draft={drafts.get(r.node.code)} />,
        },
        { title: t('校验提示', 'Checks'), key: 'findings', width: 240, render: (_, r) => <ChecksCell row={r} /> },
        { title: t('数据来源', 'Source'), key: 'source', width: 160, render: cell(SourceCell) },
        { title: t('备注 / 说明', 'Note'), key: 'note', width: 200, render: cell(NoteCell) },
        { title: t('标记', 'Flags'), key: 'flags', width: 150, render: cell(FlagsCell) },
      ]}
    />
  );
}
