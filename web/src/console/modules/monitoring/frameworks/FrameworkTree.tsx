/** The framework as a tree table: index -> dimensions -> indicators, weights with their shares, key definitions. */
import { Button, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, ThunderboltOutlined, WarningOutlined } from '@ant-design/icons';
import type { FrameworkNode } from '../../../../../../contracts/monitoring.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { formatTargets } from './spec-form.ts';
import { aggregateCodes, buildTree, type NodeError, type TreeRow } from './tree.ts';

export const KIND_NAMES: Record<FrameworkNode['kind'], { zh: string; en: string; color: string }> = {
  index: { zh: '指数', en: 'Index', color: 'purple' },
  dimension: { zh: '维度', en: 'Dimension', color: 'blue' },
  subdimension: { zh: '子维度', en: 'Sub-dimension', color: 'cyan' },
  indicator: { zh: '指标', en: 'Indicator', color: 'default' },
};

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function FrameworkTree({
  nodes,
  editable,
  errors,
  onOpen,
  onAdd,
  onRemove,
}: {
  nodes: readonly FrameworkNode[];
  editable: boolean;
  errors: ReadonlyMap<string, NodeError[]>;
  onOpen: (code: string) => void;
  onAdd: (parentCode: string, kind: FrameworkNode['kind']) => void;
  onRemove: (code: string) => void;
}) {
  const t = useT();
  const { locale } = useSession();
  return (
    <Table<TreeRow>
      data-testid="framework-tree"
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={buildTree(nodes)}
      expandable={{ defaultExpandedRowKeys: aggregateCodes(nodes) }}
      scroll={{ x: editable ? 1520 : 1300 }}
      columns={[
        {
          title: t('编码', 'Code'),
          dataIndex: 'key',
          width: 150,
          render: (code: string) => (
            <Space size={4}>
              <Typography.Text code>{code}</Typography.Text>
              {errors.has(code) && (
                <Tooltip
                  title={errors
                    .get(code)!
                    .map((e) => e.message)
                    .join('；')}
                >
                  <WarningOutlined style={{ color: '#cf1322' }} aria-label={t('有错误', 'Has errors')} />
                </Tooltip>
              )}
            </Space>
          ),
        },
        {
          title: t('名称', 'Name'),
          key: 'name',
          width: 300,
          render: (_: unknown, r) => (
            <Space orientation="vertical" size={0}>
              <Button
                type="link"
                size="small"
                style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                onClick={() => onOpen(r.key)}
              >
                {locale === 'en-US' && r.node.nameEn ? r.node.nameEn : r.node.nameZh}
              </Button>
              {r.node.spec?.qualitative && <Tag color="orange">{t('定性', 'Qualitative')}</Tag>}
              {r.node.spec?.valueType === 'text' && <Tag>{t('文本，不计分', 'Text, unscored')}</Tag>}
              {r.node.spec?.optional && <Tag>{t('选填', 'Optional')}</Tag>}
            </Space>
          ),
        },
        {
          title: t('层级', 'Kind'),
          key: 'kind',
          width: 90,
          render: (_: unknown, r) => {
            const k = KIND_NAMES[r.node.kind];
            return <Tag color={k.color}>{t(k.zh, k.en)}</Tag>;
          },
        },
        {
          title: t('权重（占比）', 'Weight (share)'),
          key: 'weight',
          width: 140,
          render: (_: unknown, r) =>
            r.share === null ? (
              '—'
            ) : (
              <Tooltip title={t(`占总指数 ${pct(r.overall)}`, `${pct(r.overall)} of the index`)}>
                {r.node.weight}（{pct(r.share)}）
              </Tooltip>
            ),
        },
        { title: t('单位', 'Unit'), key: 'unit', width: 110, render: (_: unknown, r) => r.node.spec?.unit || '—' },
        {
          title: t('方向', 'Direction'),
          key: 'direction',
          width: 80,
          render: (_: unknown, r) =>
            r.node.spec ? (r.node.spec.direction === 1 ? t('正向', 'Positive') : t('逆向', 'Negative')) : '—',
        },
        {
          title: t('目标值', 'Targets'),
          key: 'targets',
          width: 120,
          render: (_: unknown, r) => (r.node.spec ? formatTargets(r.node.spec.targets) || '—' : '—'),
        },
        {
          title: t('标准值', 'Standard'),
          key: 'standard',
          width: 90,
          render: (_: unknown, r) => r.node.spec?.standardValue ?? '—',
        },
        {
          title: t('数据来源', 'Source'),
          key: 'source',
          width: 220,
          render: (_: unknown, r) =>
            r.node.spec ? (
              <Space size={4} wrap>
                {r.node.spec.fact && (
                  <Tooltip
                    title={t(
                      `实时绑定平台事实 ${r.node.spec.fact.fact}`,
                      `Live from platform fact ${r.node.spec.fact.fact}`,
                    )}
                  >
                    <Tag icon={<ThunderboltOutlined />} color="green">
                      {t('实时', 'Live')}
                    </Tag>
                  </Tooltip>
                )}
                <Typography.Text type="secondary" ellipsis={{ tooltip: r.node.spec.source }} style={{ maxWidth: 180 }}>
                  {r.node.spec.source || '—'}
                </Typography.Text>
              </Space>
            ) : (
              '—'
            ),
        },
        ...(editable
          ? [
              {
                title: t('编辑', 'Edit'),
                key: 'edit',
                width: 220,
                fixed: 'right' as const,
                render: (_: unknown, r: TreeRow) => (
                  <Space size={2} wrap>
                    <Button size="small" icon={<EditOutlined />} onClick={() => onOpen(r.key)}>
                      {t('修改', 'Edit')}
                    </Button>
                    {r.node.kind === 'index' && (
                      <Button size="small" icon={<PlusOutlined />} onClick={() => onAdd(r.key, 'dimension')}>
                        {t('维度', 'Dimension')}
                      </Button>
                    )}
                    {(r.node.kind === 'dimension' || r.node.kind === 'subdimension') && (
                      <Button size="small" icon={<PlusOutlined />} onClick={() => onAdd(r.key, 'indicator')}>
                        {t('指标', 'Indicator')}
                      </Button>
                    )}
                    {r.node.kind !== 'index' && (
                      <Popconfirm
                        title={
                          r.children
                            ? t('删除该节点及其全部下级？', 'Delete this node and everything below it?')
                            : t('删除该指标？', 'Delete this indicator?')
                        }
                        okText={t('删除', 'Delete')}
                        okButtonProps={{ danger: true }}
                        cancelText={t('取消', 'Cancel')}
                        onConfirm={() => onRemove(r.key)}
                      >
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('删除', 'Delete')} />
                      </Popconfirm>
                    )}
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
