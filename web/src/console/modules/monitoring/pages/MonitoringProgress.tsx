/**
 * 填报进度 (/console/monitoring/progress, monitoring:read): completeness and timeliness of a year in the caller's
 * scope — counties by status, on time and late against the deadline, mean completeness; a bar per league, and the
 * counties of the chosen league with a link to each form.
 */
import { useEffect } from 'react';
import { Card, Col, Progress, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { ZCompleteness, ZSubmissionPage } from '../../../../../../contracts/monitoring.ts';
import { emptyText } from '../../../lib/list/filters.tsx';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { completenessColumn, dateColumn } from '../../../lib/list/columns.tsx';
import { useT } from '../../../i18n.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { defaultPeriod, periodOptions } from '../collection/form-state.ts';
import { StatusBar, StatusLegend } from '../collection/StatusBar.tsx';
import { SubmissionStatus } from '../collection/SubmissionStatus.tsx';

type Completeness = z.infer<typeof ZCompleteness>;
type League = Completeness['leagues'][number];
type SubmissionPage = z.infer<typeof ZSubmissionPage>;
type SubmissionRow = SubmissionPage['items'][number];

const submittedCount = (byStatus: Readonly<Record<string, number>>) =>
  (byStatus.submitted ?? 0) + (byStatus.league_approved ?? 0) + (byStatus.approved ?? 0);

export default function MonitoringProgressPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const period = Number(params.get('period')) || defaultPeriod(new Date());
  const summary = useFetch<Completeness>('/api/monitoring/completeness', { period });
  const leagues = summary.data?.leagues ?? [];
  const league = params.get('league') ?? (leagues.length === 1 ? leagues[0]!.code : null);
  const counties = useFetch<SubmissionPage>(league ? '/api/monitoring/submissions' : null, {
    period,
    division: league ?? undefined,
    pageSize: 200,
  });

  useEffect(() => {
    document.title = t('填报进度 · 旗县', 'Progress · Qixian');
  }, [t]);

  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v === null) next.delete(k);
    else next.set(k, v);
    setParams(next);
  };

  const c = summary.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={t('填报进度', 'Collection progress')}
        extra={
          <Select
            style={{ width: 120 }}
            value={period}
            aria-label={t('年度', 'Year')}
            options={periodOptions(new Date()).map((y) => ({ value: y, label: t(`${y} 年`, String(y)) }))}
            onChange={(p: number) => setParams(new URLSearchParams({ period: String(p) }))}
          />
        }
      >
        {summary.error && <ErrorBanner message={summary.error} onRetry={summary.reload} />}
        {c && (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic title={t('旗县数', 'Counties')} value={c.counties} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('已提交', 'Submitted')}
                value={submittedCount(c.byStatus)}
                suffix={`/ ${c.counties}`}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`已审定 ${c.byStatus.approved ?? 0}`, `${c.byStatus.approved ?? 0} approved`)}
              </Typography.Text>
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t(`逾期（截止 ${c.deadline}）`, `Late (deadline ${c.deadline})`)}
                value={c.late}
                styles={{ content: { color: c.late > 0 ? '#cf1322' : undefined } }}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`按时提交 ${c.onTime}`, `${c.onTime} on time`)}
              </Typography.Text>
            </Col>
            <Col xs={12} md={6}>
              <Typography.Text type="secondary">{t('平均完整度', 'Mean completeness')}</Typography.Text>
              <Progress percent={Math.round(c.completeness * 100)} />
            </Col>
            <Col span={24}>
              <StatusBar byStatus={c.byStatus} height={20} />
              <div style={{ marginTop: 8 }}>
                <StatusLegend />
              </div>
            </Col>
          </Row>
        )}
      </Card>
      <Card title={t('各盟市进度', 'By league / city')}>
        <Table<League>
          rowKey="code"
          size="small"
          loading={summary.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={leagues}
          locale={emptyText(t('没有可查看的旗县', 'No counties in your scope'))}
          rowClassName={(l) => (l.code === league ? 'ant-table-row-selected' : '')}
          onRow={(l) => ({ onClick: () => set('league', l.code), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: t('盟市', 'League / city'),
              key: 'name',
              width: 140,
              // on a phone the table scrolls sideways rather than stacking a name one character a line
              render: (_, l) => <span style={{ whiteSpace: 'nowrap' }}>{l.name}</span>,
            },
            {
              title: t('提交情况', 'Status'),
              key: 'bar',
              render: (_, l) => <StatusBar byStatus={l.byStatus} />,
            },
            {
              title: t('已提交', 'Submitted'),
              key: 'submitted',
              width: 100,
              align: 'right',
              render: (_, l) => `${submittedCount(l.byStatus)} / ${l.counties}`,
            },
            completenessColumn(t),
            {
              title: t('逾期', 'Late'),
              key: 'late',
              width: 80,
              align: 'right',
              render: (_, l) => (l.late > 0 ? <Typography.Text type="danger">{l.late}</Typography.Text> : 0),
            },
          ]}
        />
      </Card>
      {league && (
        <Card
          title={t(
            `${leagues.find((l) => l.code === league)?.name ?? league} 各旗县`,
            `Counties of ${leagues.find((l) => l.code === league)?.name ?? league}`,
          )}
        >
          {counties.error && <ErrorBanner message={counties.error} onRetry={counties.reload} />}
          <Table<SubmissionRow>
            rowKey="divisionCode"
            size="small"
            loading={counties.loading}
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={counties.data?.items ?? []}
            columns={[
              {
                title: t('旗县', 'County'),
                key: 'name',
                render: (_, r) => (
                  <Link to={`/console/monitoring/entry/${r.divisionCode}/${r.period}`} style={{ whiteSpace: 'nowrap' }}>
                    {r.divisionName}
                  </Link>
                ),
              },
              {
                title: t('状态', 'Status'),
                key: 'status',
                render: (_, r) => <SubmissionStatus row={r} />,
              },
              completenessColumn(t),
              dateColumn(t('提交时间', 'Submitted'), 'submittedAt'),
              dateColumn(t('审定时间', 'Approved'), 'approvedAt'),
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
