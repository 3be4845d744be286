/**
 * 数据审核 (/console/monitoring/review, monitoring:approve): the county submissions of a year in the caller's scope
 * with status filters, "waiting for me", search and paging; each opens the county's form read-only with the approve
 * and return-with-comment buttons.
 */
import { useEffect } from 'react';
import { Button, Card, Segmented, Select, Space, Switch, Table, Tooltip, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { ZSubmissionPage } from '../../../../../../contracts/monitoring.ts';
import { pick } from '../../../../shared/i18n.ts';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { FilterBar, SearchFilter } from '../../../lib/list/filters.tsx';
import { completenessColumn, dateColumn } from '../../../lib/list/columns.tsx';
import { listPagination } from '../../../lib/list/pagination.ts';
import { writeQuery, type QueryPatch } from '../../../lib/url-query.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import {
  STATUS_LABELS,
  STATUS_ORDER,
  defaultPeriod,
  periodOptions,
  type FormStatus,
} from '../collection/form-state.ts';
import { SubmissionStatus } from '../collection/SubmissionStatus.tsx';

type SubmissionPage = z.infer<typeof ZSubmissionPage>;
type SubmissionRow = SubmissionPage['items'][number];

export default function MonitoringReviewPage() {
  const t = useT();
  const { locale } = useSession();
  const [params, setParams] = useSearchParams();
  const period = Number(params.get('period')) || defaultPeriod(new Date());
  const status = (params.get('status') ?? '') as FormStatus | '';
  const mine = params.get('mine') !== 'false';
  const q = params.get('q') ?? '';
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;
  const list = useFetch<SubmissionPage>('/api/monitoring/submissions', {
    period,
    status: status || undefined,
    mine: mine ? 'true' : undefined,
    q: q || undefined,
    page,
    pageSize,
  });

  useEffect(() => {
    document.title = t('数据审核 · 旗县', 'Data review · Qixian');
  }, [t]);

  const set = (patch: QueryPatch) => setParams(writeQuery(params, patch));

  return (
    <Card title={t('数据审核', 'Data review')}>
      <FilterBar>
        <Select
          style={{ width: 120 }}
          value={period}
          aria-label={t('年度', 'Year')}
          options={periodOptions(new Date()).map((y) => ({ value: y, label: t(`${y} 年`, String(y)) }))}
          onChange={(p: number) => set({ period: String(p) })}
        />
        <Segmented
          value={status}
          onChange={(v) => set({ status: String(v) })}
          options={[
            { value: '', label: t('全部', 'All') },
            ...STATUS_ORDER.map((s) => ({ value: s, label: pick(STATUS_LABELS[s], locale) })),
          ]}
        />
        <Space>
          <Switch
            checked={mine}
            onChange={(v) => set({ mine: v ? null : 'false' })}
            aria-label={t('待我审核', 'Waiting for me')}
          />
          <Typography.Text>{t('只看待我审核', 'Waiting for me only')}</Typography.Text>
        </Space>
        <SearchFilter
          label={t('按旗县名称或代码搜索', 'Search by county name or code')}
          placeholder={t('旗县名称或代码', 'County name or code')}
          width={220}
          value={q || undefined}
          onSearch={(v) => set({ q: v })}
        />
      </FilterBar>
      {list.error && <ErrorBanner message={list.error} onRetry={list.reload} />}
      <Table<SubmissionRow>
        rowKey="divisionCode"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{
          emptyText: mine
            ? t('没有等待您审核的旗县', 'Nothing is waiting for your review')
            : t('没有符合条件的旗县', 'No county matches'),
        }}
        pagination={listPagination({
          page,
          pageSize,
          total: list.data?.total,
          onChange: set,
          showTotal: (n) => t(`共 ${n} 个旗县`, `${n} counties`),
        })}
        columns={[
          {
            title: t('旗县', 'County'),
            key: 'name',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{r.divisionName}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.divisionCode} · {r.leagueName}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('状态', 'Status'),
            key: 'status',
            render: (_, r) => <SubmissionStatus row={r} />,
          },
          completenessColumn(t),
          {
            title: t('待处理问题', 'Open checks'),
            key: 'findings',
            align: 'right',
            render: (_, r) =>
              r.findings > 0 ? (
                <Tooltip title={t('错误及未说明的预警', 'Errors and unexplained warnings')}>
                  <Typography.Text type="warning">{r.findings}</Typography.Text>
                </Tooltip>
              ) : (
                <Typography.Text type="secondary">0</Typography.Text>
              ),
          },
          dateColumn(t('提交时间', 'Submitted'), 'submittedAt'),
          {
            title: t('操作', 'Action'),
            key: 'open',
            render: (_, r) => (
              <Link to={`/console/monitoring/entry/${r.divisionCode}/${r.period}?from=review`}>
                <Button
                  size="small"
                  type={r.status === 'submitted' || r.status === 'league_approved' ? 'primary' : 'default'}
                >
                  {r.status === 'submitted' || r.status === 'league_approved' ? t('审核', 'Review') : t('查看', 'Open')}
                </Button>
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}
