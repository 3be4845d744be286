/**
 * The figures of the map as a sortable table, and the map's keyboard alternative: every county is a link in
 * tab order, so no pagination. Sorting is controlled by the page (it lives in the URL).
 */
import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { formatNumber } from '../../../../shared/i18n.ts';
import { useSession } from '../../../session.tsx';
import { useT } from '../../../i18n.ts';
import { formatShare, sortRows, type CountyRow, type SortKey, type SortOrder } from '../county-table.ts';

export interface CountyTableProps {
  rows: readonly CountyRow[];
  sort: { key: SortKey; order: SortOrder };
  onSortChange: (sort: { key: SortKey; order: SortOrder } | null) => void;
  /** Hide the league column (a league's own table, or rows that are leagues). */
  hideLeague?: boolean;
  /** The rows are leagues (the region summed per league). */
  leagueRows?: boolean;
  countLabel: string;
  /** Visible table height before it scrolls. */
  height?: number;
  caption?: string;
}

export function CountyTable({
  rows,
  sort,
  onSortChange,
  hideLeague,
  leagueRows,
  countLabel,
  height = 420,
  caption,
}: CountyTableProps) {
  const t = useT();
  const { locale } = useSession();
  const sortOrder = (key: SortKey) => (sort.key === key ? sort.order : null);
  const columns: ColumnsType<CountyRow> = [
    {
      key: 'name',
      title: leagueRows ? t('盟市', 'League / city') : t('旗县', 'County'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (name: string, r) => <Link to={`/console/divisions/${r.code}`}>{name}</Link>,
    },
    {
      key: 'code',
      title: t('区划代码', 'Code'),
      dataIndex: 'code',
      sorter: true,
      sortOrder: sortOrder('code'),
      width: 104,
      render: (code: string) => <Typography.Text type="secondary">{code}</Typography.Text>,
    },
    ...(hideLeague || leagueRows
      ? []
      : [
          {
            key: 'league',
            title: t('所属盟市', 'League / city'),
            dataIndex: 'leagueName',
            sorter: true,
            sortOrder: sortOrder('league'),
            width: 104,
          },
        ]),
    {
      key: 'count',
      title: countLabel,
      dataIndex: 'count',
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('count'),
      sortDirections: ['descend', 'ascend'],
      width: 136,
      render: (n: number) => formatNumber(n, locale),
    },
    {
      key: 'share',
      title: t('占比', 'Share'),
      dataIndex: 'share',
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('share'),
      sortDirections: ['descend', 'ascend'],
      width: 76,
      render: (s: number) => formatShare(s),
    },
  ];
  return (
    <Table<CountyRow>
      data-testid="county-table"
      size="small"
      rowKey="code"
      columns={columns}
      dataSource={sortRows(rows, sort.key, sort.order)}
      pagination={false}
      scroll={{ y: height }}
      showSorterTooltip={false}
      title={caption ? () => <Typography.Text type="secondary">{caption}</Typography.Text> : undefined}
      onChange={(_p, _f, sorter) => {
        const s = Array.isArray(sorter) ? sorter[0] : sorter;
        if (s?.order && typeof s.columnKey === 'string') onSortChange({ key: s.columnKey as SortKey, order: s.order });
        else onSortChange(null);
      }}
    />
  );
}
