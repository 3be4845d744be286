/** A county's dated, sourced attributes (population, type, poverty and revitalisation flags). */
import { Card, Empty, Table, Typography } from 'antd';
import type { CountyAttribute } from '../../../../../../contracts/divisions.ts';
import { useSession } from '../../../session.tsx';
import { useT } from '../../../i18n.ts';
import { attributeLabel, attributeValue, sortAttributes } from '../attributes.ts';

export function AttributeTable({ items, loading }: { items: readonly CountyAttribute[] | null; loading: boolean }) {
  const t = useT();
  const { locale } = useSession();
  return (
    <Card size="small" title={t('基本情况', 'Key facts')} style={{ height: '100%' }} styles={{ body: { padding: 0 } }}>
      <Table<CountyAttribute>
        data-testid="attribute-table"
        size="small"
        loading={loading}
        pagination={false}
        rowKey={(a) => `${a.attribute}@${a.year}`}
        dataSource={items ? sortAttributes(items) : []}
        locale={{ emptyText: <Empty description={t('暂无属性数据', 'No attributes recorded')} /> }}
        columns={[
          { key: 'label', title: t('项目', 'Item'), width: 220, render: (_, a) => attributeLabel(a.attribute, locale) },
          { key: 'value', title: t('数值', 'Value'), width: 200, render: (_, a) => attributeValue(a, locale) },
          { key: 'year', title: t('年份', 'Year'), dataIndex: 'year', width: 64 },
          {
            key: 'source',
            title: t('来源', 'Source'),
            dataIndex: 'source',
            ellipsis: { showTitle: true },
            render: (s: string) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {s}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
