/**
 * Per-county diagnosis of a run (查找差距): trend over the published runs of the same framework code and mode,
 * strengths and weaknesses against a peer group, distance to the framework's targets with years to target at the
 * county's own linear trend, and the improvement simulator (which indicator raises the score and rank most).
 *
 * Peer groups: `type` = same administrative type (旗/县/市辖区 …), `league` = same league/city, `neighbours` = the
 * counties sharing a border (neighbours.ts, from the map polygons), `all` = the region. Without map geometry
 * `neighbours` falls back to the league, and the answer says so (`peerGroup: 'league'`).
 */
import {
  isCountUnit,
  type CountyDiagnosis,
  type CountyResult,
  type FrameworkNode,
} from '../../../../../contracts/monitoring.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import {
  type ImprovementOption,
  type MethodSpec,
  dataSetFromRows,
  distanceToTarget,
  roundTo,
  simulateImprovements,
  strengthsAndWeaknesses,
} from '@qixian/composite-index';
import { countyNeighbours } from './neighbours.ts';
import { type RunData, pipelineInput, prepareRun } from '../runs/run-engine.ts';
import { parseStoredMethod, parseStoredResult, presentRunSummary } from '../runs/runs.presenter.ts';
import * as repo from '../runs/runs.repository.ts';
import { countiesWithPrevious, loadDoneRun } from '../runs/runs.service.ts';

type PeerGroup = CountyDiagnosis['peerGroup'];

/** Improvement step of the simulator: +10 % of the current value. */
const RELATIVE_STEP = 0.1;
const TOP = 5;

function peersOf(
  counties: readonly CountyResult[],
  self: CountyResult,
  group: PeerGroup,
  neighbours: ReadonlySet<string>,
): CountyResult[] {
  switch (group) {
    case 'type':
      return counties.filter((c) => c.countyType !== null && c.countyType === self.countyType);
    case 'league':
      return counties.filter((c) => c.leagueCode === self.leagueCode);
    case 'neighbours':
      return counties.filter((c) => c.code === self.code || neighbours.has(c.code));
    case 'all':
      return [...counties];
    default: {
      const never: never = group;
      throw new Error(`unknown peer group ${String(never)}`);
    }
  }
}

const fmt = (v: number): string => {
  const a = Math.abs(v);
  const digits = a >= 1000 ? 0 : a >= 10 ? 1 : 2;
  return v.toLocaleString('zh-CN', { maximumFractionDigits: digits });
};

/** Chinese description of a simulated step, e.g. 提高 10%（1.2 → 1.32%）, 增加 3人（25 → 28人）or 达到同类中位数（3 → 5家）. */
function describeStep(kind: 'relative' | 'peer', o: ImprovementOption, node: FrameworkNode): string {
  const unit = node.spec?.unit ?? '';
  const lower = node.spec?.direction === -1;
  // A count rounded up to the next whole number is no longer +10 %: say how many more (1 → 2个 is 增加 1个).
  if (kind === 'relative' && isCountUnit(unit))
    return `${lower ? '减少' : '增加'} ${fmt(Math.abs(o.to - o.from))}${unit}（${fmt(o.from)} → ${fmt(o.to)}${unit}）`;
  if (kind === 'relative') return `${lower ? '降低' : '提高'} 10%（${fmt(o.from)} → ${fmt(o.to)}${unit}）`;
  return `达到同类中位数（${fmt(o.from)} → ${fmt(o.to)}${unit}）`;
}

function targetNote(p: ReturnType<typeof distanceToTarget> | null, year: number): string {
  if (p === null) return '暂无数据';
  if (p.yearsToTarget === 0) return '已达到目标';
  if (Number.isNaN(p.yearsToTarget)) return '只有一年数据，无法估计趋势';
  if (!Number.isFinite(p.yearsToTarget)) return '按近年趋势无法达到目标';
  const expected = Math.ceil(p.expectedYear);
  return `按近年趋势约 ${roundTo(p.yearsToTarget, 1)} 年后（${expected} 年）达到${expected <= year ? '，可按期完成' : `，晚于目标年 ${year}`}`;
}

function targetsOf(nodes: readonly FrameworkNode[], data: RunData, code: string): CountyDiagnosis['targets'] {
  const years = Object.keys(data.values)
    .map(Number)
    .filter((y) => y <= data.period)
    .sort((a, b) => a - b);
  const out: CountyDiagnosis['targets'] = [];
  for (const node of nodes) {
    const spec = node.spec;
    if (node.kind !== 'indicator' || !spec || spec.valueType !== 'number') continue;
    const targetYears = Object.keys(spec.targets)
      .map(Number)
      .sort((a, b) => a - b);
    if (targetYears.length === 0) continue;
    const year = targetYears.find((y) => y >= data.period) ?? targetYears[targetYears.length - 1]!;
    const target = spec.targets[String(year)] as number;
    const series = years.map((y) => ({ year: y, value: data.values[String(y)]?.[code]?.[node.code] ?? null }));
    const current = data.values[String(data.period)]?.[code]?.[node.code] ?? null;
    const progress = series.some((p) => p.value !== null)
      ? distanceToTarget(series, target, { direction: spec.direction, deadline: year })
      : null;
    const reached =
      current === null || target === 0
        ? null
        : spec.direction === -1
          ? current === 0
            ? null
            : roundTo(target / current, 4)
          : roundTo(current / target, 4);
    const ytt = progress?.yearsToTarget;
    out.push({
      indicatorCode: node.code,
      nameZh: node.nameZh,
      unit: spec.unit,
      year,
      target,
      current,
      reached,
      yearsToTarget: ytt === undefined || !Number.isFinite(ytt) ? null : roundTo(ytt, 1),
      note: targetNote(progress, year),
    });
  }
  return out;
}

/** GET /api/monitoring/runs/:id/counties/:code: the diagnosis of one county in a run. */
export async function getCountyDiagnosis(
  deps: Deps,
  caller: Caller,
  id: number,
  code: string,
  asked: PeerGroup,
): Promise<CountyDiagnosis> {
  const { row, stored } = await loadDoneRun(deps, caller, id);
  const counties = await countiesWithPrevious(deps, row, stored);
  const self = counties.find((c) => c.code === code);
  if (!self) throw new AppError('NOT_FOUND', { zh: `该测算中没有旗县 ${code}`, en: `No county ${code} in this run` });
  const adjacent = asked === 'neighbours' ? (await countyNeighbours())?.get(code) : undefined;
  const peerGroup: PeerGroup = asked === 'neighbours' && !adjacent ? 'league' : asked;
  const peers = peersOf(counties, self, peerGroup, adjacent ?? new Set());
  const others = peers.filter((c) => c.code !== code);

  // trend: the latest published run per period, with this run in its own period
  const published = await repo.listPublishedRuns(deps.db, { frameworkCode: row.framework_code, mode: row.mode });
  const byPeriod = new Map<number, { runId: number; county: CountyResult | undefined }>();
  for (const r of published) {
    if (r.period === row.period || byPeriod.has(r.period)) continue;
    byPeriod.set(r.period, { runId: r.id, county: parseStoredResult(r)?.counties.find((c) => c.code === code) });
  }
  byPeriod.set(row.period, { runId: row.id, county: self });
  const trend = [...byPeriod.entries()]
    .sort(([a], [b]) => a - b)
    .map(([period, v]) => ({
      period,
      runId: v.runId,
      score: v.county?.score ?? null,
      rank: v.county?.rank ?? null,
      tier: v.county?.tier ?? null,
    }));

  // strengths and weaknesses on the normalised indicator scores (higher is better)
  const stages = parseStoredMethod(row);
  const data = stages.data;
  const framework = stored.framework;
  const nodes = new Map(framework.nodes.map((n) => [n.code, n]));
  const codes = Object.keys(self.indicators);
  const scores = dataSetFromRows(
    counties.map((c) => c.code),
    codes,
    counties.map((c) => codes.map((k) => c.indicators[k] ?? null)),
  );
  const prepared = data ? prepareRun(framework, data, stages.options) : null;
  const engineFw = prepared?.framework ?? {
    indicators: codes.map((k) => ({ code: k, direction: 1 as const, weight: 1, parent: 'x' })),
    aggregates: [{ code: 'x', weight: 1 }],
  };
  const sw = strengthsAndWeaknesses(scores, engineFw, {
    unit: code,
    peers: peers.map((c) => c.code),
    adjustDirection: false,
  });
  const standing = (s: { indicator: string; value: number }) => {
    const values = others.map((c) => c.indicators[s.indicator]).filter((v): v is number => typeof v === 'number');
    const peerMean = values.length === 0 ? s.value : values.reduce((a, b) => a + b, 0) / values.length;
    return {
      indicatorCode: s.indicator,
      nameZh: nodes.get(s.indicator)?.nameZh ?? s.indicator,
      score: s.value,
      peerMean: roundTo(peerMean, 2),
      gap: roundTo(s.value - peerMean, 2),
    };
  };

  // best-ranked among the peers and above their mean; worst-ranked and below it (a "weakness" above the mean reads
  // as a contradiction in a skewed peer group)
  const standings = sw.standings.map(standing);
  const strengths = standings.filter((x) => x.gap > 0).slice(0, TOP);
  const weaknesses = [...standings]
    .reverse()
    .filter((x) => x.gap < 0)
    .slice(0, TOP);

  // improvement simulator: +10 % and the peer median, each indicator alone, the whole method re-run
  const improvements: CountyDiagnosis['improvements'] = [];
  if (prepared && data) {
    const method: MethodSpec = stages.method ?? prepared.method;
    const input = pipelineInput(prepared, data);
    const wholeNumbers = [...nodes.values()].filter((n) => isCountUnit(n.spec?.unit)).map((n) => n.code);
    for (const kind of ['relative', 'peer'] as const) {
      const r = simulateImprovements(method, input, {
        unit: code,
        target: prepared.root,
        rank: { decimals: 2 },
        peers: peers.map((c) => c.code),
        step: kind === 'relative' ? { kind, fraction: RELATIVE_STEP } : { kind, p: 0.5 },
        wholeNumbers,
      });
      const useful = r.options.filter(
        (o) => o.skipped === undefined && Number.isFinite(o.scoreGain) && o.scoreGain >= 0.005,
      );
      for (const o of useful.slice(0, TOP)) {
        const node = nodes.get(o.indicator);
        if (!node) continue;
        improvements.push({
          indicatorCode: o.indicator,
          nameZh: node.nameZh,
          step: describeStep(kind, o, node),
          scoreGain: roundTo(o.scoreGain, 2),
          newRank: Number.isFinite(o.rank) ? o.rank : null,
          rankGain: Number.isFinite(o.rankGain) ? o.rankGain : 0,
        });
      }
    }
    improvements.sort((a, b) => b.scoreGain - a.scoreGain || b.rankGain - a.rankGain);
  }

  return {
    run: presentRunSummary(row),
    county: self,
    trend,
    strengths,
    weaknesses,
    peerGroup,
    peers: others.map((c) => ({ code: c.code, name: c.name, score: c.score, rank: c.rank })),
    targets: data ? targetsOf(framework.nodes, data, code) : [],
    improvements,
  };
}
