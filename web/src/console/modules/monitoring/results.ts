/**
 * Pure helpers of the results and county pages: rank with its 5-95 % interval, rank and tier change, the framework's
 * dimensions and indicators, table filters and sorting, the run a page opens by default.
 */
import { z } from 'zod';
import type { CountyResult, Framework, FrameworkNode, RunSummary } from '../../../../../contracts/monitoring.ts';

type T = (zh: string, en: string) => string;

/** '12 (8–17)': the rank and, when the Monte Carlo analysis ran, its 5-95 % interval; '—' without a rank. */
export function intervalText(c: Pick<CountyResult, 'rank' | 'rankLow' | 'rankHigh'>): string {
  if (c.rank === null) return '—';
  if (c.rankLow === null || c.rankHigh === null) return String(c.rank);
  return `${c.rank} (${Math.round(c.rankLow)}–${Math.round(c.rankHigh)})`;
}

/**
 * Places moved up since the previous period (positive = better) among the counties scored in both periods, as the
 * server compares them (`rankChange`); null when the county is not scored in both. Data without the field (an older
 * answer) falls back to the overall ranks.
 */
export function rankChange(
  c: Pick<CountyResult, 'rank' | 'previousRank'> & Partial<Pick<CountyResult, 'rankChange'>>,
): number | null {
  if (c.rankChange !== undefined) return c.rankChange;
  return c.rank === null || c.previousRank === null ? null : c.previousRank - c.rank;
}

/** Tiers moved up (positive = better, tier 1 is the best); null without both tiers. */
export function tierChange(c: Pick<CountyResult, 'tier' | 'previousTier'>): number | null {
  return c.tier === null || c.previousTier === null ? null : c.previousTier - c.tier;
}

export interface ChangeView {
  /** up / down / same / new (scored now, no previous score) / none (not comparable: not scored in both). */
  direction: 'up' | 'down' | 'same' | 'new' | 'none';
  /** '↑3', '↓2', '—', '新'. */
  text: string;
  /** Text for the tier change, e.g. '升至一类', or null when the tier stayed or is unknown. */
  tierText: string | null;
}

/**
 * The 变化 column: arrow with places moved (like-for-like) and the tier change — the tier change only when both
 * periods scored the same counties (`tiersComparable`); 新 only for a county scored now without a previous score.
 */
export function changeView(
  c: Pick<CountyResult, 'rank' | 'previousRank' | 'tier' | 'previousTier'> &
    Partial<Pick<CountyResult, 'rankChange' | 'score' | 'previousScore'>>,
  t: T,
  tierLabel: (tier: number) => string,
  opts: { tiersComparable?: boolean } = {},
): ChangeView {
  const d = rankChange(c);
  const td = opts.tiersComparable === false ? null : tierChange(c);
  const tierText =
    td === null || td === 0 || c.tier === null
      ? null
      : td > 0
        ? t(`升至${tierLabel(c.tier)}`, `up to ${tierLabel(c.tier)}`)
        : t(`降至${tierLabel(c.tier)}`, `down to ${tierLabel(c.tier)}`);
  if (d === null)
    return c.score !== null && c.score !== undefined && (c.previousScore ?? null) === null
      ? { direction: 'new', text: t('新', 'new'), tierText }
      : { direction: 'none', text: '—', tierText };
  if (d === 0) return { direction: 'same', text: '—', tierText };
  return { direction: d > 0 ? 'up' : 'down', text: `${d > 0 ? '↑' : '↓'}${Math.abs(d)}`, tierText };
}

/** Dimensions in framework order (children of the root). */
export function dimensionsOf(framework: Pick<Framework, 'nodes'>): FrameworkNode[] {
  return framework.nodes.filter((n) => n.kind === 'dimension');
}

/** Numeric indicators in framework order (text indicators carry no score). */
export function indicatorsOf(framework: Pick<Framework, 'nodes'>): FrameworkNode[] {
  return framework.nodes.filter((n) => n.kind === 'indicator' && n.spec?.valueType !== 'text');
}

/** The dimension an indicator belongs to (its nearest dimension ancestor). */
export function dimensionOf(framework: Pick<Framework, 'nodes'>, code: string): FrameworkNode | undefined {
  const byCode = new Map(framework.nodes.map((n) => [n.code, n]));
  let n = byCode.get(code);
  while (n && n.kind !== 'dimension') n = n.parentCode ? byCode.get(n.parentCode) : undefined;
  return n;
}

export interface ResultFilters {
  league?: string;
  type?: string;
  tier?: number;
  /** Name or code contains. */
  q?: string;
}

/** The counties a table shows for the filters. */
export function filterCounties<C extends CountyResult>(counties: readonly C[], f: ResultFilters): C[] {
  const q = f.q?.trim().toLowerCase() ?? '';
  return counties.filter(
    (c) =>
      (!f.league || c.leagueCode === f.league) &&
      (!f.type || c.countyType === f.type) &&
      (f.tier === undefined || c.tier === f.tier) &&
      (!q || c.name.toLowerCase().includes(q) || c.code.includes(q) || c.leagueName.toLowerCase().includes(q)),
  );
}

/** Comparator with nulls last in both orders (antd flips the sign for descend, so nulls are pushed by direction). */
export function compareNullable(a: number | null, b: number | null, order: 'ascend' | 'descend' = 'ascend'): number {
  if (a === null && b === null) return 0;
  if (a === null) return order === 'ascend' ? 1 : -1;
  if (b === null) return order === 'ascend' ? -1 : 1;
  return a - b;
}

/** Distinct values for the filter menus: leagues (code, name), county types and tiers present in the result. */
export function filterOptions(counties: readonly CountyResult[]): {
  leagues: { code: string; name: string }[];
  types: string[];
  tiers: number[];
} {
  const leagues = new Map<string, string>();
  const types = new Set<string>();
  const tiers = new Set<number>();
  for (const c of counties) {
    leagues.set(c.leagueCode, c.leagueName);
    if (c.countyType) types.add(c.countyType);
    if (c.tier !== null) tiers.add(c.tier);
  }
  return {
    leagues: [...leagues].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code)),
    types: [...types].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    tiers: [...tiers].sort((a, b) => a - b),
  };
}

/** Counties per tier, best tier first (from the counties, so it follows filters). */
export function tierCounts(counties: readonly Pick<CountyResult, 'tier'>[]): { tier: number; count: number }[] {
  const m = new Map<number, number>();
  for (const c of counties) if (c.tier !== null) m.set(c.tier, (m.get(c.tier) ?? 0) + 1);
  return [...m].map(([tier, count]) => ({ tier, count })).sort((a, b) => a.tier - b.tier);
}

/**
 * The run a page opens: the one asked for, else the latest finished run of the asked period (published first),
 * else the latest published run, else (managers, who also see unpublished runs) the latest finished one.
 */
export function pickRun(
  runs: readonly RunSummary[],
  ask: { run?: number | null; period?: number | null },
): RunSummary | null {
  if (ask.run) return runs.find((r) => r.id === ask.run) ?? null;
  const done = runs.filter((r) => r.status === 'done');
  const latest = (list: RunSummary[]) =>
    [...list].sort(
      (a, b) => b.period - a.period || (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.id - a.id,
    )[0] ?? null;
  const inPeriod = ask.period ? done.filter((r) => r.period === ask.period) : done;
  return latest(inPeriod.filter((r) => r.publishedAt !== null)) ?? latest(inPeriod);
}

/** Periods of the finished runs, newest first. */
export function runPeriods(runs: readonly RunSummary[]): number[] {
  return [...new Set(runs.filter((r) => r.status === 'done').map((r) => r.period))].sort((a, b) => b - a);
}

/** Mean of the non-null numbers, null when none. */
export function mean(values: readonly (number | null | undefined)[]): number | null {
  let s = 0;
  let n = 0;
  for (const v of values)
    if (v !== null && v !== undefined && Number.isFinite(v)) {
      s += v;
      n += 1;
    }
  return n === 0 ? null : s / n;
}

/** Mean score of each dimension over `counties` (a peer group). */
export function dimensionMeans(
  counties: readonly Pick<CountyResult, 'dimensions'>[],
  dimensionCodes: readonly string[],
): Record<string, number | null> {
  return Object.fromEntries(dimensionCodes.map((d) => [d, mean(counties.map((c) => c.dimensions[d]))]));
}

/** Average dimension scores by league, leagues in code order. */
export function leagueAverages(
  counties: readonly CountyResult[],
  dimensionCodes: readonly string[],
): { code: string; name: string; means: Record<string, number | null> }[] {
  const byLeague = new Map<string, { name: string; counties: CountyResult[] }>();
  for (const c of counties) {
    const l = byLeague.get(c.leagueCode) ?? { name: c.leagueName, counties: [] };
    l.counties.push(c);
    byLeague.set(c.leagueCode, l);
  }
  return [...byLeague]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, l]) => ({ code, name: l.name, means: dimensionMeans(l.counties, dimensionCodes) }));
}

/** Formats a score to one decimal; '—' for null. */
export function formatScore(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(1);
}

/** Whether the runs list should be read again soon: a run is still queued or running. */
export function hasActiveRun(runs: readonly Pick<RunSummary, 'status'>[]): boolean {
  return runs.some((r) => r.status === 'queued' || r.status === 'running');
}

/** The run options the engine logs in its first stage (the log is free-form: anything else reads as unknown). */
const ZLoggedOptions = z.object({
  options: z.object({
    weights: z.enum(['framework', 'equal', 'entropy']),
    aggregation: z.enum(['arithmetic', 'geometric']),
    replications: z.number().int().min(0),
  }),
});

/** Weights, aggregation and replications of a run, from its parameter log; null when the log does not say. */
export function loggedRunOptions(log: readonly unknown[]): z.infer<typeof ZLoggedOptions>['options'] | null {
  for (const entry of log) {
    const parsed = ZLoggedOptions.safeParse(entry);
    if (parsed.success) return parsed.data.options;
  }
  return null;
}
