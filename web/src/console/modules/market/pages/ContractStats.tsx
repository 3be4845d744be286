/**
 * 技术合同统计: contracts, contract value and 技术交易额 by county, league, field, year or type, each side apart —
 * 输出 (seller in the area), 吸纳 (buyer in the area), 流入 (buyer in, seller outside), 流出 (seller in, buyer outside).
 * 地图 (`?view=map&measure=…`, for metrics:read holders) shows one of the market's contract facts per county of a
 * year on the county map (components/ContractMap.tsx).
 */
import { lazy, Suspense } from 'react';
import { Card, Segmented, Select, Spin, Table } from 'antd';
import { useSearchParams } from 'react-router';
import type { TableColumnGroupType } from 'antd';
import { ZContractStatsQuery, type ContractStats } from '../../../../../../contracts/market-contracts.ts';
import { formatNumber } from '../../../../shared/i18n.ts';
import { DivisionSelect } from '../../../lib/DivisionSelect.tsx';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { emptyText, FilterBar, SelectFilter } from '../../../lib/list/filters.tsx';
import { useFetch } from '../../../lib/use-fetch.ts';
import { useUrlQuery } from '../../../lib/url-query.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { useSignedIn } from '../../../session.tsx';
import {
  GROUP_NAMES,
  MAP_MEASURES,
  parseMapMeasure,
  statsRows,
  yearOptions,
  type MapMeasure,
  type StatsRow,
} from '../contract-view.ts';
import { optionsFrom } from '../labels.ts';

const ContractMap = lazy(() => import('../components/ContractMap.tsx'));

type SideKey = 'seller' | 'buyer' | 'inflow' | 'outflow';

export default function ContractStatsPage() {
  const t = useT();
  const { locale } = useSession();
  const { can } = useSignedIn();
  const [query, update] = useUrlQuery(ZContractStatsQuery);
  const [params] = useSearchParams();
  // 地图 reads the market's facts per county (metrics:read); the table reads the statistics API.
  const mayMap = can('metrics:read');
  const asMap = mayMap && params.get('view') === 'map';
  const measure = parseMapMeasure(params.get('measure'));
  const stats = useFetch<ContractStats>(asMap ? null : '/api/market/contract-stats', query);
  const n = (v: number) => formatNumber(v, locale);
  const thisYear = new Date().getFullYear();

  const side = (key: SideKey, title: string): TableColumnGroupType<StatsRow> => ({
    title,
    children: [
      {
        title: t('项', 'No.'),
        key: `${key}-c`,
        width: 60,
        align: 'right',
        render: (_: unknown, r: StatsRow) => n(r[key].count),
      },
      {
        title: t('技术交易额', 'Turnover'),
        key: `${key}-t`,
        width: 100,
        align: 'right',
        render: (_: unknown, r: StatsRow) => n(r[key].turnover),
      },
    ],
  });
  const rows = stats.data ? statsRows(stats.data.rows, stats.data.groupBy) : [];

  return (
    <Card title={t('技术合同统计', 'Contract statistics')}>
      <FilterBar>
        {mayMap && (
          <Segmented
            aria-label={t('显示方式', 'View')}
            value={asMap ? 'map' : 'table'}
            options={[
              { value: 'table', label: t('表格', 'Table') },
              { value: 'map', label: t('地图', 'Map') },
            ]}
            onChange={(v) => update({ view: v === 'map' ? 'map' : undefined })}
          />
        )}
        {asMap ? (
          <Select
            aria-label={t('地图指标', 'Map figure')}
            style={{ width: 240 }}
            value={measure}
            options={(Object.keys(MAP_MEASURES) as MapMeasure[]).map((k) => ({
              value: k,
              label: t(MAP_MEASURES[k].zh, MAP_MEASURES[k].en),
            }))}
            onChange={(m: MapMeasure) => update({ measure: m })}
          />
        ) : (
          <Select
            aria-label={t('分组', 'Group by')}
            style={{ width: 140 }}
            value={query.groupBy}
            options={optionsFrom(GROUP_NAMES, t)}
            onChange={(groupBy: string) => update({ groupBy })}
          />
        )}
        <SelectFilter
          label={t('年度', 'Year')}
          placeholder={asMap ? t(`${thisYear} 年`, String(thisYear)) : t('全部年度', 'All years')}
          width={110}
          value={query.year === undefined ? undefined : String(query.year)}
          options={yearOptions(new Date().getFullYear())}
          onChange={(year) => update({ year })}
        />
        <DivisionSelect
          aria-label={t('地区', 'Division')}
          allowClear
          placeholder={t('管辖范围', 'My scope')}
          style={{ width: 190 }}
          value={query.division}
          onChange={(division) => update({ division })}
        />
      </FilterBar>
      {asMap ? (
        <Suspense
          fallback={
            <div style={{ height: 480, display: 'grid', placeItems: 'center' }}>
              <Spin />
            </div>
          }
        >
          <ContractMap measure={measure} year={query.year ?? thisYear} division={query.division} />
        </Suspense>
      ) : (
        <>
          {stats.error && <ErrorBanner message={stats.error} onRetry={stats.reload} />}
          <Table<StatsRow>
            rowKey="key"
            size="small"
            bordered
            loading={stats.loading}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 900 }}
            locale={emptyText(t('该范围内没有登记的技术合同', 'No registered contracts in this scope'))}
            columns={[
              {
                title: GROUP_NAMES[query.groupBy]
                  ? t(GROUP_NAMES[query.groupBy]!.zh.replace('按', ''), query.groupBy)
                  : '',
                dataIndex: 'name',
                width: 150,
                fixed: 'left',
              },
              side('seller', t('输出（卖方）', 'Out (seller)')),
              side('buyer', t('吸纳（买方）', 'In (buyer)')),
              side('inflow', t('流入', 'Inflow')),
              side('outflow', t('流出', 'Outflow')),
            ]}
            summary={() =>
              stats.data && rows.length > 0 ? (
                <Table.Summary fixed>
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>{t('合计', 'Total')}</Table.Summary.Cell>
                    {(['seller', 'buyer', 'inflow', 'outflow'] as const).flatMap((k, i) => [
                      <Table.Summary.Cell key={`${k}c`} index={1 + i * 2} align="right">
                        {n(stats.data!.total[k].count)}
                      </Table.Summary.Cell>,
                      <Table.Summary.Cell key={`${k}t`} index={2 + i * 2} align="right">
                        {n(stats.data!.total[k].turnover)}
                      </Table.Summary.Cell>,
                    ])}
                  </Table.Summary.Row>
                </Table.Summary>
              ) : null
            }
          />
        </>
      )}
      {(!asMap || measure.startsWith('turnover')) && (
        <p style={{ marginTop: 8, color: 'rgba(0,0,0,0.45)' }}>{t('金额单位：万元', 'Amounts in CNY 10,000')}</p>
      )}
    </Card>
  );
}
