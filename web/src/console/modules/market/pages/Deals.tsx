/** 交易洽谈: the deals the user takes part in (as buyer or seller), or, for officers, those in their divisions. */
import { Card, Segmented, Table } from 'antd';
import { Link } from 'react-router';
import { ZListDealsQuery } from '../../../../../../contracts/market-deals.ts';
import { formatNumber } from '../../../../shared/i18n.ts';
import { StatusTag } from '../../../lib/list/cells.tsx';
import { dateColumn } from '../../../lib/list/columns.tsx';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { emptyText, FilterBar, SelectFilter } from '../../../lib/list/filters.tsx';
import { listPagination } from '../../../lib/list/pagination.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useUrlQuery } from '../../../lib/url-query.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { DEAL_STATUS_TAGS } from '../deal-view.ts';
import { optionsFrom } from '../labels.ts';

interface DealItem {
  id: number;
  status: string;
  achievementTitle: string;
  buyer: { name: string; orgName: string | null };
  seller: { name: string; orgName: string | null };
  myRole: 'buyer' | 'seller' | null;
  agreedAmount: number | null;
  updatedAt: string;
}

export default function DealsPage() {
  const t = useT();
  const { locale } = useSession();
  const [query, update] = useUrlQuery(ZListDealsQuery);
  const list = useFetch<{ items: DealItem[]; total: number }>('/api/market/deals', query);
  const party = (p: DealItem['buyer']) => p.orgName ?? p.name;

  return (
    <Card title={t('交易洽谈', 'Deals')}>
      <FilterBar>
        <Segmented
          aria-label={t('我的角色', 'My side')}
          value={query.as ?? 'all'}
          options={[
            { value: 'all', label: t('全部', 'All') },
            { value: 'buyer', label: t('我是需求方', 'I buy') },
            { value: 'seller', label: t('我是成果方', 'I sell') },
          ]}
          onChange={(v) => update({ as: v === 'all' ? undefined : v })}
        />
        <SelectFilter
          label={t('状态', 'Status')}
          placeholder={t('全部状态', 'All statuses')}
          width={150}
          value={query.status}
          options={optionsFrom(DEAL_STATUS_TAGS, t)}
          onChange={(status) => update({ status })}
        />
      </FilterBar>
      {list.error && <ErrorBanner message={list.error} onRetry={list.reload} />}
      <Table<DealItem>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 820 }}
        locale={emptyText(
          t('暂无交易洽谈：在成果详情页点击“发起洽谈”开始', 'No deals yet: open one from an achievement'),
        )}
        pagination={listPagination({
          page: query.page,
          pageSize: query.pageSize,
          total: list.data?.total,
          onChange: update,
          showTotal: (n) => t(`共 ${formatNumber(n, locale)} 项洽谈`, `${formatNumber(n, locale)} deals`),
        })}
        columns={[
          {
            title: t('成果', 'Achievement'),
            dataIndex: 'achievementTitle',
            render: (v: string, d) => <Link to={`/console/market/deals/${d.id}`}>{v}</Link>,
          },
          { title: t('需求方', 'Buyer'), key: 'buyer', width: 180, render: (_: unknown, d) => party(d.buyer) },
          { title: t('成果方', 'Seller'), key: 'seller', width: 180, render: (_: unknown, d) => party(d.seller) },
          {
            title: t('成交额（万元）', 'Agreed (CNY 10k)'),
            dataIndex: 'agreedAmount',
            width: 120,
            align: 'right',
            render: (v: number | null) => (v === null ? '—' : formatNumber(v, locale)),
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 120,
            render: (v: string) => <StatusTag names={DEAL_STATUS_TAGS} value={v} />,
          },
          dateColumn(t('更新时间', 'Updated'), 'updatedAt', 160),
        ]}
      />
    </Card>
  );
}
