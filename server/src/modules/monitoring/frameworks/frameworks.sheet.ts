/**
 * The framework workbook (指标体系表): one sheet, one row per node, plus one row per cross-indicator rule (层级
 * 校验规则). The root row also carries the tier rule and the collection deadline. Export writes exactly these columns,
 * so an exported workbook re-imports to the same framework.
 */
import { z } from 'zod';
import { ZNodeCode, type Framework, type FrameworkSettings } from '../../../../../contracts/monitoring.ts';
import { defineSheet, type ColumnSpec } from '../../../platform/spreadsheets/sheet.ts';
import {
  KIND_LABELS,
  formatFact,
  formatTargets,
  formatTiers,
  num,
  text,
  zDeadline,
  zDensity,
  zDirection,
  zFact,
  zKind,
  zRuleExpr,
  zTargets,
  zTiers,
  zYesNo,
  type SheetKind,
} from './frameworks.cells.ts';

export type { SheetKind } from './frameworks.cells.ts';

type Parsed<T extends z.ZodType> = z.output<T>;

export interface FrameworkSheetRow {
  code: string;
  parentCode?: string;
  kind: SheetKind;
  nameZh: string;
  nameEn?: string;
  weight?: number;
  unit?: string;
  direction?: 1 | -1;
  points?: number;
  denominator?: string;
  density?: 'none' | 'population';
  log?: boolean;
  source?: string;
  lagMonths?: number;
  targets?: Record<string, number>;
  targetNote?: string;
  standardValue?: number;
  goalLow?: number;
  goalHigh?: number;
  min?: number;
  max?: number;
  maxYoyChange?: number;
  qualitative?: boolean;
  text?: boolean;
  optional?: boolean;
  fact?: Parsed<typeof zFact>;
  evidence?: string;
  rule?: { left: string; right: string };
  tiers?: FrameworkSettings['tiers'];
  deadline?: string;
}

const col = (
  key: keyof FrameworkSheetRow,
  header: string,
  headerEn: string,
  schema: z.ZodType,
  note: string,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({ key, header, headerEn, schema, note, example: '', type: 'text', ...extra });

export const frameworkSheet = defineSheet<FrameworkSheetRow>({
  key: 'framework',
  title: '指标体系',
  maxRows: 2000,
  columns: [
    col('code', '编码', 'Code', ZNodeCode, '字母、数字、点、下划线或连字符，体系内唯一；校验规则行填规则编码', {
      required: true,
      example: 'D1.1（示例）',
    }),
    col('parentCode', '上级编码', 'Parent code', ZNodeCode.optional(), '根节点（指数）留空；其他节点填上级节点的编码'),
    col('kind', '层级', 'Kind', zKind, '指数、维度、子维度、指标 或 校验规则', {
      required: true,
      options: ['指数', '维度', '子维度', '指标', '校验规则'],
    }),
    col('nameZh', '中文名称', 'Chinese name', z.string().min(1).max(300), '校验规则行填写中文提示', { required: true }),
    col('nameEn', '英文名称', 'English name', text(300), '校验规则行填写英文提示'),
    col(
      'weight',
      '权重',
      'Weight',
      z.number().min(0).max(1000).optional(),
      '同一上级下的相对权重，>= 0；留空取分值或 1',
      {
        type: 'number',
      },
    ),
    col('unit', '单位', 'Unit', text(50), '如 %、家、万元'),
    col('direction', '方向', 'Direction', zDirection, '正向（越大越好）或 逆向（越小越好），默认正向', {
      options: ['正向', '逆向'],
    }),
    col('points', '分值', 'Points', z.number().min(0).max(100).optional(), '百分制下的默认分值', { type: 'number' }),
    col('denominator', '分母口径', 'Denominator', text(200), '统计口径中的分母说明'),
    col('density', '密度口径', 'Density', zDensity, '排名模式下除以常住人口（万人）：无 或 常住人口', {
      options: ['无', '常住人口'],
    }),
    col('log', '对数变换', 'Log transform', zYesNo, '排名模式下取 log(1+x)：是 或 否', { options: ['是', '否'] }),
    col('source', '数据来源', 'Source', text(300), '如 统计年鉴、科技统计年报'),
    col(
      'lagMonths',
      '滞后月数',
      'Lag (months)',
      z.number().int().min(0).max(36).optional(),
      '年度结束后几个月可取得数据，默认 6',
      {
        type: 'number',
      },
    ),
    col('targets', '目标值', 'Targets', zTargets, '按年份：2025:1.5;2027:2，或 JSON {"2025":1.5}'),
    col('targetNote', '目标说明', 'Target note', text(500), '目标的出处与说明'),
    col(
      'standardValue',
      '标准值',
      'Standard value',
      z.number().positive().optional(),
      '监测模式标准值 S：得分 = min(x/S,1)×100',
      {
        type: 'number',
      },
    ),
    col('goalLow', '下限目标', 'Lower goalpost', num, '目标法归一化的下限（与上限目标同时填写）', { type: 'number' }),
    col('goalHigh', '上限目标', 'Upper goalpost', num, '目标法归一化的上限', { type: 'number' }),
    col('min', '最小值', 'Minimum', num, '填报校验：低于此值为错误', { type: 'number' }),
    col('max', '最大值', 'Maximum', num, '填报校验：高于此值为错误', { type: 'number' }),
    col(
      'maxYoyChange',
      '同比变化上限',
      'Max YoY change',
      z.number().positive().optional(),
      '如 0.5 表示同比变化超过 ±50% 需说明',
      {
        type: 'number',
      },
    ),
    col('qualitative', '定性', 'Qualitative', zYesNo, '专家评分的定性指标：是 或 否', { options: ['是', '否'] }),
    col('text', '文本', 'Text', zYesNo, '文字填报、不计分（如特色指标，200 字内）：是 或 否', {
      options: ['是', '否'],
    }),
    col('optional', '选填', 'Optional', zYesNo, '旗县可不填：是 或 否', { options: ['是', '否'] }),
    col('fact', '绑定事实', 'Fact binding', zFact, '平台指标事实名称，如 experts.count（实时暂估值）'),
    col('evidence', '依据', 'Evidence', text(1000), '指标来源文件与依据'),
    col('rule', '规则表达式', 'Rule', zRuleExpr, '校验规则行：左侧编码 <= 右侧编码，如 D4.2 <= D4.1'),
    col('tiers', '分类规则', 'Tiers', zTiers, '仅根节点行：阈值:80;60（≥80 一类）或 名额:10;15;78'),
    col('deadline', '填报截止', 'Deadline', zDeadline, '仅根节点行：次年的月-日，如 06-30'),
  ],
  row: z.custom<FrameworkSheetRow>(() => true),
});

/** Header text of a row field (for error reports). */
export function headerOf(key: keyof FrameworkSheetRow): string {
  return frameworkSheet.columns.find((c) => c.key === key)?.header ?? '';
}

type Cells = Partial<Record<keyof FrameworkSheetRow, string | number | null>>;

const yesNo = (b: boolean) => (b ? '是' : '否');

/** The workbook rows of a framework: its nodes in order, then its rules. */
export function frameworkToCells(f: Pick<Framework, 'nodes' | 'settings'>): Cells[] {
  const rows: Cells[] = f.nodes.map((n) => {
    const base: Cells = {
      code: n.code,
      parentCode: n.parentCode,
      kind: KIND_LABELS[n.kind],
      nameZh: n.nameZh,
      nameEn: n.nameEn,
      weight: n.weight,
    };
    if (n.parentCode === null) {
      base.tiers = formatTiers(f.settings.tiers);
      base.deadline = f.settings.deadline;
    }
    const s = n.spec;
    if (n.kind !== 'indicator' || !s) return base;
    return {
      ...base,
      unit: s.unit,
      direction: s.direction === 1 ? '正向' : '逆向',
      points: s.points,
      denominator: s.denominator,
      density: s.density === 'population' ? '常住人口' : '无',
      log: yesNo(s.log),
      source: s.source,
      lagMonths: s.lagMonths,
      targets: formatTargets(s.targets),
      targetNote: s.targetNote,
      standardValue: s.standardValue,
      goalLow: s.goalposts?.[0] ?? null,
      goalHigh: s.goalposts?.[1] ?? null,
      min: s.min,
      max: s.max,
      maxYoyChange: s.maxYoyChange,
      qualitative: yesNo(s.qualitative),
      text: yesNo(s.valueType === 'text'),
      optional: yesNo(s.optional),
      fact: s.fact ? formatFact(s.fact) : null,
      evidence: s.evidence,
    };
  });
  for (const r of f.settings.rules)
    rows.push({
      code: r.code,
      kind: KIND_LABELS.rule,
      nameZh: r.messageZh,
      nameEn: r.messageEn,
      rule: `${r.left} <= ${r.right}`,
    });
  return rows;
}
