/**
 * The region officer's home: 待办 (forms waiting for the region's approval, the latest index run and whether it is
 * published, registrations) and the monitoring status of the year by league (submitted, approved, missing, late).
 */
import { Button, Card, Col, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDateTime, pick } from '../../../../shared/i18n.ts';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useSession, useSignedIn } from '../../../session.tsx';
import { useT } from '../../../i18n.ts';
import { defaultPeriod } from '../../monitoring/collection/form-state.ts';
import { MODE_NAMES, RUN_STATUS_NAMES } from '../../monitoring/labels.ts';
import { statusByLeague, type Completeness, type LeagueStatus, type RunPage, type SubmissionPage } from '../home.ts';
import { CountyNames } from './LeagueTasks.tsx';
import { PendingRegistrations } from './PendingRegistrations.tsx';
import { TaskRow } from './TaskRow.tsx';

function LatestRun() {
  const t = useT();
  const { locale } = useSession();
  const runs = useFetch<RunPage>('/api/monitoring/runs', { pageSize: 1 });
  const run = runs.data?.items[0];
  return (
    <TaskRow
      testId="todo-run"
      title={t('最近一次测算', 'Latest index run')}
      loading={runs.loading && !runs.data}
      error={runs.error}
      onRetry={runs.reload}
      action={
        <Link to="/console/monitoring/runs">
          <Button size="small" type={run && run.status === 'done' && !run.publishedAt ? 'primary' : 'default'}>
            {t('测算管理', 'Index runs')}
          </Button>
        </Link>
      }
    >
      {runs.data &&
        (!run ? (
          <Typography.Text type="secondary">{t('尚未发起测算', 'No index run yet')}</Typography.Text>
        ) : (
          <Space size={[8, 4]} wrap>
            <Typography.Text>{run.title || `${run.period} ${pick(MODE_NAMES[run.mode], locale)}`}</Typography.Text>
            <Tag color={RUN_STATUS_NAMES[run.status].color}>{pick(RUN_STATUS_NAMES[run.status], locale)}</Tag>
            {run.status === 'done' &&
              (run.publishedAt ? (
                <Tag color="success">
                  {t('已发布', 'Published')} {formatDateTime(run.publishedAt, locale)}
                </Tag>
              ) : (
                <Tag color="warning">
                  {run.provisional ? t('暂定结果，不可发布', 'Provisional') : t('未发布', 'Not published')}
                </Tag>
              ))}
          </Space>
        ))}
    </TaskRow>
  );
}

function ByLeague({ period }: { period: number }) {
  const t = useT();
  const c = useFetch<Completeness>('/api/monitoring/completeness', { period });
  if (c.error) return <ErrorBanner message={c.error} onRetry={c.reload} />;
  if (!c.data) return <Skeleton active paragraph={{ rows: 4 }} />;
  const { total, leagues } = statusByLeague(c.data);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="monitoring-status">
      <Row gutter={[12, 12]}>
        <Col xs={12} sm={6}>
          <Statistic title={t('已提交', 'Submitted')} value={total.submitted} suffix={`/ ${total.counties}`} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('已审定', 'Approved')} value={total.approved} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('未提交', 'Not submitted')} value={total.missing} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('逾期', 'Late')} value={total.late} />
        </Col>
      </Row>
      <Table<LeagueStatus>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={leagues}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('盟市', 'League'), dataIndex: 'name' },
          { title: t('旗县', 'Counties'), dataIndex: 'counties', responsive: ['sm'] },
          { title: t('已提交', 'Submitted'), dataIndex: 'submitted' },
          { title: t('已审定', 'Approved'), dataIndex: 'approved' },
          {
            title: t('未提交', 'Missing'),
            dataIndex: 'missing',
            render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
          },
          { title: t('逾期', 'Late'), dataIndex: 'late', responsive: ['sm'] },
        ]}
      />
    </Space>
  );
}

export function RegionTasks() {
  const s = useSignedIn();
  const t = useT();
  const period = defaultPeriod(new Date());
  const mine = useFetch<SubmissionPage>('/api/monitoring/submissions', { period, mine: 'true', pageSize: 8 });
  const waiting = mine.data?.total ?? 0;
  return (
    <Card size="small" title={t('待办', 'To do')} data-testid="todo">
      <TaskRow
        testId="todo-approve"
        title={t(`${period} 年度待自治区审定的填报表`, `${period} forms awaiting region approval`)}
        count={mine.data ? waiting : null}
        urgent={waiting > 0}
        loading={mine.loading && !mine.data}
        error={mine.error}
        onRetry={mine.reload}
        action={
          <Link to={`/console/monitoring/review?period=${period}`}>
            <Button size="small" type={waiting > 0 ? 'primary' : 'default'}>
              {t('数据审核', 'Data review')}
            </Button>
          </Link>
        }
      >
        {mine.data &&
          (waiting === 0 ? (
            <Typography.Text type="secondary">{t('暂无待审定的填报表', 'Nothing waits for approval')}</Typography.Text>
          ) : (
            <CountyNames rows={mine.data.items} total={waiting} base="/console/monitoring/review" />
          ))}
      </TaskRow>
      <LatestRun />
      {s.can('registration:approve') && <PendingRegistrations />}
    </Card>
  );
}

export function RegionMonitoringStatus() {
  const t = useT();
  const period = defaultPeriod(new Date());
  return (
    <Card
      size="small"
      title={t(`${period} 年度监测填报状态`, `${period} monitoring status`)}
      extra={<Link to={`/console/monitoring/progress?period=${period}`}>{t('填报进度', 'Progress')}</Link>}
    >
      <ByLeague period={period} />
    </Card>
  );
}
