/**
 * GET /api/monitoring/runs/:id/export.xlsx: the rank table of a finished run with dimension and indicator scores, one
 * row per county in rank order (text neutralised against formulas by platform/spreadsheets). Audited.
 */
import { type CountyResult, MISSING_REASON_NAMES } from '../../../../../contracts/monitoring.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { type ExportColumn, writeXlsx } from '../../../platform/spreadsheets/export.ts';
import { isScored } from './run-engine.ts';
import { MODE_NAMES } from './runs.presenter.ts';
import { countiesWithPrevious, loadDoneRun } from './runs.service.ts';
import { DEFAULT_REGION_CODE } from '../../../../../contracts/region.ts';

const TIER_NAMES = ['一类', '二类', '三类', '四类', '五类', '六类'];

/** 一类, 二类 … for a tier number. */
export function tierName(tier: number | null): string {
  return tier === null ? '' : (TIER_NAMES[tier - 1] ?? `${tier}类`);
}

export async function exportRunXlsx(
  deps: Deps,
  caller: Caller,
  id: number,
): Promise<{ buffer: Buffer; fileName: string }> {
  const { row, stored } = await loadDoneRun(deps, caller, id);
  const counties = await countiesWithPrevious(deps, row, stored);
  const ordered = [...counties].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.code.localeCompare(b.code));
  const nodes = stored.framework.nodes;
  const dimensions = nodes.filter((n) => n.kind === 'dimension' || n.kind === 'subdimension');
  const indicators = nodes.filter(isScored);
  const columns: ExportColumn<CountyResult>[] = [
    { header: '排名', width: 8, value: (c) => c.rank },
    { header: '旗县代码', width: 10, value: (c) => c.code },
    { header: '旗县名称', width: 18, value: (c) => c.name },
    { header: '盟市', width: 14, value: (c) => c.leagueName },
    { header: '类型', width: 10, value: (c) => c.countyType },
    { header: '综合得分', width: 10, value: (c) => c.score },
    { header: '等级', width: 8, value: (c) => tierName(c.tier) },
    { header: '排名区间下限(5%)', width: 12, value: (c) => c.rankLow },
    { header: '排名区间上限(95%)', width: 12, value: (c) => c.rankHigh },
    { header: '上期排名', width: 10, value: (c) => c.previousRank },
    { header: '排名变化（两期均有得分的旗县间）', width: 14, value: (c) => c.rankChange ?? null },
    { header: '得分变化', width: 10, value: (c) => c.scoreChange ?? null },
    { header: '上期等级', width: 10, value: (c) => tierName(c.previousTier) },
    { header: '盟市内排名', width: 10, value: (c) => c.rankInLeague },
    { header: '同类型排名', width: 10, value: (c) => c.rankInType },
    {
      header: '缺数据原因',
      width: 12,
      value: (c) => (c.missingReason ? MISSING_REASON_NAMES[c.missingReason].zh : null),
    },
    ...dimensions.map((d): ExportColumn<CountyResult> => ({
      header: `${d.nameZh}得分`,
      width: 14,
      value: (c) => c.dimensions[d.code] ?? null,
    })),
    ...indicators.map((n): ExportColumn<CountyResult> => ({
      header: `${n.code} ${n.nameZh}（得分）`,
      width: 16,
      value: (c) => c.indicators[n.code] ?? null,
    })),
    ...indicators.map((n): ExportColumn<CountyResult> => ({
      header: `${n.code} ${n.nameZh}（${row.mode === 'ranking' ? '计算值' : '原始值'}${n.spec?.unit ? `，${n.spec.unit}` : ''}）`,
      width: 16,
      value: (c) => c.raw[n.code] ?? null,
    })),
    { header: '估算/临时值指标', width: 20, value: (c) => c.imputed.join('、') },
  ];
  const rows: AsyncIterable<readonly CountyResult[]> = {
    async *[Symbol.asyncIterator]() {
      yield await Promise.resolve(ordered);
    },
  };
  const out = await writeXlsx({ sheetName: `${row.period}年${MODE_NAMES[row.mode]}`, columns, rows });
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, deps.audit, caller.actor, {
      action: 'monitoring.run.export',
      targetType: 'mon_run',
      targetId: id,
      divisionCode: DEFAULT_REGION_CODE,
      details: { format: 'xlsx', rows: out.count },
    }),
  );
  return { buffer: out.buffer, fileName: `${row.title}-排名表` };
}
