/**
 * Map and table of one `organisations.count` answer, side by side (stacked on narrow screens). Loaded lazily by
 * the dashboard and the county page: this file is where ECharts enters the bundle.
 */
import { useCallback, useMemo } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Segmented, Spin } from 'antd';
import { useNavigate } from 'react-router';
import type { FactResult } from '../../../../../../contracts/metrics.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { CountyMap } from './CountyMap.tsx';
import { CountyTable } from './CountyTable.tsx';
import { summariseByLeague, type SortKey, type SortOrder } from '../county-table.ts';
import { loadRegionDivisions, useLoad } from '../data.ts';
import { loadRegionGeo, regionOf } from '../geo.ts';
import { type TypeFilter } from '../org-types.ts';
import { buildMapView, buildTableRows, scopeOf } from '../view.ts';

export interface MapPanelProps {
  fact: FactResult;
  type: TypeFilter;
  /** Label of the value, e.g. 在册单位数（企业）. */
  valueLabel: string;
  sort: { key: SortKey; order: SortOrder };
  onSortChange: (sort: { key: SortKey; order: SortOrder } | null) => void;
  /** Region view only: the table lists counties or leagues. */
  group?: 'county' | 'league';
  onGroupChange?: (group: 'county' | 'league') => void;
  /** Map only (a county page shows where the county lies). */
  mapOnly?: boolean;
  mapHeight?: number;
}

export default function MapPanel(props: MapPanelProps) {
  const { fact, type, valueLabel, sort, onSortChange, group = 'county', onGroupChange, mapOnly } = props;
  const t = useT();
  const { locale } = useSession();
  const navigate = useNavigate();
  const region = regionOf(fact.total.divisionCode);
  const geo = useLoad(region, () => loadRegionGeo(region));
  const divisions = useLoad(region, () => loadRegionDivisions(region));
  const scope = scopeOf(fact);

  const view = useMemo(() => (geo.data ? buildMapView({ fact, geo: geo.data, type }) : null), [fact, geo.data, type]);
  const rows = useMemo(() => {
    const counties = buildTableRows({ fact, divisions: divisions.data, type });
    return scope === 'region' && group === 'league' ? summariseByLeague(counties) : counties;
  }, [fact, divisions.data, type, scope, group]);
  const open = useCallback((code: string) => void navigate(`/console/divisions/${code}`), [navigate]);

  const map = (
    <Card
      size="small"
      title={mapOnly ? t('所在位置', 'Location') : t('旗县分布', 'Counties on the map')}
      style={{ height: '100%' }}
      styles={{ body: { padding: 8 } }}
      extra={scope === 'county' && !mapOnly ? t('仅显示本旗县的数据', 'Only your county’s figure is shown') : null}
    >
      {geo.error ? (
        <Alert
          type="warning"
          showIcon
          title={t('地图暂不可用，请使用表格查看', 'The map is unavailable; the table has the same figures')}
          description={geo.error.text(locale)}
          action={
            <Button size="small" onClick={geo.reload}>
              {t('重试', 'Retry')}
            </Button>
          }
        />
      ) : view ? (
        view.features.length === 0 ? (
          <Empty description={t('该区划没有旗县地图', 'No county polygons for this division')} />
        ) : (
          <CountyMap view={view} valueLabel={valueLabel} unit={fact.unit} onSelect={open} height={props.mapHeight} />
        )
      ) : (
        <div style={{ height: props.mapHeight ?? 460, display: 'grid', placeItems: 'center' }}>
          <Spin />
        </div>
      )}
    </Card>
  );
  if (mapOnly) return map;

  const table = (
    <Card
      size="small"
      title={
        scope === 'league'
          ? t(`${fact.total.divisionName}所辖旗县`, `Counties of ${fact.total.divisionName}`)
          : t('数据表', 'Table')
      }
      extra={
        scope === 'region' && onGroupChange ? (
          <Segmented<'county' | 'league'>
            size="small"
            aria-label={t('表格分组', 'Table rows')}
            value={group}
            options={[
              { value: 'county', label: t('按旗县', 'Counties') },
              { value: 'league', label: t('按盟市', 'Leagues') },
            ]}
            onChange={(v) => onGroupChange(v)}
          />
        ) : null
      }
      style={{ height: '100%' }}
      styles={{ body: { padding: 0 } }}
    >
      {rows.length === 0 ? (
        <Empty style={{ padding: 24 }} description={t('没有旗县数据', 'No county figures')} />
      ) : (
        <CountyTable
          rows={rows}
          sort={sort}
          onSortChange={onSortChange}
          hideLeague={scope !== 'region'}
          leagueRows={scope === 'region' && group === 'league'}
          countLabel={valueLabel}
          height={(props.mapHeight ?? 460) - 24}
        />
      )}
    </Card>
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={13}>
        {map}
      </Col>
      <Col xs={24} xl={11}>
        {table}
      </Col>
    </Row>
  );
}
