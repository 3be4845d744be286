import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../../cli/context.ts';
import { runMarketEval } from './market.cli.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qixian-market-eval-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, body: string) => {
  fs.writeFileSync(path.join(tmp, name), body);
  return path.join(tmp, name);
};
const PAIRS = {
  pairs: [
    {
      id: 'p1',
      demand: { title: '土豆种越种越差', description: '自留种连续多年病害加重，薯块越结越小' },
      achievement: { title: '马铃薯茎尖脱毒技术', summary: '茎尖脱毒、雾培微型薯，生产脱毒种薯' },
    },
    {
      id: 'p2',
      demand: { title: '牛奶体细胞超标', description: '奶牛乳房红肿，乳企收奶扣钱' },
      achievement: { title: '奶牛隐性乳房炎快速诊断', summary: 'CMT检测与电导率监测' },
    },
  ],
};

function run(opts: Parameters<typeof runMarketEval>[0]): string[] {
  const lines: string[] = [];
  runMarketEval(opts, (l) => lines.push(l));
  return lines;
}

describe('qixian market eval', () => {
  it('prints one JSON line last with the figures', () => {
    const good = file('good.json', JSON.stringify(PAIRS));
    expect(JSON.parse(run({ pairs: good }).at(-1)!)).toEqual({
      pairs: 2,
      precisionAt1: 1,
      precisionAt5: 1,
      mrr: 1,
      ndcg10: 1,
    });
    const withDistractors = JSON.parse(run({ pairs: good, distractors: '50' }).at(-1)!);
    expect(Object.keys(withDistractors)).toEqual(['pairs', 'precisionAt1', 'precisionAt5', 'mrr', 'ndcg10']);
    expect(withDistractors.pairs).toBe(2);
  });

  it('prints per-split figures before the summary when pairs name splits', () => {
    const split = { pairs: PAIRS.pairs.map((p, i) => ({ ...p, split: i === 0 ? 'tune' : 'heldout' })) };
    const lines = run({ pairs: file('split.json', JSON.stringify(split)) });
    expect(lines.map((l) => (JSON.parse(l) as { split?: string }).split)).toEqual(['tune', 'heldout', undefined]);
  });

  it.each([
    [{ pairs: path.join(tmp, 'missing.json') }, /无法读取配对文件/],
    [{ pairs: 'BAD' }, /不是有效的 JSON/],
    [{ pairs: 'SHAPE' }, /格式不对/],
    [{ pairs: 'GOOD', distractors: '-3' }, /--distractors/],
    [{ pairs: 'GOOD', distractors: 'many' }, /--distractors/],
  ])('refuses bad input with a bilingual error (%o)', (opts, message) => {
    const paths: Record<string, string> = {
      BAD: file('bad.json', '{"pairs": ['),
      SHAPE: file('shape.json', '{"items": []}'),
      GOOD: file('good2.json', JSON.stringify(PAIRS)),
    };
    const resolved = { ...opts, pairs: paths[opts.pairs] ?? opts.pairs };
    expect(() => run(resolved)).toThrow(CliError);
    expect(() => run(resolved)).toThrow(message);
  });
});
