/**
 * The tables of a county's monitoring profile (旗县监测画像): strengths and weaknesses against the peer group, distance
 * to targets, the improvement path (提升路径) and every indicator.
 */
import { Card, Empty, Progress, Space, Table, Tag, Typography } from 'antd';
import type { CountyDiagnosis } from '../../../../../../contracts/monitoring.ts';
import { formatNumber } from '../../../../shared/i18n.ts';
import { useT } from '../../../i18n.ts';
import { ErrorBanner } from '../../../lib/list/ErrorBanner.tsx';
import { useSession } from '../../../session.tsx';
import { targetProgress, yearsToTargetText, type IndicatorRow } from '../county.ts';
import { formatScore } from '../results.ts';

type Gap = CountyDiagnosis['strengths'][number];

/** 优势指标 / 短板指标: indicators with the county's score, the peer mean and the gap. */
export function GapTable({ rows, title, testId }: { rows: Gap[]; title: string; testId: string }) {
  const t = useT();
  return (
    <Card size="small" title={title} styles={{ body: { padding: 0 } }}>
      <Table<Gap>
        data-testid={testId}
        rowKey="indicatorCode"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 420 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('无', 'None')} /> }}
        columns={[
          { title: t('指标', 'Indicator'), dataIndex: 'nameZh', render: (n: string, r) => `${r.indicatorCode} ${n}` },
          {
            title: t('得分', 'Score'),
            dataIndex: 'score',
            width: 70,
            align: 'right',
            render: (v: number) => formatScore(v),
          },
          {
            title: t('同组均值', 'Peer mean'),
            dataIndex: 'peerMean',
            width: 90,
            align: 'right',
            render: (v: number) => formatScore(v),
          },
          {
            title: t('差距', 'Gap'),
            dataIndex: 'gap',
            width: 80,
            align: 'right',
            render: (v: number) => (
              <span style={{ color: v >= 0 ? '#389e0d' : '#cf1322' }}>
                {v > 0 ? '+' : ''}
                {formatScore(v)}
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** 目标差距: the framework's targets with the current value, progress and years to target. */
export function TargetTable({ targets }: { targets: CountyDiagnosis['targets'] }) {
  const t = useT();
  const { locale } = useSession();
  return (
    <Card size="small" title={t('目标差距', 'Distance to targets')} styles={{ body: { padding: 0 } }}>
      <Table
        data-testid="targets"
        rowKey={(x) => `${x.indicatorCode}-${x.year}`}
        size="small"
        pagination={false}
        dataSource={targets}
        scroll={{ x: 640 }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('该指标体系未设定目标值', 'The framework sets no targets')}
            />
          ),
        }}
        columns={[
          {
            title: t('指标', 'Indicator'),
            dataIndex: 'nameZh',
            render: (n: string, x) => `${x.indicatorCode} ${n}`,
          },
          {
            title: t('目标', 'Target'),
            key: 'target',
            width: 140,
            render: (_: unknown, x) => `${formatNumber(x.target, locale)} ${x.unit}（${x.year}）`,
          },
          {
            title: t('现值', 'Current'),
            key: 'current',
            width: 110,
            align: 'right',
            render: (_: unknown, x) => (x.current === null ? '—' : `${formatNumber(x.current, locale)} ${x.unit}`),
          },
          {
            title: t('完成度', 'Reached'),
            key: 'reached',
            width: 160,
            render: (_: unknown, x) => {
              const p = targetProgress(x);
              return <Progress percent={p.percent} status={p.status} size="small" />;
            },
          },
          {
            title: t('预计达标', 'Years to target'),
            key: 'years',
            width: 130,
            render: (_: unknown, x) => <span title={x.note || undefined}>{yearsToTargetText(x, t)}</span>,
          },
        ]}
      />
    </Card>
  );
}

/** 提升路径: each indicator improved alone, with the new score and rank. */
export function ImprovementTable({ improvements }: { improvements: CountyDiagnosis['improvements'] }) {
  const t = useT();
  return (
    <Card
      size="small"
      title={t('提升路径', 'Path to a better rank')}
      extra={
        <Typography.Text type="secondary">
          {t('逐项模拟：单项指标提升后的得分与排名', 'Each indicator improved alone: new score and rank')}
        </Typography.Text>
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table
        data-testid="improvements"
        rowKey={(x) => `${x.indicatorCode}-${x.step}`}
        size="small"
        pagination={false}
        dataSource={improvements}
        scroll={{ x: 640 }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t(
                '没有可模拟提升的指标（各项已达满分或无数据）',
                'No indicator to improve (all at the top score or without data)',
              )}
            />
          ),
        }}
        columns={[
          {
            title: t('指标', 'Indicator'),
            dataIndex: 'nameZh',
            render: (n: string, x) => `${x.indicatorCode} ${n}`,
          },
          { title: t('提升幅度', 'Step'), dataIndex: 'step', width: 240 },
          {
            title: t('得分提升', 'Score gain'),
            dataIndex: 'scoreGain',
            width: 100,
            align: 'right',
            render: (v: number) => `+${formatScore(v)}`,
          },
          {
            title: t('新排名', 'New rank'),
            key: 'rank',
            width: 120,
            render: (_: unknown, x) =>
              x.newRank === null ? (
                '—'
              ) : (
                <span>
                  {x.newRank}
                  {x.rankGain > 0 && <span style={{ color: '#389e0d' }}> ↑{x.rankGain}</span>}
                </span>
              ),
          },
        ]}
      />
    </Card>
  );
}

/** 指标明细: every indicator with raw value, normalised score and the imputed/provisional marker. */
export function IndicatorTable({
  rows,
  loading,
  error,
  onRetry,
}: {
  rows: IndicatorRow[];
  loading: boolean;
  error: string | null;
  onRetry: () => void;
}) {
  const t = useT();
  const { locale } = useSession();
  return (
    <Card size="small" title={t('指标明细', 'Indicators')} styles={{ body: { padding: 0 } }}>
      {error && <ErrorBanner message={error} onRetry={onRetry} />}
      <Table<IndicatorRow>
        data-testid="indicators"
        rowKey="code"
        size="small"
        loading={loading}
        pagination={false}
        dataSource={rows}
        scroll={{ x: 720 }}
        columns={[
          { title: t('维度', 'Dimension'), dataIndex: 'dimension', width: 140 },
          {
            title: t('指标', 'Indicator'),
            key: 'name',
            render: (_: unknown, x) => (
              <Space size={4} wrap>
                <span>
                  {x.code} {x.name}
                </span>
                {x.direction === -1 && <Tag>{t('逆向', 'Lower is better')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('原始值', 'Raw value'),
            key: 'raw',
            width: 150,
            align: 'right',
            render: (_: unknown, x) => (x.raw === null ? '—' : `${formatNumber(x.raw, locale)} ${x.unit}`),
          },
          {
            title: t('标准化得分', 'Normalised'),
            dataIndex: 'score',
            width: 100,
            align: 'right',
            render: (v: number | null) => formatScore(v),
          },
          {
            title: t('标记', 'Flags'),
            key: 'flags',
            width: 110,
            render: (_: unknown, x) =>
              x.imputed ? (
                <Tag color="orange" title={t('该值为插补值或临时值', 'Imputed or provisional value')}>
                  {t('插补/临时', 'Imputed')}
                </Tag>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
