/**
 * The public monitoring results (GET /api/public/monitoring/results): the pure parts of the page — rank with its
 * 5-95 % interval, rank change, tier names, search and tier counts. The portal keeps its own copy of these few lines
 * so that nothing from the console enters its bundle.
 */
import type { z } from 'zod';
import type { ZPublishedResults } from '../../../../../contracts/monitoring.ts';

export type PublishedResults = z.infer<typeof ZPublishedResults>;
export type PublishedCounty = PublishedResults['counties'][number];

const NUMERALS = ['一', '二', '三', '四', '五', '六'];

/** 一类 / Tier 1. */
export function tierText(tier: number, locale: string): string {
  return locale === 'en-US' ? `Tier ${tier}` : `${NUMERALS[tier - 1] ?? tier}类`;
}

/** '(8–17)': the 5-95 % rank interval, '' without one (no Monte Carlo analysis) or without a rank. */
export function intervalText(c: Pick<PublishedCounty, 'rank' | 'rankLow' | 'rankHigh'>): string {
  if (c.rank === null || c.rankLow === null || c.rankHigh === null) return '';
  return `(${Math.round(c.rankLow)}–${Math.round(c.rankHigh)})`;
}

/** '12 (8–17)', the rank alone without an interval, '—' without a rank. */
export function rankText(c: Pick<PublishedCounty, 'rank' | 'rankLow' | 'rankHigh'>): string {
  if (c.rank === null) return '—';
  const interval = intervalText(c);
  return interval ? `${c.rank} ${interval}` : String(c.rank);
}

/** '↑3' up, '↓2' down, '—' unchanged, '' without a previous rank. */
export function changeText(change: number | null): string {
  if (change === null) return '';
  if (change === 0) return '—';
  return `${change > 0 ? '↑' : '↓'}${Math.abs(change)}`;
}

/** Rows whose county or league name contains `q`, or of `tier`, in rank order (unranked last). */
export function visibleCounties(
  counties: readonly PublishedCounty[],
  filter: { q?: string; tier?: number | null },
): PublishedCounty[] {
  const q = filter.q?.trim() ?? '';
  return counties
    .filter(
      (c) =>
        (!q || c.name.includes(q) || c.leagueName.includes(q)) &&
        (filter.tier === undefined || filter.tier === null || c.tier === filter.tier),
    )
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.code.localeCompare(b.code));
}

/** Counties per tier, best tier first. */
export function countByTier(counties: readonly Pick<PublishedCounty, 'tier'>[]): { tier: number; count: number }[] {
  const m = new Map<number, number>();
  for (const c of counties) if (c.tier !== null) m.set(c.tier, (m.get(c.tier) ?? 0) + 1);
  return [...m].sort(([a], [b]) => a - b).map(([tier, count]) => ({ tier, count }));
}

type Coverage = NonNullable<PublishedResults['coverage']>;
type Reason = NonNullable<PublishedCounty['missingReason']>;

const REASONS: Record<Reason, [string, string]> = {
  not_submitted: ['未报送', 'not submitted'],
  in_review: ['审核中', 'in review'],
  returned: ['退回', 'returned'],
  no_data: ['无数据', 'no data'],
};

/** 未报送 / 审核中 / 退回 / 无数据: why a county has no (approved) score. */
export function reasonText(reason: Reason, locale: string): string {
  return REASONS[reason][locale === 'en-US' ? 1 : 0];
}

/** The coverage as published: '2025 年度 103 个旗县中 81 个审核通过；缺数据 22 个（未报送 10、审核中 8、退回 4）'. */
export function coverageText(c: Coverage, locale: string): string {
  const en = locale === 'en-US';
  const parts = (
    [
      ['notSubmitted', 'not_submitted'],
      ['inReview', 'in_review'],
      ['returned', 'returned'],
    ] as const
  )
    .filter(([k]) => c[k] > 0)
    .map(([k, r]) => `${reasonText(r, locale)}${en ? ' ' : ' '}${c[k]}`);
  const missing = c.missing.length;
  if (en)
    return (
      `${c.period}: ${c.approved} of ${c.total} counties approved` +
      (c.complete ? '; complete.' : `; ${missing} missing (${parts.join(', ')}).`)
    );
  return (
    `${c.period} 年度 ${c.total} 个旗县中 ${c.approved} 个审核通过` +
    (c.complete ? '，数据完整。' : `；缺数据 ${missing} 个（${parts.join('、')}）。`)
  );
}
