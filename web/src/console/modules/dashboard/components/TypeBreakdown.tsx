/** One division's organisations by type (from `organisations.count`), each type with a bar of its share. */
import { Fragment, type ReactNode } from 'react';
import { Card, Progress, Statistic, Typography } from 'antd';
import type { FactResult } from '../../../../../../contracts/metrics.ts';
import { formatNumber } from '../../../../shared/i18n.ts';
import { useSession } from '../../../session.tsx';
import { useT } from '../../../i18n.ts';
import { unitLabel } from '../format.ts';
import { ORGANISATION_TYPE_NAMES, type OrganisationType } from '../org-types.ts';

/** Types with their counts, largest first; types with no organisation are kept (a zero is information). */
export function typeBreakdown(total: FactResult['total']): { type: OrganisationType; count: number }[] {
  return (Object.keys(ORGANISATION_TYPE_NAMES) as OrganisationType[])
    .map((type) => ({ type, count: total.breakdown?.[type] ?? 0 }))
    .sort((a, b) => b.count - a.count);
}

export function TypeBreakdown({ fact, extra }: { fact: FactResult; extra?: ReactNode }) {
  const t = useT();
  const { locale } = useSession();
  const all = fact.total.value;
  return (
    <Card
      size="small"
      title={t('在册单位（按类型）', 'Active organisations by type')}
      extra={extra}
      style={{ height: '100%' }}
    >
      <Statistic title={t('合计', 'Total')} value={all} suffix={unitLabel(fact.unit, locale)} />
      <div
        data-testid="type-breakdown"
        style={{
          display: 'grid',
          gridTemplateColumns: 'max-content minmax(80px, 1fr) max-content',
          gap: '4px 12px',
          alignItems: 'center',
          marginTop: 12,
          maxWidth: 640,
        }}
      >
        {typeBreakdown(fact.total).map(({ type, count }) => {
          const name = t(ORGANISATION_TYPE_NAMES[type].zh, ORGANISATION_TYPE_NAMES[type].en);
          return (
            <Fragment key={type}>
              <Typography.Text>{name}</Typography.Text>
              <Progress percent={all > 0 ? (count / all) * 100 : 0} showInfo={false} size="small" aria-label={name} />
              <Typography.Text style={{ textAlign: 'right' }}>{formatNumber(count, locale)}</Typography.Text>
            </Fragment>
          );
        })}
      </div>
    </Card>
  );
}
