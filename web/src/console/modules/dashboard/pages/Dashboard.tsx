/**
 * 工作台 (home), by kind of account (home.ts `homeKind`). Officers first see what they must do (待办: a county's
 * entry form, a league's review queue, the region's approvals and latest run), the latest published results and, for
 * the region, the year's monitoring status by league; then, with `metrics:read`, registered organisations per county
 * (`organisations.count`) as a map and a table for the division chosen in the switcher. Type, table grouping and
 * sorting live in the URL. Enterprises, researchers, farmers and experts get what their account does today
 * (MemberHome); the three administrators a welcome with their entrances.
 */
import { lazy, Suspense, useCallback } from 'react';
import { Alert, Button, Card, Col, Result, Row, Select, Space, Spin, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useDivision } from '../../../division.tsx';
import { useSession, useSignedIn } from '../../../session.tsx';
import { useT } from '../../../i18n.ts';
import { parseSort, type SortKey, type SortOrder } from '../county-table.ts';
import { fetchFact, loadPlatformMode, useLoad } from '../data.ts';
import { ORGANISATION_TYPE_NAMES, parseTypeFilter, TYPE_FILTERS, type TypeFilter } from '../org-types.ts';
import { SourceLine, SummaryCards } from '../components/Summary.tsx';
import { Welcome } from '../components/Welcome.tsx';
import { ReportButtons } from '../components/ReportButtons.tsx';
import { entryCounty, homeKind, type HomeKind } from '../home.ts';
import { CountyTasks } from '../home/CountyTasks.tsx';
import { LatestResults } from '../home/LatestResults.tsx';
import { LeagueTasks } from '../home/LeagueTasks.tsx';
import { MemberHome } from '../home/MemberHome.tsx';
import { RegionMonitoringStatus, RegionTasks } from '../home/RegionStatus.tsx';

const MapPanel = lazy(() => import('../components/MapPanel.tsx'));

function Centred() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** The label of the value for a type filter: 在册单位数, or e.g. 企业数. */
export function useValueLabel(): (type: TypeFilter) => string {
  const t = useT();
  return (type) => {
    if (type === 'all') return t('在册单位数', 'Organisations');
    const n = ORGANISATION_TYPE_NAMES[type];
    return t(`${n.zh}数`, n.en);
  };
}

function Overview() {
  const t = useT();
  const { locale } = useSession();
  const { current } = useDivision();
  const valueLabel = useValueLabel();
  const [params, setParams] = useSearchParams();
  const type = parseTypeFilter(params.get('type'));
  const sort = parseSort(params.get('sort'), params.get('order'));
  const group = params.get('group') === 'league' ? 'league' : 'county';
  const fact = useLoad(current.code, (signal) => fetchFact(current.code, { level: 'county', signal }));
  const mode = useLoad('mode', () => loadPlatformMode());

  const update = useCallback(
    (patch: Record<string, string | undefined>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const onSortChange = useCallback(
    (s: { key: SortKey; order: SortOrder } | null) => update({ sort: s?.key, order: s?.order }),
    [update],
  );

  let body;
  if (fact.error) {
    const outside = fact.error.status === 403 || fact.error.status === 404;
    body = outside ? (
      <Result
        status="403"
        title={t('无权查看该区划的数据', 'No access to this division’s figures')}
        subTitle={fact.error.text(locale)}
      />
    ) : (
      <Alert
        type="error"
        showIcon
        title={t('数据加载失败', 'Could not load the figures')}
        description={fact.error.text(locale)}
        action={<Button onClick={fact.reload}>{t('重试', 'Retry')}</Button>}
      />
    );
  } else if (!fact.data) {
    body = <Centred />;
  } else {
    body = (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <SummaryCards fact={fact.data} />
        <Suspense fallback={<Centred />}>
          <MapPanel
            fact={fact.data}
            type={type}
            valueLabel={valueLabel(type)}
            sort={sort}
            onSortChange={onSortChange}
            group={group}
            onGroupChange={(g) =>
              update({ group: g === 'league' ? 'league' : undefined, sort: undefined, order: undefined })
            }
          />
        </Suspense>
      </Space>
    );
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('在册单位', 'Registered organisations')} · {current.name}
          </Typography.Title>
          <Space style={{ marginLeft: 'auto' }} wrap>
            <ReportButtons division={current.code} />
            <label htmlFor="qx-type-filter">{t('单位类型', 'Type')}</label>
            <Select
              id="qx-type-filter"
              style={{ width: 180 }}
              value={type}
              options={TYPE_FILTERS.map((v) => ({
                value: v,
                label:
                  v === 'all'
                    ? t('全部类型', 'All types')
                    : t(ORGANISATION_TYPE_NAMES[v].zh, ORGANISATION_TYPE_NAMES[v].en),
              }))}
              onChange={(v: TypeFilter) => update({ type: v === 'all' ? undefined : v })}
            />
          </Space>
        </div>
        {fact.data && (
          <div style={{ marginTop: 8 }}>
            <SourceLine fact={fact.data} isDemo={mode.data === 'demo'} />
          </div>
        )}
      </Card>
      {body}
    </Space>
  );
}

/** What an officer must do, and the results that concern them, above the organisations overview. */
function Lead({ kind }: { kind: HomeKind }) {
  const s = useSignedIn();
  const results = (
    <LatestResults
      county={kind === 'county' ? entryCounty(s) : undefined}
      league={kind === 'league' ? s.division.name : undefined}
    />
  );
  switch (kind) {
    case 'county':
    case 'league':
      return (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            {kind === 'county' ? <CountyTasks /> : <LeagueTasks />}
          </Col>
          <Col xs={24} lg={10}>
            {s.can('monitoring:read') && results}
          </Col>
        </Row>
      );
    case 'region':
      return (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <RegionTasks />
            </Col>
            <Col xs={24} lg={12}>
              {results}
            </Col>
          </Row>
          <RegionMonitoringStatus />
        </Space>
      );
    case 'reader':
    case 'admin':
    case 'member':
      return s.can('monitoring:read') ? results : null;
  }
}

function OfficerHome({ kind }: { kind: HomeKind }) {
  const s = useSignedIn();
  const t = useT();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('工作台', 'Dashboard')} · {s.division.name}
      </Typography.Title>
      <Lead kind={kind} />
      {s.can('metrics:read') && <Overview />}
    </Space>
  );
}

export default function DashboardPage() {
  const s = useSignedIn();
  const kind = homeKind(s);
  if (kind === 'member') return <MemberHome />;
  if (kind === 'admin') return <Welcome />;
  return <OfficerHome kind={kind} />;
}
