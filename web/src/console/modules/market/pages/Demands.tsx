/** 技术需求: demands the user may see (own drafts, published demands, and for officers their divisions). */
import { Button, Card, Segmented, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { ZListMarketQuery } from '../../../../../../contracts/market.ts';
import { formatNumber } from '../../../../shared/i18n.ts';
import { DivisionSelect } from '../../../lib/DivisionSelect.tsx';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { emptyText, FilterBar, SearchFilter, SelectFilter } from '../../../lib/list/filters.tsx';
import { dateColumn, divisionColumn, statusColumn } from '../../../lib/list/columns.tsx';
import { listPagination } from '../../../lib/list/pagination.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useUrlQuery } from '../../../lib/url-query.ts';
import { useT } from '../../../i18n.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import { DEMAND_STATUS_NAMES, DEMAND_STATUS_TAGS, DOMAIN_NAMES, nameOf, optionsFrom } from '../labels.ts';
import { budgetText } from '../market-view.ts';

export interface DemandItem {
  id: number;
  title: string;
  domain: string;
  divisionName: string;
  organisationName: string | null;
  status: string;
  isOpenCall: boolean;
  budgetMin: number | null;
  budgetMax: number | null;
  deadline: string | null;
  supporters: number;
  isDemo: boolean;
  updatedAt: string;
}

export default function DemandsPage() {
  const t = useT();
  const { locale } = useSession();
  const { can } = useSignedIn();
  const navigate = useNavigate();
  const [query, update] = useUrlQuery(ZListMarketQuery);
  const list = useFetch<{ items: DemandItem[]; total: number }>('/api/market/demands', query);
  const filtered = Boolean(query.q || query.domain || query.status || query.division || query.mine);

  return (
    <Card
      title={t('技术需求', 'Demands')}
      extra={
        can('market:post_demand') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/console/market/demands/new')}>
            {t('发布需求', 'Post a demand')}
          </Button>
        )
      }
    >
      <FilterBar>
        <Segmented
          aria-label={t('范围', 'Scope')}
          value={query.mine === 'true' ? 'mine' : 'all'}
          options={[
            { value: 'all', label: t('全部', 'All') },
            { value: 'mine', label: t('我发布的', 'Mine') },
          ]}
          onChange={(v) => update({ mine: v === 'mine' ? 'true' : undefined })}
        />
        <SelectFilter
          label={t('技术领域', 'Field')}
          placeholder={t('全部领域', 'All fields')}
          width={150}
          value={query.domain}
          options={optionsFrom(DOMAIN_NAMES, t)}
          onChange={(domain) => update({ domain })}
        />
        <SelectFilter
          label={t('状态', 'Status')}
          placeholder={t('全部状态', 'All statuses')}
          width={130}
          value={query.status}
          options={optionsFrom(DEMAND_STATUS_NAMES, t)}
          onChange={(status) => update({ status })}
        />
        <DivisionSelect
          aria-label={t('需求地区', 'Division')}
          allowClear
          placeholder={t('全部地区', 'All divisions')}
          style={{ width: 200 }}
          value={query.division}
          onChange={(division) => update({ division })}
        />
        <SearchFilter
          label={t('搜索需求', 'Search demands')}
          placeholder={t('标题、关键词或描述', 'Title, keyword or description')}
          width={260}
          value={query.q}
          withButton
          onSearch={(q) => update({ q })}
        />
      </FilterBar>
      {list.error && <ErrorBanner message={list.error} onRetry={list.reload} />}
      <Table<DemandItem>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 960 }}
        locale={emptyText(
          filtered ? t('没有符合条件的需求', 'No demand matches the filters') : t('暂无技术需求', 'No demands yet'),
        )}
        pagination={listPagination({
          page: query.page,
          pageSize: query.pageSize,
          total: list.data?.total,
          onChange: update,
          showTotal: (n) => t(`共 ${formatNumber(n, locale)} 项需求`, `${formatNumber(n, locale)} demands`),
        })}
        columns={[
          {
            title: t('需求名称', 'Title'),
            dataIndex: 'title',
            render: (title: string, d) => (
              <Space size={4} wrap>
                <Link to={`/console/market/demands/${d.id}`}>{title}</Link>
                {d.isOpenCall && <Tag color="volcano">{t('揭榜挂帅', 'Open call')}</Tag>}
                {d.isDemo && <Tag color="orange">{t('演示', 'Demo')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('需求单位', 'Organisation'),
            dataIndex: 'organisationName',
            width: 180,
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('技术领域', 'Field'),
            dataIndex: 'domain',
            width: 110,
            render: (v: string) => nameOf(DOMAIN_NAMES, v, t),
          },
          {
            title: t('预算', 'Budget'),
            key: 'budget',
            width: 120,
            render: (_: unknown, d) => budgetText(d.budgetMin, d.budgetMax, t),
          },
          { title: t('附议', 'Supporters'), dataIndex: 'supporters', width: 70 },
          divisionColumn(t('地区', 'Division'), 'divisionName', 110),
          statusColumn(t('状态', 'Status'), 'status', DEMAND_STATUS_TAGS),
          dateColumn(t('更新时间', 'Updated'), 'updatedAt'),
        ]}
      />
    </Card>
  );
}
