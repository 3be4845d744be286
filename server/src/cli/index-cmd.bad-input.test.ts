/**
 * `qixian index run` under bad input: located errors or logged warnings. Most cases call the command in-process
 * (`runIndex`); one runs bin/qixian.js as a child to check what is printed and the exit code.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { cronbachAlpha, pearson } from '@qixian/composite-index';
import { CliError } from './context.ts';
import { runIndex } from './index-cmd.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = path.join(ROOT, 'bin', 'qixian.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qixian-index-bad-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  out: string;
}

const META =
  'code,type,parent,weight\na,Indicator,P1,1\nb,Indicator,P1,1\nc,Indicator,P2,1\nP1,Aggregate,Index,1\nP2,Aggregate,Index,1\nIndex,Aggregate,,1\n';
const GOOD = 'code,a,b,c\nU1,1,10,5\nU2,2,25,3\nU3,3,30,1\nU4,4,20,4\n';
const stages = (agg: object = {}, range = [0, 100]) => ({
  stages: [{ op: 'normalise', method: 'minMax', range }, { op: 'aggregate', ...agg }, { op: 'rank' }],
});

let n = 0;
/** Writes the data (text or bytes), metadata and method into a fresh folder; returns the command's options. */
function files(data: string | Buffer, meta = META, method: object = stages()) {
  const dir = path.join(tmp, String(++n));
  fs.mkdirSync(dir);
  const file = (name: string, body: string | Buffer) => {
    fs.writeFileSync(path.join(dir, name), body);
    return path.join(dir, name);
  };
  const opts = { data: file('data.csv', data), meta: file('meta.csv', meta), method: '', out: path.join(dir, 'out') };
  return { ...opts, method: file('method.json', JSON.stringify(method)) };
}

/** Runs the command in-process; the CLI error it stops with, or null. */
async function runIn(
  data: string | Buffer,
  meta = META,
  method: object = stages(),
): Promise<Run & { err: CliError | null }> {
  const opts = files(data, meta, method);
  try {
    await runIndex(opts);
    return { code: 0, stdout: '', stderr: '', out: opts.out, err: null };
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    return { code: 1, stdout: '', stderr: `${err.zh} / ${err.en}`, out: opts.out, err };
  }
}

/** Runs `qixian index run` as a child process (bin/qixian.js). */
function runChild(data: string, meta = META, method: object = stages()): Promise<Run> {
  const o = files(data, meta, method);
  const args = ['index', 'run', '--data', o.data, '--meta', o.meta, '--method', o.method, '--out', o.out];
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr, out: o.out });
    });
  });
}

const read = (r: Run, f: string): string => fs.readFileSync(path.join(r.out, f), 'utf8');
const csvRows = (text: string): string[][] =>
  text
    .trim()
    .split('\n')
    .map((l) => l.split(','));

describe('qixian index run: bad cells and rows stop with their row and column', () => {
  it(
    'refuses Infinity, 1e400, hex, ragged rows, duplicate units and negative weights',
    { timeout: 60_000 },
    async () => {
      const inf = await runIn('code,a,b,c\nU1,1,10,5\nU2,Infinity,20,3\nU3,3,30,1\n');
      const big = await runIn('code,a,b,c\nU1,1,10,5\nU2,2,20,3\nU3,3,1e400,1\n');
      const hex = await runIn('code,a,b,c\nU1,0x10,10,5\nU2,2,20,3\nU3,3,30,1\n');
      const short = await runIn('code,a,b,c\nU1,1,10,5\nU2,2,20\nU3,3,30,1\n');
      const long = await runIn('code,a,b,c\nU1,1,10,5\nU2,2,20,3\nU3,3,30,1,9\n');
      const dup = await runIn('code,a,b,c\nU1,1,10,5\nU2,2,20,3\nU1,3,30,1\n');
      const neg = await runIn(GOOD, META.replace('b,Indicator,P1,1', 'b,Indicator,P1,-0.9'));
      for (const r of [inf, big, hex, short, long, dup, neg]) {
        expect(r.code, r.stdout).toBe(1);
        expect(fs.existsSync(r.out)).toBe(false);
      }
      expect(inf.stderr).toContain('第 3 行（U2）列 a：不是十进制数：Infinity');
      expect(inf.stderr).toContain('row 3 (U2), column a: not a decimal number: Infinity');
      expect(big.stderr).toContain('row 4 (U3), column b: number out of range (not finite): 1e400');
      expect(hex.stderr).toContain('row 2 (U1), column a: not a decimal number: 0x10');
      expect(short.stderr).toContain('第 3 行有 3 个字段，表头有 4 列');
      expect(short.stderr).toContain('row 3 has 3 fields but the header has 4 columns');
      expect(long.stderr).toContain('row 4 has 5 fields but the header has 4 columns');
      expect(dup.stderr).toContain('单元代码重复：U1（第 4 行） / duplicate unit code: U1 (row 4)');
      expect(neg.stderr).toContain('metadata row 3: the weight of b is negative (-0.9)');
    },
  );
});

describe('qixian index run: encodings', () => {
  it('reads a GBK data file as GB18030 (as uploads are) and writes UTF-8', { timeout: 60_000 }, async () => {
    const gbk = iconv.encode('代码,a,b,c\n呼和浩特,1,10,5\n包头,2,25,3\n乌海,3,30,1\n赤峰,4,20,4\n', 'gbk');
    const r = await runIn(gbk);
    expect(r.err).toBeNull();
    expect(read(r, 'scores.csv').split('\n')[0]).toBe('代码,P1,P2,Index');
    expect(csvRows(read(r, 'ranks.csv')).map((row) => row[0])).toEqual(['代码', '呼和浩特', '包头', '乌海', '赤峰']);
    const log = JSON.parse(read(r, 'log.json')) as { inputs: { data: { encoding: string } } };
    expect(log.inputs.data.encoding).toBe('gb18030');
  });
});

describe('qixian index run: no silent missing values', () => {
  it('stops on geometric over min-max [0, 100], runs over [1, 100]', { timeout: 60_000 }, async () => {
    const zero = await runIn(GOOD, META, stages({ method: 'geometric' }));
    const one = await runIn(GOOD, META, stages({ method: 'geometric' }, [1, 100]));
    expect(zero.code).toBe(1);
    expect(zero.stderr).toContain('指数计算失败');
    expect(zero.stderr).toContain('aggregate P1 (geometric): a of U1 is 0; this mean needs values > 0');
    expect(one.code, one.stderr).toBe(0);
    expect(csvRows(read(one, 'scores.csv')).flat()).not.toContain('NA');
  });

  it(
    'logs a constant indicator on stderr and in log.json and still scores every unit',
    { timeout: 60_000 },
    async () => {
      const r = await runChild('code,a,b,c\nU1,1,7,5\nU2,2,7,3\nU3,3,7,1\nU4,4,7,4\n');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('警告 / warning [Normalised]: 指标 b 所有单元取值相同');
      expect(r.stderr).toContain('indicator b has the same value for every unit (zero variance)');
      expect(r.stdout).toContain('1 条警告');
      expect(r.stdout).toContain("Cronbach's alpha / 克朗巴哈系数:");
      const log = JSON.parse(read(r, 'log.json')) as { warnings: { stage: string; code: string }[] };
      expect(log.warnings).toEqual([expect.objectContaining({ stage: 'Normalised', code: 'constantIndicator' })]);
      expect(csvRows(read(r, 'scores.csv')).flat()).not.toContain('NA');
    },
  );
});

describe("qixian index run: Cronbach's alpha and correlations", () => {
  it('writes reliability.csv and correlations.csv from the aggregated data set', { timeout: 60_000 }, async () => {
    const r = await runIn(GOOD);
    expect(r.err).toBeNull();
    const agg = csvRows(read(r, 'dataset-Aggregated.csv'));
    const col = (name: string) => Float64Array.from(agg.slice(1), (row) => Number(row[agg[0]!.indexOf(name)]));
    const rel = csvRows(read(r, 'reliability.csv'));
    expect(rel[0]).toEqual(['aggregate', 'level', 'children', 'alpha', 'meanCorrelation', 'firstComponentShare']);
    const p1 = rel.find((row) => row[0] === 'P1')!;
    expect(p1.slice(0, 3)).toEqual(['P1', '1', 'a b']);
    expect(Number(p1[3])).toBeCloseTo(cronbachAlpha([col('a'), col('b')]), 12);
    expect(Number(p1[4])).toBeCloseTo(pearson(col('a'), col('b')), 12);
    expect(rel.find((row) => row[0] === 'P2')![3]).toBe('NA'); // one child: no alpha
    const cor = csvRows(read(r, 'correlations.csv'));
    expect(cor[0]).toEqual(['aggregate', 'child', 'with', 'r']);
    const r1 = (a: string, b: string, w: string) => Number(cor.find((x) => x[0] === a && x[1] === b && x[2] === w)![3]);
    expect(r1('P1', 'a', 'b')).toBeCloseTo(pearson(col('a'), col('b')), 12);
    expect(r1('P1', 'b', 'P1')).toBeCloseTo(pearson(col('b'), col('P1')), 12);
    expect(r1('P1', 'a', 'Index')).toBeCloseTo(pearson(col('a'), col('Index')), 12);
    expect(r1('Index', 'P2', 'Index')).toBeCloseTo(pearson(col('P2'), col('Index')), 12);
  });
});
