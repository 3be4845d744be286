/**
 * 最新发布的监测结果: the latest published run (public, GET /api/public/monitoring/results) — for a county officer the
 * county's score, rank and tier with the way to its profile and diagnosis; for others the best-ranked counties of
 * their league or of the region.
 */
import { Button, Card, Col, Empty, Row, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { MISSING_REASON_NAMES } from '../../../../../../contracts/monitoring.ts';
import { formatDateTime, pick } from '../../../../shared/i18n.ts';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useSession } from '../../../session.tsx';
import { useT } from '../../../i18n.ts';
import { TierTag } from '../../monitoring/components/TierTag.tsx';
import { MODE_NAMES } from '../../monitoring/labels.ts';
import { formatScore } from '../../monitoring/results.ts';
import { topCounties, type PublishedCounty, type PublishedResults } from '../home.ts';

function Change({ c }: { c: PublishedCounty }) {
  const t = useT();
  if (c.rankChange === null || c.rankChange === 0)
    return <Typography.Text type="secondary">{c.rankChange === 0 ? t('持平', 'Same') : '—'}</Typography.Text>;
  const up = c.rankChange > 0;
  return (
    <Typography.Text style={{ color: up ? '#389e0d' : '#cf1322' }}>
      {up ? '↑' : '↓'}
      {Math.abs(c.rankChange)}
    </Typography.Text>
  );
}

function OwnCounty({ data, county }: { data: PublishedResults; county: string }) {
  const t = useT();
  const { locale } = useSession();
  const c = data.counties.find((x) => x.code === county);
  const scored = data.counties.filter((x) => x.rank !== null).length;
  const run = data.run;
  if (!c || !run) return <Empty description={t('本旗县不在该期结果中', 'Your county is not in this result')} />;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="own-result">
      <Row gutter={[12, 12]}>
        <Col xs={8}>
          <Statistic title={t('综合得分', 'Score')} value={formatScore(c.score)} />
        </Col>
        <Col xs={8}>
          <Statistic title={t('全区排名', 'Rank')} value={c.rank ?? '—'} suffix={c.rank ? `/ ${scored}` : undefined} />
        </Col>
        <Col xs={8}>
          <Statistic title={t('类别', 'Tier')} valueRender={() => <TierTag tier={c.tier} />} value={c.tier ?? 0} />
        </Col>
      </Row>
      <Space size={8} wrap>
        <Typography.Text type="secondary">{t('名次变化', 'Change')}</Typography.Text>
        <Change c={c} />
        {c.missingReason && (
          <Typography.Text type="warning">
            {t('本年数据：', 'Data: ')}
            {pick(MISSING_REASON_NAMES[c.missingReason], locale)}
          </Typography.Text>
        )}
      </Space>
      <Link to={`/console/monitoring/counties/${county}?run=${run.id}`}>
        <Button type="primary" ghost size="small">
          {t('查看旗县画像与诊断（查找差距）', 'County profile and diagnosis')}
        </Button>
      </Link>
    </Space>
  );
}

function Top({ data, league }: { data: PublishedResults; league?: string }) {
  const t = useT();
  const rows = topCounties(league ? data.counties.filter((c) => c.leagueName === league) : data.counties, 5);
  if (rows.length === 0) return <Empty description={t('暂无排名', 'No ranks')} />;
  return (
    <Table<PublishedCounty>
      size="small"
      pagination={false}
      rowKey="code"
      dataSource={rows}
      data-testid="top-counties"
      columns={[
        { title: league ? t('全区排名', 'Rank') : t('排名', 'Rank'), dataIndex: 'rank', width: league ? 80 : 56 },
        {
          title: t('旗县', 'County'),
          dataIndex: 'name',
          render: (name: string, c) => (
            <Link to={`/console/monitoring/counties/${c.code}?run=${data.run?.id ?? ''}`}>{name}</Link>
          ),
        },
        ...(league ? [] : [{ title: t('盟市', 'League'), dataIndex: 'leagueName', responsive: ['sm' as const] }]),
        { title: t('得分', 'Score'), dataIndex: 'score', render: (v: number | null) => formatScore(v), width: 64 },
        { title: t('类别', 'Tier'), dataIndex: 'tier', render: (v: number | null) => <TierTag tier={v} />, width: 64 },
      ]}
    />
  );
}

export function LatestResults({ county, league }: { county?: string; league?: string }) {
  const t = useT();
  const { locale, can } = useSession();
  const res = useFetch<PublishedResults>('/api/public/monitoring/results');
  const run = res.data?.run ?? null;
  const title = county
    ? t('本旗县最新监测结果', 'Latest result of your county')
    : league
      ? t(`${league}最新监测结果`, `Latest results in ${league}`)
      : t('最新发布的监测结果', 'Latest published results');
  return (
    <Card
      size="small"
      title={title}
      data-testid="latest-results"
      extra={can('monitoring:read') && <Link to="/console/monitoring/results">{t('全部结果', 'All results')}</Link>}
    >
      {res.error ? (
        <ErrorBanner message={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : !run ? (
        <Empty description={t('尚无已发布的监测结果', 'No results published yet')} />
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t(`${run.period} 年度`, `${run.period}`)} · {pick(MODE_NAMES[run.mode], locale)}
            {run.publishedAt && ` · ${t('发布于', 'published')} ${formatDateTime(run.publishedAt, locale)}`}
          </Typography.Text>
          {county ? <OwnCounty data={res.data} county={county} /> : <Top data={res.data} league={league} />}
        </Space>
      )}
    </Card>
  );
}
