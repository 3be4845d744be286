/**
 * A division (/console/divisions/:code): its path, key facts (county attributes with year and source), its
 * organisations by type from `organisations.count`, a link to its organisations, and — for a league — its counties
 * on a map and in a table that link on; for a county, where it lies on the region map. Outside the user's scope the
 * figures answer 404 and the page says so; an unknown code is a 404.
 */
import { lazy, Suspense, useCallback } from 'react';
import { Alert, Breadcrumb, Button, Card, Col, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { CountyAttributeList, DivisionDetail } from '../../../../../../contracts/divisions.ts';
import { api } from '../../../../shared/api.ts';
import { isInScope, useDivision } from '../../../division.tsx';
import { useSession } from '../../../session.tsx';
import { useT } from '../../../i18n.ts';
import { AttributeTable } from '../components/AttributeTable.tsx';
import { divisionTypeName } from '../attributes.ts';
import { CountyTable } from '../components/CountyTable.tsx';
import { buildCountyRows, parseSort, type SortKey, type SortOrder } from '../county-table.ts';
import { fetchFact, loadPlatformMode, useLoad } from '../data.ts';
import { SourceLine } from '../components/Summary.tsx';
import { TypeBreakdown } from '../components/TypeBreakdown.tsx';

const MapPanel = lazy(() => import('../components/MapPanel.tsx'));

const LEVEL_NAMES = {
  province: { zh: '省级', en: 'Province' },
  prefecture: { zh: '盟市', en: 'League / city' },
  county: { zh: '旗县', en: 'County' },
} as const;

function Centred() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

export default function CountyPage() {
  const { code = '' } = useParams();
  const t = useT();
  const { locale, can } = useSession();
  const { roots, select } = useDivision();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const sort = parseSort(params.get('sort'), params.get('order'));
  const valid = /^\d{6}$/.test(code);
  const detail = useLoad(valid ? code : null, (signal) =>
    api.get<DivisionDetail>(`/api/divisions/${code}`, undefined, signal),
  );
  const attributes = useLoad(valid ? code : null, (signal) =>
    api.get<CountyAttributeList>(`/api/divisions/${code}/attributes`, undefined, signal),
  );
  const fact = useLoad(valid ? code : null, (signal) => fetchFact(code, { signal }));
  const mode = useLoad('mode', () => loadPlatformMode());
  const onSortChange = useCallback(
    (s: { key: SortKey; order: SortOrder } | null) =>
      setParams(s ? { sort: s.key, order: s.order } : {}, { replace: true }),
    [setParams],
  );

  if (!valid || detail.error?.status === 404 || detail.error?.status === 400)
    return <Result status="404" title="404" subTitle={t(`未找到行政区划 ${code}`, `No division with code ${code}`)} />;
  if (detail.error)
    return (
      <Alert
        type="error"
        showIcon
        title={detail.error.text(locale)}
        action={<Button onClick={detail.reload}>{t('重试', 'Retry')}</Button>}
      />
    );
  if (!detail.data) return <Centred />;

  const d = detail.data;
  const rootCodes = roots.map((r) => r.code);
  const breadcrumb = (
    <Breadcrumb
      items={[
        { title: <Link to="/console">{t('工作台', 'Dashboard')}</Link> },
        ...d.path.map((p) => ({
          title:
            p.code !== d.code && isInScope(p.code, rootCodes) ? (
              <Link to={`/console/divisions/${p.code}`}>{p.name}</Link>
            ) : (
              p.name
            ),
        })),
      ]}
    />
  );
  const outside = fact.error && (fact.error.status === 403 || fact.error.status === 404);
  if (outside)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {breadcrumb}
        <Result
          status="403"
          title="403"
          subTitle={t(`${d.name}（${d.code}）不在您的管辖范围内`, `${d.name} (${d.code}) is outside your divisions`)}
          extra={
            <Link to="/console">
              <Button type="primary">{t('返回工作台', 'Back to the dashboard')}</Button>
            </Link>
          }
        />
      </Space>
    );

  const f = fact.data;
  const breakdown = f ? <TypeBreakdown fact={f} /> : !fact.error && <Centred />;
  const panel = f && {
    fact: f,
    type: 'all' as const,
    valueLabel: t('在册单位数', 'Organisations'),
    sort,
    onSortChange,
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {breadcrumb}
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {d.name}
          </Typography.Title>
          <Tag>{divisionTypeName(d.type, locale)}</Tag>
          <Typography.Text type="secondary">
            {t(LEVEL_NAMES[d.level].zh, LEVEL_NAMES[d.level].en)} · {t('区划代码', 'Code')} {d.code}
          </Typography.Text>
          <Space style={{ marginLeft: 'auto' }} wrap>
            {d.level !== 'county' && (
              <Button
                onClick={() => {
                  select({ code: d.code, name: d.name });
                  void navigate('/console');
                }}
              >
                {t('在工作台查看', 'Open in the dashboard')}
              </Button>
            )}
            {d.level === 'county' && can('monitoring:read') && (
              <Link to={`/console/monitoring/counties/${d.code}`}>
                <Button>{t('创新能力监测画像', 'Innovation monitoring profile')}</Button>
              </Link>
            )}
            <Link to={`/console/organisations?division=${d.code}`}>
              <Button type="primary">{t('查看单位列表', 'List its organisations')}</Button>
            </Link>
          </Space>
        </div>
        {f && (
          <div style={{ marginTop: 8 }}>
            <SourceLine fact={f} isDemo={mode.data === 'demo'} />
          </div>
        )}
      </Card>
      {fact.error && (
        <Alert
          type="error"
          showIcon
          title={t('单位数据加载失败', 'Could not load the organisation figures')}
          description={fact.error.text(locale)}
          action={<Button onClick={fact.reload}>{t('重试', 'Retry')}</Button>}
        />
      )}
      {d.level === 'county' ? (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              {breakdown}
            </Col>
            <Col xs={24} lg={14}>
              {panel && (
                <Suspense fallback={<Centred />}>
                  <MapPanel {...panel} mapOnly mapHeight={300} />
                </Suspense>
              )}
            </Col>
          </Row>
          <AttributeTable items={attributes.data?.items ?? null} loading={attributes.loading} />
        </>
      ) : (
        <>
          {breakdown}
          {(attributes.data?.items.length ?? 0) > 0 && (
            <AttributeTable items={attributes.data?.items ?? null} loading={attributes.loading} />
          )}
        </>
      )}
      {panel && d.level === 'prefecture' && (
        <Suspense fallback={<Centred />}>
          <MapPanel {...panel} />
        </Suspense>
      )}
      {f && d.level === 'province' && (
        <Card size="small" title={t('所辖盟市', 'Leagues and cities')} styles={{ body: { padding: 0 } }}>
          <CountyTable
            rows={buildCountyRows(f.items, 'all', () => undefined)}
            sort={sort}
            onSortChange={onSortChange}
            leagueRows
            countLabel={t('在册单位数', 'Organisations')}
          />
        </Card>
      )}
    </Space>
  );
}
