/**
 * 数据审核 (/console/monitoring/review, monitoring:approve): the county submissions of a year in the caller's scope
 * with status filters, "waiting for me", search and paging; each opens the county's form read-only with the approve
 * and return-with-comment buttons.
 */
import { useEffect } from 'react';
import {
  Button,
  Card,
  Grid,
  Progress,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tooltip,
  Typography,
  type TableColumnType,
} from 'antd';
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
  const isPhone = Grid.useBreakpoint().md === false;
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
  const statusOptions = [
    { value: '', label: t('全部', 'All') },
    ...STATUS_ORDER.map((s) => ({ value: s, label: pick(STATUS_LABELS[s], locale) })),
  ];
  const open = openColumn(t);
  const columns: TableColumnType<SubmissionRow>[] = isPhone
    ? [nameColumn(t), phoneStatusColumn(t), open]
    : [
        nameColumn(t),
        { title: t('状态', 'Status'), key: 'status', render: (_, r) => <SubmissionStatus row={r} /> },
        completenessColumn(t),
        findingsColumn(t),
        dateColumn(t('提交时间', 'Submitted'), 'submittedAt'),
        open,
      ];

  return (
    <Card title={t('数据审核', 'Data review')} styles={isPhone ? { body: { padding: 12 } } : undefined}>
      <FilterBar>
        <Select
          style={{ width: 120 }}
          value={period}
          aria-label={t('年度', 'Year')}
          options={periodOptions(new Date()).map((y) => ({ value: y, label: t(`${y} 年`, String(y)) }))}
          onChange={(p: number) => set({ period: String(p) })}
        />
        {isPhone ? (
          <Select
            style={{ width: 150 }}
            value={status}
            aria-label={t('状态', 'Status')}
            options={statusOptions}
            onChange={(v: string) => set({ status: v })}
          />
        ) : (
          <Segmented value={status} onChange={(v) => set({ status: String(v) })} options={statusOptions} />
        )}
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
          width={isPhone ? 240 : 220}
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
        columns={columns}
      />
    </Card>
  );
}

type T = (zh: string, en: string) => string;

function nameColumn(t: T): TableColumnType<SubmissionRow> {
  return {
    title: t('旗县', 'County'),
    key: 'name',
    render: (_, r) => (
      <Space orientation="vertical" size={0}>
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
          {r.divisionName}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.divisionCode} · {r.leagueName}
        </Typography.Text>
      </Space>
    ),
  };
}

function findingsColumn(t: T): TableColumnType<SubmissionRow> {
  return {
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
  };
}

/** On a phone: status, completeness and open checks in one cell. */
function phoneStatusColumn(t: T): TableColumnType<SubmissionRow> {
  return {
    title: t('状态', 'Status'),
    key: 'status',
    render: (_, r) => (
      <Space orientation="vertical" size={2}>
        <SubmissionStatus row={r} />
        <Progress percent={Math.round(r.completeness * 100)} size="small" style={{ width: 110, margin: 0 }} />
        {r.findings > 0 && (
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {t(`待处理 ${r.findings} 项`, `${r.findings} open`)}
          </Typography.Text>
        )}
      </Space>
    ),
  };
}

const waiting = (r: SubmissionRow) => r.status === 'submitted' || r.status === 'league_approved';

function openColumn(t: T): TableColumnType<SubmissionRow> {
  return {
    title: t('操作', 'Action'),
    key: 'open',
    render: (_, r) => (
      <Link to={`/console/monitoring/review/${r.divisionCode}/${r.period}`}>
        <Button size="small" type={waiting(r) ? 'primary' : 'default'}>
          {waiting(r) ? t('审核', 'Review') : t('查看', 'Open')}
        </Button>
      </Link>
    ),
  };
}
