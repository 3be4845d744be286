/**
 * 排名表: rank with its 5-95 % interval, county (linked to its profile), league, score, tier, change; sortable,
 * searchable, filtered by league, county type and tier. Filters are controlled by the page (kept in the URL).
 */
import { useState } from 'react';
import { Checkbox, Input, Select, Space, Table, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import type { CountyResult, RankComparison } from '../../../../../../contracts/monitoring.ts';
import { useT } from '../../../i18n.ts';
import { tierName } from '../labels.ts';
import {
  compareNullable,
  filterCounties,
  filterOptions,
  formatScore,
  intervalText,
  rankChange,
  type ResultFilters,
} from '../results.ts';
import { ChangeCell, MissingTag, TierTag } from './TierTag.tsx';

export interface RankTableProps {
  counties: readonly CountyResult[];
  /** How the 变化 column compares with the previous period (null: no previous published run). */
  comparison?: RankComparison | null;
  runId: number;
  filters: ResultFilters;
  onFilters: (f: ResultFilters) => void;
}

/** '变化：仅在两期均有得分的 81 个旗县中比较名次（本期 81 个、上期 103 个有得分，类别变化不作比较）'. */
export function changeBasis(c: RankComparison, t: (zh: string, en: string) => string): string {
  const sets = c.tiersComparable
    ? ''
    : t(
        `（本期 ${c.current} 个、上期 ${c.previous} 个有得分，参评旗县不同，类别变化不作比较）`,
        ` (${c.current} scored now, ${c.previous} then: tier changes are not compared)`,
      );
  return (
    t(
      `变化：与 ${c.previousPeriod} 年度相比，仅在两期均有得分的 ${c.common} 个旗县中比较名次`,
      `Change: against ${c.previousPeriod}, ranks compared among the ${c.common} counties scored in both periods`,
    ) + sets
  );
}

export function RankTable({ counties, comparison, runId, filters, onFilters }: RankTableProps) {
  const t = useT();
  // The interval stands beside every rank unless the reader hides it.
  const [showInterval, setShowInterval] = useState(true);
  const options = filterOptions(counties);
  const rows = filterCounties(counties, filters);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t('搜索旗县', 'Search counties')}
          placeholder={t('旗县名称或代码', 'County name or code')}
          allowClear
          style={{ width: 220 }}
          key={filters.q ?? ''}
          defaultValue={filters.q}
          onSearch={(q) => onFilters({ ...filters, q: q.trim() || undefined })}
        />
        <Select<string>
          aria-label={t('盟市', 'League')}
          allowClear
          placeholder={t('全部盟市', 'All leagues')}
          style={{ width: 150 }}
          value={filters.league}
          options={options.leagues.map((l) => ({ value: l.code, label: l.name }))}
          onChange={(league?: string) => onFilters({ ...filters, league })}
        />
        {options.types.length > 0 && (
          <Select<string>
            aria-label={t('旗县类型', 'County type')}
            allowClear
            placeholder={t('全部类型', 'All types')}
            style={{ width: 150 }}
            value={filters.type}
            options={options.types.map((x) => ({ value: x, label: x }))}
            onChange={(type?: string) => onFilters({ ...filters, type })}
          />
        )}
        <Select<number>
          aria-label={t('类别', 'Tier')}
          allowClear
          placeholder={t('全部类别', 'All tiers')}
          style={{ width: 120 }}
          value={filters.tier}
          options={options.tiers.map((x) => ({ value: x, label: t(tierName(x).zh, tierName(x).en) }))}
          onChange={(tier?: number) => onFilters({ ...filters, tier })}
        />
        <Checkbox checked={showInterval} onChange={(e) => setShowInterval(e.target.checked)}>
          {t('显示排名区间', 'Show rank intervals')}
        </Checkbox>
        <Typography.Text type="secondary">
          {t(`${rows.length} / ${counties.length} 个旗县`, `${rows.length} of ${counties.length} counties`)}
        </Typography.Text>
      </Space>
      {comparison && (
        <Typography.Paragraph type="secondary" data-testid="change-basis" style={{ marginBottom: 8 }}>
          {changeBasis(comparison, t)}
        </Typography.Paragraph>
      )}
      <Table<CountyResult>
        data-testid="rank-table"
        rowKey="code"
        size="small"
        dataSource={rows}
        scroll={{ x: 560 }}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 103],
          hideOnSinglePage: true,
        }}
        columns={[
          {
            title: showInterval ? (
              <Tooltip
                title={t(
                  '括号内为排名的 5–95% 区间：在权重、标准化和合成方法等不确定因素下（蒙特卡洛模拟），排名可能落入的范围',
                  'In brackets: the 5–95 % rank interval, where the rank may fall under other weights, normalisations and aggregations (Monte Carlo)',
                )}
              >
                <span>{t('排名（区间）', 'Rank (interval)')}</span>
              </Tooltip>
            ) : (
              t('排名', 'Rank')
            ),
            key: 'rank',
            width: 110,
            defaultSortOrder: 'ascend',
            sorter: (a, b, order) => compareNullable(a.rank, b.rank, order ?? 'ascend'),
            render: (_: unknown, c) => (
              <span style={{ whiteSpace: 'nowrap' }} data-testid="rank-cell">
                {showInterval ? intervalText(c) : (c.rank ?? '—')}
              </span>
            ),
          },
          {
            title: t('旗县', 'County'),
            dataIndex: 'name',
            render: (name: string, c) => (
              <Space size={4} wrap>
                <Link to={`/console/monitoring/counties/${c.code}?run=${runId}`}>{name}</Link>
                <MissingTag reason={c.missingReason} />
              </Space>
            ),
          },
          { title: t('盟市', 'League'), dataIndex: 'leagueName', width: 96 },
          {
            title: t('得分', 'Score'),
            key: 'score',
            width: 72,
            align: 'right',
            sorter: (a, b, order) => compareNullable(a.score, b.score, order ?? 'ascend'),
            render: (_: unknown, c) => formatScore(c.score),
          },
          {
            title: t('类别', 'Tier'),
            key: 'tier',
            width: 76,
            sorter: (a, b, order) => compareNullable(a.tier, b.tier, order ?? 'ascend'),
            render: (_: unknown, c) => <TierTag tier={c.tier} />,
          },
          {
            title: t('变化', 'Change'),
            key: 'change',
            width: 110,
            sorter: (a, b, order) => compareNullable(rankChange(a), rankChange(b), order ?? 'ascend'),
            render: (_: unknown, c) => <ChangeCell county={c} comparison={comparison} />,
          },
        ]}
      />
    </>
  );
}
