/**
 * The summary cards and the source line above the map: totals of one `organisations.count` answer. On a phone the
 * first two share a row, so the map is not pushed below a stack of cards.
 */
import { Card, Col, Row, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import type { FactResult } from '../../../../../../contracts/metrics.ts';
import { formatDateTime } from '../../../../shared/i18n.ts';
import { unitLabel } from '../format.ts';
import { useSession } from '../../../session.tsx';
import { useT } from '../../../i18n.ts';

/** Counties with at least one organisation, of all counties in the answer. */
export function countiesCovered(fact: Pick<FactResult, 'items'>): { covered: number; of: number } {
  return { covered: fact.items.filter((i) => i.value > 0).length, of: fact.items.length };
}

export function SummaryCards({ fact }: { fact: FactResult }) {
  const t = useT();
  const { locale } = useSession();
  const unit = unitLabel(fact.unit, locale);
  const { covered, of } = countiesCovered(fact);
  const countyView = fact.total.level === 'county';
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} sm={8}>
        <Card size="small">
          <Statistic
            title={
              <Space size={4}>
                {t('在册单位总数', 'Active organisations')}
                <Tooltip
                  title={t(
                    '含盟市、自治区本级登记的单位（不计入任何旗县）',
                    'Includes organisations registered at league or region level (in no county)',
                  )}
                >
                  <InfoCircleOutlined aria-label={t('说明', 'About')} />
                </Tooltip>
              </Space>
            }
            value={fact.total.value}
            suffix={unit}
          />
        </Card>
      </Col>
      <Col xs={12} sm={8}>
        <Card size="small">
          <Statistic
            title={t('其中企业', 'Of which enterprises')}
            value={fact.total.breakdown?.enterprise ?? 0}
            suffix={unit}
          />
        </Card>
      </Col>
      <Col xs={24} sm={8}>
        <Card size="small">
          <Statistic
            title={countyView ? t('本旗县', 'Your county') : t('有在册单位的旗县', 'Counties with organisations')}
            value={countyView ? fact.total.divisionName : covered}
            suffix={countyView ? undefined : `/ ${of}`}
          />
        </Card>
      </Col>
    </Row>
  );
}

/** Where the figure comes from, when it was computed, and the demo marking in demo mode. */
export function SourceLine({ fact, isDemo }: { fact: FactResult; isDemo: boolean }) {
  const t = useT();
  const { locale } = useSession();
  return (
    <Typography.Text type="secondary" data-testid="source-line">
      {t('数据来源：平台单位登记', 'Source: organisations registered on the platform')} ·{' '}
      {locale === 'en-US' ? fact.title.en : fact.title.zh} · {t('当前快照，计算于', 'snapshot computed')}{' '}
      {formatDateTime(fact.computedAt, locale)}
      {isDemo && (
        <Tag color="orange" style={{ marginLeft: 8 }}>
          {t('演示数据', 'Demo data')}
        </Tag>
      )}
    </Typography.Text>
  );
}
