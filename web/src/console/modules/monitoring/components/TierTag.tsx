/** The 类别 tag (一类 / 二类 / 三类 …) and the 变化 cell (arrow with places moved, tier change). */
import { Space, Tag, Typography } from 'antd';
import type { CountyResult } from '../../../../../../contracts/monitoring.ts';
import { useT } from '../../../i18n.ts';
import { tierName, tierTagColor } from '../labels.ts';
import { changeView } from '../results.ts';

export function TierTag({ tier }: { tier: number | null }) {
  const t = useT();
  if (tier === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tag color={tierTagColor(tier)} style={{ marginInlineEnd: 0 }}>
      {t(tierName(tier).zh, tierName(tier).en)}
    </Tag>
  );
}

const CHANGE_COLOURS = { up: '#389e0d', down: '#cf1322', same: '#8c8c8c', new: '#8c8c8c' } as const;

export function ChangeCell({
  county,
}: {
  county: Pick<CountyResult, 'rank' | 'previousRank' | 'tier' | 'previousTier'>;
}) {
  const t = useT();
  const v = changeView(county, t, (tier) => t(tierName(tier).zh, tierName(tier).en));
  const title =
    v.direction === 'new'
      ? t('上期无排名', 'No rank in the previous period')
      : t(`上期排名 ${county.previousRank ?? '—'}`, `Previous rank ${county.previousRank ?? '—'}`);
  return (
    <Space size={4} wrap>
      <span title={title} style={{ color: CHANGE_COLOURS[v.direction], fontWeight: 500, whiteSpace: 'nowrap' }}>
        {v.text}
      </span>
      {v.tierText && (
        <Tag color={(county.previousTier ?? 0) > (county.tier ?? 0) ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
          {v.tierText}
        </Tag>
      )}
    </Space>
  );
}
