/** 技术成果: the achievements the user may see (own drafts, records on offer, and for officers their divisions). */
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
import {
  ACHIEVEMENT_STATUS_NAMES,
  ACHIEVEMENT_STATUS_TAGS,
  DOMAIN_NAMES,
  nameOf,
  optionsFrom,
  STAGE_NAMES,
} from '../labels.ts';

export interface AchievementItem {
  id: number;
  title: string;
  summary: string;
  keywords: string[];
  domain: string;
  stage: string;
  trl: number | null;
  divisionName: string;
  status: string;
  isDemo: boolean;
  updatedAt: string;
}

export default function AchievementsPage() {
  const t = useT();
  const { locale } = useSession();
  const { can } = useSignedIn();
  const navigate = useNavigate();
  const [query, update] = useUrlQuery(ZListMarketQuery);
  const list = useFetch<{ items: AchievementItem[]; total: number }>('/api/market/achievements', query);
  const filtered = Boolean(query.q || query.domain || query.status || query.division || query.mine);

  return (
    <Card
      title={t('技术成果', 'Achievements')}
      extra={
        can('market:post_achievement') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => void navigate('/console/market/achievements/new')}
          >
            {t('登记成果', 'Post an achievement')}
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
            { value: 'mine', label: t('我登记的', 'Mine') },
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
          options={optionsFrom(ACHIEVEMENT_STATUS_NAMES, t)}
          onChange={(status) => update({ status })}
        />
        <DivisionSelect
          aria-label={t('所在地区', 'Division')}
          allowClear
          placeholder={t('全部地区', 'All divisions')}
          style={{ width: 200 }}
          value={query.division}
          onChange={(division) => update({ division })}
        />
        <SearchFilter
          label={t('搜索成果', 'Search achievements')}
          placeholder={t('标题、关键词或简介', 'Title, keyword or summary')}
          width={260}
          value={query.q}
          withButton
          onSearch={(q) => update({ q })}
        />
      </FilterBar>
      {list.error && <ErrorBanner message={list.error} onRetry={list.reload} />}
      <Table<AchievementItem>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 860 }}
        locale={emptyText(
          filtered
            ? t('没有符合条件的成果', 'No achievement matches the filters')
            : t('暂无技术成果', 'No achievements yet'),
        )}
        pagination={listPagination({
          page: query.page,
          pageSize: query.pageSize,
          total: list.data?.total,
          onChange: update,
          showTotal: (n) => t(`共 ${formatNumber(n, locale)} 项成果`, `${formatNumber(n, locale)} achievements`),
        })}
        columns={[
          {
            title: t('成果名称', 'Title'),
            dataIndex: 'title',
            render: (title: string, a) => (
              <Space size={4} wrap>
                <Link to={`/console/market/achievements/${a.id}`}>{title}</Link>
                {a.isDemo && <Tag color="orange">{t('演示', 'Demo')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('技术领域', 'Field'),
            dataIndex: 'domain',
            width: 120,
            render: (v: string) => nameOf(DOMAIN_NAMES, v, t),
          },
          {
            title: t('成熟度', 'Stage'),
            dataIndex: 'stage',
            width: 110,
            render: (v: string, a) => `${nameOf(STAGE_NAMES, v, t)}${a.trl ? ` · TRL ${a.trl}` : ''}`,
          },
          divisionColumn(t('所在地区', 'Division'), 'divisionName', 130),
          statusColumn(t('状态', 'Status'), 'status', ACHIEVEMENT_STATUS_TAGS),
          dateColumn(t('更新时间', 'Updated'), 'updatedAt'),
        ]}
      />
    </Card>
  );
}
