/**
 * The parameter log in the reports' words (参数日志摘要): one Chinese line per stage of the engine's log and the
 * region report's section built from it. Stages are named by what they do (标准化, 逐级合成 …), never by the engine's
 * data-set names (Normalised, Aggregated, Ranks); a stage the method renamed keeps its own name in brackets. Pure.
 */
import { DEFAULT_STAGE_NAMES } from '@qixian/composite-index';
import type { RunResult } from '../../../../../contracts/monitoring.ts';
import type { Block } from '../../../platform/documents/index.ts';
import { MODE_LABELS, fmt, indicatorNames, isRecord, scalar } from './report-text.ts';

/** What each stage of the engine does, by its op. */
export const STAGE_LABELS: Readonly<Record<string, string>> = {
  denominate: '折算（分母口径）',
  smooth: '多年平滑',
  impute: '缺失值插补',
  treat: '极端值处理',
  normalise: '标准化',
  weight: '权重',
  aggregate: '逐级合成',
  rank: '排名',
  classify: '分类',
};

const WEIGHT_METHODS: Readonly<Record<string, string>> = {
  equal: '等权',
  fixed: '指定权重',
  entropy: '熵权法',
  ahp: '层次分析法',
  pca: '主成分分析法',
  optimise: '优化权重',
};

function modeLabel(mode: unknown): string {
  return mode === 'monitoring' || mode === 'ranking' ? MODE_LABELS[mode] : `模式 ${scalar(mode, '—')}`;
}

function count(record: unknown): number {
  if (!isRecord(record)) return 0;
  return Object.values(record).reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0);
}

/** The stage's Chinese label; the method's own name in brackets when it renamed the stage. */
function stageLabel(op: string, name: string): string {
  const label = STAGE_LABELS[op] ?? '其他步骤';
  const defaultName = (DEFAULT_STAGE_NAMES as Readonly<Record<string, string>>)[op];
  return name === defaultName ? label : `${label}（${name}）`;
}

/** The detail after a stage's label, from its report and spec. */
function stageDetail(op: string, report: Record<string, unknown>, spec: Record<string, unknown> | null): string {
  if (op === 'impute') return `，插补 ${count(report.imputed)} 个数值，仍缺 ${count(report.stillMissing)} 个`;
  if (op === 'treat') {
    const summary = Array.isArray(report.summary) ? report.summary : [];
    const treated = summary.filter(
      (s) => isRecord(s) && ((typeof s.cellsChanged === 'number' && s.cellsChanged > 0) || s.logTransformed === true),
    ).length;
    return `，检查 ${summary.length} 个指标，处理 ${treated} 个`;
  }
  if (op === 'weight' && spec && typeof spec.method === 'string' && WEIGHT_METHODS[spec.method])
    return `（${WEIGHT_METHODS[spec.method]}）`;
  return '';
}

/**
 * One line per stage of the engine's parameter log (tolerant of entries it does not know: they are listed as
 * 未识别的步骤 with their name).
 */
export function logSummary(log: readonly unknown[]): string[] {
  const lines: string[] = [];
  for (const entry of log) {
    if (!isRecord(entry) || typeof entry.name !== 'string') continue;
    const name = entry.name;
    const report = isRecord(entry.report) ? entry.report : null;
    const spec = isRecord(entry.spec) ? entry.spec : null;
    const op =
      report && typeof report.op === 'string' ? report.op : spec && typeof spec.op === 'string' ? spec.op : null;
    if (name === 'Prepare') {
      const indicators = Array.isArray(entry.indicators) ? entry.indicators.length : null;
      lines.push(`准备：${indicators === null ? '' : `参与测算指标 ${indicators} 个；`}${modeLabel(entry.mode)}`);
    } else if (op) {
      lines.push(`${stageLabel(op, name)}${stageDetail(op, report ?? {}, spec)}`);
    } else if (name === 'Uncertainty') {
      lines.push(`不确定性分析：蒙特卡洛 ${scalar(entry.runs)} 次（失败 ${scalar(entry.failedRuns, '0')} 次）`);
    } else if (name === 'Sensitivity') {
      lines.push(`敏感性分析：Saltelli 抽样设计，共 ${scalar(entry.runs)} 次运行`);
    } else if (name === 'Removal') {
      lines.push('指标剔除影响：逐一剔除指标后重新测算，统计名次平均变化');
    } else {
      lines.push(`未识别的步骤：${name}`);
    }
  }
  return lines;
}

/** The region report's 参数日志摘要 section: the log's lines, the indicators whose removal moves ranks most, α. */
export function logSectionBlocks(result: RunResult): Block[] {
  const { framework, statistics } = result;
  const log = logSummary(result.log);
  const names = indicatorNames(framework);
  const impacts = Object.entries(statistics.removalImpact)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 5)
    .map(([code, v]) => `${names.get(code) ?? code}（${fmt(v)}位）`);
  const alpha = statistics.cronbachAlpha[framework.nodes.find((x) => x.parentCode === null)?.code ?? ''];
  return [
    log.length > 0 ? { kind: 'list', items: log } : { kind: 'paragraph', text: '本次测算没有记录参数日志。' },
    ...(impacts.length > 0
      ? [{ kind: 'paragraph' as const, text: `剔除后名次平均变化最大的指标：${impacts.join('、')}。` }]
      : []),
    ...(alpha !== undefined && alpha !== null
      ? [{ kind: 'paragraph' as const, text: `总指数的克朗巴哈 α 系数为${fmt(alpha)}。` }]
      : []),
    {
      kind: 'paragraph',
      tone: 'note',
      text: '完整参数日志可在平台测算详情中查看和导出，据此可用相同参数重现本次测算。',
    },
  ];
}
