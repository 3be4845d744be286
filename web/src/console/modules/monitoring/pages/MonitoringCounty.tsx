/**
 * 旗县监测画像 (/console/monitoring/counties/:code?run=&peers=): one county's diagnosis (查找差距) in a run — score,
 * rank with its 5-95 % interval, tier and change; dimension radar against a peer group; trend over the years;
 * strengths and weaknesses; targets with progress and years to target; the improvement path (提升路径); every
 * indicator with raw value, normalised score and imputed/provisional markers. Any county of a published run (results
 * are public), its report buttons included; an unpublished run only for monitoring:manage over the region, else 404.
 */
import { lazy, Suspense, useEffect, useMemo } from 'react';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Result,
  Row,
  Segmented,
  Space,
  Spin,
  Statistic,
  Typography,
} from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { CountyDiagnosis, RunResult, ZRunPage } from '../../../../../../contracts/monitoring.ts';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { useT } from '../../../i18n.ts';
import { useSignedIn } from '../../../session.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import { ReportJobButtons } from '../components/ReportJobButtons.tsx';
import { indicatorRows, peerMeans } from '../county.ts';
import { GapTable, ImprovementTable, IndicatorTable, TargetTable } from '../components/CountyTables.tsx';
import { PEER_GROUP_NAMES } from '../labels.ts';
import { dimensionsOf, formatScore, intervalText, pickRun } from '../results.ts';
import { RunPicker, RunSource, RunTags } from '../components/RunPicker.tsx';
import { ChangeCell, MissingTag, TierTag } from '../components/TierTag.tsx';

const CountyCharts = lazy(() => import('../components/CountyCharts.tsx'));

type RunPage = z.infer<typeof ZRunPage>;
type Peers = CountyDiagnosis['peerGroup'];
const PEERS: Peers[] = ['type', 'league', 'neighbours', 'all'];

function Centred({ height = 200 }: { height?: number }) {
  return (
    <div style={{ height, display: 'grid', placeItems: 'center' }}>
      <Spin />
    </div>
  );
}

export default function MonitoringCountyPage() {
  const { code = '' } = useParams();
  const t = useT();
  const session = useSignedIn();
  const canManage = session.can('monitoring:manage');
  const [params, setParams] = useSearchParams();
  const peers: Peers = PEERS.find((p) => p === params.get('peers')) ?? 'type';
  const valid = /^\d{6}$/.test(code);
  const runs = useFetch<RunPage>('/api/monitoring/runs', { pageSize: 200, published: canManage ? undefined : 'true' });
  const askRun = Number(params.get('run')) || undefined;
  const run = useMemo(() => (runs.data ? pickRun(runs.data.items, { run: askRun }) : null), [runs.data, askRun]);
  const diagnosis = useFetch<CountyDiagnosis>(valid && run ? `/api/monitoring/runs/${run.id}/counties/${code}` : null, {
    peers,
  });
  const result = useFetch<RunResult>(run ? `/api/monitoring/runs/${run.id}/result` : null);
  const d =
    diagnosis.data && diagnosis.data.run.id === run?.id && diagnosis.data.county.code === code ? diagnosis.data : null;
  const r = result.data && result.data.run.id === run?.id ? result.data : null;
  useEffect(() => {
    document.title = t(`${d?.county.name ?? code} · 监测画像`, `${d?.county.name ?? code} · monitoring profile`);
  }, [t, d, code]);

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  if (!valid) return <Result status="404" title="404" subTitle={t(`未找到旗县 ${code}`, `No county ${code}`)} />;
  const resultsLink = `/console/monitoring/results?all=1${run ? `&run=${run.id}` : ''}`;
  const breadcrumb = (
    <Breadcrumb
      items={[
        { title: <Link to={resultsLink}>{t('监测结果', 'Monitoring results')}</Link> },
        { title: d?.county.name ?? code },
      ]}
    />
  );
  if (runs.error) return <ErrorBanner message={runs.error} onRetry={runs.reload} />;
  if (!runs.data) return <Centred />;
  if (!run)
    return (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {breadcrumb}
        <Card>
          <Empty description={t('尚未发布监测结果', 'No monitoring results have been published yet')} />
        </Card>
      </Space>
    );
  if (diagnosis.status === 404 || diagnosis.status === 403)
    return (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {breadcrumb}
        <Result
          status="404"
          title={diagnosis.status}
          subTitle={t(
            `旗县 ${code} 不在该测算结果中，或不在您的管辖范围内`,
            `County ${code} is not in this result or outside your divisions`,
          )}
          extra={
            <Link to={resultsLink}>
              <Button type="primary">{t('返回监测结果', 'Back to the results')}</Button>
            </Link>
          }
        />
      </Space>
    );

  const c = d?.county;
  const framework = r?.framework ?? null;
  const dims = framework ? dimensionsOf(framework) : [];
  const means = d && r ? peerMeans(d, r.counties, r.framework) : null;
  const rows = c && framework ? indicatorRows(c, framework, t) : [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {breadcrumb}
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {c ? c.name : code}
          </Typography.Title>
          {c && (
            <Typography.Text type="secondary">
              {c.leagueName} · {t('区划代码', 'Code')} {c.code}
              {c.countyType ? ` · ${c.countyType}` : ''}
            </Typography.Text>
          )}
          <RunTags run={run} />
          <Space wrap style={{ marginLeft: 'auto' }} data-testid="county-actions">
            {run.status === 'done' && <ReportJobButtons runId={run.id} kind="county" division={code} />}
            <Link to={`/console/divisions/${code}`}>
              <Button>{t('区划概况', 'Division page')}</Button>
            </Link>
          </Space>
        </div>
        <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
          <RunPicker
            runs={runs.data.items}
            run={run}
            onPick={(a) => set({ run: a.run ? String(a.run) : pickRun(runs.data?.items ?? [], a)?.id.toString() })}
          />
          <RunSource run={run} framework={framework ?? undefined} log={r?.log} />
        </div>
      </Card>
      {run.provisional && (
        <Alert
          type="warning"
          showIcon
          title={t(
            '临时结果：含尚未审核的数据或实时临时值，仅供内部参考。',
            'Provisional: uses unapproved or live provisional values; for internal use.',
          )}
        />
      )}
      {run.isDemo && (
        <Alert
          type="info"
          showIcon
          title={t('演示数据：不代表该旗县的真实情况。', 'Demo data: says nothing about the real county.')}
        />
      )}
      {diagnosis.error && <ErrorBanner message={diagnosis.error} onRetry={diagnosis.reload} />}
      {!d || !c ? (
        !diagnosis.error && <Centred height={400} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('综合得分', 'Index score')} value={formatScore(c.score)} />
                <MissingTag reason={c.missingReason} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('排名（5–95% 区间）', 'Rank (5–95 % interval)')}
                  value={intervalText(c)}
                  suffix={<Typography.Text type="secondary">/ {r?.counties.length ?? 103}</Typography.Text>}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('类别', 'Tier')} valueRender={() => <TierTag tier={c.tier} />} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('较上期变化', 'Change vs previous')}
                  valueRender={() => <ChangeCell county={c} comparison={r?.comparison ?? null} />}
                />
                {r?.comparison && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="county-change-basis">
                    {t(
                      `仅在两期均有得分的 ${r.comparison.common} 个旗县中比较`,
                      `Among the ${r.comparison.common} counties scored in both periods`,
                    )}
                  </Typography.Text>
                )}
              </Card>
            </Col>
          </Row>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 2, lg: 4 }}
            items={[
              { key: 'league', label: t('盟市内排名', 'Rank in league'), children: c.rankInLeague ?? '—' },
              { key: 'type', label: t('同类型排名', 'Rank among its type'), children: c.rankInType ?? '—' },
              { key: 'prev', label: t('上期得分', 'Previous score'), children: formatScore(c.previousScore) },
              { key: 'median', label: t('排名中位数', 'Median rank'), children: c.rankMedian ?? '—' },
            ]}
          />
          <Suspense fallback={<Centred height={360} />}>
            <CountyCharts
              county={c}
              dimensions={dims.map((x) => ({ code: x.code, name: t(x.nameZh, x.nameEn || x.nameZh) }))}
              peers={
                means
                  ? { name: t(`${PEER_GROUP_NAMES[peers].zh}均值`, `${PEER_GROUP_NAMES[peers].en} mean`), means }
                  : null
              }
              trend={d.trend}
              peerSelector={
                <Segmented<Peers>
                  size="small"
                  aria-label={t('对比组', 'Peer group')}
                  value={peers}
                  options={PEERS.map((p) => ({ value: p, label: t(PEER_GROUP_NAMES[p].zh, PEER_GROUP_NAMES[p].en) }))}
                  onChange={(p) => set({ peers: p === 'type' ? undefined : p })}
                />
              }
            />
          </Suspense>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <GapTable rows={d.strengths} title={t('优势指标', 'Strengths')} testId="strengths" />
            </Col>
            <Col xs={24} lg={12}>
              <GapTable rows={d.weaknesses} title={t('短板指标', 'Weaknesses')} testId="weaknesses" />
            </Col>
          </Row>
          <TargetTable targets={d.targets} />
          <ImprovementTable improvements={d.improvements} />
          <IndicatorTable
            rows={rows}
            loading={!framework && !result.error}
            error={result.error}
            onRetry={result.reload}
          />
        </>
      )}
    </Space>
  );
}
