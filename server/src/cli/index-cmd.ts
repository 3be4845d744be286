/** `qixian index run` and `qixian index conformance`: the CLI side of the composite-index engine. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ZodError } from 'zod';
import {
  type CsvTable,
  type DataSet,
  type Framework,
  type MethodSpec,
  type PipelineInput,
  type PipelineResult,
  dataSetToCsv,
  frameworkFromMeta,
  parseMethod,
  rankColumn,
  readCsvFile,
  runConformance,
  runPipeline,
  selectIndicators,
  tableToDataSet,
} from '@qixian/composite-index';
import { CliError, formatTable, out } from './context.ts';

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function readText(file: string, zh: string, en: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`无法读取${zh} ${file}：${message(err)}`, `cannot read ${en} ${file}: ${message(err)}`);
  }
}

/** Reads and validates a method file, turning JSON and schema errors into bilingual CLI errors. */
export function loadMethodFile(file: string): MethodSpec {
  let json: unknown;
  try {
    json = JSON.parse(readText(file, '方法文件', 'method file'));
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`方法文件不是合法的 JSON：${message(err)}`, `method file is not valid JSON: ${message(err)}`);
  }
  try {
    return parseMethod(json);
  } catch (err) {
    if (!(err instanceof ZodError)) throw err;
    const issues = err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new CliError(`方法文件无效（见 docs/INDEX-METHOD.md）：${issues}`, `invalid method file: ${issues}`);
  }
}

function readTableFile(file: string, zh: string, en: string): CsvTable {
  readText(file, zh, en); // bilingual error when unreadable
  return readCsvFile(file);
}

/** Builds the pipeline input from the data table: indicators, denominator columns and grouping columns. */
function buildInput(table: CsvTable, framework: Framework, method: MethodSpec, unitColumn: string): PipelineInput {
  if (!table.header.includes(unitColumn))
    throw new CliError(`数据文件没有单元代码列 ${unitColumn}`, `data file has no unit code column ${unitColumn}`);
  const units = table.records.map((r) => r[unitColumn] ?? '');
  const dup = units.find((u, i) => units.indexOf(u) !== i);
  if (dup !== undefined) throw new CliError(`单元代码重复：${dup}`, `duplicate unit code: ${dup}`);
  const codes = framework.indicators.map((m) => m.code);
  const missing = codes.filter((c) => !table.header.includes(c));
  if (missing.length > 0)
    throw new CliError(
      `数据文件缺少指标列：${missing.join(', ')}`,
      `data file lacks indicator columns: ${missing.join(', ')}`,
    );
  const dens = [...new Set(framework.indicators.flatMap((m) => (m.denominator ? [m.denominator] : [])))];
  const absent = dens.filter((d) => !table.header.includes(d));
  if (absent.length > 0 && method.stages.some((s) => s.op === 'denominate'))
    throw new CliError(
      `数据文件缺少分母列：${absent.join(', ')}`,
      `data file lacks denominator columns: ${absent.join(', ')}`,
    );
  const used = new Set([unitColumn, ...codes, ...dens]);
  const groups: Record<string, readonly string[]> = {};
  for (const h of table.header) if (!used.has(h)) groups[h] = table.records.map((r) => r[h] ?? '');
  try {
    return {
      framework,
      raw: tableToDataSet(table, unitColumn, codes),
      denominators: tableToDataSet(
        table,
        unitColumn,
        dens.filter((d) => table.header.includes(d)),
      ),
      groups,
    };
  } catch (err) {
    throw new CliError(`数据文件有非数值单元格：${message(err)}`, `data file has a non-numeric cell: ${message(err)}`);
  }
}

/** The scores (aggregate columns of the last aggregate stage) and ranks (last rank stage, else ranked scores). */
function scoresAndRanks(r: PipelineResult, fw: Framework): { scores?: DataSet; ranks?: DataSet } {
  const aggName = [...r.log].reverse().find((l) => l.spec.op === 'aggregate')?.name;
  const agg = aggName === undefined ? undefined : r.datasets[aggName];
  const scores =
    agg &&
    selectIndicators(
      agg,
      fw.aggregates.map((a) => a.code).filter((c) => agg.indicators.includes(c)),
    );
  const rankName = [...r.log].reverse().find((l) => l.spec.op === 'rank')?.name;
  const ranks =
    (rankName === undefined ? undefined : r.datasets[rankName]) ??
    (scores && { ...scores, columns: scores.columns.map((c) => rankColumn(c)) });
  return { scores, ranks };
}

const sha256 = (file: string): string => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const fmt = (v: number | undefined): string =>
  v === undefined || Number.isNaN(v) ? 'NA' : String(Number(v.toFixed(4)));

interface RunOptions {
  data: string;
  meta: string;
  method: string;
  out: string;
  unitColumn?: string;
}

function runIndex(opts: RunOptions): void {
  const method = loadMethodFile(opts.method);
  let framework: Framework;
  try {
    framework = frameworkFromMeta(readTableFile(opts.meta, '指标元数据文件', 'metadata file'));
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`指标元数据无效：${message(err)}`, `invalid indicator metadata: ${message(err)}`);
  }
  const table = readTableFile(opts.data, '数据文件', 'data file');
  const unitColumn = opts.unitColumn ?? table.header[0] ?? '';
  const input = buildInput(table, framework, method, unitColumn);
  let result: PipelineResult;
  try {
    result = runPipeline(method, input);
  } catch (err) {
    throw new CliError(`指数计算失败：${message(err)}`, `index run failed: ${message(err)}`);
  }
  fs.mkdirSync(opts.out, { recursive: true });
  const files: string[] = [];
  const write = (name: string, text: string): void => {
    fs.writeFileSync(path.join(opts.out, name), text);
    files.push(name);
  };
  for (const [name, ds] of Object.entries(result.datasets))
    write(`dataset-${name.replace(/[^\w.-]/g, '_')}.csv`, dataSetToCsv(ds, unitColumn));
  const { scores, ranks } = scoresAndRanks(result, framework);
  if (scores) write('scores.csv', dataSetToCsv(scores, unitColumn));
  if (ranks) write('ranks.csv', dataSetToCsv(ranks, unitColumn));
  const inputs = Object.fromEntries(
    (['data', 'meta', 'method'] as const).map((k) => [k, { file: path.resolve(opts[k]), sha256: sha256(opts[k]) }]),
  );
  const log = {
    method,
    inputs,
    unitColumn,
    units: input.raw.units.length,
    createdAt: new Date().toISOString(),
    stages: result.log,
  };
  write('log.json', `${JSON.stringify(log, null, 2)}\n`);

  out(
    `指数计算完成 / index run complete: ${input.raw.units.length} 个单元 / units, ${framework.indicators.length} 个指标 / indicators, ` +
      `${method.stages.length} 个阶段 / stages (${result.log.map((l) => l.name).join(' → ')})`,
  );
  out(`输出目录 / output: ${path.resolve(opts.out)} (${files.join(', ')})`);
  const root = framework.aggregates.find((a) => a.parent === undefined)?.code;
  if (scores && ranks && root && scores.indicators.includes(root) && ranks.indicators.includes(root)) {
    const s = scores.columns[scores.indicators.indexOf(root)] as Float64Array;
    const rk = ranks.columns[ranks.indicators.indexOf(root)] as Float64Array;
    const order = scores.units.map((_, i) => i).sort((a, b) => (rk[a] ?? Infinity) - (rk[b] ?? Infinity) || a - b);
    out(`${root} 前 5 名 / top 5:`);
    out(
      formatTable(
        ['名次 / rank', '单元 / unit', '得分 / score'],
        order.slice(0, 5).map((i) => [fmt(rk[i]), scores.units[i] ?? '', fmt(s[i])]),
      ),
    );
  }
}

function conformance(dir: string): void {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new CliError(`找不到一致性测试目录 ${dir}`, `conformance folder not found: ${dir}`);
  let results;
  try {
    results = runConformance(dir);
  } catch (err) {
    throw new CliError(`一致性测试无法运行：${message(err)}`, `conformance suites could not run: ${message(err)}`);
  }
  const err = (v: number): string =>
    Number.isNaN(v) ? 'NaN (缺失值不一致 / missing mismatch)' : v === 0 ? '0' : v.toExponential(2);
  const rows = results.map((r) => [
    r.suite,
    r.stage,
    err(r.worstError),
    String(r.tolerance),
    (r.ok ? '通过 / ok' : '超差 / FAIL') +
      (r.ranksExact === undefined ? '' : r.ranksExact ? ' (名次一致 / ranks exact)' : ' (名次不同 / ranks differ)'),
  ]);
  out(
    formatTable(['套件 / suite', '阶段 / stage', '最大误差 / worst error', '容差 / tolerance', '结果 / result'], rows),
  );
  const failed = results.filter((r) => !r.ok).length;
  if (failed > 0) throw new CliError(`${failed} 项超出容差`, `${failed} check(s) outside tolerance`);
  out(`全部 ${results.length} 项在容差内 / all ${results.length} checks within tolerance`);
}

/** Registers `index run` and `index conformance` on the program. */
export function registerIndexCommands(program: Command): void {
  const index = program.command('index').description('综合指数计算 / composite index');
  index
    .command('run')
    .description(
      '按方法文件计算综合指数，输出各阶段数据、得分、名次和参数日志 / run a method over a data set, writing every stage, scores, ranks and the parameter log',
    )
    .requiredOption(
      '--data <file>',
      '数据 CSV（单元代码列 + 每个指标一列，NA/空 = 缺失）/ data CSV (unit code + one column per indicator)',
    )
    .requiredOption('--meta <file>', '指标元数据 CSV（见 docs/INDEX-METHOD.md）/ indicator metadata CSV')
    .requiredOption('--method <file>', '方法文件 JSON / method file')
    .requiredOption('--out <dir>', '输出目录 / output folder')
    .option('--unit-column <name>', '单元代码列（默认第一列）/ unit code column (default: the first)')
    .action((opts: RunOptions) => runIndex(opts));
  index
    .command('conformance')
    .description(
      '运行三个公开一致性测试套件（COINr ASEM、COINr v1、UNDP HDI）/ run the three published conformance suites',
    )
    .argument('<dir>', 'composite-index 一致性测试目录 / the composite-index conformance folder')
    .action((dir: string) => conformance(dir));
}
