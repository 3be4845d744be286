/**
 * 监测结果 (/console/monitoring/results?run=&period=&view=): the published county innovation monitoring results —
 * run and period, provisional and demo markings, framework version and mode; the choropleth of the 103 counties by
 * score, dimension, indicator, rank change or tier; the rank table with 5-95 % rank intervals; tier counts; charts;
 * Excel export. Managers also see unpublished runs. A county officer coming from the menu lands on the own county.
 */
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { Alert, Button, Card, Col, Empty, Grid, Row, Space, Spin, Statistic, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, Navigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { RunCoverage, RunResult, ZRunPage } from '../../../../../../contracts/monitoring.ts';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { useT } from '../../../i18n.ts';
import { useSignedIn } from '../../../session.tsx';
import { useDownload } from '../../../lib/download.ts';
import { useFetch } from '../../../lib/use-fetch.ts';
import { tierName } from '../labels.ts';
import { parseResultView } from '../map-view.ts';
import { ViewSelect } from '../components/ViewSelect.tsx';
import { RankTable } from '../components/RankTable.tsx';
import { ReportJobButtons } from '../components/ReportJobButtons.tsx';
import { filterCounties, pickRun, tierCounts, type ResultFilters } from '../results.ts';
import { RunPicker, RunSource, RunTags } from '../components/RunPicker.tsx';
import { TierTag } from '../components/TierTag.tsx';
import { CoverageSummary, MissingCounties } from '../components/PublishRunDialog.tsx';
import { DEFAULT_REGION_CODE } from '../../../../../../contracts/region.ts';

const ResultsMap = lazy(() => import('../components/ResultsMap.tsx'));
const ResultCharts = lazy(() => import('../components/ResultCharts.tsx'));

type RunPage = z.infer<typeof ZRunPage>;

function Centred({ height = 200 }: { height?: number }) {
  return (
    <div style={{ height, display: 'grid', placeItems: 'center' }}>
      <Spin />
    </div>
  );
}

function num(v: string | null): number | undefined {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** 数据覆盖: the year's coverage (as published, or now for an unpublished run) and each missing county's reason. */
function CoverageNote({ coverage, published }: { coverage: RunCoverage; published: boolean }) {
  const t = useT();
  return (
    <Alert
      data-testid="results-coverage"
      type={coverage.complete ? 'success' : 'warning'}
      showIcon
      title={
        <span>
          {published
            ? t('数据覆盖（发布时）：', 'Coverage (at publication): ')
            : t('数据覆盖（当前）：', 'Coverage (now): ')}
          <CoverageSummary coverage={coverage} />
        </span>
      }
      description={coverage.complete ? undefined : <MissingCounties coverage={coverage} />}
    />
  );
}

export default function MonitoringResultsPage() {
  const t = useT();
  const session = useSignedIn();
  const canManage = session.can('monitoring:manage');
  const [params, setParams] = useSearchParams();
  const runs = useFetch<RunPage>('/api/monitoring/runs', {
    pageSize: 200,
    published: canManage ? undefined : 'true',
  });
  const ask = { run: num(params.get('run')), period: num(params.get('period')) };
  const run = useMemo(() => (runs.data ? pickRun(runs.data.items, ask) : null), [runs.data, ask.run, ask.period]);
  const result = useFetch<RunResult>(run ? `/api/monitoring/runs/${run.id}/result` : null);
  const view = parseResultView(params.get('view'));
  const filters: ResultFilters = {
    league: params.get('league') ?? undefined,
    type: params.get('type') ?? undefined,
    tier: num(params.get('tier')),
    q: params.get('q') ?? undefined,
  };
  const { busy, run: download } = useDownload();
  const narrow = Grid.useBreakpoint().md === false;

  const update = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };
  useEffect(() => {
    document.title = t('监测结果 · 旗县', 'Monitoring results · Qixian');
  }, [t]);

  // A county officer who opens the page from the menu lands on the own county's profile; any asked run, period,
  // view or filter (a link, ?all=1 from the profile) shows the whole table.
  if (session.division.level === 'county' && [...params.keys()].length === 0)
    return (
      <Navigate
        replace
        to={`/console/monitoring/counties/${session.division.code}${ask.run ? `?run=${ask.run}` : ''}`}
      />
    );

  const data = result.data && result.data.run.id === run?.id ? result.data : null;
  const shown = data ? filterCounties(data.counties, filters) : [];
  const counts = tierCounts(shown);
  const header = (
    <Card size="small">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('县域创新能力监测结果', 'County innovation monitoring results')}
        </Typography.Title>
        {run && <RunTags run={run} />}
        <Space wrap style={{ marginLeft: 'auto' }} data-testid="results-actions">
          {run && (
            <Button
              icon={<DownloadOutlined />}
              loading={busy !== null}
              onClick={() =>
                void download(
                  `/api/monitoring/runs/${run.id}/export.xlsx`,
                  undefined,
                  `monitoring-${run.period}-${run.id}.xlsx`,
                  (name) => t(`已导出 ${name}`, `Exported ${name}`),
                )
              }
            >
              {t('导出 Excel', 'Export Excel')}
            </Button>
          )}
          {/* The region report needs a scope over the whole region (the server checks it again). */}
          {run && run.status === 'done' && session.division.code === DEFAULT_REGION_CODE && (
            <ReportJobButtons runId={run.id} kind="region" />
          )}
          {canManage && (
            <Link to="/console/monitoring/runs">
              <Button>{t('测算管理', 'Index runs')}</Button>
            </Link>
          )}
        </Space>
      </div>
      <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
        {runs.data && (
          <RunPicker
            runs={runs.data.items}
            run={run}
            onPick={(a) => update({ run: a.run, period: a.period, league: undefined, tier: undefined })}
          />
        )}
        {run && <RunSource run={run} framework={data?.framework} log={data?.log} />}
      </div>
    </Card>
  );

  if (runs.error) return <ErrorBanner message={runs.error} onRetry={runs.reload} />;
  if (!runs.data) return <Centred />;
  if (!run)
    return (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {header}
        <Card>
          <Empty
            description={
              ask.run || ask.period
                ? t('没有找到该年度或批次的监测结果', 'No result for that period or run')
                : t('尚未发布监测结果', 'No monitoring results have been published yet')
            }
          >
            {canManage && (
              <Link to="/console/monitoring/runs">
                <Button type="primary">{t('去测算', 'Compute a run')}</Button>
              </Link>
            )}
          </Empty>
        </Card>
      </Space>
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {header}
      {run.provisional && (
        <Alert
          type="warning"
          showIcon
          title={t(
            '临时结果：测算使用了尚未审核的数据或实时临时值，仅供内部参考，不可发布。',
            'Provisional result: it uses values not yet approved or live provisional values; for internal use, it cannot be published.',
          )}
        />
      )}
      {run.isDemo && (
        <Alert
          type="info"
          showIcon
          title={t(
            '演示数据：本结果由演示数据测算，不代表任何旗县的真实情况。',
            'Demo data: computed from demo values; it says nothing about any real county.',
          )}
        />
      )}
      {run.status !== 'done' && (
        <Alert type="info" showIcon title={t('该批次尚未测算完成', 'This run has not finished')} />
      )}
      {result.error && <ErrorBanner message={result.error} onRetry={result.reload} />}
      {data?.coverage && <CoverageNote coverage={data.coverage} published={run.publishedAt !== null} />}
      {!data ? (
        !result.error && <Centred height={400} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} sm={6}>
              <Card size="small">
                <Statistic
                  title={t('参评旗县', 'Counties rated')}
                  value={shown.filter((c) => c.score !== null).length}
                />
              </Card>
            </Col>
            {counts.map((c) => (
              <Col xs={12} sm={6} key={c.tier}>
                <Card size="small" data-testid={`tier-count-${c.tier}`}>
                  <Statistic
                    title={
                      <Space size={4}>
                        <TierTag tier={c.tier} />
                        {t(`${tierName(c.tier).zh}旗县`, `Tier ${c.tier} counties`)}
                      </Space>
                    }
                    value={c.count}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={10}>
              <Card
                size="small"
                title={t('旗县分布', 'Counties on the map')}
                extra={
                  <ViewSelect
                    result={data}
                    view={view}
                    onView={(v) => update({ view: v === 'score' ? undefined : v })}
                  />
                }
                styles={{ body: { padding: 8 } }}
              >
                <Suspense fallback={<Centred height={narrow ? 320 : 560} />}>
                  <ResultsMap result={data} view={view} height={narrow ? 320 : 560} />
                </Suspense>
              </Card>
            </Col>
            <Col xs={24} xl={14}>
              <Card size="small" title={t('排名', 'Ranking')}>
                <RankTable
                  counties={data.counties}
                  comparison={data.comparison ?? null}
                  runId={run.id}
                  filters={filters}
                  onFilters={(f) => update({ league: f.league, type: f.type, tier: f.tier, q: f.q })}
                />
              </Card>
            </Col>
          </Row>
          <Suspense fallback={<Centred height={360} />}>
            <ResultCharts counties={shown} framework={data.framework} />
          </Suspense>
        </>
      )}
    </Space>
  );
}
