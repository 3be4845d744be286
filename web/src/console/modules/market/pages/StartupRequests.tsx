/**
 * 创业对接申请: requests from the portal's 创业技术库 for achievements in the officer's divisions — the phone masked
 * until 查看电话 (each read audited), and the status 新 -> 已联系 -> 已办结 with a note.
 */
import { useState } from 'react';
import { App, Button, Card, Select, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ZListStartupRequestsQuery } from '../../../../../../contracts/market-deals.ts';
import { api, ApiError } from '../../../../shared/api.ts';
import { formatNumber, type Text } from '../../../../shared/i18n.ts';
import { dateColumn } from '../../../lib/list/columns.tsx';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { emptyText, FilterBar, SelectFilter } from '../../../lib/list/filters.tsx';
import { listPagination } from '../../../lib/list/pagination.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useUrlQuery } from '../../../lib/url-query.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { optionsFrom } from '../labels.ts';

const STATUS_NAMES: Record<string, Text> = {
  new: { zh: '新申请', en: 'New' },
  contacted: { zh: '已联系', en: 'Contacted' },
  closed: { zh: '已办结', en: 'Closed' },
};

interface RequestItem {
  id: number;
  achievementId: number;
  achievementTitle: string;
  name: string;
  phone: string;
  countyName: string;
  want: string;
  registered: boolean;
  status: string;
  createdAt: string;
}

export default function StartupRequestsPage() {
  const t = useT();
  const { locale } = useSession();
  const { message } = App.useApp();
  const [query, update] = useUrlQuery(ZListStartupRequestsQuery);
  const list = useFetch<{ items: RequestItem[]; total: number }>('/api/market/startup-requests', query);
  const [phones, setPhones] = useState<Record<number, string>>({});
  const fail = (err: unknown) => void message.error(err instanceof ApiError ? err.text(locale) : String(err));

  const reveal = async (id: number) => {
    try {
      const c = await api.get<{ phone: string }>(`/api/market/startup-requests/${id}/contact`);
      setPhones((p) => ({ ...p, [id]: c.phone }));
    } catch (err) {
      fail(err);
    }
  };
  const setStatus = async (id: number, status: string) => {
    try {
      await api.post(`/api/market/startup-requests/${id}/status`, { status });
      list.reload();
    } catch (err) {
      fail(err);
    }
  };

  return (
    <Card title={t('创业对接申请', 'Start-up requests')}>
      <FilterBar>
        <SelectFilter
          label={t('状态', 'Status')}
          placeholder={t('全部状态', 'All statuses')}
          width={130}
          value={query.status}
          options={optionsFrom(STATUS_NAMES, t)}
          onChange={(status) => update({ status })}
        />
      </FilterBar>
      {list.error && <ErrorBanner message={list.error} onRetry={list.reload} />}
      <Table<RequestItem>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        locale={emptyText(t('暂无创业对接申请', 'No requests'))}
        pagination={listPagination({
          page: query.page,
          pageSize: query.pageSize,
          total: list.data?.total,
          onChange: update,
          showTotal: (n) => t(`共 ${formatNumber(n, locale)} 条申请`, `${formatNumber(n, locale)} requests`),
        })}
        columns={[
          {
            title: t('成果', 'Achievement'),
            dataIndex: 'achievementTitle',
            width: 200,
            render: (v: string, r) => <Link to={`/console/market/achievements/${r.achievementId}`}>{v}</Link>,
          },
          {
            title: t('申请人', 'Requester'),
            key: 'who',
            width: 200,
            render: (_: unknown, r) => (
              <>
                {r.name} · {r.countyName} {r.registered && <Tag>{t('注册用户', 'Registered')}</Tag>}
                <div>
                  {phones[r.id] ?? r.phone}{' '}
                  {!phones[r.id] && (
                    <Button size="small" type="link" onClick={() => void reveal(r.id)}>
                      {t('查看电话', 'Show phone')}
                    </Button>
                  )}
                </div>
              </>
            ),
          },
          {
            title: t('想做什么', 'Wants'),
            dataIndex: 'want',
            render: (v: string) => <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{v}</Typography.Text>,
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            width: 130,
            render: (v: string, r) => (
              <Select
                aria-label={t('状态', 'Status')}
                size="small"
                style={{ width: 110 }}
                value={v}
                options={optionsFrom(STATUS_NAMES, t)}
                onChange={(s: string) => void setStatus(r.id, s)}
              />
            ),
          },
          dateColumn(t('申请时间', 'Requested'), 'createdAt', 160),
        ]}
      />
    </Card>
  );
}
