/**
 * `qixian market …` commands. `market eval --pairs FILE.json [--distractors N]`: the matching engine's offline
 * evaluation on labelled demand/achievement pairs; prints the figures of each split (when the pairs name one) and, as
 * the last line, one JSON object {"pairs","precisionAt1","precisionAt5","mrr","ndcg10"} over every pair.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { CliError, withDatabase } from '../../cli/context.ts';
import { AppError } from '../../platform/errors/errors.ts';
import { checkDigestDate, runDigest } from './matches/digest.service.ts';
import { evaluatePairs, figuresOf, PairsFileError, parsePairsFile } from './matching/eval/evaluate.ts';
import { syntheticAchievements } from './matching/synthetic.ts';

export interface EvalOptions {
  pairs: string;
  distractors?: string;
  seed?: string;
  verbose?: boolean;
}

const MAX_DISTRACTORS = 1_000_000;

function wholeNumber(value: string | undefined, fallback: number, name: string, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim()) || Number(value) > max)
    throw new CliError(
      `${name} 应为 0 到 ${max} 之间的整数：${value}`,
      `${name} must be a whole number from 0 to ${max}: ${value}`,
    );
  return Number(value);
}

/** Runs `market eval`; returns the lines it prints (the last is the JSON summary). */
export function runMarketEval(
  opts: EvalOptions,
  print: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): void {
  const distractors = wholeNumber(opts.distractors, 0, '--distractors', MAX_DISTRACTORS);
  const seed = wholeNumber(opts.seed, 20260701, '--seed', 2 ** 31);
  let text: string;
  try {
    text = fs.readFileSync(opts.pairs, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new CliError(
      `无法读取配对文件 ${opts.pairs}（${code}）`,
      `cannot read the pairs file ${opts.pairs} (${code})`,
    );
  }
  let pairs;
  try {
    pairs = parsePairsFile(text);
  } catch (err) {
    if (err instanceof PairsFileError) throw new CliError(err.zh, err.en);
    throw err;
  }
  const result = evaluatePairs(pairs, syntheticAchievements(distractors, seed, 'distractor'));
  if (opts.verbose) {
    for (const r of result.ranks)
      if (r.rank !== 1) print(JSON.stringify({ miss: r.id, rank: r.rank, top: r.top ?? null }));
  }
  const splits = [...new Set(result.ranks.map((r) => r.split).filter((s): s is string => s !== undefined))];
  if (splits.length > 1 || (splits.length === 1 && result.ranks.some((r) => r.split === undefined))) {
    for (const split of splits) {
      const figures = figuresOf(result.ranks.filter((r) => r.split === split).map((r) => r.rank));
      print(JSON.stringify({ split, distractors, ...figures }));
    }
  }
  const { pairs: n, precisionAt1, precisionAt5, mrr, ndcg10 } = result;
  print(JSON.stringify({ pairs: n, precisionAt1, precisionAt5, mrr, ndcg10 }));
}

/** Runs `market digest [--date YYYY-MM-DD]` on the configured database; returns the line it prints. */
export async function runMarketDigest(
  opts: { date?: string },
  print: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<void> {
  try {
    if (opts.date !== undefined) checkDigestDate(opts.date);
  } catch (err) {
    if (err instanceof AppError)
      throw new CliError(`日期应为 YYYY-MM-DD：${opts.date}`, `--date must be YYYY-MM-DD: ${opts.date}`);
    throw err;
  }
  const result = await withDatabase(({ deps }) => runDigest(deps, opts.date));
  print(JSON.stringify(result));
}

/** Adds `market eval` and `market digest` to the `qixian` tool. */
export function registerMarketCommands(program: Command): void {
  const market = program.command('market').description('科技成果转移转化 / technology transfer market');
  market
    .command('eval')
    .description('匹配引擎离线评测（需求—成果标注对）/ offline evaluation of the matching engine on labelled pairs')
    .requiredOption(
      '--pairs <file>',
      '标注对 JSON：{"pairs":[{"id","demand":{"title","description"},"achievement":{"title","summary"}}]} / labelled pairs',
    )
    .option(
      '--distractors <n>',
      '另加 N 条生成的干扰成果（默认 0）/ add N generated distractor achievements (default 0)',
    )
    .option('--seed <n>', '干扰成果的随机种子 / seed of the distractor generator')
    .option('--verbose', '逐条列出未排第一的需求 / list the demands whose achievement is not first')
    .action((opts: EvalOptions) => runMarketEval(opts));
  market
    .command('digest')
    .description(
      '发送每日匹配推荐（同一天只发一次；供 cron 每日调用）/ send the daily match digest to owners (once per day)',
    )
    .option('--date <YYYY-MM-DD>', '推荐日期（默认今天，UTC）/ digest date (default today, UTC)')
    .action((opts: { date?: string }) => runMarketDigest(opts));
}
