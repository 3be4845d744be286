/** `qixian index run` and `qixian index conformance`: the CLI side of the composite-index engine. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ZodError } from 'zod';
import {
  type DataSet,
  type Framework,
  type MethodSpec,
  type PipelineResult,
  dataSetCsvChunks,
  parseMethod,
  rankColumn,
  runConformance,
  runPipeline,
  selectIndicators,
} from '@qixian/composite-index';
import { CliError, formatTable, out } from './context.ts';
import { readDataInput, readFramework } from './index-input.ts';
import { coherenceStatistics, correlationsCsv, reliabilityCsv, runWarnings } from './index-outputs.ts';

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

export interface RunOptions {
  data: string;
  meta: string;
  method: string;
  out: string;
  unitColumn?: string;
}

/** Prints the run's warnings on stderr, Chinese then English (they are also in log.json). */
function printWarnings(warnings: ReturnType<typeof runWarnings>): void {
  for (const w of warnings) process.stderr.write(`警告 / warning [${w.stage}]: ${w.zh} / ${w.en}\n`);
}

/** Prints the top 5 units of the root aggregate. */
function printTop(scores: DataSet, ranks: DataSet, root: string): void {
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

/** `index run`: reads the three files, runs the method and writes the outputs (exported for in-process tests). */
export async function runIndex(opts: RunOptions): Promise<void> {
  const method = loadMethodFile(opts.method);
  const meta = await readFramework(opts.meta);
  const framework = meta.framework;
  const data = await readDataInput(opts.data, framework, method, opts.unitColumn);
  const { input, unitColumn } = data;
  let result: PipelineResult;
  try {
    result = runPipeline(method, input);
  } catch (err) {
    throw new CliError(`指数计算失败：${message(err)}`, `index run failed: ${message(err)}`);
  }
  fs.mkdirSync(opts.out, { recursive: true });
  const files: string[] = [];
  const write = (name: string, text: string | Iterable<string>): void => {
    const fd = fs.openSync(path.join(opts.out, name), 'w');
    try {
      for (const chunk of typeof text === 'string' ? [text] : text) fs.writeSync(fd, chunk);
    } finally {
      fs.closeSync(fd);
    }
    files.push(name);
  };
  for (const [name, ds] of Object.entries(result.datasets))
    write(`dataset-${name.replace(/[^\w.-]/g, '_')}.csv`, dataSetCsvChunks(ds, unitColumn));
  const { scores, ranks } = scoresAndRanks(result, framework);
  if (scores) write('scores.csv', dataSetCsvChunks(scores, unitColumn));
  if (ranks) write('ranks.csv', dataSetCsvChunks(ranks, unitColumn));
  const root = framework.aggregates.find((a) => a.parent === undefined)?.code;
  const stats = coherenceStatistics(result, framework);
  if (stats && root) {
    write('reliability.csv', reliabilityCsv(stats));
    write('correlations.csv', correlationsCsv(stats, root));
  }
  const encodings = { data: data.encoding, meta: meta.encoding, method: 'utf-8' };
  const inputs = Object.fromEntries(
    (['data', 'meta', 'method'] as const).map((k) => [
      k,
      { file: path.resolve(opts[k]), sha256: sha256(opts[k]), encoding: encodings[k] },
    ]),
  );
  const warnings = runWarnings(result);
  const log = {
    method,
    inputs,
    unitColumn,
    units: input.raw.units.length,
    createdAt: new Date().toISOString(),
    warnings,
    stages: result.log,
  };
  write('log.json', `${JSON.stringify(log, null, 2)}\n`);

  out(
    `指数计算完成 / index run complete: ${input.raw.units.length} 个单元 / units, ${framework.indicators.length} 个指标 / indicators, ` +
      `${method.stages.length} 个阶段 / stages (${result.log.map((l) => l.name).join(' → ')})`,
  );
  for (const [k, e] of Object.entries(encodings)) if (e !== 'utf-8') out(`${k}: 按 ${e} 编码读取 / read as ${e}`);
  out(`输出目录 / output: ${path.resolve(opts.out)} (${files.join(', ')})`);
  if (stats) {
    out("Cronbach's alpha / 克朗巴哈系数:");
    out(
      formatTable(
        ['聚合 / aggregate', '下级 / children', 'alpha', '平均相关 / mean r'],
        stats.map((s) => [s.code, String(s.children.length), fmt(s.alpha), fmt(s.meanCorrelation)]),
      ),
    );
  }
  if (scores && ranks && root && scores.indicators.includes(root) && ranks.indicators.includes(root))
    printTop(scores, ranks, root);
  if (warnings.length > 0) {
    out(`${warnings.length} 条警告（见标准错误输出和 log.json）/ ${warnings.length} warning(s) (stderr and log.json)`);
    printWarnings(warnings);
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
