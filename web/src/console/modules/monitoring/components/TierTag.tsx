/**
 * The 类别 tag (一类 / 二类 / 三类 …), the 变化 cell (arrow with places moved, tier change) and the tag saying why a
 * county has no score.
 */
import { Space, Tag, Typography } from 'antd';
import {
  MISSING_REASON_NAMES,
  type CountyResult,
  type MissingReason,
  type RankComparison,
} from '../../../../../../contracts/monitoring.ts';
import { useT } from '../../../i18n.ts';
import { tierName, tierTagColor } from '../labels.ts';
import { changeView } from '../results.ts';

type T = (zh: string, en: string) => string;

export function TierTag({ tier }: { tier: number | null }) {
  const t = useT();
  if (tier === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tag color={tierTagColor(tier)} style={{ marginInlineEnd: 0 }}>
      {t(tierName(tier).zh, tierName(tier).en)}
    </Tag>
  );
}

const CHANGE_COLOURS = {
  up: '#389e0d',
  down: '#cf1322',
  same: '#8c8c8c',
  new: '#8c8c8c',
  none: '#8c8c8c',
} as const;

type ChangeCounty = Pick<CountyResult, 'rank' | 'previousRank' | 'tier' | 'previousTier' | 'score' | 'previousScore'> &
  Partial<Pick<CountyResult, 'rankChange' | 'comparableRank' | 'comparablePreviousRank' | 'scoreChange'>>;

/** The hover text of a change: the like-for-like places and the score change, or why there is none. */
function changeTitle(c: ChangeCounty, comparison: RankComparison | null | undefined, t: T): string {
  if (c.score === null) return t('本期无综合得分', 'No score this period');
  if (c.previousScore === null) return t('上期无得分', 'No score in the previous period');
  const score =
    c.scoreChange === null || c.scoreChange === undefined
      ? ''
      : t(
          `，得分 ${c.scoreChange >= 0 ? '+' : ''}${c.scoreChange.toFixed(1)}`,
          `, score ${c.scoreChange >= 0 ? '+' : ''}${c.scoreChange.toFixed(1)}`,
        );
  if (!comparison) return t(`上期排名 ${c.previousRank ?? '—'}`, `Previous rank ${c.previousRank ?? '—'}`) + score;
  return (
    t(
      `在两期均有得分的 ${comparison.common} 个旗县中：上期第 ${c.comparablePreviousRank ?? '—'} 位，本期第 ${c.comparableRank ?? '—'} 位`,
      `Among the ${comparison.common} counties scored in both periods: ${c.comparablePreviousRank ?? '—'} then, ${c.comparableRank ?? '—'} now`,
    ) + score
  );
}

/** The 变化 cell: places moved among the counties scored in both periods; tier badge only on the same set. */
export function ChangeCell({ county, comparison }: { county: ChangeCounty; comparison?: RankComparison | null }) {
  const t = useT();
  const v = changeView(county, t, (tier) => t(tierName(tier).zh, tierName(tier).en), {
    tiersComparable: comparison?.tiersComparable ?? false,
  });
  return (
    <Space size={4} wrap>
      <span
        title={changeTitle(county, comparison, t)}
        style={{ color: CHANGE_COLOURS[v.direction], fontWeight: 500, whiteSpace: 'nowrap' }}
      >
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

/** Why a county has no (approved) score: 未报送 / 审核中 / 退回 / 无数据. */
export function MissingTag({ reason }: { reason: MissingReason | null | undefined }) {
  const t = useT();
  if (!reason) return null;
  const name = MISSING_REASON_NAMES[reason];
  return (
    <Tag data-testid="missing-reason" style={{ marginInlineEnd: 0 }}>
      {t(name.zh, name.en)}
    </Tag>
  );
}
