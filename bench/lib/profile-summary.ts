/**
 * Summarises a V8 .cpuprofile (from `bench/http.ts --cpu-prof`): self time by function and by package.
 *   npx tsx bench/lib/profile-summary.ts bench/profiles/<file>.cpuprofile [top]
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function packageOf(url: string): string {
  if (!url) return '(native/gc/idle)';
  if (url.startsWith('node:')) return 'node internals';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  const r = /\/(server\/src\/.*|bench\/.*|contracts\/.*)$/.exec(url);
  return r ? r[1]!.split('/').slice(0, 4).join('/') : url;
}

const file = process.argv[2];
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
const top = Number(process.argv[3] ?? 40);
const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const idle = [...self.entries()].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);

const byFn = new Map<string, number>();
const byPkg = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id)!;
  const fn = `${n.callFrame.functionName || '(anonymous)'}  ${packageOf(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  byFn.set(fn, (byFn.get(fn) ?? 0) + t);
  const pkg = n.callFrame.functionName === '(idle)' ? '(idle)' : n.callFrame.functionName === '(garbage collector)' ? '(gc)' : packageOf(n.callFrame.url);
  byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + t);
}
const pct = (t: number) => `${((100 * t) / (total - idle)).toFixed(1).padStart(5)}%`;
console.log(`total ${(total / 1e6).toFixed(2)} s, idle ${(idle / 1e6).toFixed(2)} s; shares below are of busy time\n`);
console.log('by package:');
for (const [k, t] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 25)) if (k !== '(idle)') console.log(`  ${pct(t)}  ${k}`);
console.log('\nby function (self):');
for (const [k, t] of [...byFn].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(t)}  ${k}`);
