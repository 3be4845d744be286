/**
 * Framework workbook <-> framework: building the xlsx of a version (export) and turning validated rows back into
 * nodes and settings with a row-numbered report (import). Pure apart from ExcelJS.
 */
import { loadExcel } from '../../../platform/spreadsheets/index.ts';
import {
  ZFrameworkSettings,
  ZIndicatorSpec,
  type Framework,
  type FrameworkNode,
  type FrameworkSettings,
} from '../../../../../contracts/monitoring.ts';
import { neutraliseFormula } from '../../../platform/spreadsheets/csv.ts';
import type { RowError, ValidRow } from '../../../platform/spreadsheets/sheet.ts';
import { validateFramework, type FrameworkIssue, type ValidateOptions } from './frameworks.validate.ts';
import { frameworkSheet, frameworkToCells, headerOf, type FrameworkSheetRow } from './frameworks.sheet.ts';

const STATUS_ZH = { draft: '草稿', active: '启用', retired: '停用' } as const;
/** As many nodes as a saved draft may hold (ZSaveFrameworkRequest). */
const MAX_NODES = 500;

/** The xlsx of a framework version: the node sheet (re-importable) and a notes sheet. */
export async function buildFrameworkWorkbook(f: Framework): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'Qixian 旗县';
  const ws = wb.addWorksheet(frameworkSheet.title, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  ws.columns = frameworkSheet.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: ['nameZh', 'nameEn', 'source', 'evidence', 'targetNote', 'denominator'].includes(c.key) ? 36 : 12,
  }));
  ws.getRow(1).font = { bold: true };
  frameworkSheet.columns.forEach((c, i) => {
    // Text stays text (codes such as 1.10 keep their digits).
    if (c.type === 'text') ws.getColumn(i + 1).numFmt = '@';
  });
  for (const cells of frameworkToCells(f))
    ws.addRow(
      frameworkSheet.columns.map((c) => {
        const v = cells[c.key as keyof FrameworkSheetRow];
        if (v === undefined || v === null || v === '') return null;
        return typeof v === 'string' ? neutraliseFormula(v) : v;
      }),
    );

  const notes = wb.addWorksheet('填写说明');
  notes.columns = [
    { header: '列名', width: 14 },
    { header: 'English', width: 18 },
    { header: '填写要求', width: 90 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of frameworkSheet.columns)
    notes.addRow([c.header, c.headerEn, `${c.required ? '必填。' : ''}${c.note}`]);
  notes.addRow([]);
  for (const line of [
    `体系：${f.nameZh}（编码 ${f.code}，第 ${f.version} 版，${STATUS_ZH[f.status]}）`,
    '第一个工作表每行一个节点（指数、维度、子维度、指标），另可加“校验规则”行；修改后在“指标体系”页面导入，生成新的草稿版本。',
    '导入先整体校验（树结构、编码、权重、规则），有任何错误则全部不写入，并按行号列出原因。',
  ])
    notes.addRow([line]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Which column an issue field points at. */
const FIELD_COLUMN: Record<string, keyof FrameworkSheetRow> = {
  code: 'code',
  parentCode: 'parentCode',
  kind: 'kind',
  weight: 'weight',
  spec: 'kind',
  'spec.min': 'min',
  'spec.goalposts': 'goalLow',
  'spec.fact': 'fact',
  left: 'rule',
  right: 'rule',
  messageZh: 'nameZh',
  tiers: 'tiers',
  nodes: 'parentCode',
};

export interface WorkbookFramework {
  nodes: FrameworkNode[];
  settings: FrameworkSettings;
  errors: RowError[];
}

/**
 * Nodes and settings from validated rows, then the tree checks; every problem carries its row number and column.
 * `errors` empty means the framework can be stored as it is.
 */
export function frameworkFromRows(
  rows: readonly ValidRow<FrameworkSheetRow>[],
  opts: ValidateOptions,
): WorkbookFramework {
  const errors: RowError[] = [];
  const nodes: FrameworkNode[] = [];
  const nodeRows: number[] = [];
  const rules: FrameworkSettings['rules'] = [];
  const ruleRows: number[] = [];
  let tiers: FrameworkSettings['tiers'] | undefined;
  let deadline: string | undefined;
  let rootRow = 0;

  for (const { row, value: v } of rows) {
    if (v.kind === 'rule') {
      if (!v.rule) {
        errors.push({
          row,
          column: headerOf('rule'),
          message: `校验规则 ${v.code}：请填写规则表达式（如 D4.2 <= D4.1）`,
          messageEn: `Rule ${v.code}: the rule expression is missing`,
        });
        continue;
      }
      rules.push({
        code: v.code,
        kind: 'lte',
        left: v.rule.left,
        right: v.rule.right,
        messageZh: v.nameZh,
        messageEn: v.nameEn ?? '',
      });
      ruleRows.push(row);
      continue;
    }
    if (v.parentCode === undefined) {
      rootRow ||= row;
      if (v.tiers) tiers = v.tiers;
      if (v.deadline) deadline = v.deadline;
    }
    let spec: FrameworkNode['spec'] = null;
    if (v.kind === 'indicator') {
      if ((v.goalLow === undefined) !== (v.goalHigh === undefined))
        errors.push({
          row,
          column: headerOf(v.goalLow === undefined ? 'goalLow' : 'goalHigh'),
          message: `指标 ${v.code}：下限目标和上限目标应同时填写`,
          messageEn: `${v.code}: give both goalposts or neither`,
        });
      spec = ZIndicatorSpec.parse({
        unit: v.unit,
        direction: v.direction,
        points: v.points ?? null,
        denominator: v.denominator,
        density: v.density,
        log: v.log,
        source: v.source,
        lagMonths: v.lagMonths,
        targets: v.targets,
        targetNote: v.targetNote,
        standardValue: v.standardValue ?? null,
        goalposts: v.goalLow !== undefined && v.goalHigh !== undefined ? [v.goalLow, v.goalHigh] : null,
        fact: v.fact ?? null,
        min: v.min ?? null,
        max: v.max ?? null,
        maxYoyChange: v.maxYoyChange ?? null,
        qualitative: v.qualitative,
        valueType: v.text ? 'text' : 'number',
        optional: v.optional,
        evidence: v.evidence,
      });
    }
    nodes.push({
      code: v.code,
      parentCode: v.parentCode ?? null,
      kind: v.kind,
      nameZh: v.nameZh,
      nameEn: v.nameEn ?? '',
      // A blank weight takes the points (official lists give points), else 1.
      weight: v.weight ?? (v.kind === 'indicator' && v.points !== undefined ? v.points : 1),
      spec,
    });
    nodeRows.push(row);
  }

  if (nodes.length > MAX_NODES)
    errors.push({
      row: nodeRows[MAX_NODES] ?? 0,
      column: headerOf('code'),
      message: `节点过多：一个指标体系最多 ${MAX_NODES} 个节点（指数、维度和指标）`,
      messageEn: `Too many nodes: a framework holds at most ${MAX_NODES}`,
    });
  const settings = ZFrameworkSettings.parse({ rules, tiers, deadline });
  const rowOf = (issue: FrameworkIssue): number =>
    issue.node !== null
      ? (nodeRows[issue.node] ?? 0)
      : issue.rule !== undefined
        ? (ruleRows[issue.rule] ?? 0)
        : rootRow || 1;
  for (const issue of validateFramework(nodes, settings, opts))
    errors.push({
      row: rowOf(issue),
      column: headerOf(FIELD_COLUMN[issue.field] ?? 'code'),
      message: issue.message,
      messageEn: issue.messageEn,
    });
  errors.sort((a, b) => a.row - b.row);
  return { nodes, settings, errors };
}
