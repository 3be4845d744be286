/** `qixian index run` and `qixian index conformance` run as child processes (through bin/qixian.js). */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = path.join(ROOT, 'bin', 'qixian.js');
const CONFORMANCE = path.resolve(ROOT, '../shared/conformance/composite-index');
const hasConformance = fs.existsSync(path.resolve(ROOT, '../shared/conformance'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qixian-index-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function qixian(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('qixian index', () => {
  it(
    'runs a method over a tiny data set and rejects a broken method file in Chinese',
    { timeout: 60_000 },
    async () => {
      const data = write(
        'data.csv',
        'code,league,a,b,c\nU1,East,1,10,5\nU2,East,2,NA,3\nU3,West,3,30,1\nU4,West,,20,4\n',
      );
      const meta = write(
        'meta.csv',
        'code,type,parent,weight,direction\na,Indicator,P1,1,1\nb,Indicator,P1,1,1\nc,Indicator,P2,1,-1\n' +
          'P1,Aggregate,Index,1,\nP2,Aggregate,Index,1,\nIndex,Aggregate,,1,\n',
      );
      const method = write(
        'method.json',
        JSON.stringify({
          stages: [
            { op: 'impute', method: 'groupMean', groupBy: 'league' },
            { op: 'normalise', method: 'minMax', range: [0, 100] },
            { op: 'aggregate' },
            { op: 'rank' },
          ],
        }),
      );
      const broken = write('broken.json', JSON.stringify({ stages: [{ op: 'normalise', method: 'sideways' }] }));
      const outDir = path.join(tmp, 'out');
      const [ok, bad] = await Promise.all([
        qixian(['index', 'run', '--data', data, '--meta', meta, '--method', method, '--out', outDir]),
        qixian(['index', 'run', '--data', data, '--meta', meta, '--method', broken, '--out', path.join(tmp, 'bad')]),
      ]);

      expect(ok, ok.stderr).toMatchObject({ code: 0 });
      expect(ok.stdout).toContain('指数计算完成 / index run complete: 4 个单元 / units, 3 个指标 / indicators');
      expect(fs.readdirSync(outDir).sort()).toEqual([
        'correlations.csv',
        'dataset-Aggregated.csv',
        'dataset-Imputed.csv',
        'dataset-Normalised.csv',
        'dataset-Ranks.csv',
        'dataset-Raw.csv',
        'log.json',
        'ranks.csv',
        'reliability.csv',
        'scores.csv',
      ]);
      // Imputed by league mean: U2.b = 10, U4.a = 3; min-max with c reversed; P1 = mean(a, b), Index = mean(P1, P2).
      const read = (f: string): string => fs.readFileSync(path.join(outDir, f), 'utf8');
      expect(read('dataset-Imputed.csv')).toBe('code,a,b,c\nU1,1,10,5\nU2,2,10,3\nU3,3,30,1\nU4,3,20,4\n');
      expect(read('scores.csv')).toBe('code,P1,P2,Index\nU1,0,0,0\nU2,25,50,37.5\nU3,100,100,100\nU4,75,25,50\n');
      expect(read('ranks.csv')).toBe('code,P1,P2,Index\nU1,4,4,4\nU2,3,2,3\nU3,1,1,1\nU4,2,3,2\n');
      const log = JSON.parse(read('log.json')) as { stages: { name: string; input: string }[] };
      expect(log.stages.map((s) => `${s.input}->${s.name}`)).toEqual([
        'Raw->Imputed',
        'Imputed->Normalised',
        'Normalised->Aggregated',
        'Aggregated->Ranks',
      ]);

      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('方法文件无效');
      expect(bad.stderr).toContain('stages.0.method');
      expect(fs.existsSync(path.join(tmp, 'bad'))).toBe(false);
    },
  );
});

describe.skipIf(!hasConformance)('qixian index conformance (needs ../shared/conformance)', () => {
  it('runs the three published suites within tolerance', { timeout: 60_000 }, async () => {
    const r = await qixian(['index', 'conformance', CONFORMANCE]);
    expect(r, r.stderr).toMatchObject({ code: 0 });
    for (const suite of ['asem', 'asem_v1', 'hdi']) expect(r.stdout).toMatch(new RegExp(`^${suite}\\s`, 'm'));
    expect(r.stdout).toContain('all 12 checks within tolerance');
  });
});
